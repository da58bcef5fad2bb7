import { describe, expect, it } from "vitest";

import { can } from "./permissions";

describe("can", () => {
  it("offers user management to admins only, and the catalog to admins and managers", () => {
    expect(can("ADMIN", "user.manage")).toBe(true);
    expect(can("MANAGER", "user.manage")).toBe(false);
    expect(can("MANAGER", "catalog.manage")).toBe(true);
    expect(can("AUDITOR", "catalog.manage")).toBe(false);
    expect(can("MEMBER", "catalog.manage")).toBe(false);
  });
  it("offers the logs to admins and auditors", () => {
    expect(can("ADMIN", "audit.view")).toBe(true);
    expect(can("AUDITOR", "audit.view")).toBe(true);
    expect(can("MANAGER", "audit.view")).toBe(false);
    expect(can(null, "audit.view")).toBe(false);
  });
});
