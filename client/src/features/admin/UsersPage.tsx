/** Users: the list for admins, managers and auditors; creating and changing them for admins. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { Alert, Button, PageHeader, Spinner } from "../../components/ui";
import { graphql } from "../../gql";
import { describeError } from "../../lib/errors";
import { useViewerCan } from "../auth/session";
import { CreateUserDialog } from "./CreateUserDialog";
import { UsersTable } from "./UsersTable";

const UsersPageQuery = graphql(`
  query UsersPage {
    users(includeInactive: true) {
      id
      ...UsersTable_user
    }
  }
`);

export default function UsersPage() {
  const can = useViewerCan();
  const mayManage = can.manageUsers;
  const [creating, setCreating] = useState(false);
  const { data, error, loading } = useQuery(UsersPageQuery, { skip: !can.viewUsers });
  if (!can.viewUsers) {
    return (
      <>
        <PageHeader title="Users" />
        <Alert>You do not have permission to see the users.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Users">
        {mayManage && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            New user
          </Button>
        )}
      </PageHeader>
      {error && (
        <div className="mb-3">
          <Alert>{describeError(error)}</Alert>
        </div>
      )}
      {!data && loading ? <Spinner /> : data && <UsersTable users={data.users} mayManage={mayManage} />}
      {mayManage && <CreateUserDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
