/** Audit events as readable sentences (lib/history.ts), newest first, each with its time and,
 * on the audit log, a link to the object it changed and the raw record folded away. */
import { Link } from "react-router";

import type { AuditEventList_EventFragment } from "../../gql/graphql";
import { formatDateTime } from "../../lib/dates";
import { describeEvent, globalId, type Names } from "../../lib/history";

const LINKABLE: Record<string, (id: string) => string> = {
  license: (pk) => `/licenses/${globalId("License", pk)}`,
};

export function HistoryList({
  events,
  names,
  raw = false,
}: {
  events: readonly AuditEventList_EventFragment[];
  names: Names;
  /** Show the object link and the raw record (the audit log); a license's History needs neither. */
  raw?: boolean;
}) {
  if (events.length === 0) return <p className="py-2 text-sm text-slate-600 dark:text-slate-400">No history yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="history">
      {events.map((e) => {
        const { headline, details } = describeEvent(e, names);
        const link = e.objectId ? LINKABLE[e.objectType]?.(e.objectId) : undefined;
        return (
          <li
            key={e.id}
            className="py-2 text-sm"
            data-testid={raw ? "audit-event" : "history-entry"}
            data-action={e.action}
          >
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="font-medium">{headline}</span>
              {raw && link && (
                <Link className="text-indigo-700 underline dark:text-indigo-300" to={link}>
                  Open the {e.objectType}
                </Link>
              )}
              <time className="ml-auto text-slate-600 dark:text-slate-400" dateTime={e.occurredAt}>
                {formatDateTime(e.occurredAt)}
              </time>
            </div>
            {details.length > 0 && (
              <ul className="mt-0.5 list-disc pl-5 text-slate-700 dark:text-slate-300">
                {details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
            {raw && (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">
                  Record: {e.action} · {e.actorKind} from {e.ip || "—"} · request {e.requestId || "—"}
                </summary>
                <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950">
                  {JSON.stringify(e.changes, null, 2)}
                </pre>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
