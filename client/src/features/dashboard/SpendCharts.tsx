/** Spend per vendor and per month for the year, in the default currency (the server's
 * `default_currency` setting): other currencies are converted only where a rate is configured;
 * what cannot be converted is shown apart ("plus EUR 1,200.00 not converted"), never added.
 * Each chart has a table version for screen readers. */
import { lazy, Suspense, useEffect, useRef, useState } from "react";

import { Card } from "../../components/ui";
import { graphql } from "../../gql";
import type { SpendCharts_DashboardFragment } from "../../gql/graphql";
import { formatMoney } from "../../lib/money";

export const SpendChartsFragment = graphql(`
  fragment SpendCharts_dashboard on Dashboard {
    year
    currency
    spendTotal {
      amount
      notConverted {
        currency
        amount
      }
    }
    spendByVendor {
      vendorId
      vendorName
      currency
      amount
      converted
    }
    spendByMonth {
      month
      currency
      amount
      converted
    }
  }
`);

// Recharts (about 100 kB compressed) loads once the numbers are in, after the dashboard's
// first paint (started earlier, it shares a slow phone's bandwidth with what that paint
// needs), into a box of its final height, so nothing moves when the bars appear.
// On a phone the charts sit below the first screen: each loads and draws only once its box
// scrolls into view (Recharts' first render, text measuring included, was the longest
// task of the dashboard's load at a phone's CPU speed).
const SpendBarChart = lazy(() => import("./SpendBarChart"));

/** True once the element has come into the viewport (then stays true). */
function useInView<T extends Element>() {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const element = ref.current;
    if (seen || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: "0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  return [ref, seen] as const;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Converted spend per vendor (largest first); vendors with nothing convertible are left out. */
export function vendorSeries(dashboard: SpendCharts_DashboardFragment) {
  const byVendor = new Map<string, { label: string; amount: number }>();
  for (const row of dashboard.spendByVendor ?? []) {
    if (row.converted == null) continue;
    const entry = byVendor.get(row.vendorId) ?? { label: row.vendorName, amount: 0 };
    entry.amount += Number(row.converted);
    byVendor.set(row.vendorId, entry);
  }
  return [...byVendor.values()].sort((a, b) => b.amount - a.amount);
}

export function monthSeries(dashboard: SpendCharts_DashboardFragment) {
  return MONTHS.map((label, i) => ({
    label,
    amount: (dashboard.spendByMonth ?? [])
      .filter((r) => r.month === i + 1 && r.converted != null)
      .reduce((sum, r) => sum + Number(r.converted), 0),
  }));
}

const AMOUNT = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "plus EUR 1,200.00 and GBP 30.00 not converted (no rate configured)", or "". */
export function notConvertedText(rows: readonly { currency: string; amount: unknown }[]): string {
  if (!rows.length) return "";
  const parts = rows.map((r) => `${r.currency} ${AMOUNT.format(Number(r.amount))}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
  return `plus ${list} not converted (no rate configured)`;
}

export function SpendCharts({ dashboard }: { dashboard: SpendCharts_DashboardFragment }) {
  if (dashboard.spendByVendor === null || dashboard.spendByMonth === null || !dashboard.spendTotal) {
    return (
      <Card title="Spend">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Costs are visible to admins, managers and auditors.
        </p>
      </Card>
    );
  }
  const currency = dashboard.currency;
  const total = dashboard.spendTotal;
  if (dashboard.spendByVendor.length === 0) {
    return (
      <Card title={`Spend in ${dashboard.year}`}>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No costs recorded for terms starting in {dashboard.year}.
        </p>
      </Card>
    );
  }
  const money = (v: unknown) => formatMoney(Number(v), currency);
  const apart = notConvertedText(total.notConverted);

  return (
    <Card title={`Spend in ${dashboard.year}`}>
      <p className="mb-3 text-sm break-words" data-testid="spend-total">
        <span className="text-lg font-semibold tabular-nums">{formatMoney(String(total.amount), currency)}</span>
        {apart && <span className="text-slate-600 dark:text-slate-400"> {apart}</span>}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Chart
          title={`Per vendor (${currency})`}
          data={vendorSeries(dashboard)}
          format={money}
          testId="spend-by-vendor"
        />
        <Chart title={`Per month (${currency})`} data={monthSeries(dashboard)} format={money} testId="spend-by-month" />
      </div>
    </Card>
  );
}

function Chart({
  title,
  data,
  format,
  testId,
}: {
  title: string;
  data: { label: string; amount: number }[];
  format: (v: unknown) => string;
  testId: string;
}) {
  const [box, inView] = useInView<HTMLDivElement>();
  return (
    <figure data-testid={testId}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      {/* inert as well: the chart's own focusable parts must not be reachable while hidden */}
      <div ref={box} className="h-64 text-slate-600 dark:text-slate-300" aria-hidden inert>
        {inView && (
          <Suspense fallback={null}>
            <SpendBarChart data={data} format={format} />
          </Suspense>
        )}
      </div>
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-slate-500 dark:text-slate-400">Show as table</summary>
        <table className="mt-1 w-full">
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row" className="py-0.5 pr-2 text-left font-normal">
                  {d.label}
                </th>
                <td className="text-right tabular-nums">{format(d.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
