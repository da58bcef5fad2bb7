/** Your own account's mutations (password, sessions, API tokens, authorised apps, reminders
 * and the calendar feed), run by screens with `useAction` (lib/action.tsx). */
import { graphql } from "../../gql";

/** Every account mutation may change what My account shows. */
export const LISTS = ["AccountPage"];

export const PasswordChangeMutation = graphql(`
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

export const ApiTokenCreateMutation = graphql(`
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

export const ReminderSettingsUpdateMutation = graphql(`
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

export const CalendarFeedCreateMutation = graphql(`
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

export const CalendarFeedRevokeMutation = graphql(`
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
