import { describe, expect, it } from "vitest";

import { describeEvent, globalId, namesFrom, objectPath, personPath } from "./history";

const names = namesFrom([
  { id: globalId("User", 1), name: "Ana Martin" },
  { id: globalId("User", 2), name: "Elena Patel" },
]);
const base = {
  actorKind: "session",
  actorLabel: "ana@x.io",
  actorUserId: globalId("User", 1),
  objectType: "license",
  objectId: "7",
};

describe("audit events as sentences", () => {
  it("tells a vendor's product events with the product's name", () => {
    const product = { ...base, objectType: "product", objectId: "3" };
    const said = (action: string, changes: object) => describeEvent({ ...product, action, changes }, names).headline;
    expect(said("product.create", { after: { name: "Photoshop", vendor_id: 1 } })).toBe(
      "Ana Martin added the product Photoshop",
    );
    expect(said("product.update", { before: { name: "Photoshop" }, after: { name: "Photoshop CC" } })).toBe(
      "Ana Martin renamed the product Photoshop to Photoshop CC",
    );
    expect(said("product.archive", { before: { name: "Acrobat" }, after: { name: "Acrobat" } })).toBe(
      "Ana Martin archived the product Acrobat",
    );
    expect(said("product.delete", { before: { name: "Acrobat" } })).toBe("Ana Martin deleted the product Acrobat");
  });

  it("names the people, not their ids", () => {
    const e = describeEvent({ ...base, action: "license.assign", changes: { user_id: 2, until: null } }, names);
    expect(e.headline).toBe("Ana Martin assigned a seat to Elena Patel");
  });

  it("formats money and dates, and shows a secret only as changed", () => {
    const e = describeEvent(
      {
        ...base,
        action: "license.update",
        changes: {
          before: { cost_micros: 1_300_000_000, currency: "USD", expires_on: "2026-01-31", version: 3, notes: "a" },
          after: { cost_micros: 1_450_000_000, currency: "USD", expires_on: "2027-01-31", version: 4, notes: "b" },
          secrets_changed: ["secret"],
        },
      },
      names,
    );
    expect(e.headline).toBe("Ana Martin changed the license");
    expect(e.details).toContain("Cost changed from $1,300.00 to $1,450.00");
    expect(e.details.some((d) => /^Expires changed from .*2026 to .*2027$/.test(d))).toBe(true);
    expect(e.details).toContain("Notes changed");
    expect(e.details).toContain("Secret changed");
    expect(e.details.join(" ")).not.toMatch(/version/i);
  });

  it("falls back to the label then kept for someone the viewer may not see", () => {
    const e = describeEvent(
      { ...base, actorUserId: globalId("User", 99), action: "license.reveal", changes: {} },
      names,
    );
    expect(e.headline).toBe("ana@x.io revealed the secret");
  });

  it("links the people it names to their seats", () => {
    const e = describeEvent({ ...base, action: "license.assign", changes: { user_id: 2 } }, names);
    expect(e.parts).toEqual([
      { text: "Ana Martin", to: personPath(globalId("User", 1)) },
      " assigned a seat to ",
      { text: "Elena Patel", to: personPath(globalId("User", 2)) },
    ]);
  });

  it("says a hidden cost changed without showing it, and never shows a hidden label", () => {
    const e = describeEvent(
      {
        ...base,
        actorUserId: globalId("User", 99),
        actorLabel: "[hidden]",
        action: "license.update",
        changes: { before: { cost_micros: null }, after: { cost_micros: "[hidden]" } },
      },
      names,
    );
    expect(e.headline).toBe("A former user changed the license");
    expect(e.details).toEqual(["Cost changed"]);
  });

  it("links the objects of the audit log that have a page", () => {
    expect(objectPath("vendor", "3")).toBe(`/vendors/${globalId("Vendor", 3)}`);
    expect(objectPath("license", "7")).toBe(`/licenses/${globalId("License", 7)}`);
    expect(objectPath("grant", "7")).toBeUndefined();
  });
});
