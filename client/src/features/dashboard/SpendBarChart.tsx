/** One bar chart of the spend cards (SpendCharts): its own chunk, so Recharts loads after the
 * dashboard has painted. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export default function SpendBarChart({
  data,
  format,
}: {
  data: { label: string; amount: number }[];
  format: (v: unknown) => string;
}) {
  return (
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
  );
}
