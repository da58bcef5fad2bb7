/** How many live licenses are in each status; each count links to the filtered table. */
import { Link } from "react-router";

import { Card, StatusBadge } from "../../components/ui";
import { graphql } from "../../gql";
import type { StatusCounts_DashboardFragment } from "../../gql/graphql";
import { STATUSES } from "../licenses/listState";

export const StatusCountsFragment = graphql(`
  fragment StatusCounts_dashboard on Dashboard {
    countsByStatus {
      status
      count
    }
  }
`);

export function StatusCounts({ dashboard }: { dashboard: StatusCounts_DashboardFragment }) {
  const counts = new Map(dashboard.countsByStatus.map((c) => [c.status, c.count]));
  const total = dashboard.countsByStatus.reduce((sum, c) => sum + c.count, 0);
  return (
    <Card title={`Licenses by status (${total})`}>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        {/* Expired has its one number under "Expiring soon". */}
        {STATUSES.filter((status) => status !== "EXPIRED").map((status) => (
          <li key={status}>
            <Link
              to={`/licenses?status=${status}`}
              className="flex items-center justify-between rounded-md border border-slate-200 px-3 py-2 hover:border-indigo-400 dark:border-slate-700"
            >
              <StatusBadge status={status} />
              <span className="text-lg font-semibold tabular-nums" data-testid={`status-count-${status}`}>
                {counts.get(status) ?? 0}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
