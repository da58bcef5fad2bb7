/** The license form's values (strings, as inputs hold them), their rules, and the conversion
 * to licenseCreate / licenseUpdate input. Kept apart from the component to test it alone. */
import { z } from "zod";

import type {
  BillingPeriod,
  LicenseCreateInput,
  LicenseKind,
  LicenseStatus,
  LicenseUpdateInput,
} from "../../gql/graphql";
import { STATUSES } from "../licenses/listState";
import { countSchema, currencySchema, decimalSchema, optionalDate } from "./schemas";

export const KINDS = [
  "SERIAL_KEY",
  "API_KEY",
  "CREDENTIAL",
  "SUBSCRIPTION",
  "ENTITLEMENT",
  "OTHER",
] as const satisfies readonly LicenseKind[];
export const PERIODS = [
  "ONE_TIME",
  "MONTHLY",
  "QUARTERLY",
  "YEARLY",
  "MULTI_YEAR",
] as const satisfies readonly BillingPeriod[];
const CUSTOM_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

export const LicenseFormSchema = z
  .object({
    productId: z.string().min(1, "Choose the product."),
    name: z.string().trim().max(200, "At most 200 characters."),
    kind: z.enum(KINDS),
    status: z.enum(STATUSES),
    secret: z.string().max(10_000, "At most 10,000 characters."),
    removeSecret: z.boolean(),
    seats: countSchema,
    cost: decimalSchema,
    currency: currencySchema,
    billingPeriod: z.union([z.literal(""), z.enum(PERIODS)]),
    purchasedOn: optionalDate,
    startsOn: optionalDate,
    expiresOn: optionalDate,
    cancelBy: optionalDate,
    autoRenew: z.boolean(),
    remindSeatHolders: z.boolean(),
    ownerId: z.string(),
    notes: z.string().max(10_000, "At most 10,000 characters."),
    externalId: z.string().trim().max(255, "At most 255 characters."),
    tagIds: z.array(z.string()),
    customFields: z.array(
      z.object({
        key: z.string().trim().regex(CUSTOM_KEY, "1–64 letters, digits, '_', '-' or '.'."),
        value: z.string().max(1000, "At most 1,000 characters."),
      }),
    ),
  })
  .superRefine((v, ctx) => {
    const before = (field: "startsOn" | "purchasedOn" | "cancelBy", label: string) => {
      if (v[field] && v.expiresOn && v[field] > v.expiresOn) {
        ctx.addIssue({ code: "custom", path: [field], message: `${label} must be on or before the expiry date.` });
      }
    };
    before("startsOn", "The start");
    before("purchasedOn", "The purchase date");
    before("cancelBy", "The cancel-by date");
    if (v.cost && !v.currency)
      ctx.addIssue({ code: "custom", path: ["currency"], message: "Give the currency of the cost." });
    if (v.secret && !v.secret.trim())
      ctx.addIssue({ code: "custom", path: ["secret"], message: "The secret must not be only spaces." });
    const seen = new Set<string>();
    v.customFields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: "custom", path: ["customFields", i, "key"], message: "This name is used twice." });
      seen.add(f.key);
    });
  });

export type LicenseFormValues = z.input<typeof LicenseFormSchema>;

/** Input fields the form shows; a server error on any other field is shown above the form. */
export const FORM_FIELDS = [
  "productId",
  "name",
  "kind",
  "status",
  "secret",
  "seats",
  "cost",
  "currency",
  "billingPeriod",
  "purchasedOn",
  "startsOn",
  "expiresOn",
  "cancelBy",
  "autoRenew",
  "remindSeatHolders",
  "ownerId",
  "notes",
  "externalId",
  "tagIds",
  "metadata",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export const EMPTY_FORM: LicenseFormValues = {
  productId: "",
  name: "",
  kind: "OTHER",
  status: "ACTIVE",
  secret: "",
  removeSecret: false,
  seats: "",
  cost: "",
  currency: "",
  billingPeriod: "",
  purchasedOn: "",
  startsOn: "",
  expiresOn: "",
  cancelBy: "",
  autoRenew: false,
  remindSeatHolders: false,
  ownerId: "",
  notes: "",
  externalId: "",
  tagIds: [],
  customFields: [],
};

export interface LicenseLike {
  name: string;
  kind: LicenseKind;
  status: LicenseStatus;
  seats?: number | null;
  cost?: string | null;
  currency?: string | null;
  billingPeriod?: BillingPeriod | null;
  purchasedOn?: string | null;
  startsOn?: string | null;
  expiresOn?: string | null;
  cancelBy?: string | null;
  autoRenew: boolean;
  remindSeatHolders?: boolean;
  notes: string;
  metadata: unknown;
  externalId?: string | null;
  product: { id: string };
  owner?: { id: string } | null;
  tags: readonly { id: string }[];
}

export function formValuesFrom(license: LicenseLike): LicenseFormValues {
  const metadata =
    license.metadata && typeof license.metadata === "object" && !Array.isArray(license.metadata)
      ? (license.metadata as Record<string, unknown>)
      : {};
  return {
    ...EMPTY_FORM,
    productId: license.product.id,
    name: license.name,
    kind: license.kind,
    status: license.status,
    seats: license.seats == null ? "" : String(license.seats),
    cost: license.cost ?? "",
    currency: license.currency ?? "",
    billingPeriod: license.billingPeriod ?? "",
    purchasedOn: license.purchasedOn ?? "",
    startsOn: license.startsOn ?? "",
    expiresOn: license.expiresOn ?? "",
    cancelBy: license.cancelBy ?? "",
    autoRenew: license.autoRenew,
    remindSeatHolders: license.remindSeatHolders ?? false,
    ownerId: license.owner?.id ?? "",
    notes: license.notes,
    externalId: license.externalId ?? "",
    tagIds: license.tags.map((t) => t.id).sort(),
    customFields: Object.entries(metadata).map(([key, value]) => ({
      key,
      value: typeof value === "string" ? value : JSON.stringify(value),
    })),
  };
}

const orNull = (v: string) => (v.trim() === "" ? null : v.trim());

/** Everything but the secret, as the API spells it. */
function commonInput(v: LicenseFormValues) {
  return {
    productId: v.productId,
    name: v.name.trim(),
    kind: v.kind,
    status: v.status,
    seats: v.seats.trim() === "" ? null : Number(v.seats),
    cost: orNull(v.cost),
    currency: orNull(v.currency)?.toUpperCase() ?? null,
    billingPeriod: v.billingPeriod === "" ? null : v.billingPeriod,
    purchasedOn: orNull(v.purchasedOn),
    startsOn: orNull(v.startsOn),
    expiresOn: orNull(v.expiresOn),
    cancelBy: orNull(v.cancelBy),
    autoRenew: v.autoRenew,
    remindSeatHolders: v.remindSeatHolders,
    ownerId: orNull(v.ownerId),
    notes: v.notes,
    externalId: orNull(v.externalId),
    tagIds: [...v.tagIds].sort(),
    metadata: Object.fromEntries(v.customFields.map((f) => [f.key.trim(), f.value])),
  };
}

export function createInput(v: LicenseFormValues): LicenseCreateInput {
  return { ...commonInput(v), secret: v.secret === "" ? null : v.secret };
}

/** Only what changed since the form was loaded: fields left out stay as they are. */
export function updateInput(
  id: string,
  version: number,
  initial: LicenseFormValues,
  v: LicenseFormValues,
): LicenseUpdateInput {
  const before = commonInput(initial) as Record<string, unknown>;
  const after = commonInput(v) as Record<string, unknown>;
  const input: Record<string, unknown> = { id, version };
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) input[key] = value;
  }
  if (v.removeSecret) input["secret"] = null;
  else if (v.secret !== "") input["secret"] = v.secret;
  return input as unknown as LicenseUpdateInput;
}
