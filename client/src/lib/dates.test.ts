import { describe, expect, it } from "vitest";

import { addDays, daysUntil, describeExpiry, expiryNote, expiryState } from "./dates";

describe("expiry", () => {
  const today = "2026-03-10";

  it("counts days across months", () => {
    expect(daysUntil("2026-04-09", today)).toBe(30);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  });

  it("marks expired and soon-expiring licenses", () => {
    expect(expiryState("2026-03-09", "ACTIVE", today)).toBe("expired");
    expect(expiryState("2026-03-10", "ACTIVE", today)).toBe("soon");
    expect(expiryState("2026-04-09", "ACTIVE", today)).toBe("soon");
    expect(expiryState("2026-04-10", "ACTIVE", today)).toBe("later");
    expect(expiryState(null, "EXPIRED", today)).toBe("expired");
    expect(expiryState(null, "ACTIVE", today)).toBe("none");
  });

  it("says it in words", () => {
    expect(describeExpiry("2026-03-09", today)).toBe("Expired 1 day ago");
    expect(describeExpiry("2026-03-10", today)).toBe("Expires today");
    expect(describeExpiry("2026-03-15", today)).toBe("Expires in 5 days");
  });

  it("never calls a cancelled license expired", () => {
    expect(expiryNote("2026-03-01", "CANCELLED", today)).toEqual({
      state: "cancelled",
      text: "Cancelled: will not renew",
    });
    expect(expiryNote("2026-03-01", "ACTIVE", today)).toEqual({ state: "expired", text: "Expired 9 days ago" });
    expect(expiryNote("2026-03-11", "TRIAL", today)).toEqual({ state: "soon", text: "Expires in 1 day" });
    expect(expiryNote("2027-01-01", "ACTIVE", today)).toBeNull();
  });
});
