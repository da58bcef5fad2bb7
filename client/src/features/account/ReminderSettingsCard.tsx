/** Expiry reminders: the daily e-mail (on or off, how many days ahead) and your calendar
 * feed URL (created and shown once, replaced, revoked). */
import { useState } from "react";

import { Alert, Button, Card, Field, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { ReminderSettingsCard_RemindersFragment } from "../../gql/graphql";
import { copyText } from "../../lib/clipboard";
import { formatDateTime } from "../../lib/dates";
import { describeError, splitUserErrors, userErrorMessage } from "../../lib/errors";
import { useCreateCalendarFeed, useRevokeCalendarFeed, useUpdateReminderSettings } from "./mutations";

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
  const [update, { loading }] = useUpdateReminderSettings();
  const [enabled, setEnabled] = useState(reminders.enabled);
  const [leadText, setLeadText] = useState(reminders.leadDays.join(", "));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setSaved(false);
    setFieldError(undefined);
    const leadDays = parseLeadDays(leadText);
    if (leadDays === null) {
      setFieldError("Write whole numbers of days, like 90, 30, 7.");
      return;
    }
    try {
      const { errors } = await update({ enabled, leadDays });
      if (errors.length) {
        const { byField, general } = splitUserErrors(errors, ["leadDays", "enabled"] as const);
        setFieldError(byField.leadDays);
        if (general.length || byField.enabled)
          setProblem([...general.map((e) => userErrorMessage(e)), byField.enabled ?? ""].join(" ").trim());
        return;
      }
      setSaved(true);
    } catch (error) {
      setProblem(describeError(error));
    }
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
      {problem && <Alert>{problem}</Alert>}
      {saved && <Alert tone="success">Reminder settings saved.</Alert>}
      <div>
        <Button type="submit" variant="primary" disabled={loading}>
          Save reminders
        </Button>
      </div>
    </form>
  );
}

function CalendarFeedSection({ reminders }: { reminders: ReminderSettingsCard_RemindersFragment }) {
  const [create, { loading: creating }] = useCreateCalendarFeed();
  const [revoke, { loading: revoking }] = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const feed = reminders.calendarFeed;

  const onCreate = async () => {
    setProblem(null);
    setCopied(false);
    try {
      const result = await create();
      if (result.errors.length) setProblem(result.errors.map((e) => userErrorMessage(e)).join(" "));
      else setUrl(result.url);
    } catch (error) {
      setProblem(describeError(error));
    }
  };
  const onRevoke = async () => {
    setProblem(null);
    try {
      const { errors } = await revoke();
      if (errors.length) setProblem(errors.map((e) => userErrorMessage(e)).join(" "));
      setUrl(null);
    } catch (error) {
      setProblem(describeError(error));
    }
  };
  const onCopy = async () => {
    if (!url) return;
    try {
      await copyText(url);
      setCopied(true);
    } catch (error) {
      setProblem(describeError(error));
    }
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
        <div className="grid gap-2">
          <Alert tone="warning" title="Copy it now">
            This address is shown only once. Anyone who has it sees your licenses’ dates; revoke it if it leaks.
          </Alert>
          <code
            data-testid="calendar-url"
            className="block rounded bg-slate-100 p-2 font-mono text-sm break-all dark:bg-slate-800"
          >
            {url}
          </code>
          <div>
            <Button onClick={() => void onCopy()}>{copied ? "Copied" : "Copy"}</Button>
          </div>
        </div>
      )}
      {problem && <Alert>{problem}</Alert>}
      <div className="flex gap-2">
        <Button variant="primary" disabled={creating} onClick={() => void onCreate()}>
          {feed ? "New calendar address" : "Create calendar address"}
        </Button>
        {feed && (
          <Button variant="danger" disabled={revoking} onClick={() => void onRevoke()}>
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
