/** Add or remove tags on many licenses at once (licensesTag / licensesUntag). */
import { useMutation } from "@apollo/client/react";

import { graphql } from "../../gql";
import type { UserErrorLike } from "../../lib/errors";

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

export function useTagLicenses() {
  const [tag, tagState] = useMutation(LicensesTagMutation, { refetchQueries: ["LicensesPage"] });
  const [untag, untagState] = useMutation(LicensesUntagMutation, { refetchQueries: ["LicensesPage"] });
  const run = async (mode: "add" | "remove", licenseIds: string[], tagIds: string[]): Promise<UserErrorLike[]> => {
    const variables = { input: { licenseIds, tagIds } };
    if (mode === "add") {
      const { data } = await tag({ variables });
      return data?.licensesTag.errors ?? [];
    }
    const { data } = await untag({ variables });
    return data?.licensesUntag.errors ?? [];
  };
  return [run, { loading: tagState.loading || untagState.loading }] as const;
}
