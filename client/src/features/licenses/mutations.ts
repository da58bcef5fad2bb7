/** Add or remove tags on many licenses at once (licensesTag / licensesUntag), run by the bulk
 * tag dialog with `useAction` (lib/action.tsx). */
import { graphql } from "../../gql";

export const LICENSE_LISTS = ["LicensesPage"];

export const LicensesTagMutation = graphql(`
  mutation LicensesTag($input: LicensesTagInput!) {
    licensesTag(input: $input) {
      licenses {
        id
        tags {
          id
          name
          color
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const LicensesUntagMutation = graphql(`
  mutation LicensesUntag($input: LicensesTagInput!) {
    licensesUntag(input: $input) {
      licenses {
        id
        tags {
          id
          name
          color
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);
