/** The license and grant mutations, run by screens with `useAction` (lib/action.tsx).
 * Results spread the fragments of the components that show them, so the cache updates the
 * page without refetching. */
import { graphql } from "../../gql";

export const LicenseCreateMutation = graphql(`
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

export const LicenseUpdateMutation = graphql(`
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

export const LicenseAssignMutation = graphql(`
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

export const LicenseUnassignMutation = graphql(`
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

export const LicenseRenewMutation = graphql(`
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

export const LicenseRevokeMutation = graphql(`
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

export const LicenseArchiveMutation = graphql(`
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

export const LicenseRestoreMutation = graphql(`
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

/** Lists that a change may reorder or filter differently are refetched when shown next. */
/** Lists that a change may reorder or filter differently are refetched when shown next. */
export const LISTS = ["LicensesPage", "DashboardPage"];
export const GRANT_LISTS = ["LicenseGrants"];

export const GrantCreateMutation = graphql(`
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

export const GrantRevokeMutation = graphql(`
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
