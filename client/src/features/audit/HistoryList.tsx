/** Audit events as readable sentences (lib/history.ts), newest first, each with its time and,
 * on the audit log, a link to the object it changed and the raw record folded away. */
import { Fragment } from "react";
import { Link } from "react-router";

import type { AuditEventList_EventFragment } from "../../gql/graphql";
import { formatDateTime } from "../../lib/dates";
import { describeEvent, objectPath, type Names, type Part } from "../../lib/history";

const linkClass = "text-indigo-700 underline dark:text-indigo-300";

/** A sentence with its people (and objects) as links. */
export function Sentence({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((part, i) =>
        typeof part === "string" ? (
          <Fragment key={i}>{part}</Fragment>
        ) : (
          <Link key={i} className={linkClass} to={part.to}>
            {part.text}
          </Link>
        ),
      )}
    </>
  );
}

export function HistoryList({
  events,
  names,
  raw = false,
}: {
  events: readonly AuditEventList_EventFragment[];
  names: Names;
  /** Show the object link and the raw record (the audit log); an object's History needs neither. */
  raw?: boolean;
}) {
  if (events.length === 0) return <p className="py-2 text-sm text-slate-600 dark:text-slate-400">No history yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="history">
      {events.map((e) => {
        const { parts, details } = describeEvent(e, names);
        const link = objectPath(e.objectType, e.objectId);
        return (
          <li
            key={e.id}
            className="py-2 text-sm"
            data-testid={raw ? "audit-event" : "history-entry"}
            data-action={e.action}
          >
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="font-medium break-words" data-testid="history-sentence">
                <Sentence parts={parts} />
              </span>
              {raw && link && (
                <Link className={linkClass} to={link}>
                  Open the {e.objectType}
                </Link>
              )}
              <time className="ml-auto text-slate-600 dark:text-slate-400" dateTime={e.occurredAt}>
                {formatDateTime(e.occurredAt)}
              </time>
            </div>
            {details.length > 0 && (
              <ul className="mt-0.5 list-disc pl-5 break-words text-slate-700 dark:text-slate-300">
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
