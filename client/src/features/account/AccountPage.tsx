/** My account: password, live sessions, personal API tokens, the apps authorised to act as
 * you, and your expiry reminders (e-mail and calendar feed). */
import { useQuery } from "@apollo/client/react";

import { Alert, PageHeader, Spinner } from "../../components/ui";
import { graphql } from "../../gql";
import { describeError } from "../../lib/errors";
import { useCurrentUser } from "../auth/session";
import { ApiTokenList } from "./ApiTokenList";
import { AuthorizedAppList } from "./AuthorizedAppList";
import { PasswordForm } from "./PasswordForm";
import { ReminderSettingsCard } from "./ReminderSettingsCard";
import { SessionList } from "./SessionList";

const AccountPageQuery = graphql(`
  query AccountPage {
    mySessions {
      id
      ...SessionList_session
    }
    myApiTokens {
      id
      ...ApiTokenList_token
    }
    myAuthorizedApps {
      id
      ...AuthorizedAppList_app
    }
    me {
      id
      reminders {
        ...ReminderSettingsCard_reminders
      }
    }
  }
`);

export default function AccountPage() {
  const user = useCurrentUser();
  const { data, error, loading } = useQuery(AccountPageQuery, { fetchPolicy: "cache-and-network" });
  return (
    <>
      <PageHeader title="My account" subtitle={user.email ?? user.name} />
      <div className="grid gap-4">
        <PasswordForm />
        {error && <Alert>{describeError(error)}</Alert>}
        {!data && loading ? (
          <Spinner />
        ) : (
          data && (
            <>
              <SessionList sessions={data.mySessions} />
              <ApiTokenList tokens={data.myApiTokens} />
              <AuthorizedAppList apps={data.myAuthorizedApps} />
              {data.me?.reminders && <ReminderSettingsCard reminders={data.me.reminders} />}
            </>
          )
        )}
      </div>
    </>
  );
}
