/** Your own account's mutations, each wrapped in a use<Verb><Noun> hook that returns the
 * payload's typed errors (an empty list on success). */
import { useMutation } from "@apollo/client/react";

import { graphql } from "../../gql";
import type { ApiTokenCreateInput, PasswordChangeInput, ReminderSettingsUpdateInput } from "../../gql/graphql";
import type { UserErrorLike } from "../../lib/errors";

const PasswordChangeMutation = graphql(`
  mutation PasswordChange($input: PasswordChangeInput!) {
    passwordChange(input: $input) {
      ok
      errors {
        field
        code
        message
      }
    }
  }
`);

export const SessionRevokeMutation = graphql(`
  mutation SessionRevoke($id: ID!) {
    sessionRevoke(input: { id: $id }) {
      revokedId
      errors {
        field
        code
        message
      }
    }
  }
`);

const ApiTokenCreateMutation = graphql(`
  mutation ApiTokenCreate($input: ApiTokenCreateInput!) {
    apiTokenCreate(input: $input) {
      token
      apiToken {
        id
        ...ApiTokenList_token
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const ApiTokenRevokeMutation = graphql(`
  mutation ApiTokenRevoke($id: ID!) {
    apiTokenRevoke(input: { id: $id }) {
      revokedId
      errors {
        field
        code
        message
      }
    }
  }
`);

export const AuthorizedAppRevokeMutation = graphql(`
  mutation AuthorizedAppRevoke($id: ID!) {
    authorizedAppRevoke(input: { id: $id }) {
      revokedId
      errors {
        field
        code
        message
      }
    }
  }
`);

const ReminderSettingsUpdateMutation = graphql(`
  mutation ReminderSettingsUpdate($input: ReminderSettingsUpdateInput!) {
    reminderSettingsUpdate(input: $input) {
      reminders {
        ...ReminderSettingsCard_reminders
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const CalendarFeedCreateMutation = graphql(`
  mutation CalendarFeedCreate {
    calendarFeedCreate {
      url
      reminders {
        ...ReminderSettingsCard_reminders
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const CalendarFeedRevokeMutation = graphql(`
  mutation CalendarFeedRevoke {
    calendarFeedRevoke {
      reminders {
        ...ReminderSettingsCard_reminders
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
export const LISTS = ["AccountPage"];

export function useChangePassword() {
  const [mutate, state] = useMutation(PasswordChangeMutation, { refetchQueries: LISTS });
  const change = async (input: PasswordChangeInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.passwordChange.errors ?? [] };
  };
  return [change, state] as const;
}

export function useCreateApiToken() {
  const [mutate, state] = useMutation(ApiTokenCreateMutation, { refetchQueries: LISTS });
  const create = async (input: ApiTokenCreateInput): Promise<Result & { token: string | null }> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.apiTokenCreate.errors ?? [], token: data?.apiTokenCreate.token ?? null };
  };
  return [create, state] as const;
}

export function useUpdateReminderSettings() {
  const [mutate, state] = useMutation(ReminderSettingsUpdateMutation, { refetchQueries: LISTS });
  const update = async (input: ReminderSettingsUpdateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.reminderSettingsUpdate.errors ?? [] };
  };
  return [update, state] as const;
}

export function useCreateCalendarFeed() {
  const [mutate, state] = useMutation(CalendarFeedCreateMutation, { refetchQueries: LISTS });
  const create = async (): Promise<Result & { url: string | null }> => {
    const { data } = await mutate();
    return { errors: data?.calendarFeedCreate.errors ?? [], url: data?.calendarFeedCreate.url ?? null };
  };
  return [create, state] as const;
}

export function useRevokeCalendarFeed() {
  const [mutate, state] = useMutation(CalendarFeedRevokeMutation, { refetchQueries: LISTS });
  const revoke = async (): Promise<Result> => {
    const { data } = await mutate();
    return { errors: data?.calendarFeedRevoke.errors ?? [] };
  };
  return [revoke, state] as const;
}
