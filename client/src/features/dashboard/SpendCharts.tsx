/** Spend per vendor and per month for the year, one currency at a time (amounts in different
 * currencies are never added). Each chart has a table version for screen readers. */
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { Card, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { SpendCharts_DashboardFragment } from "../../gql/graphql";
import { formatMoney } from "../../lib/money";

export const SpendChartsFragment = graphql(`
  fragment SpendCharts_dashboard on Dashboard {
    year
    spendByVendor {
      vendorId
      vendorName
      currency
      amount
    }
    spendByMonth {
      month
      currency
      amount
    }
  }
`);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function currenciesBySpend(dashboard: SpendCharts_DashboardFragment): string[] {
  const totals = new Map<string, number>();
  for (const row of dashboard.spendByVendor ?? []) {
    totals.set(row.currency, (totals.get(row.currency) ?? 0) + Number(row.amount));
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

export function monthSeries(dashboard: SpendCharts_DashboardFragment, currency: string) {
  return MONTHS.map((label, i) => ({
    label,
    amount: (dashboard.spendByMonth ?? [])
      .filter((r) => r.month === i + 1 && r.currency === currency)
      .reduce((sum, r) => sum + Number(r.amount), 0),
  }));
}

export function SpendCharts({ dashboard }: { dashboard: SpendCharts_DashboardFragment }) {
  const id = useId();
  const currencies = currenciesBySpend(dashboard);
  const [picked, setPicked] = useState<string | null>(null);
  if (dashboard.spendByVendor === null || dashboard.spendByMonth === null) {
    return (
      <Card title="Spend">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Costs are visible to admins, managers and auditors.
        </p>
      </Card>
    );
  }
  const currency = picked && currencies.includes(picked) ? picked : currencies[0];
  if (!currency) {
    return (
      <Card title={`Spend in ${dashboard.year}`}>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No costs recorded for terms starting in {dashboard.year}.
        </p>
      </Card>
    );
  }
  const vendors = dashboard.spendByVendor
    .filter((r) => r.currency === currency)
    .map((r) => ({ label: r.vendorName, amount: Number(r.amount) }));
  const months = monthSeries(dashboard, currency);
  const money = (v: unknown) => formatMoney(Number(v), currency);

  return (
    <Card
      title={`Spend in ${dashboard.year}`}
      actions={
        currencies.length > 1 && (
          <div className="flex items-center gap-2 text-sm">
            <label htmlFor={`${id}-currency`}>Currency</label>
            <select
              id={`${id}-currency`}
              className={`${inputClass} w-auto`}
              value={currency}
              onChange={(e) => setPicked(e.target.value)}
            >
              {currencies.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
        )
      }
    >
      <div className="grid gap-6 lg:grid-cols-2">
        <Chart title={`Per vendor (${currency})`} data={vendors} format={money} testId="spend-by-vendor" />
        <Chart title={`Per month (${currency})`} data={months} format={money} testId="spend-by-month" />
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
  return (
    <figure data-testid={testId}>
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      {/* inert as well: the chart's own focusable parts must not be reachable while hidden */}
      <div className="h-64 text-slate-600 dark:text-slate-300" aria-hidden inert>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
            {/* Labels that would overlap (12 months on a phone) are skipped, first and last kept. */}
            <XAxis
              dataKey="label"
              tick={{ fill: "currentColor", fontSize: 12 }}
              interval="preserveStartEnd"
              minTickGap={6}
            />
            <YAxis
              tick={{ fill: "currentColor", fontSize: 12 }}
              width={72}
              tickFormatter={(v: number) => v.toLocaleString()}
            />
            <Tooltip formatter={(v) => format(v)} contentStyle={{ color: "#0f172a" }} cursor={{ fillOpacity: 0.1 }} />
            <Bar
              dataKey="amount"
              name="Spend"
              fill="#6366f1"
              radius={[3, 3, 0, 0]}
              maxBarSize={56}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
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
