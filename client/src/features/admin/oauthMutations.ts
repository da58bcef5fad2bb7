/** OAuth2 client administration, each mutation wrapped in a use<Verb><Noun> hook that returns
 * the payload's typed errors (an empty list on success) and, where one is made, the secret. */
import { useMutation } from "@apollo/client/react";

import { graphql } from "../../gql";
import type { OAuthClientCreateInput, OAuthClientUpdateInput } from "../../gql/graphql";
import type { UserErrorLike } from "../../lib/errors";

const OAuthClientCreateMutation = graphql(`
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

const OAuthClientUpdateMutation = graphql(`
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

const OAuthClientDisableMutation = graphql(`
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

const OAuthClientEnableMutation = graphql(`
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

const OAuthClientSecretRotateMutation = graphql(`
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

const OAuthClientDeleteMutation = graphql(`
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

type Result = { errors: readonly UserErrorLike[] };
const LISTS = ["OAuthClientsPage"];

export function useRegisterOAuthClient() {
  const [mutate, state] = useMutation(OAuthClientCreateMutation, { refetchQueries: LISTS });
  const register = async (
    input: OAuthClientCreateInput,
  ): Promise<Result & { secret: string | null; clientId: string | null }> => {
    const { data } = await mutate({ variables: { input } });
    const payload = data?.oauthClientCreate;
    return {
      errors: payload?.errors ?? [],
      secret: payload?.clientSecret ?? null,
      clientId: payload?.oauthClient?.clientId ?? null,
    };
  };
  return [register, state] as const;
}

export function useSetOAuthClientEnabled() {
  const [disable, disabling] = useMutation(OAuthClientDisableMutation);
  const [enable, enabling] = useMutation(OAuthClientEnableMutation);
  const set = async (id: string, enabled: boolean): Promise<Result> => {
    if (enabled) {
      const { data } = await enable({ variables: { id } });
      return { errors: data?.oauthClientEnable.errors ?? [] };
    }
    const { data } = await disable({ variables: { id } });
    return { errors: data?.oauthClientDisable.errors ?? [] };
  };
  return [set, { loading: disabling.loading || enabling.loading }] as const;
}

export function useRotateOAuthClientSecret() {
  const [mutate, state] = useMutation(OAuthClientSecretRotateMutation);
  const rotate = async (id: string): Promise<Result & { secret: string | null }> => {
    const { data } = await mutate({ variables: { id } });
    return {
      errors: data?.oauthClientSecretRotate.errors ?? [],
      secret: data?.oauthClientSecretRotate.clientSecret ?? null,
    };
  };
  return [rotate, state] as const;
}

export function useDeleteOAuthClient() {
  const [mutate, state] = useMutation(OAuthClientDeleteMutation, { refetchQueries: LISTS });
  const remove = async (id: string): Promise<Result> => {
    const { data } = await mutate({ variables: { id } });
    return { errors: data?.oauthClientDelete.errors ?? [] };
  };
  return [remove, state] as const;
}

export function useUpdateOAuthClient() {
  const [mutate, state] = useMutation(OAuthClientUpdateMutation);
  const update = async (input: OAuthClientUpdateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.oauthClientUpdate.errors ?? [] };
  };
  return [update, state] as const;
}
