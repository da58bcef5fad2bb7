/** Seats in use against seats bought (licenses with a limit). */
import { Card } from "../../components/ui";
import { graphql } from "../../gql";
import type { SeatUsage_DashboardFragment } from "../../gql/graphql";
import { plural } from "../../lib/plural";

export const SeatUsageFragment = graphql(`
  fragment SeatUsage_dashboard on Dashboard {
    seatsUsed
    seatsTotal
    unlimitedLicenses
  }
`);

export function SeatUsage({ dashboard }: { dashboard: SeatUsage_DashboardFragment }) {
  const { seatsUsed, seatsTotal, unlimitedLicenses } = dashboard;
  const share = seatsTotal > 0 ? Math.min(100, Math.round((seatsUsed / seatsTotal) * 100)) : 0;
  return (
    <Card title="Seats">
      <p className="text-sm">
        <span className="text-2xl font-semibold tabular-nums" data-testid="seats-used">
          {seatsUsed}
        </span>{" "}
        of{" "}
        <span className="font-semibold tabular-nums" data-testid="seats-total">
          {seatsTotal}
        </span>{" "}
        seats in use
      </p>
      <div
        className="mt-2 h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
        role="progressbar"
        aria-label="Seats in use"
        aria-valuemin={0}
        aria-valuemax={seatsTotal}
        aria-valuenow={seatsUsed}
      >
        <div
          className={`h-full ${share >= 90 ? "bg-red-500" : share >= 75 ? "bg-amber-500" : "bg-indigo-500"}`}
          style={{ width: `${share}%` }}
        />
      </div>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
        {share}% used · {plural(unlimitedLicenses, "license")} with unlimited seats not counted
      </p>
    </Card>
  );
}
