/** OAuth2 client administration, run by screens with `useAction` (lib/action.tsx). Results
 * spread OAuthClientRow_client, so the table updates from the cache; a new client's or a
 * rotated secret is in its payload, once. */
import { graphql } from "../../gql";

export const OAUTH_CLIENT_LISTS = ["OAuthClientsPage"];

export const OAuthClientCreateMutation = graphql(`
  mutation OAuthClientCreate($input: OAuthClientCreateInput!) {
    oauthClientCreate(input: $input) {
      clientSecret
      oauthClient {
        id
        ...OAuthClientRow_client
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const OAuthClientUpdateMutation = graphql(`
  mutation OAuthClientUpdate($input: OAuthClientUpdateInput!) {
    oauthClientUpdate(input: $input) {
      oauthClient {
        id
        ...OAuthClientRow_client
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const OAuthClientDisableMutation = graphql(`
  mutation OAuthClientDisable($id: ID!) {
    oauthClientDisable(input: { id: $id }) {
      oauthClient {
        id
        ...OAuthClientRow_client
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const OAuthClientEnableMutation = graphql(`
  mutation OAuthClientEnable($id: ID!) {
    oauthClientEnable(input: { id: $id }) {
      oauthClient {
        id
        ...OAuthClientRow_client
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const OAuthClientSecretRotateMutation = graphql(`
  mutation OAuthClientSecretRotate($id: ID!) {
    oauthClientSecretRotate(input: { id: $id }) {
      clientSecret
      errors {
        field
        code
        message
      }
    }
  }
`);

export const OAuthClientDeleteMutation = graphql(`
  mutation OAuthClientDelete($id: ID!) {
    oauthClientDelete(input: { id: $id }) {
      deletedId
      errors {
        field
        code
        message
      }
    }
  }
`);
