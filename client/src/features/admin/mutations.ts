/** The admin's user mutations, each wrapped in a use<Verb><Noun> hook that returns the
 * payload's typed errors (an empty list on success). Results spread UsersTable_user, so the
 * table updates from the cache. */
import { useMutation } from "@apollo/client/react";

import { graphql } from "../../gql";
import type { TeamCreateInput, UserCreateInput, UserUpdateInput } from "../../gql/graphql";
import type { UserErrorLike } from "../../lib/errors";

const UserCreateMutation = graphql(`
  mutation UserCreate($input: UserCreateInput!) {
    userCreate(input: $input) {
      user {
        id
        ...UsersTable_user
      }
      initialPassword
      errors {
        field
        code
        message
      }
    }
  }
`);

const UserUpdateMutation = graphql(`
  mutation UserUpdate($input: UserUpdateInput!) {
    userUpdate(input: $input) {
      user {
        id
        ...UsersTable_user
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const UserDeactivateMutation = graphql(`
  mutation UserDeactivate($id: ID!) {
    userDeactivate(input: { id: $id }) {
      user {
        id
        ...UsersTable_user
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const UserReactivateMutation = graphql(`
  mutation UserReactivate($id: ID!) {
    userReactivate(input: { id: $id }) {
      user {
        id
        ...UsersTable_user
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Result = { errors: readonly UserErrorLike[] };

export function useCreateUser() {
  const [mutate, state] = useMutation(UserCreateMutation, { refetchQueries: ["UsersPage"] });
  const create = async (input: UserCreateInput): Promise<Result & { initialPassword: string | null }> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.userCreate.errors ?? [], initialPassword: data?.userCreate.initialPassword ?? null };
  };
  return [create, state] as const;
}

export function useUpdateUser() {
  const [mutate, state] = useMutation(UserUpdateMutation);
  const update = async (input: UserUpdateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.userUpdate.errors ?? [] };
  };
  return [update, state] as const;
}

export function useSetUserActive() {
  const [deactivate, deactivateState] = useMutation(UserDeactivateMutation);
  const [reactivate, reactivateState] = useMutation(UserReactivateMutation);
  const setActive = async (id: string, active: boolean): Promise<Result> => {
    if (active) {
      const { data } = await reactivate({ variables: { id } });
      return { errors: data?.userReactivate.errors ?? [] };
    }
    const { data } = await deactivate({ variables: { id } });
    return { errors: data?.userDeactivate.errors ?? [] };
  };
  return [setActive, { loading: deactivateState.loading || reactivateState.loading }] as const;
}

const TeamCreateMutation = graphql(`
  mutation TeamCreate($input: TeamCreateInput!) {
    teamCreate(input: $input) {
      team {
        id
        ...TeamCard_team
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const TeamMemberAddMutation = graphql(`
  mutation TeamMemberAdd($input: TeamMemberInput!) {
    teamMemberAdd(input: $input) {
      team {
        id
        ...TeamCard_team
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const TeamMemberRemoveMutation = graphql(`
  mutation TeamMemberRemove($input: TeamMemberInput!) {
    teamMemberRemove(input: $input) {
      team {
        id
        ...TeamCard_team
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export function useCreateTeam() {
  const [mutate, state] = useMutation(TeamCreateMutation, { refetchQueries: ["TeamsPage"] });
  const create = async (input: TeamCreateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.teamCreate.errors ?? [] };
  };
  return [create, state] as const;
}
