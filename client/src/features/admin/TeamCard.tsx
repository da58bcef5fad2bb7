/** One team with its members; admins add and remove members. */
import { useState } from "react";

import { ConfirmDelete } from "../../components/ConfirmDelete";
import { Button, Card, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { TeamCard_TeamFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { plural } from "../../lib/plural";
import { TeamDeleteMutation } from "../catalog/deletes";
import { TeamMemberAddMutation, TeamMemberRemoveMutation } from "./mutations";

export const TeamCardFragment = graphql(`
  fragment TeamCard_team on Team {
    id
    name
    description
    members {
      id
      email
      name
    }
  }
`);

interface Candidate {
  id: string;
  email?: string | null;
  name: string;
  isActive: boolean;
}

export function TeamCard({
  team,
  users,
  mayManage,
}: {
  team: TeamCard_TeamFragment;
  users: readonly Candidate[];
  mayManage: boolean;
}) {
  const add = useAction(TeamMemberAddMutation, { kind: "team" });
  const remove = useAction(TeamMemberRemoveMutation, { kind: "team" });
  const loading = add.loading || remove.loading;
  const problem = add.problem ?? remove.problem;
  const [pick, setPick] = useState("");
  const [deleting, setDeleting] = useState(false);
  const members = team.members ?? [];
  const memberIds = new Set(members.map((m) => m.id));
  const candidates = users.filter((u) => u.isActive && !memberIds.has(u.id));

  const run = async (userId: string, member: boolean) => {
    add.clear();
    remove.clear();
    const { ok } = await (member ? add : remove).run({ input: { teamId: team.id, userId } });
    if (ok && member) setPick("");
  };

  return (
    <Card
      title={team.name}
      actions={
        mayManage && (
          <Button variant="ghost" onClick={() => setDeleting(true)} aria-label={`Delete ${team.name}`}>
            Delete
          </Button>
        )
      }
    >
      {deleting && (
        <ConfirmDelete
          document={TeamDeleteMutation}
          id={team.id}
          kind="team"
          name={team.name}
          consequences={`Its ${plural(members.length, "member")} leave the team (their accounts stay), and the grants made to the team end.`}
          refetchQueries={["TeamsPage"]}
          onClose={() => setDeleting(false)}
        />
      )}
      <div data-testid="team-card" data-team={team.name}>
        {team.description && <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{team.description}</p>}
        <ActionError problem={problem} className="mb-2" />
        {members.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No members yet.</p>
        ) : (
          <ul
            className="divide-y divide-slate-100 text-sm dark:divide-slate-800"
            aria-label={`Members of ${team.name}`}
          >
            {members.map((m) => (
              <li key={m.id} className="flex items-center justify-between gap-2 py-1.5">
                <span>{m.name ? `${m.name} (${m.email ?? ""})` : m.email}</span>
                {mayManage && (
                  <Button
                    variant="ghost"
                    disabled={loading}
                    onClick={() => void run(m.id, false)}
                    aria-label={`Remove ${m.email ?? m.name} from ${team.name}`}
                  >
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {mayManage && (
          <form
            className="mt-3 flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (pick) void run(pick, true);
            }}
          >
            <select
              aria-label={`Add a member to ${team.name}`}
              className={inputClass}
              value={pick}
              onChange={(e) => setPick(e.target.value)}
            >
              <option value="">Choose a user…</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.email ?? u.name}
                </option>
              ))}
            </select>
            <Button type="submit" disabled={!pick || loading}>
              Add
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
