/** The license mutations, each wrapped in a use<Verb><Noun> hook that returns the payload's
 * typed errors (an empty list on success). Results spread the fragments of the components
 * that show them, so the cache updates the page without refetching. */
import { useMutation } from "@apollo/client/react";

import { graphql } from "../../gql";
import type {
  GrantCreateInput,
  LicenseAssignInput,
  LicenseCreateInput,
  LicenseRenewInput,
  LicenseRevokeInput,
  LicenseUnassignInput,
  LicenseUpdateInput,
} from "../../gql/graphql";
import type { UserErrorLike } from "../../lib/errors";
import { useLicenseVariables } from "./useLicenseVariables";

const LicenseCreateMutation = graphql(`
  mutation LicenseCreate($input: LicenseCreateInput!) {
    licenseCreate(input: $input) {
      license {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const LicenseUpdateMutation = graphql(`
  mutation LicenseUpdate($input: LicenseUpdateInput!, $withCost: Boolean!, $withUsers: Boolean!) {
    licenseUpdate(input: $input) {
      license {
        id
        ...LicenseFields_license
        ...LicenseSecret_license
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const LicenseAssignMutation = graphql(`
  mutation LicenseAssign($input: LicenseAssignInput!, $withUsers: Boolean!) {
    licenseAssign(input: $input) {
      license {
        id
        version
        ...LicenseSeats_license
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const LicenseUnassignMutation = graphql(`
  mutation LicenseUnassign($input: LicenseUnassignInput!, $withUsers: Boolean!) {
    licenseUnassign(input: $input) {
      license {
        id
        version
        ...LicenseSeats_license
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const LicenseRenewMutation = graphql(`
  mutation LicenseRenew($input: LicenseRenewInput!, $withCost: Boolean!, $withUsers: Boolean!) {
    licenseRenew(input: $input) {
      license {
        id
        ...LicenseFields_license
        ...LicenseRenewals_license
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const LicenseRevokeMutation = graphql(`
  mutation LicenseRevoke($input: LicenseRevokeInput!, $withCost: Boolean!, $withUsers: Boolean!) {
    licenseRevoke(input: $input) {
      license {
        id
        ...LicenseFields_license
        ...LicenseSeats_license
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const LicenseArchiveMutation = graphql(`
  mutation LicenseArchive($id: ID!) {
    licenseArchive(input: { id: $id }) {
      license {
        id
        version
        archivedAt
        updatedAt
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const LicenseRestoreMutation = graphql(`
  mutation LicenseRestore($id: ID!) {
    licenseRestore(input: { id: $id }) {
      license {
        id
        version
        archivedAt
        updatedAt
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Result = { errors: readonly UserErrorLike[]; id?: string | undefined };

/** Lists that a change may reorder or filter differently are refetched when shown next. */
const LISTS = ["LicensesPage", "DashboardPage"];

export function useCreateLicense() {
  const [mutate, state] = useMutation(LicenseCreateMutation, { refetchQueries: LISTS });
  const create = async (input: LicenseCreateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.licenseCreate.errors ?? [], id: data?.licenseCreate.license?.id };
  };
  return [create, state] as const;
}

/** `viewCost`: the license's own `viewerCan.viewCost`, so its costs come back too. */
export function useUpdateLicense(viewCost = false) {
  const vars = useLicenseVariables(viewCost);
  const [mutate, state] = useMutation(LicenseUpdateMutation, { refetchQueries: LISTS });
  const update = async (input: LicenseUpdateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input, ...vars } });
    return { errors: data?.licenseUpdate.errors ?? [] };
  };
  return [update, state] as const;
}

export function useAssignLicense() {
  const { withUsers } = useLicenseVariables();
  const [mutate, state] = useMutation(LicenseAssignMutation);
  const assign = async (input: LicenseAssignInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input, withUsers } });
    return { errors: data?.licenseAssign.errors ?? [] };
  };
  return [assign, state] as const;
}

export function useUnassignLicense() {
  const { withUsers } = useLicenseVariables();
  const [mutate, state] = useMutation(LicenseUnassignMutation);
  const unassign = async (input: LicenseUnassignInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input, withUsers } });
    return { errors: data?.licenseUnassign.errors ?? [] };
  };
  return [unassign, state] as const;
}

export function useRenewLicense(viewCost = false) {
  const vars = useLicenseVariables(viewCost);
  const [mutate, state] = useMutation(LicenseRenewMutation, { refetchQueries: LISTS });
  const renew = async (input: LicenseRenewInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input, ...vars } });
    return { errors: data?.licenseRenew.errors ?? [] };
  };
  return [renew, state] as const;
}

export function useRevokeLicense(viewCost = false) {
  const vars = useLicenseVariables(viewCost);
  const [mutate, state] = useMutation(LicenseRevokeMutation, { refetchQueries: LISTS });
  const revoke = async (input: LicenseRevokeInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input, ...vars } });
    return { errors: data?.licenseRevoke.errors ?? [] };
  };
  return [revoke, state] as const;
}

export function useArchiveLicense() {
  const [archive, archiveState] = useMutation(LicenseArchiveMutation, { refetchQueries: LISTS });
  const [restore, restoreState] = useMutation(LicenseRestoreMutation, { refetchQueries: LISTS });
  const setArchived = async (id: string, archived: boolean): Promise<Result> => {
    if (archived) {
      const { data } = await archive({ variables: { id } });
      return { errors: data?.licenseArchive.errors ?? [] };
    }
    const { data } = await restore({ variables: { id } });
    return { errors: data?.licenseRestore.errors ?? [] };
  };
  return [setArchived, { loading: archiveState.loading || restoreState.loading }] as const;
}

const GrantCreateMutation = graphql(`
  mutation GrantCreate($input: GrantCreateInput!) {
    grantCreate(input: $input) {
      grant {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const GrantRevokeMutation = graphql(`
  mutation GrantRevoke($id: ID!) {
    grantRevoke(input: { id: $id }) {
      revokedId
      errors {
        field
        code
        message
      }
    }
  }
`);

export function useCreateGrant() {
  const [mutate, state] = useMutation(GrantCreateMutation, { refetchQueries: ["LicenseGrants"] });
  const create = async (input: GrantCreateInput): Promise<Result> => {
    const { data } = await mutate({ variables: { input } });
    return { errors: data?.grantCreate.errors ?? [] };
  };
  return [create, state] as const;
}

export function useRevokeGrant() {
  const [mutate, state] = useMutation(GrantRevokeMutation, { refetchQueries: ["LicenseGrants"] });
  const revoke = async (id: string): Promise<Result> => {
    const { data } = await mutate({ variables: { id } });
    return { errors: data?.grantRevoke.errors ?? [] };
  };
  return [revoke, state] as const;
}
