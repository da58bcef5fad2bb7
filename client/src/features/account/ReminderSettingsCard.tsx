/** Expiry reminders: the daily e-mail (on or off, how many days ahead) and your calendar
 * feed URL (created and shown once, replaced, revoked). */
import { useState } from "react";

import { ShownOnce } from "../../components/ShownOnce";
import { Alert, Button, Card, Field, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { ReminderSettingsCard_RemindersFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { formatDateTime } from "../../lib/dates";
import { splitUserErrors } from "../../lib/errors";
import {
  CalendarFeedCreateMutation,
  CalendarFeedRevokeMutation,
  LISTS,
  ReminderSettingsUpdateMutation,
} from "./mutations";

export const ReminderSettingsCardFragment = graphql(`
  fragment ReminderSettingsCard_reminders on ReminderSettings {
    enabled
    leadDays
    defaultLeadDays
    calendarFeed {
      createdAt
      lastUsedAt
    }
  }
`);

/** "90, 30 7" -> [90, 30, 7]; null when something is not a whole number. */
export function parseLeadDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((p) => /^\d{1,4}$/.test(p))) return null;
  return parts.map(Number);
}

export function ReminderSettingsCard({ reminders }: { reminders: ReminderSettingsCard_RemindersFragment }) {
  return (
    <Card title="Expiry reminders">
      <div className="grid gap-6">
        <ReminderForm reminders={reminders} />
        <CalendarFeedSection reminders={reminders} />
      </div>
    </Card>
  );
}

function ReminderForm({ reminders }: { reminders: ReminderSettingsCard_RemindersFragment }) {
  const update = useAction(ReminderSettingsUpdateMutation, {
    kind: "reminder settings",
    refetchQueries: LISTS,
    fields: ["leadDays"],
  });
  const [enabled, setEnabled] = useState(reminders.enabled);
  const [leadText, setLeadText] = useState(reminders.leadDays.join(", "));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    update.clear();
    setSaved(false);
    setFieldError(undefined);
    const leadDays = parseLeadDays(leadText);
    if (leadDays === null) {
      setFieldError("Write whole numbers of days, like 90, 30, 7.");
      return;
    }
    const result = await update.run({ input: { enabled, leadDays } });
    setFieldError(splitUserErrors(result.errors, ["leadDays"] as const).byField.leadDays);
    if (result.ok) setSaved(true);
  };

  return (
    <form className="grid max-w-lg gap-3" onSubmit={(e) => void onSubmit(e)} aria-label="Reminder e-mails">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Once a day Licman e-mails you what expires or must be cancelled soon: licenses you own, every license if you are
        a manager, and licenses you hold a seat of when they say so. You hear of each date once per lead time.
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
          name="remindersEnabled"
        />
        E-mail me before licenses expire or must be cancelled
      </label>
      <Field
        label="Days ahead"
        htmlFor="leadDays"
        error={fieldError}
        hint={`Up to 6 lead times, separated by commas (default: ${reminders.defaultLeadDays.join(", ")}).`}
      >
        <input
          id="leadDays"
          name="leadDays"
          className={inputClass}
          value={leadText}
          disabled={!enabled}
          onChange={(e) => setLeadText(e.target.value)}
          {...errorProps("leadDays", fieldError)}
        />
      </Field>
      <ActionError problem={update.problem} />
      {saved && <Alert tone="success">Reminder settings saved.</Alert>}
      <div>
        <Button type="submit" variant="primary" disabled={update.loading}>
          Save reminders
        </Button>
      </div>
    </form>
  );
}

function CalendarFeedSection({ reminders }: { reminders: ReminderSettingsCard_RemindersFragment }) {
  const options = { kind: "calendar feed", refetchQueries: LISTS };
  const create = useAction(CalendarFeedCreateMutation, options);
  const revoke = useAction(CalendarFeedRevokeMutation, options);
  const [url, setUrl] = useState<string | null>(null);
  const feed = reminders.calendarFeed;

  const onCreate = async () => {
    revoke.clear();
    const result = await create.run({});
    if (result.ok) setUrl(result.data?.calendarFeedCreate.url ?? null);
  };
  const onRevoke = async () => {
    create.clear();
    await revoke.run({});
    setUrl(null);
  };

  return (
    <section aria-label="Calendar feed" className="grid max-w-2xl gap-2">
      <h3 className="text-sm font-semibold">Calendar feed</h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Subscribe to a secret address in your calendar app to see the expiry and cancel-by dates of the licenses you may
        see.
      </p>
      {feed ? (
        <p className="text-sm" data-testid="calendar-feed-status">
          Created {formatDateTime(feed.createdAt)};{" "}
          {feed.lastUsedAt ? `last fetched ${formatDateTime(feed.lastUsedAt)}` : "never fetched yet"}.
        </p>
      ) : (
        <p className="text-sm" data-testid="calendar-feed-status">
          You have no calendar feed.
        </p>
      )}
      {url && (
        <ShownOnce value={url} testId="calendar-url">
          This address is shown only once. Anyone who has it sees your licenses’ dates; revoke it if it leaks.
        </ShownOnce>
      )}
      <ActionError problem={create.problem ?? revoke.problem} />
      <div className="flex gap-2">
        <Button variant="primary" disabled={create.loading} onClick={() => void onCreate()}>
          {feed ? "New calendar address" : "Create calendar address"}
        </Button>
        {feed && (
          <Button variant="danger" disabled={revoke.loading} onClick={() => void onRevoke()}>
            Revoke calendar address
          </Button>
        )}
      </div>
      {feed && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          A new address replaces the old one, which stops working.
        </p>
      )}
    </section>
  );
}
