import { describe, expect, it } from "vitest";

import type { SpendCharts_DashboardFragment } from "../../gql/graphql";
import { monthSeries, notConvertedText, vendorSeries } from "./SpendCharts";

const dashboard = {
  year: 2026,
  currency: "USD",
  spendTotal: { amount: "625.00", notConverted: [{ currency: "EUR", amount: "800.00" }] },
  spendByVendor: [
    { vendorId: "A", vendorName: "Adobe", currency: "EUR", amount: "800.00", converted: null },
    { vendorId: "J", vendorName: "JetBrains", currency: "GBP", amount: "100.00", converted: "125.00" },
    { vendorId: "J", vendorName: "JetBrains", currency: "USD", amount: "500.00", converted: "500.00" },
  ],
  spendByMonth: [
    { month: 1, currency: "EUR", amount: "800.00", converted: null },
    { month: 1, currency: "USD", amount: "500.00", converted: "500.00" },
    { month: 2, currency: "GBP", amount: "100.00", converted: "125.00" },
  ],
} as unknown as SpendCharts_DashboardFragment;

describe("spend in one currency", () => {
  it("adds converted amounts only, per vendor and per month", () => {
    expect(vendorSeries(dashboard)).toEqual([{ label: "JetBrains", amount: 625 }]);
    expect(
      monthSeries(dashboard)
        .slice(0, 3)
        .map((m) => m.amount),
    ).toEqual([500, 125, 0]);
  });

  it("names what was not converted", () => {
    expect(notConvertedText([])).toBe("");
    expect(notConvertedText([{ currency: "EUR", amount: "1200" }])).toBe(
      "plus EUR 1,200.00 not converted (no rate configured)",
    );
    expect(
      notConvertedText([
        { currency: "EUR", amount: "1" },
        { currency: "GBP", amount: "2.5" },
        { currency: "JPY", amount: "300" },
      ]),
    ).toBe("plus EUR 1.00, GBP 2.50 and JPY 300.00 not converted (no rate configured)");
  });
});
