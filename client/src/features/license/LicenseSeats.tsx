/** Who holds a seat; assign and unassign for those who may. NO_SEATS_LEFT and ALREADY_ASSIGNED
 * come back as payload errors and are shown beside the form. */
import { useId, useState } from "react";

import { Button, Card, Field, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseSeats_LicenseFragment, LicenseSeats_QueryFragment } from "../../gql/graphql";
import { formatDate } from "../../lib/dates";
import { ActionError, useAction } from "../../lib/action";
import { splitUserErrors } from "../../lib/errors";
import { LicenseAssignMutation, LicenseUnassignMutation } from "./mutations";
import { useLicenseVariables } from "./useLicenseVariables";
import { plural } from "../../lib/plural";

export const LicenseSeatsFragment = graphql(`
  fragment LicenseSeats_license on License {
    id
    status
    seats
    seatsUsed
    seatsFree
    assignments {
      id
      assignedAt
      endsOn
      user {
        id
        name
        email @include(if: $withUsers)
      }
    }
  }
`);

export const LicenseSeatsQueryFragment = graphql(`
  fragment LicenseSeats_query on Query {
    users(includeInactive: false) @include(if: $withUsers) {
      id
      name
      email
    }
  }
`);

export function LicenseSeats({
  license,
  query,
  mayAssign,
}: {
  license: LicenseSeats_LicenseFragment;
  query: LicenseSeats_QueryFragment | undefined;
  mayAssign: boolean;
}) {
  const id = useId();
  const [userId, setUserId] = useState("");
  const [until, setUntil] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ userId?: string; until?: string }>({});
  const { withUsers } = useLicenseVariables();
  const assign = useAction(LicenseAssignMutation, { kind: "license", fields: ["userId", "until"] });
  const unassign = useAction(LicenseUnassignMutation, { kind: "license" });
  const assigning = assign.loading;
  const unassigning = unassign.loading;
  const problem = assign.problem ?? unassign.problem;
  const holders = new Set(license.assignments.map((a) => a.user.id));
  const candidates = (query?.users ?? []).filter((u) => !holders.has(u.id));
  const revoked = license.status === "REVOKED";

  const onAssign = async (e: React.FormEvent) => {
    e.preventDefault();
    unassign.clear();
    setFieldErrors({});
    if (!userId) {
      setFieldErrors({ userId: "Choose who gets the seat." });
      return;
    }
    const { ok, errors } = await assign.run({
      input: { licenseId: license.id, userId, until: until || null },
      withUsers,
    });
    setFieldErrors(splitUserErrors(errors, ["userId", "until"] as const).byField);
    if (!ok) return;
    setUserId("");
    setUntil("");
  };

  const onUnassign = async (holderId: string) => {
    assign.clear();
    await unassign.run({ input: { licenseId: license.id, userId: holderId }, withUsers });
  };

  return (
    <Card title="Seats">
      <p className="mb-3 text-sm" data-testid="seat-summary">
        {license.seats == null
          ? `${license.seatsUsed} assigned · unlimited seats`
          : `${license.seatsUsed} of ${plural(license.seats, "seat")} assigned · ${license.seatsFree ?? 0} free`}
      </p>
      {license.assignments.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">Nobody holds a seat.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Seat holders">
          {license.assignments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <div className="min-w-0">
                <span className="font-medium">{a.user.name || a.user.email || "A user"}</span>
                {a.user.email && a.user.name && (
                  <span className="text-slate-500 dark:text-slate-400"> · {a.user.email}</span>
                )}
                <div className="text-xs text-slate-500 dark:text-slate-400">
                  since {formatDate(a.assignedAt.slice(0, 10))}
                  {a.endsOn && ` · until ${formatDate(a.endsOn)}`}
                </div>
              </div>
              {mayAssign && (
                <Button variant="ghost" disabled={unassigning} onClick={() => void onUnassign(a.user.id)}>
                  Unassign<span className="sr-only"> {a.user.name || a.user.email}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayAssign && !revoked && (
        <form
          onSubmit={(e) => void onAssign(e)}
          className="mt-4 grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end"
          aria-label="Assign a seat"
        >
          <Field label="Assign to" htmlFor={`${id}-user`} error={fieldErrors.userId}>
            <select
              id={`${id}-user`}
              className={inputClass}
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
              {...errorProps(`${id}-user`, fieldErrors.userId)}
            >
              <option value="">Choose a person…</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name ? `${u.name} (${u.email})` : u.email}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Until (optional)" htmlFor={`${id}-until`} error={fieldErrors.until}>
            <input
              id={`${id}-until`}
              type="date"
              className={inputClass}
              value={until}
              onChange={(e) => setUntil(e.target.value)}
              {...errorProps(`${id}-until`, fieldErrors.until)}
            />
          </Field>
          <Button type="submit" variant="primary" disabled={assigning}>
            Assign seat
          </Button>
        </form>
      )}
      <div data-testid="seat-error">
        <ActionError problem={problem} className="mt-3" />
      </div>
    </Card>
  );
}
