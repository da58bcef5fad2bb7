/** Where the licenses stand: status counts, expiries, seats and spend. */
import { useQuery } from "@apollo/client/react";
import { useSearchParams } from "react-router";

import { Alert, PageHeader, Spinner, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import { describeError } from "../../lib/errors";
import { ExpiringSoon } from "./ExpiringSoon";
import { SeatUsage } from "./SeatUsage";
import { SpendCharts } from "./SpendCharts";
import { StatusCounts } from "./StatusCounts";

const DashboardPageQuery = graphql(`
  query DashboardPage($year: Int) {
    dashboard(year: $year) {
      year
      ...StatusCounts_dashboard
      ...ExpiringSoon_dashboard
      ...SeatUsage_dashboard
      ...SpendCharts_dashboard
    }
  }
`);

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const asked = Number(params.get("year"));
  const year = Number.isInteger(asked) && asked >= 1990 && asked <= 2200 ? asked : thisYear;
  const { data, previousData, loading, error } = useQuery(DashboardPageQuery, {
    variables: { year },
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
          <SeatUsage dashboard={dashboard} />
          <div className="lg:col-span-2">
            <SpendCharts dashboard={dashboard} />
          </div>
        </div>
      )}
    </>
  );
}
