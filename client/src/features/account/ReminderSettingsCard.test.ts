import { describe, expect, it } from "vitest";

import { parseLeadDays } from "./ReminderSettingsCard";

describe("parseLeadDays", () => {
  it("reads whole numbers separated by commas, spaces or semicolons", () => {
    expect(parseLeadDays("90, 30 7")).toEqual([90, 30, 7]);
    expect(parseLeadDays("14;3")).toEqual([14, 3]);
    expect(parseLeadDays("")).toEqual([]);
  });

  it("refuses anything that is not a whole number of days", () => {
    expect(parseLeadDays("90, thirty")).toBeNull();
    expect(parseLeadDays("7.5")).toBeNull();
    expect(parseLeadDays("-7")).toBeNull();
  });
});
