import { describe, expect, it } from "vitest";

import { readCookie } from "../../lib/cookies";
import { safeNext } from "./RequireAuth";

describe("signing in", () => {
  it("only ever goes back to a path on this site", () => {
    expect(safeNext("/licenses?q=a")).toBe("/licenses?q=a");
    for (const bad of [null, "", "https://evil.test/", "//evil.test/x", "/\\evil.test"]) {
      expect(safeNext(bad)).toBe("/");
    }
  });

  it("reads the CSRF cookie the server left readable", () => {
    expect(readCookie("licman_csrf", "a=1; licman_csrf=abc%3D; b=2")).toBe("abc=");
    expect(readCookie("licman_csrf", "a=1")).toBeNull();
  });
});
