/** Teams and their members (admins, managers and auditors see them; admins change them). */
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Modal } from "../../components/Modal";
import { Alert, Button, Field, PageHeader, Spinner, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import { ActionError, showFieldErrors, useAction } from "../../lib/action";
import { describeError } from "../../lib/errors";
import { useCurrentUser } from "../auth/session";
import { TEAM_LISTS, TeamCreateMutation } from "./mutations";
import { TeamCard } from "./TeamCard";

const TeamsPageQuery = graphql(`
  query TeamsPage {
    teams {
      id
      ...TeamCard_team
    }
    users(includeInactive: false) {
      id
      email
      name
      isActive
    }
  }
`);

export default function TeamsPage() {
  const me = useCurrentUser();
  const allowed = me.can.viewUsers;
  const mayManage = me.can.manageUsers;
  const [creating, setCreating] = useState(false);
  const { data, error, loading } = useQuery(TeamsPageQuery, { skip: !allowed });
  if (!allowed) {
    return (
      <>
        <PageHeader title="Teams" />
        <Alert>You do not have permission to see the teams.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Teams" subtitle="Grants to a team reach all its members.">
        {mayManage && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            New team
          </Button>
        )}
      </PageHeader>
      {error && (
        <div className="mb-3">
          <Alert>{describeError(error)}</Alert>
        </div>
      )}
      {!data && loading ? (
        <Spinner />
      ) : (
        data &&
        (data.teams.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No teams yet.</p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            {data.teams.map((t) => (
              <TeamCard key={t.id} team={t} users={data.users} mayManage={mayManage} />
            ))}
          </div>
        ))
      )}
      {mayManage && <CreateTeamDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}

const TeamSchema = z.object({
  name: z.string().trim().min(1, "Give the team a name.").max(100, "At most 100 characters."),
  description: z.string().trim().max(1000, "At most 1,000 characters."),
});
type TeamValues = z.input<typeof TeamSchema>;
const FIELDS = ["name", "description"] as const;

function CreateTeamDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const create = useAction(TeamCreateMutation, { kind: "team", refetchQueries: TEAM_LISTS, fields: FIELDS });
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TeamValues>({ resolver: zodResolver(TeamSchema), defaultValues: { name: "", description: "" } });
  const close = (next: boolean) => {
    if (!next) {
      reset();
      create.clear();
    }
    onOpenChange(next);
  };
  const onSubmit = handleSubmit(async (v) => {
    const result = await create.run({ input: { name: v.name.trim(), description: v.description.trim() } });
    showFieldErrors(result.errors, FIELDS, setError);
    if (result.ok) close(false);
  });
  return (
    <Modal open={open} onOpenChange={close} title="New team">
      <form onSubmit={onSubmit} noValidate className="grid gap-3">
        <Field label="Name" htmlFor="team-name" error={errors.name?.message}>
          <input
            id="team-name"
            className={inputClass}
            {...errorProps("team-name", errors.name?.message)}
            {...register("name")}
          />
        </Field>
        <Field label="Description" htmlFor="team-description" error={errors.description?.message}>
          <textarea
            id="team-description"
            rows={2}
            className={inputClass}
            {...errorProps("team-description", errors.description?.message)}
            {...register("description")}
          />
        </Field>
        <ActionError problem={create.problem} />
        <div className="flex justify-end gap-2">
          <Button onClick={() => close(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={isSubmitting}>
            Create team
          </Button>
        </div>
      </form>
    </Modal>
  );
}
