/** Audit events, each with its changes as formatted JSON. */
import { graphql } from "../../gql";
import type { AuditEventList_EventFragment } from "../../gql/graphql";
import { formatDateTime } from "../../lib/dates";

export const AuditEventListFragment = graphql(`
  fragment AuditEventList_event on AuditEvent {
    id
    occurredAt
    actorKind
    actorLabel
    ip
    requestId
    action
    objectType
    objectId
    changes
  }
`);

export function AuditEventList({ events }: { events: readonly AuditEventList_EventFragment[] }) {
  if (events.length === 0) return <p className="py-4 text-sm text-slate-500 dark:text-slate-400">No events match.</p>;
  return (
    <ol
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
      data-testid="audit-events"
    >
      {events.map((e) => (
        <li key={e.id} className="p-3" data-testid="audit-event" data-action={e.action}>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
            <span className="font-mono font-semibold">{e.action}</span>
            <span>
              {e.objectType} #{e.objectId}
            </span>
            <span className="text-slate-500 dark:text-slate-400">
              by {e.actorLabel || e.actorKind} ({e.actorKind}) from {e.ip || "—"}
            </span>
            <time className="ml-auto text-slate-500 dark:text-slate-400" dateTime={e.occurredAt}>
              {formatDateTime(e.occurredAt)}
            </time>
          </div>
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-slate-500 dark:text-slate-400">
              Changes · request {e.requestId || "—"}
            </summary>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950">
              {JSON.stringify(e.changes, null, 2)}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
