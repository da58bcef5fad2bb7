/** Licenses expiring within 7, 30 and 90 days, and those already expired, linking to the table. */
import { Link } from "react-router";

import { Card } from "../../components/ui";
import { graphql } from "../../gql";
import type { ExpiringSoon_DashboardFragment } from "../../gql/graphql";
import { plural } from "../../lib/plural";

export const ExpiringSoonFragment = graphql(`
  fragment ExpiringSoon_dashboard on Dashboard {
    expiring {
      withinDays
      count
    }
    expired
  }
`);

const NEUTRAL = "text-slate-800 dark:text-slate-100";
const TONES: Record<number, string> = {
  7: "text-red-700 dark:text-red-300",
  30: "text-amber-700 dark:text-amber-300",
  90: "text-slate-800 dark:text-slate-100",
};

export function ExpiringSoon({ dashboard }: { dashboard: ExpiringSoon_DashboardFragment }) {
  return (
    <Card title="Expiring soon">
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {dashboard.expiring.map((e) => (
          <li key={e.withinDays}>
            <Link
              to={`/licenses?expiring=${e.withinDays}`}
              className="block rounded-md border border-slate-200 px-3 py-2 hover:border-indigo-400 dark:border-slate-700"
            >
              <span
                className={`block text-2xl font-semibold tabular-nums ${e.count > 0 ? (TONES[e.withinDays] ?? "") : NEUTRAL}`}
                data-testid={`expiring-${e.withinDays}`}
              >
                {e.count}
              </span>
              <span className="text-xs text-slate-600 dark:text-slate-400">within {plural(e.withinDays, "day")}</span>
            </Link>
          </li>
        ))}
        <li>
          <Link
            to="/licenses?expired=1"
            className={`block rounded-md border px-3 py-2 ${
              dashboard.expired > 0
                ? "border-red-200 bg-red-50 hover:border-red-400 dark:border-red-900 dark:bg-red-950/40"
                : "border-slate-200 hover:border-indigo-400 dark:border-slate-700"
            }`}
          >
            <span
              className={`block text-2xl font-semibold tabular-nums ${dashboard.expired > 0 ? "text-red-700 dark:text-red-300" : NEUTRAL}`}
              data-testid="expired-count"
            >
              {dashboard.expired}
            </span>
            <span className="text-xs text-slate-600 dark:text-slate-400">expired</span>
          </Link>
        </li>
      </ul>
    </Card>
  );
}
