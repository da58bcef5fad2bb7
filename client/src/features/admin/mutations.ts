/** The admin's user and team mutations, run by screens with `useAction` (lib/action.tsx).
 * Results spread UsersTable_user and TeamCard_team, so the lists update from the cache. */
import { graphql } from "../../gql";

export const USER_LISTS = ["UsersPage"];
export const TEAM_LISTS = ["TeamsPage"];

export const UserCreateMutation = graphql(`
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

export const UserUpdateMutation = graphql(`
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

export const UserDeactivateMutation = graphql(`
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

export const UserReactivateMutation = graphql(`
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

export const TeamCreateMutation = graphql(`
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
