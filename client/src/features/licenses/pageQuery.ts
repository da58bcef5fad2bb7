/** The licenses screen's query and its variables, apart from the screen so the entry can start
 * it while the screen's code still loads (src/main.tsx, src/lib/prefetch.ts). */
import type { ApolloClient } from "@apollo/client";

import { graphql } from "../../gql";
import { prefetchQuery } from "../../lib/prefetch";
import type { Abilities } from "../auth/session";
import { listVariables, parseListState, type LicenseListState } from "./listState";

export const LicensesPageQuery = graphql(`
  query LicensesPage(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: LicenseFilter
    $search: String
    $orderBy: LicenseOrder
    $withCost: Boolean!
    $withUsers: Boolean!
  ) {
    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          ...LicenseTable_license
        }
      }
    }
    ...LicenseFilters_query
  }
`);

export function licensesPageVariables(state: LicenseListState, can: Abilities) {
  return { ...listVariables(state), withCost: can.viewEveryCost, withUsers: can.viewUsers };
}

/** Starts the query for the address's list (src/main.tsx). */
export function prefetch(client: ApolloClient, can: Abilities, params: URLSearchParams) {
  const variables = licensesPageVariables(parseListState(params), can);
  prefetchQuery(LicensesPageQuery, () => client.query({ query: LicensesPageQuery, variables }));
}
