/** Every user with role and state; where the server's `viewerCan` says so (admins, never on
 * themselves), the role can be changed and the user (de)activated, with a confirm. */
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { Alert, Badge, Button, inputClass, titleCase } from "../../components/ui";
import { graphql } from "../../gql";
import type { Role, UsersTable_UserFragment } from "../../gql/graphql";
import { describeError, userErrorMessage } from "../../lib/errors";
import { useSetUserActive, useUpdateUser } from "./mutations";

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
  const [update, { loading: updating }] = useUpdateUser();
  const [setActive, { loading: toggling }] = useSetUserActive();
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<UsersTable_UserFragment | null>(null);

  const run = async (action: () => Promise<{ errors: readonly { code: string; message: string }[] }>) => {
    setProblem(null);
    try {
      const { errors } = await action();
      if (errors.length) setProblem(errors.map((e) => userErrorMessage(e)).join(" "));
    } catch (error) {
      setProblem(describeError(error));
    }
  };

  return (
    <>
      {problem && (
        <div className="mb-2">
          <Alert>{problem}</Alert>
        </div>
      )}
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
                      disabled={updating}
                      onChange={(e) => void run(() => update({ id: u.id, role: e.target.value as Role }))}
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
                      <Button
                        variant="ghost"
                        onClick={() => setConfirming(u)}
                        aria-label={`${u.isActive ? "Deactivate" : "Reactivate"} ${u.email ?? u.name}`}
                      >
                        {u.isActive ? "Deactivate" : "Reactivate"}
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Modal
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={confirming?.isActive ? "Deactivate user" : "Reactivate user"}
        description={
          confirming?.isActive
            ? `${confirming.email ?? confirming.name} will not be able to sign in; their sessions and API tokens stop working at once.`
            : `${confirming?.email ?? confirming?.name ?? ""} will be able to sign in again.`
        }
      >
        <div className="flex justify-end gap-2">
          <Button onClick={() => setConfirming(null)}>Cancel</Button>
          <Button
            variant={confirming?.isActive ? "danger" : "primary"}
            disabled={toggling}
            onClick={() => {
              const target = confirming;
              setConfirming(null);
              if (target) void run(() => setActive(target.id, !target.isActive));
            }}
          >
            {confirming?.isActive ? "Deactivate" : "Reactivate"}
          </Button>
        </div>
      </Modal>
    </>
  );
}
