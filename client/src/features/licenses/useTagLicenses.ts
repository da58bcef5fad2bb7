/** Add or remove tags on many licenses at once (licensesTag / licensesUntag), with `useAction`. */
import { graphql } from "../../gql";
import type { LicenseFilter } from "../../gql/graphql";
import { useAction } from "../../lib/action";

const LicensesTagMutation = graphql(`
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

const LicensesUntagMutation = graphql(`
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

export function useTagLicenses() {
  const tag = useAction(LicensesTagMutation, { kind: "license", refetchQueries: ["LicensesPage"] });
  const untag = useAction(LicensesUntagMutation, { kind: "license", refetchQueries: ["LicensesPage"] });
  const run = async (mode: "add" | "remove", target: TagTarget, tagIds: string[]): Promise<boolean> => {
    tag.clear();
    untag.clear();
    const input =
      "licenseIds" in target ? { licenseIds: target.licenseIds, tagIds } : { matching: target.matching, tagIds };
    const { ok } = await (mode === "add" ? tag : untag).run({ input });
    return ok;
  };
  return [run, { loading: tag.loading || untag.loading, problem: tag.problem ?? untag.problem }] as const;
}
