/** Who holds a seat, and who did; assign and unassign for those who may. Assigning is offered
 * only while a seat is free (the server still refuses a race for the last one: NO_SEATS_LEFT);
 * the person is picked by a server-side search. Unassigning asks for a note and can be undone
 * for a few seconds (a toast whose Undo assigns the seat again, with the same end date). */
import { useEffect, useId, useState } from "react";

import { Modal } from "../../components/Modal";
import { Button, Card, Field, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseSeats_LicenseFragment } from "../../gql/graphql";
import { formatDate } from "../../lib/dates";
import { ActionError, useAction } from "../../lib/action";
import { splitUserErrors } from "../../lib/errors";
import { LicenseAssignMutation, LicenseUnassignMutation } from "./mutations";
import { UserPicker } from "./UserPicker";
import { PersonLink } from "../seats/PersonLink";
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
    pastAssignments {
      id
      assignedAt
      endedAt
      endNote
      user {
        id
        name
        email @include(if: $withUsers)
      }
    }
  }
`);

/** How long the Undo of an unassignment is offered. */
export const UNDO_MS = 8000;

type Holder = LicenseSeats_LicenseFragment["assignments"][number];

function personName(user: { name: string; email?: string | null }): string {
  return user.name || user.email || "A user";
}

export function LicenseSeats({ license, mayAssign }: { license: LicenseSeats_LicenseFragment; mayAssign: boolean }) {
  const id = useId();
  const [picked, setPicked] = useState<{ id: string; label: string } | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [until, setUntil] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ userId?: string; until?: string; note?: string }>({});
  const [ending, setEnding] = useState<Holder | null>(null);
  const [note, setNote] = useState("");
  const [undo, setUndo] = useState<{ holder: Holder; message: string } | null>(null);
  const { withUsers } = useLicenseVariables();
  const assign = useAction(LicenseAssignMutation, { kind: "license", fields: ["userId", "until"] });
  const unassign = useAction(LicenseUnassignMutation, { kind: "license", fields: ["note"] });
  const problem = assign.problem ?? unassign.problem;
  const revoked = license.status === "REVOKED";
  const full = license.seats != null && (license.seatsFree ?? 0) <= 0;

  // The Undo toast goes away by itself after UNDO_MS.
  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const onAssign = async (e: React.FormEvent) => {
    e.preventDefault();
    unassign.clear();
    setFieldErrors({});
    if (!picked) {
      setFieldErrors({ userId: "Choose who gets the seat: type a name or e-mail and pick from the list." });
      return;
    }
    const { ok, errors } = await assign.run({
      input: { licenseId: license.id, userId: picked.id, until: until || null },
      withUsers,
    });
    setFieldErrors(splitUserErrors(errors, ["userId", "until"] as const).byField);
    if (!ok) return;
    setPicked(null);
    setResetKey((k) => k + 1);
    setUntil("");
  };

  const onUnassign = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!ending) return;
    assign.clear();
    setFieldErrors({});
    const { ok, errors } = await unassign.run({
      input: { licenseId: license.id, userId: ending.user.id, note: note.trim() },
      withUsers,
    });
    const byField = splitUserErrors(errors, ["note"] as const).byField;
    if (byField.note) setFieldErrors({ note: byField.note });
    if (!ok) {
      if (!byField.note) setEnding(null);
      return;
    }
    setUndo({ holder: ending, message: `${personName(ending.user)} no longer holds a seat.` });
    setEnding(null);
    setNote("");
  };

  const onUndo = async () => {
    if (!undo) return;
    const { holder } = undo;
    setUndo(null);
    unassign.clear();
    await assign.run({
      input: { licenseId: license.id, userId: holder.user.id, until: holder.endsOn ?? null },
      withUsers,
    });
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
              <div className="min-w-0 break-words">
                <PersonLink user={a.user} />
                {a.user.email && a.user.name && (
                  <span className="text-slate-500 dark:text-slate-400"> · {a.user.email}</span>
                )}
                <div className="text-xs text-slate-500 dark:text-slate-400">
                  since {formatDate(a.assignedAt.slice(0, 10))}
                  {a.endsOn && ` · until ${formatDate(a.endsOn)}`}
                </div>
              </div>
              {mayAssign && (
                <Button
                  variant="ghost"
                  disabled={unassign.loading}
                  onClick={() => {
                    setNote("");
                    setFieldErrors({});
                    setEnding(a);
                  }}
                >
                  Unassign<span className="sr-only"> {personName(a.user)}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayAssign && !revoked && full && (
        <p
          className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          data-testid="no-free-seat"
        >
          {license.seats === 1 ? "The only seat is taken" : `All ${license.seats ?? 0} seats are taken`}, so no one can
          be given one. Unassign someone, or raise the number of seats (Edit), to free one.
        </p>
      )}
      {mayAssign && !revoked && !full && !withUsers && (
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          You may assign seats here, but not look people up: ask an admin or a manager to assign one.
        </p>
      )}
      {mayAssign && !revoked && !full && withUsers && (
        <form
          onSubmit={(e) => void onAssign(e)}
          className="mt-4 grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end"
          aria-label="Assign a seat"
          noValidate
        >
          <Field label="Assign to" htmlFor={`${id}-user`} error={fieldErrors.userId}>
            <UserPicker
              id={`${id}-user`}
              onPick={setPicked}
              exclude={license.assignments.map((a) => a.user.id)}
              error={fieldErrors.userId}
              resetKey={resetKey}
            />
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
          <Button type="submit" variant="primary" disabled={assign.loading}>
            Assign seat
          </Button>
        </form>
      )}
      <div data-testid="seat-error">
        <ActionError problem={problem} className="mt-3" />
      </div>
      {license.pastAssignments.length > 0 && (
        <section className="mt-4" aria-labelledby={`${id}-past`}>
          <h3 id={`${id}-past`} className="text-sm font-semibold">
            Past seats
          </h3>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Past seats">
            {license.pastAssignments.map((p) => (
              <li key={p.id} className="py-2 text-sm break-words">
                <PersonLink user={p.user} />
                <div className="text-xs text-slate-500 dark:text-slate-400">
                  {formatDate(p.assignedAt.slice(0, 10))} – {formatDate(p.endedAt?.slice(0, 10))}
                  {p.endNote && ` · ${p.endNote}`}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Modal
        open={ending !== null}
        onOpenChange={(open) => {
          if (!open) setEnding(null);
        }}
        title={ending ? `Unassign ${personName(ending.user)}?` : "Unassign"}
        description="The seat becomes free for someone else. The note is kept with the past seat."
      >
        <form onSubmit={(e) => void onUnassign(e)} className="space-y-3" noValidate>
          <Field
            label="Note (why the seat ends)"
            htmlFor={`${id}-note`}
            error={fieldErrors.note}
            hint="For example: left the team. Up to 500 characters."
          >
            <textarea
              id={`${id}-note`}
              className={inputClass}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              {...errorProps(`${id}-note`, fieldErrors.note)}
            />
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setEnding(null)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={unassign.loading}>
              Unassign
            </Button>
          </div>
        </form>
      </Modal>
      {undo && (
        <div
          role="status"
          className="fixed inset-x-4 bottom-4 z-50 mx-auto flex max-w-md flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-xl dark:bg-slate-100 dark:text-slate-900"
          data-testid="undo-toast"
        >
          <span className="min-w-0 break-words">{undo.message}</span>
          <button
            type="button"
            className="rounded px-2 py-1 font-semibold text-indigo-300 underline hover:bg-white/10 dark:text-indigo-700"
            onClick={() => void onUndo()}
          >
            Undo
          </button>
        </div>
      )}
    </Card>
  );
}
