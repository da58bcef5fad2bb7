import { describe, expect, it } from "vitest";

import { databaseId, dayToIso } from "./logState";

describe("databaseId", () => {
  it("reads the database id out of a Relay global id", () => {
    expect(databaseId(btoa("License:42"))).toBe("42");
  });
  it("leaves other ids alone", () => {
    expect(databaseId("not base64!")).toBe("not base64!");
    expect(databaseId(btoa("plain"))).toBe(btoa("plain"));
  });
});

describe("dayToIso", () => {
  it("turns a day into the start of that local day, or of the next one", () => {
    expect(new Date(dayToIso("2026-03-01")!).getDate()).toBe(1);
    expect(new Date(dayToIso("2026-03-01", true)!).getDate()).toBe(2);
  });
  it("ignores anything but a day", () => {
    expect(dayToIso("")).toBeNull();
    expect(dayToIso("March")).toBeNull();
  });
});
