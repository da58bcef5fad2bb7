/** The token scopes as a fieldset of checkboxes, for an API token and an OAuth client. */
import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

/** The scopes named in ApiTokenCreateInput.scopes's description. */
export const TOKEN_SCOPES = [
  { value: "licenses:read", label: "Read licenses" },
  { value: "licenses:write", label: "Change licenses" },
  { value: "secrets:reveal", label: "Reveal secrets" },
  { value: "audit:read", label: "Read the audit log" },
  { value: "admin", label: "Administer" },
  { value: "account", label: "Manage your password, sessions and tokens" },
] as const;

export function ScopeFieldset({
  legend,
  hint,
  registration,
  error,
  errorId,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  /** `register("scopes")` of the form. */
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  /** The error's `data-field-error`, e.g. "token-scopes". */
  errorId: string;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">{legend}</legend>
      {hint && <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      <div className="grid gap-1 sm:grid-cols-2">
        {TOKEN_SCOPES.map((s) => (
          <label key={s.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={s.value} {...registration} />
            {s.label} <span className="font-mono text-xs text-slate-500">{s.value}</span>
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" data-field-error={errorId} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
