import { describe, expect, it } from "vitest";

import { plural } from "./plural";

describe("plural", () => {
  it("uses the singular for one and the plural otherwise", () => {
    expect(plural(1, "license")).toBe("1 license");
    expect(plural(0, "license")).toBe("0 licenses");
    expect(plural(2500, "seat")).toBe("2,500 seats");
    expect(plural(2, "match", "matches")).toBe("2 matches");
  });
});
