/** Grants on one license (admins and the license's owner) or on a vendor (admins only; it
 * covers all that vendor's licenses): list, add (to a user or a team, with rights) and revoke.
 * The server decides which rights an owner may pass on. */
import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";

import { Alert, Badge, Button, Card, Field, inputClass, titleCase } from "../../components/ui";
import { graphql } from "../../gql";
import type { GrantRight, LicenseGrants_LicenseFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { describeError, splitUserErrors } from "../../lib/errors";
import { GRANT_LISTS, GrantCreateMutation, GrantRevokeMutation } from "./mutations";

export const LicenseGrantsFragment = graphql(`
  fragment LicenseGrants_license on License {
    id
    owner {
      id
    }
  }
`);

const LicenseGrantsQuery = graphql(`
  query LicenseGrants($licenseId: ID, $vendorId: ID, $withUsers: Boolean!) {
    grants(licenseId: $licenseId, vendorId: $vendorId) {
      id
      rights
      createdAt
      user {
        id
        name
        email @include(if: $withUsers)
      }
      team {
        id
        name
      }
    }
    users(includeInactive: false) @include(if: $withUsers) {
      id
      name
      email
    }
    teams @include(if: $withUsers) {
      id
      name
    }
  }
`);

const RIGHTS: readonly GrantRight[] = ["VIEW", "CHANGE", "ASSIGN", "REVEAL", "DELETE"];

/** What the grants are on: one license, or every license of a vendor. */
export type GrantTarget = { licenseId: string; vendorId?: never } | { vendorId: string; licenseId?: never };

export function LicenseGrants({ license, withUsers }: { license: LicenseGrants_LicenseFragment; withUsers: boolean }) {
  return <Grants target={{ licenseId: license.id }} withUsers={withUsers} />;
}

export function Grants({
  target,
  withUsers,
  title = "Grants",
  note,
}: {
  target: GrantTarget;
  withUsers: boolean;
  title?: string;
  note?: string;
}) {
  const selectId = useId();
  const onVendor = target.vendorId != null;
  const { data, error } = useQuery(LicenseGrantsQuery, {
    variables: { ...target, withUsers },
    fetchPolicy: "cache-and-network",
  });
  const create = useAction(GrantCreateMutation, {
    kind: "grant",
    refetchQueries: GRANT_LISTS,
    fields: ["userId", "teamId", "rights"],
  });
  const revoke = useAction(GrantRevokeMutation, { kind: "grant", refetchQueries: GRANT_LISTS });
  const creating = create.loading;
  const revoking = revoke.loading;
  const problem = create.problem ?? revoke.problem;
  const [grantee, setGrantee] = useState("");
  const [rights, setRights] = useState<GrantRight[]>(["VIEW"]);
  const [fieldErrors, setFieldErrors] = useState<{ grantee?: string; rights?: string }>({});

  const onAdd = async () => {
    revoke.clear();
    setFieldErrors({});
    if (!grantee) return setFieldErrors({ grantee: "Choose a user or a team." });
    if (rights.length === 0) return setFieldErrors({ rights: "Choose at least one right." });
    const [kind, id] = grantee.split(":", 2) as [string, string];
    const { ok, errors } = await create.run({
      input: { ...target, rights, ...(kind === "team" ? { teamId: id } : { userId: id }) },
    });
    const { byField } = splitUserErrors(errors, ["userId", "teamId", "rights"] as const);
    setFieldErrors({ grantee: byField.userId ?? byField.teamId, rights: byField.rights });
    if (!ok) return;
    setGrantee("");
    setRights(["VIEW"]);
  };

  const onRevoke = async (id: string) => {
    create.clear();
    await revoke.run({ id });
  };

  const grants = data?.grants ?? [];
  return (
    <Card title={title}>
      {note && (
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="grants-note">
          {note}
        </p>
      )}
      {error && !data && <Alert>{describeError(error)}</Alert>}
      <ActionError problem={problem} className="mb-2" />
      {grants.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No one has extra rights on {onVendor ? "this vendor" : "this license"}.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-100 text-sm dark:divide-slate-800"
          aria-label="Grants"
          data-testid="grants"
        >
          {grants.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span>
                {g.team ? `Team ${g.team.name}` : g.user ? g.user.name || g.user.email || "A user" : "—"}{" "}
                <span className="inline-flex flex-wrap gap-1">
                  {g.rights.map((r) => (
                    <Badge key={r}>{titleCase(r)}</Badge>
                  ))}
                </span>
              </span>
              <Button variant="ghost" disabled={revoking} onClick={() => void onRevoke(g.id)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      {data?.users || data?.teams ? (
        <form
          aria-label="Add a grant"
          className="mt-3 grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void onAdd();
          }}
        >
          <Field label="Grant to" htmlFor={selectId} error={fieldErrors.grantee}>
            <select id={selectId} className={inputClass} value={grantee} onChange={(e) => setGrantee(e.target.value)}>
              <option value="">Choose…</option>
              {data.teams && data.teams.length > 0 && (
                <optgroup label="Teams">
                  {data.teams.map((t) => (
                    <option key={t.id} value={`team:${t.id}`}>
                      {t.name}
                    </option>
                  ))}
                </optgroup>
              )}
              {data.users && (
                <optgroup label="Users">
                  {data.users.map((u) => (
                    <option key={u.id} value={`user:${u.id}`}>
                      {u.email ?? u.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </Field>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">
              Rights (each includes view)
            </legend>
            <div className="flex flex-wrap gap-3">
              {RIGHTS.map((r) => (
                <label key={r} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={rights.includes(r)}
                    onChange={(e) => setRights(e.target.checked ? [...rights, r] : rights.filter((x) => x !== r))}
                  />
                  {titleCase(r)}
                </label>
              ))}
            </div>
            {fieldErrors.rights && (
              <p
                role="alert"
                data-field-error="grant-rights"
                className="mt-1 text-xs font-medium text-red-600 dark:text-red-400"
              >
                {fieldErrors.rights}
              </p>
            )}
          </fieldset>
          <div>
            <Button type="submit" disabled={creating}>
              Add grant
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
