import { describe, expect, it } from "vitest";

import { plural, pluralWord } from "./plural";

describe("plural", () => {
  it("uses the singular for one and the plural otherwise", () => {
    expect(plural(1, "license")).toBe("1 license");
    expect(plural(0, "license")).toBe("0 licenses");
    expect(plural(2500, "seat")).toBe("2,500 seats");
    expect(plural(2, "match", "matches")).toBe("2 matches");
    expect(plural(1.5, "seat")).toBe("1.5 seats");
  });

  it("gives the word alone, for a verb or a noun after the count", () => {
    expect(pluralWord(1, "matches", "match")).toBe("matches");
    expect(pluralWord(3, "matches", "match")).toBe("match");
    expect(pluralWord(1, "day")).toBe("day");
  });
});
