/** Deleting vendors, products, tags and teams (not only archiving them), each run by
 * `<ConfirmDelete>` after the person confirms. The server refuses (IN_USE) while licenses
 * still refer to a vendor or product, with a message that says what to do instead. */
import { graphql } from "../../gql";

/** What every delete payload says of a refusal (see lib/errors.ts). */
export const UserErrorFieldsFragment = graphql(`
  fragment UserErrorFields on UserError {
    field
    code
    message
  }
`);

export const VendorDeleteMutation = graphql(`
  mutation VendorDelete($id: ID!) {
    vendorDelete(input: { id: $id }) {
      deletedId
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ProductDeleteMutation = graphql(`
  mutation ProductDelete($id: ID!) {
    productDelete(input: { id: $id }) {
      deletedId
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const TagDeleteMutation = graphql(`
  mutation TagDelete($id: ID!) {
    tagDelete(input: { id: $id }) {
      deletedId
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const TeamDeleteMutation = graphql(`
  mutation TeamDelete($id: ID!) {
    teamDelete(input: { id: $id }) {
      deletedId
      errors {
        ...UserErrorFields
      }
    }
  }
`);
