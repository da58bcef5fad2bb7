/** Your API tokens (never their values), creating one (shown once) and revoking. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { ConfirmButton } from "../../components/ConfirmButton";
import { Modal } from "../../components/Modal";
import { ShownOnce } from "../../components/ShownOnce";
import { Badge, Button, Card, Field, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { ApiTokenList_TokenFragment } from "../../gql/graphql";
import { formatDate, formatDateTime, todayIso } from "../../lib/dates";
import { ActionError, showFieldErrors, useAction } from "../../lib/action";
import { ApiTokenCreateMutation, ApiTokenRevokeMutation, LISTS } from "./mutations";
import { ScopeFieldset } from "./ScopeFieldset";

export const ApiTokenListFragment = graphql(`
  fragment ApiTokenList_token on ApiToken {
    id
    name
    prefix
    scopes
    createdAt
    expiresAt
    lastUsedAt
  }
`);

export function ApiTokenList({ tokens }: { tokens: readonly ApiTokenList_TokenFragment[] }) {
  const revoke = useAction(ApiTokenRevokeMutation, { kind: "API token", refetchQueries: LISTS });
  const [creating, setCreating] = useState(false);

  return (
    <Card
      title="API tokens"
      actions={
        <Button variant="primary" onClick={() => setCreating(true)}>
          New token
        </Button>
      }
    >
      <ActionError problem={revoke.problem} className="mb-2" />
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">You have no API tokens.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="API tokens">
            <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Name
                </th>
                <th scope="col" className="py-1 pr-3">
                  Starts with
                </th>
                <th scope="col" className="py-1 pr-3">
                  Scopes
                </th>
                <th scope="col" className="py-1 pr-3">
                  Expires
                </th>
                <th scope="col" className="py-1 pr-3">
                  Last used
                </th>
                <th scope="col" className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {tokens.map((t) => (
                <tr key={t.id} data-testid="token-row">
                  <td className="py-1.5 pr-3 font-medium">{t.name}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{t.prefix}…</td>
                  <td className="py-1.5 pr-3">
                    {t.scopes.length === 0 ? (
                      "All your rights"
                    ) : (
                      <span className="flex flex-wrap gap-1">
                        {t.scopes.map((s) => (
                          <Badge key={s}>{s}</Badge>
                        ))}
                      </span>
                    )}
                  </td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {t.expiresAt ? formatDate(t.expiresAt.slice(0, 10)) : "Never"}
                  </td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}
                  </td>
                  <td className="py-1.5 text-right">
                    <ConfirmButton
                      disabled={revoke.loading}
                      label={`Revoke ${t.name}`}
                      title="Revoke API token"
                      description={`Programs using “${t.name}” stop working at once.`}
                      confirm="Revoke token"
                      onConfirm={() => revoke.run({ id: t.id })}
                    >
                      Revoke
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateTokenDialog open={creating} onOpenChange={setCreating} />
    </Card>
  );
}

const TokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "At most 100 characters."),
  scopes: z.array(z.string()),
  expiresOn: z
    .union([z.literal(""), z.iso.date("Enter a date.")])
    .refine((v) => !v || v > todayIso(), "Choose a day after today."),
});
type TokenValues = z.input<typeof TokenSchema>;
const TOKEN_FIELDS = ["name", "scopes", "expiresAt"] as const;
const FORM_FIELD = { name: "name", scopes: "scopes", expiresAt: "expiresOn" } as const;

function CreateTokenDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const create = useAction(ApiTokenCreateMutation, { kind: "API token", refetchQueries: LISTS, fields: TOKEN_FIELDS });
  const [token, setToken] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TokenValues>({
    resolver: zodResolver(TokenSchema),
    defaultValues: { name: "", scopes: [], expiresOn: "" },
  });

  const close = (next: boolean) => {
    if (!next) {
      // The value is gone for good once the dialog closes.
      setToken(null);
      create.clear();
      reset();
    }
    onOpenChange(next);
  };

  const onSubmit = handleSubmit(async (v) => {
    const result = await create.run({
      input: {
        name: v.name.trim(),
        scopes: v.scopes,
        expiresAt: v.expiresOn ? new Date(`${v.expiresOn}T23:59:59`).toISOString() : null,
      },
    });
    showFieldErrors(result.errors, TOKEN_FIELDS, (field, error) => setError(FORM_FIELD[field], error));
    if (result.ok) setToken(result.data?.apiTokenCreate.token ?? null);
  });

  return (
    <Modal open={open} onOpenChange={close} title={token ? "Your new API token" : "New API token"}>
      {token ? (
        <ShownOnce value={token} testId="new-token" onDone={() => close(false)}>
          This is the only time the token is shown. Store it somewhere safe; anyone holding it acts as you.
        </ShownOnce>
      ) : (
        <form onSubmit={onSubmit} noValidate className="grid gap-3">
          <Field label="Name" htmlFor="token-name" error={errors.name?.message}>
            <input
              id="token-name"
              className={inputClass}
              {...errorProps("token-name", errors.name?.message)}
              {...register("name")}
            />
          </Field>
          <ScopeFieldset
            legend="Scopes"
            hint="None chosen: the token has all of your rights."
            registration={register("scopes")}
            error={errors.scopes?.message}
            errorId="token-scopes"
          />
          <Field
            label="Expires on"
            htmlFor="token-expiresOn"
            error={errors.expiresOn?.message}
            hint="Optional; leave empty for a token that does not expire."
          >
            <input
              id="token-expiresOn"
              type="date"
              className={inputClass}
              {...errorProps("token-expiresOn", errors.expiresOn?.message)}
              {...register("expiresOn")}
            />
          </Field>
          <ActionError problem={create.problem} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => close(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={isSubmitting}>
              Create token
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
