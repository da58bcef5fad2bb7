/** The term history (oldest first) and the Renew dialog. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Modal } from "../../components/Modal";
import { Button, Card, Field, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseRenewals_LicenseFragment } from "../../gql/graphql";
import { addDays, formatDate, todayIso } from "../../lib/dates";
import { ActionError, showFieldErrors, useAction } from "../../lib/action";
import { formatMoney } from "../../lib/money";
import { LISTS, LicenseRenewMutation } from "./mutations";
import { useLicenseVariables } from "./useLicenseVariables";
import { currencySchema, decimalSchema } from "./schemas";

export const LicenseRenewalsFragment = graphql(`
  fragment LicenseRenewals_license on License {
    id
    version
    status
    expiresOn
    currency
    renewals {
      id
      startsOn
      endsOn
      cost @include(if: $withCost)
      currency
      note
      createdAt
    }
  }
`);

export function LicenseRenewals({
  license,
  showCost,
  mayRenew,
}: {
  license: LicenseRenewals_LicenseFragment;
  showCost: boolean;
  mayRenew: boolean;
}) {
  const [open, setOpen] = useState(false);
  const canRenew = mayRenew && license.status !== "REVOKED";
  return (
    <Card
      title="Terms"
      actions={
        canRenew && (
          <Button variant="primary" onClick={() => setOpen(true)}>
            Renew
          </Button>
        )
      }
    >
      {license.renewals.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No terms recorded yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Term history">
            <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  From
                </th>
                <th scope="col" className="py-1 pr-3">
                  To
                </th>
                {showCost && (
                  <th scope="col" className="py-1 pr-3 text-right">
                    Cost
                  </th>
                )}
                <th scope="col" className="py-1">
                  Note
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {license.renewals.map((term) => (
                <tr key={term.id}>
                  <td className="py-1.5 pr-3 whitespace-nowrap">{formatDate(term.startsOn)}</td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">{formatDate(term.endsOn)}</td>
                  {showCost && (
                    <td className="py-1.5 pr-3 text-right whitespace-nowrap tabular-nums">
                      {formatMoney(term.cost, term.currency)}
                    </td>
                  )}
                  <td className="py-1.5">{term.note || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canRenew && <RenewDialog license={license} open={open} onOpenChange={setOpen} showCost={showCost} />}
    </Card>
  );
}

const RenewSchema = z
  .object({
    startsOn: z.iso.date("Enter the first day of the new term."),
    endsOn: z.iso.date("Enter the last day of the new term."),
    cost: decimalSchema,
    currency: currencySchema,
    note: z.string().trim().max(500, "At most 500 characters."),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], message: "The term must end on or after its first day." })
  .refine((v) => !v.cost || v.currency, { path: ["currency"], message: "Give the currency of the cost." });
type RenewValues = z.input<typeof RenewSchema>;
const RENEW_FIELDS = ["startsOn", "endsOn", "cost", "currency", "note"] as const;

function RenewDialog({
  license,
  open,
  onOpenChange,
  showCost,
}: {
  license: LicenseRenewals_LicenseFragment;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  showCost: boolean;
}) {
  const vars = useLicenseVariables(showCost);
  const renew = useAction(LicenseRenewMutation, { kind: "license", refetchQueries: LISTS, fields: RENEW_FIELDS });
  const start = license.expiresOn && license.expiresOn >= todayIso() ? addDays(license.expiresOn, 1) : todayIso();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<RenewValues>({
    resolver: zodResolver(RenewSchema),
    values: {
      startsOn: start,
      endsOn: addDays(addDays(start, 365), -1),
      cost: "",
      currency: license.currency ?? "",
      note: "",
    },
  });

  const onSubmit = handleSubmit(async (v) => {
    const { ok, errors: refused } = await renew.run({
      ...vars,
      input: {
        id: license.id,
        version: license.version,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        cost: v.cost || null,
        currency: v.currency ? v.currency.toUpperCase() : null,
        note: v.note.trim(),
      },
    });
    showFieldErrors(refused, RENEW_FIELDS, setError);
    if (!ok) return;
    reset();
    onOpenChange(false);
  });

  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="Renew license"
      description="Record a new term. The license then expires on its last day; earlier terms stay in the history."
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2">
        <Field label="First day" htmlFor="renew-startsOn" error={errors.startsOn?.message}>
          <input
            id="renew-startsOn"
            type="date"
            className={inputClass}
            {...errorProps("renew-startsOn", errors.startsOn?.message)}
            {...register("startsOn")}
          />
        </Field>
        <Field label="Last day" htmlFor="renew-endsOn" error={errors.endsOn?.message}>
          <input
            id="renew-endsOn"
            type="date"
            className={inputClass}
            {...errorProps("renew-endsOn", errors.endsOn?.message)}
            {...register("endsOn")}
          />
        </Field>
        {showCost && (
          <>
            <Field label="Cost of the term" htmlFor="renew-cost" error={errors.cost?.message}>
              <input
                id="renew-cost"
                inputMode="decimal"
                className={inputClass}
                {...errorProps("renew-cost", errors.cost?.message)}
                {...register("cost")}
              />
            </Field>
            <Field label="Currency" htmlFor="renew-currency" error={errors.currency?.message}>
              <input
                id="renew-currency"
                maxLength={3}
                className={`${inputClass} uppercase`}
                {...errorProps("renew-currency", errors.currency?.message)}
                {...register("currency")}
              />
            </Field>
          </>
        )}
        <Field label="Note" htmlFor="renew-note" error={errors.note?.message} className="sm:col-span-2">
          <input
            id="renew-note"
            className={inputClass}
            {...errorProps("renew-note", errors.note?.message)}
            {...register("note")}
          />
        </Field>
        <ActionError problem={renew.problem} className="sm:col-span-2" />
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={isSubmitting}>
            Renew
          </Button>
        </div>
      </form>
    </Modal>
  );
}
