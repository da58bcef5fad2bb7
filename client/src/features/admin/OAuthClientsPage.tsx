/** OAuth2 clients (integrations), for admins: register (the secret shown once), edit,
 * disable or enable, rotate the secret, delete. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { ConfirmButton } from "../../components/ConfirmButton";
import { Modal } from "../../components/Modal";
import { Alert, Badge, Button, PageHeader, Spinner, titleCase } from "../../components/ui";
import { graphql } from "../../gql";
import type { OAuthClientRow_ClientFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { formatDateTime } from "../../lib/dates";
import { describeError } from "../../lib/errors";
import { useViewerCan } from "../auth/session";
import { ClientSecretShownOnce, EditClientDialog, RegisterClientDialog } from "./OAuthClientDialogs";
import {
  OAUTH_CLIENT_LISTS,
  OAuthClientDeleteMutation,
  OAuthClientDisableMutation,
  OAuthClientEnableMutation,
  OAuthClientSecretRotateMutation,
} from "./oauthMutations";

export const OAuthClientRowFragment = graphql(`
  fragment OAuthClientRow_client on OAuthClient {
    id
    clientId
    name
    confidential
    grantTypes
    redirectUris
    scopes
    serviceRole
    createdAt
    disabledAt
  }
`);

const OAuthClientsPageQuery = graphql(`
  query OAuthClientsPage {
    oauthClients {
      id
      ...OAuthClientRow_client
    }
  }
`);

export default function OAuthClientsPage() {
  const mayManage = useViewerCan().manageUsers;
  const [registering, setRegistering] = useState(false);
  const { data, error, loading } = useQuery(OAuthClientsPageQuery, { skip: !mayManage });
  if (!mayManage) {
    return (
      <>
        <PageHeader title="OAuth clients" />
        <Alert>Only admins manage OAuth clients.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title="OAuth clients" subtitle="Integrations that use Licman's API through OAuth2.">
        <Button variant="primary" onClick={() => setRegistering(true)}>
          Register client
        </Button>
      </PageHeader>
      {error && (
        <div className="mb-3">
          <Alert>{describeError(error)}</Alert>
        </div>
      )}
      {!data && loading ? <Spinner /> : data && <ClientTable clients={data.oauthClients} />}
      <RegisterClientDialog open={registering} onOpenChange={setRegistering} />
    </>
  );
}

function ClientTable({ clients }: { clients: readonly OAuthClientRow_ClientFragment[] }) {
  const kind = { kind: "OAuth client" };
  const disable = useAction(OAuthClientDisableMutation, kind);
  const enable = useAction(OAuthClientEnableMutation, kind);
  const rotate = useAction(OAuthClientSecretRotateMutation, kind);
  const remove = useAction(OAuthClientDeleteMutation, { ...kind, refetchQueries: OAUTH_CLIENT_LISTS });
  const actions = [disable, enable, rotate, remove];
  const [editing, setEditing] = useState<OAuthClientRow_ClientFragment | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const busy = actions.some((a) => a.loading);
  // One alert for the table: the last action's problem.
  const problem = actions.find((a) => a.problem)?.problem ?? null;
  const before = () => actions.forEach((a) => a.clear());

  const onRotate = async (client: OAuthClientRow_ClientFragment) => {
    before();
    const { data } = await rotate.run({ id: client.id });
    const value = data?.oauthClientSecretRotate.clientSecret;
    if (value) setSecret({ name: client.name, value });
  };
  const onToggle = (client: OAuthClientRow_ClientFragment) => {
    before();
    return client.disabledAt ? enable.run({ id: client.id }) : disable.run({ id: client.id });
  };

  if (clients.length === 0) {
    return <p className="text-sm text-slate-500 dark:text-slate-400">No OAuth clients are registered.</p>;
  }
  return (
    <>
      <ActionError problem={problem} className="mb-2" />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm" aria-label="OAuth clients">
          <thead className="bg-slate-50 text-xs text-slate-500 uppercase dark:bg-slate-800/50 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Client id
              </th>
              <th scope="col" className="px-3 py-2">
                Grants
              </th>
              <th scope="col" className="px-3 py-2">
                Scopes
              </th>
              <th scope="col" className="px-3 py-2">
                Registered
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {clients.map((c) => (
              <tr key={c.id} data-testid="oauth-client-row">
                <td className="px-3 py-2 font-medium">
                  {c.name}{" "}
                  {c.disabledAt && (
                    <Badge tone="bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200">Disabled</Badge>
                  )}
                  <div className="text-xs font-normal text-slate-500">
                    {c.confidential ? "Confidential" : "Public"}
                    {c.serviceRole ? `, acts as ${titleCase(c.serviceRole)}` : ""}
                  </div>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{c.clientId}</td>
                <td className="px-3 py-2 text-xs">{c.grantTypes.map((g) => g.toLowerCase()).join(", ")}</td>
                <td className="px-3 py-2">
                  <span className="flex flex-wrap gap-1">
                    {c.scopes.map((s) => (
                      <Badge key={s}>{s}</Badge>
                    ))}
                  </span>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(c.createdAt)}</td>
                <td className="px-3 py-2 text-right whitespace-nowrap">
                  <Button variant="ghost" disabled={busy} onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                    Edit
                  </Button>
                  <Button
                    variant="ghost"
                    disabled={busy}
                    onClick={() => void onToggle(c)}
                    aria-label={`${c.disabledAt ? "Enable" : "Disable"} ${c.name}`}
                  >
                    {c.disabledAt ? "Enable" : "Disable"}
                  </Button>
                  {c.confidential && (
                    <Button
                      variant="ghost"
                      disabled={busy}
                      onClick={() => void onRotate(c)}
                      aria-label={`New secret for ${c.name}`}
                    >
                      New secret
                    </Button>
                  )}
                  <ConfirmButton
                    disabled={busy}
                    label={`Delete ${c.name}`}
                    title="Delete OAuth client"
                    description={`“${c.name}” and every token it holds stop working at once.`}
                    confirm="Delete client"
                    onConfirm={() => {
                      before();
                      return remove.run({ id: c.id });
                    }}
                  >
                    Delete
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && <EditClientDialog key={editing.id} client={editing} onClose={() => setEditing(null)} />}
      <Modal
        open={secret !== null}
        onOpenChange={(open) => !open && setSecret(null)}
        title={`New secret for ${secret?.name ?? ""}`}
      >
        {secret && <ClientSecretShownOnce secret={secret.value} onDone={() => setSecret(null)} />}
      </Modal>
    </>
  );
}
