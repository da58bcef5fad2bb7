import { describe, expect, it } from "vitest";

import { EMPTY_FORM, LicenseFormSchema, createInput, updateInput, type LicenseFormValues } from "./licenseForm";

const valid: LicenseFormValues = { ...EMPTY_FORM, productId: "P1", name: "Team plan" };

function errorsOf(values: LicenseFormValues): Record<string, string> {
  const result = LicenseFormSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("license form rules", () => {
  it("needs only the product", () => {
    expect(errorsOf(valid)).toEqual({});
    expect(errorsOf({ ...valid, productId: "" })).toHaveProperty("productId");
  });

  it("puts each problem on its own field", () => {
    const errors = errorsOf({
      ...valid,
      seats: "-1",
      cost: "12.3456789",
      currency: "EURO",
      expiresOn: "2026-01-01",
      startsOn: "2026-02-01",
    });
    expect(Object.keys(errors).sort()).toEqual(["cost", "currency", "seats", "startsOn"]);
  });

  it("wants a currency with a cost, and unique custom field names", () => {
    const errors = errorsOf({
      ...valid,
      cost: "10",
      customFields: [
        { key: "cost-center", value: "A" },
        { key: "cost-center", value: "B" },
        { key: "bad key", value: "" },
      ],
    });
    expect(errors).toHaveProperty("currency");
    expect(errors).toHaveProperty("customFields.1.key");
    expect(errors).toHaveProperty("customFields.2.key");
  });
});

describe("license form to API input", () => {
  it("creates with typed values and null for empty ones", () => {
    const input = createInput({
      ...valid,
      seats: "5",
      cost: "99.5",
      currency: "eur",
      secret: "k-1",
      customFields: [{ key: "dept", value: "ops" }],
    });
    expect(input).toMatchObject({
      productId: "P1",
      seats: 5,
      cost: "99.5",
      currency: "EUR",
      secret: "k-1",
      expiresOn: null,
      metadata: { dept: "ops" },
    });
  });

  it("updates only what changed, and the secret only when asked", () => {
    const initial = { ...valid, seats: "5", tagIds: ["T2", "T1"] };
    expect(updateInput("L1", 3, initial, { ...initial, tagIds: ["T1", "T2"] })).toEqual({ id: "L1", version: 3 });
    expect(updateInput("L1", 3, initial, { ...initial, seats: "6", secret: "new" })).toEqual({
      id: "L1",
      version: 3,
      seats: 6,
      secret: "new",
    });
    expect(updateInput("L1", 3, initial, { ...initial, removeSecret: true })).toEqual({
      id: "L1",
      version: 3,
      secret: null,
    });
  });
});
