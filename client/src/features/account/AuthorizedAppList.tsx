/** The applications you have allowed to act as you (OAuth2), and taking that back. */
import { ConfirmButton } from "../../components/ConfirmButton";
import { Badge, Card } from "../../components/ui";
import { graphql } from "../../gql";
import type { AuthorizedAppList_AppFragment } from "../../gql/graphql";
import { formatDateTime } from "../../lib/dates";
import { ActionError, useAction } from "../../lib/action";
import { AuthorizedAppRevokeMutation, LISTS } from "./mutations";

export const AuthorizedAppListFragment = graphql(`
  fragment AuthorizedAppList_app on AuthorizedApp {
    id
    name
    clientId
    scopes
    authorizedAt
    lastUsedAt
  }
`);

export function AuthorizedAppList({ apps }: { apps: readonly AuthorizedAppList_AppFragment[] }) {
  const revoke = useAction(AuthorizedAppRevokeMutation, { kind: "authorised app", refetchQueries: LISTS });

  return (
    <Card title="Authorised apps">
      <ActionError problem={revoke.problem} className="mb-2" />
      {apps.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No application may act as you.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Authorised apps">
            <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Application
                </th>
                <th scope="col" className="py-1 pr-3">
                  May
                </th>
                <th scope="col" className="py-1 pr-3">
                  Allowed
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
              {apps.map((a) => (
                <tr key={a.id} data-testid="app-row">
                  <td className="py-1.5 pr-3 font-medium">{a.name}</td>
                  <td className="py-1.5 pr-3">
                    <span className="flex flex-wrap gap-1">
                      {a.scopes.map((s) => (
                        <Badge key={s}>{s}</Badge>
                      ))}
                    </span>
                  </td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">{formatDateTime(a.authorizedAt)}</td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {a.lastUsedAt ? formatDateTime(a.lastUsedAt) : "Never"}
                  </td>
                  <td className="py-1.5 text-right">
                    <ConfirmButton
                      disabled={revoke.loading}
                      label={`Revoke ${a.name}`}
                      title="Revoke access"
                      description={`“${a.name}” can no longer act as you, from this moment on.`}
                      confirm="Revoke access"
                      onConfirm={() => revoke.run({ id: a.id })}
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
    </Card>
  );
}
