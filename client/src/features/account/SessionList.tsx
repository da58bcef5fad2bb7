/** Your live sessions, the current one marked, each (but the current) revocable. */

import { Badge, Button, Card } from "../../components/ui";
import { graphql } from "../../gql";
import type { SessionList_SessionFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { formatDateTime } from "../../lib/dates";
import { describeUserAgent } from "../../lib/userAgent";
import { LISTS, SessionRevokeMutation } from "./mutations";

export const SessionListFragment = graphql(`
  fragment SessionList_session on Session {
    id
    createdAt
    lastSeenAt
    expiresAt
    ip
    userAgent
    current
  }
`);

export function SessionList({ sessions }: { sessions: readonly SessionList_SessionFragment[] }) {
  const revoke = useAction(SessionRevokeMutation, { kind: "session", refetchQueries: LISTS });
  const loading = revoke.loading;
  const onRevoke = async (id: string) => {
    await revoke.run({ id });
  };
  return (
    <Card title="Sessions">
      <ActionError problem={revoke.problem} className="mb-2" />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label="Sessions">
          <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Browser
              </th>
              <th scope="col" className="py-1 pr-3">
                IP
              </th>
              <th scope="col" className="py-1 pr-3">
                Signed in
              </th>
              <th scope="col" className="py-1 pr-3">
                Last seen
              </th>
              <th scope="col" className="py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {sessions.map((s) => (
              <tr key={s.id} data-testid="session-row">
                <td className="max-w-xs truncate py-1.5 pr-3" title={s.userAgent} data-testid="session-browser">
                  {describeUserAgent(s.userAgent)}{" "}
                  {s.current && (
                    <Badge tone="bg-indigo-100 text-indigo-800 dark:bg-indigo-900/60 dark:text-indigo-200">
                      This session
                    </Badge>
                  )}
                </td>
                <td className="py-1.5 pr-3">{s.ip}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">{formatDateTime(s.createdAt)}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">{formatDateTime(s.lastSeenAt)}</td>
                <td className="py-1.5 text-right">
                  {!s.current && (
                    <Button variant="ghost" disabled={loading} onClick={() => void onRevoke(s.id)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
