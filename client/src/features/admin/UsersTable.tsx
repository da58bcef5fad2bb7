/** Every user with role and state; where the server's `viewerCan` says so (admins, never on
 * themselves), the role can be changed and the user (de)activated, with a confirm. */
import { ConfirmButton } from "../../components/ConfirmButton";
import { Badge, inputClass, titleCase } from "../../components/ui";
import { graphql } from "../../gql";
import type { Role, UsersTable_UserFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { UserDeactivateMutation, UserReactivateMutation, UserUpdateMutation } from "./mutations";

export const UsersTableFragment = graphql(`
  fragment UsersTable_user on User {
    id
    email
    name
    role
    isActive
    viewerCan {
      changeRole
      setActive
    }
  }
`);

export const ROLES: readonly Role[] = ["ADMIN", "MANAGER", "MEMBER", "AUDITOR"];

export function UsersTable({ users, mayManage }: { users: readonly UsersTable_UserFragment[]; mayManage: boolean }) {
  const update = useAction(UserUpdateMutation, { kind: "user" });
  const deactivate = useAction(UserDeactivateMutation, { kind: "user" });
  const reactivate = useAction(UserReactivateMutation, { kind: "user" });
  const actions = [update, deactivate, reactivate];
  const problem = actions.find((a) => a.problem)?.problem ?? null;
  const before = () => actions.forEach((a) => a.clear());

  return (
    <>
      <ActionError problem={problem} className="mb-2" />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm" aria-label="Users" data-testid="users-table">
          <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                E-mail
              </th>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Role
              </th>
              <th scope="col" className="px-3 py-2">
                State
              </th>
              {mayManage && (
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row" className={u.isActive ? "" : "text-slate-400"}>
                <td className="px-3 py-2">{u.email ?? "—"}</td>
                <td className="px-3 py-2">{u.name || "—"}</td>
                <td className="px-3 py-2">
                  {u.viewerCan.changeRole ? (
                    <select
                      aria-label={`Role of ${u.email ?? u.name}`}
                      className={`${inputClass} w-auto`}
                      value={u.role}
                      disabled={update.loading}
                      onChange={(e) => {
                        before();
                        void update.run({ input: { id: u.id, role: e.target.value as Role } });
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {titleCase(r)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    titleCase(u.role)
                  )}
                </td>
                <td className="px-3 py-2">
                  {u.isActive ? (
                    <Badge>Active</Badge>
                  ) : (
                    <Badge tone="bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300">Deactivated</Badge>
                  )}
                </td>
                {mayManage && (
                  <td className="px-3 py-2 text-right">
                    {u.viewerCan.setActive && (
                      <ConfirmButton
                        disabled={deactivate.loading || reactivate.loading}
                        label={`${u.isActive ? "Deactivate" : "Reactivate"} ${u.email ?? u.name}`}
                        title={u.isActive ? "Deactivate user" : "Reactivate user"}
                        description={
                          u.isActive
                            ? `${u.email ?? u.name} will not be able to sign in; their sessions and API tokens stop working at once.`
                            : `${u.email ?? u.name} will be able to sign in again.`
                        }
                        confirm={u.isActive ? "Deactivate" : "Reactivate"}
                        tone={u.isActive ? "danger" : "primary"}
                        onConfirm={() => {
                          before();
                          return (u.isActive ? deactivate : reactivate).run({ id: u.id });
                        }}
                      >
                        {u.isActive ? "Deactivate" : "Reactivate"}
                      </ConfirmButton>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
