/** The dashboard's query and its year, apart from the screen so the entry can start the query
 * while the screen's code still loads (src/app/prefetch.ts). */
import type { ApolloClient } from "@apollo/client";

import { graphql } from "../../gql";
import { prefetchQuery } from "../../lib/prefetch";
import type { Abilities } from "../auth/session";

export const DashboardPageQuery = graphql(`
  query DashboardPage($year: Int, $orgWide: Boolean!) {
    dashboard(year: $year) {
      year
      ...StatusCounts_dashboard
      ...ExpiringSoon_dashboard
      ...SeatUsage_dashboard @include(if: $orgWide)
      ...SpendCharts_dashboard @include(if: $orgWide)
    }
  }
`);

/** The year asked for in the address (?year=), else this one. */
export function dashboardYear(params: URLSearchParams): number {
  const asked = Number(params.get("year"));
  return Number.isInteger(asked) && asked >= 1990 && asked <= 2200 ? asked : new Date().getFullYear();
}

/** Starts the query for the address's year (src/main.tsx). */
export function prefetch(client: ApolloClient, can: Abilities, params: URLSearchParams) {
  const variables = { year: dashboardYear(params), orgWide: can.viewEveryCost };
  prefetchQuery(DashboardPageQuery, () => client.query({ query: DashboardPageQuery, variables }));
}
