/** Where the licenses stand: status counts, expiries, seats and spend. */
import { useQuery } from "@apollo/client/react";
import { useSearchParams } from "react-router";

import { Alert, PageHeader, Spinner, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { SeatUsage_DashboardFragment, SpendCharts_DashboardFragment } from "../../gql/graphql";
import { describeError } from "../../lib/errors";
import { useCurrentUser, useViewerCan } from "../auth/session";
import { LicensesIOwn, MineExpiring, SeatsIHold, useMyLicenses } from "../mine/myLicenses";
import { ExpiringSoon } from "./ExpiringSoon";
import { SeatUsage } from "./SeatUsage";
import { SpendCharts } from "./SpendCharts";
import { StatusCounts } from "./StatusCounts";

const DashboardPageQuery = graphql(`
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

/** A member's part of the dashboard: their own seats and licenses, not the organisation's
 * spend or seat totals. */
function MineOnDashboard() {
  const me = useCurrentUser();
  const { data } = useMyLicenses();
  if (!data) return <Spinner label="Loading your licenses…" />;
  return (
    <>
      <MineExpiring held={data.held.nodes} owned={data.owned.nodes} />
      <div className="lg:col-span-2">
        <SeatsIHold held={data.held.nodes} userId={me.id} />
      </div>
      {data.owned.totalCount > 0 && (
        <div className="lg:col-span-2">
          <LicensesIOwn owned={data.owned.nodes} />
        </div>
      )}
    </>
  );
}

export default function DashboardPage() {
  // Spend and seat totals are for those who may see every license's cost (not members).
  const orgWide = useViewerCan().viewEveryCost;
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const asked = Number(params.get("year"));
  const year = Number.isInteger(asked) && asked >= 1990 && asked <= 2200 ? asked : thisYear;
  const { data, previousData, loading, error } = useQuery(DashboardPageQuery, {
    variables: { year, orgWide },
    fetchPolicy: "cache-and-network",
  });
  const dashboard = (data ?? previousData)?.dashboard;

  return (
    <>
      <PageHeader title="Dashboard" subtitle="Live licenses you may see; archived ones are left out.">
        <label className="flex items-center gap-2 text-sm">
          Year
          <select
            className={`${inputClass} w-auto`}
            value={year}
            onChange={(e) => setParams(Number(e.target.value) === thisYear ? {} : { year: e.target.value })}
          >
            {Array.from({ length: 6 }, (_, i) => thisYear + 1 - i).map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
      </PageHeader>
      {error && !dashboard && <Alert title="Could not load the dashboard">{describeError(error)}</Alert>}
      {!dashboard && loading && <Spinner label="Loading the dashboard…" />}
      {dashboard && (
        <div className="grid gap-4 lg:grid-cols-2" data-testid="dashboard">
          <StatusCounts dashboard={dashboard} />
          <ExpiringSoon dashboard={dashboard} />
          {orgWide ? (
            <>
              {/* asked for with @include(if: $orgWide), which is true here */}
              <SeatUsage dashboard={dashboard as SeatUsage_DashboardFragment} />
              <div className="lg:col-span-2">
                <SpendCharts dashboard={dashboard as SpendCharts_DashboardFragment} />
              </div>
            </>
          ) : (
            <MineOnDashboard />
          )}
        </div>
      )}
    </>
  );
}
