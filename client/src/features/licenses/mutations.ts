/** Add or remove tags on many licenses at once (licensesTag / licensesUntag), run by the bulk
 * tag dialog with `useAction` (lib/action.tsx). */
import { graphql } from "../../gql";
import type { LicenseFilter } from "../../gql/graphql";

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

/** Which licenses: by id (those selected, on any page), or every license the list shows for
 * its filter and search ("select all N matching"; the server caps it and checks each one). */
export type TagTarget =
  { licenseIds: string[] } | { matching: { filter: LicenseFilter; search: string | null }; count: number };

export function targetCount(target: TagTarget): number {
  return "licenseIds" in target ? target.licenseIds.length : target.count;
}
