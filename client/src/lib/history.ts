/** Audit events as sentences a person can read: "Ana Martin assigned a seat to Elena Patel",
 * "Cost changed from $1,300.00 to $1,450.00". Names instead of ids, money and dates formatted,
 * secrets only ever as "secret changed". Used by a license's History and the audit log. */
import { formatDate } from "./dates";
import { formatMoney } from "./money";
import { plural } from "./plural";

export interface EventLike {
  action: string;
  actorKind: string;
  actorLabel: string;
  actorUserId?: string | null;
  objectType: string;
  objectId: string;
  changes: unknown;
}

export interface Names {
  /** A user's name (or e-mail) by database id, if the viewer may see it. */
  user(pk: string | number): string | undefined;
  /** A user's name by global id. */
  userByGlobalId(id: string): string | undefined;
}

/** A piece of a sentence: text, or a person or object the reader can open. */
export type Part = string | { text: string; to: string };

/** An event as a sentence: `headline` is its text, `parts` the same with links. */
export interface Described {
  headline: string;
  parts: Part[];
  details: string[];
}

/** What the audit log writes for a value the reader may not see. */
const HIDDEN = "[hidden]";

/** Where a person's name leads: the licenses they hold a seat of. */
export function personPath(globalUserId: string): string {
  return `/licenses?assignee=${encodeURIComponent(globalUserId)}`;
}

/** Where an object of the audit log leads, for the kinds that have a page. */
export function objectPath(objectType: string, pk: string): string | undefined {
  if (!pk) return undefined;
  if (objectType === "license") return `/licenses/${globalId("License", pk)}`;
  if (objectType === "vendor") return `/vendors/${globalId("Vendor", pk)}`;
  return undefined;
}

function partText(part: Part): string {
  return typeof part === "string" ? part : part.text;
}

/** sentence`${who} assigned a seat to ${holder}`: the text with its linked parts kept. */
function sentence(strings: TemplateStringsArray, ...values: Part[]): Part[] {
  const out: Part[] = [];
  strings.forEach((text, i) => {
    if (text) out.push(text);
    if (i < values.length) out.push(values[i]!);
  });
  return out;
}

function described(parts: Part[], details: string[]): Described {
  return { headline: parts.map(partText).join(""), parts, details };
}

type Snapshot = Record<string, unknown>;

/** The global id of a database row (as the server encodes it: base64 of "Type:pk"). */
export function globalId(type: string, pk: string | number): string {
  return btoa(`${type}:${pk}`);
}

export function namesFrom(users: readonly { id: string; name: string; email?: string | null }[]): Names {
  const byId = new Map(users.map((u) => [u.id, u.name || u.email || ""]));
  return {
    user: (pk) => byId.get(globalId("User", pk)) || undefined,
    userByGlobalId: (id) => byId.get(id) || undefined,
  };
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  kind: "Kind",
  status: "Status",
  seats: "Seats",
  cost_micros: "Cost",
  currency: "Currency",
  billing_period: "Billing period",
  purchased_on: "Purchased",
  starts_on: "Starts",
  expires_on: "Expires",
  cancel_by: "Cancel by",
  auto_renew: "Renews automatically",
  notes: "Notes",
  metadata: "Custom fields",
  external_id: "External id",
  owner_id: "Owner",
  product_id: "Product",
  tag_ids: "Tags",
  website: "Website",
  color: "Colour",
  archived_at: "Archived",
  rights: "Rights",
};
/** Bookkeeping columns that change with every save: not worth a sentence. */
const SILENT = new Set(["version", "updated_at", "created_at", "updated_by_id", "created_by_id", "id"]);

function words(value: string): string {
  const lower = value.replace(/_/g, " ").toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function isDay(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value);
}

function show(field: string, value: unknown, snapshot: Snapshot, names: Names): string {
  if (value === null || value === undefined || value === "") return "nothing";
  if (value === HIDDEN) return "hidden";
  if (field === "cost_micros" && typeof value === "number") {
    return formatMoney(value / 1_000_000, typeof snapshot["currency"] === "string" ? snapshot["currency"] : null);
  }
  if (field === "owner_id" || field.endsWith("user_id")) return names.user(value as number) ?? "a user";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (isDay(value)) return formatDate(value);
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value);
  if (field === "status" || field === "kind" || field === "billing_period") return words(String(value));
  return String(value);
}

/** The sentences for what changed between `before` and `after` (field by field). */
export function describeChanges(before: Snapshot, after: Snapshot, names: Names, secretsChanged = false): string[] {
  const out: string[] = [];
  for (const field of Object.keys({ ...before, ...after })) {
    if (SILENT.has(field) || field.startsWith("secret")) continue;
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const label = FIELD_LABELS[field] ?? words(field);
    if (field === "notes" || field === "metadata" || a === HIDDEN || b === HIDDEN) out.push(`${label} changed`);
    else if (field === "tag_ids") out.push("Tags changed");
    else if (field === "currency" && "cost_micros" in after && before["cost_micros"] !== after["cost_micros"]) continue;
    else out.push(`${label} changed from ${show(field, a, before, names)} to ${show(field, b, after, names)}`);
  }
  if (secretsChanged) out.push("Secret changed");
  return out;
}

function person(userId: string | null | undefined, name: string | undefined, fallback: string): Part {
  if (!name) return fallback;
  return userId ? { text: name, to: personPath(userId) } : name;
}

function actor(e: EventLike, names: Names): Part {
  if (e.actorKind === "system") return "Licman";
  const known = e.actorUserId ? names.userByGlobalId(e.actorUserId) : undefined;
  if (known) return person(e.actorUserId, known, known);
  const label = e.actorLabel && e.actorLabel !== HIDDEN ? e.actorLabel : "";
  return label || (e.actorUserId ? "A former user" : "Someone");
}

/** One event as a headline ("Ana Martin assigned a seat to Elena Patel"), the same as parts
 * with the people linked, and detail lines. */
export function describeEvent(e: EventLike, names: Names): Described {
  const who = actor(e, names);
  const c = (e.changes && typeof e.changes === "object" ? e.changes : {}) as Record<string, unknown>;
  const before = (c["before"] ?? {}) as Snapshot;
  const after = (c["after"] ?? {}) as Snapshot;
  const secrets = Array.isArray(c["secrets_changed"]) ? c["secrets_changed"].length > 0 : Boolean(c["secrets_changed"]);
  const holder = (): Part => {
    const pk = c["user_id"] as number | undefined;
    return pk === undefined ? "a user" : person(globalId("User", pk), names.user(pk), "a user");
  };
  const thing = e.objectType || "object";
  switch (e.action) {
    case "license.create":
      return described(sentence`${who} created the license`, secrets ? ["With a secret"] : []);
    case "license.update":
      return described(sentence`${who} changed the license`, describeChanges(before, after, names, secrets));
    case "license.assign":
      return described(
        sentence`${who} assigned a seat to ${holder()}`,
        c["until"] ? [`Until ${formatDate(String(c["until"]))}`] : [],
      );
    case "license.unassign":
      return described(sentence`${who} took back the seat of ${holder()}`, []);
    case "license.renew": {
      const cost =
        typeof c["cost_micros"] === "number"
          ? formatMoney(c["cost_micros"] / 1_000_000, c["currency"] as string)
          : null;
      const from = formatDate(String(c["starts_on"]));
      const to = formatDate(String(c["ends_on"]));
      return described(sentence`${who} renewed the license from ${from} to ${to}`, cost ? [`Cost ${cost}`] : []);
    }
    case "license.revoke":
      return described(sentence`${who} revoked the license`, [
        ...(c["reason"] ? [`Reason: ${String(c["reason"])}`] : []),
        ...(typeof c["seats_released"] === "number" ? [`${plural(c["seats_released"], "seat")} ended`] : []),
      ]);
    case "license.reveal":
      return described(sentence`${who} revealed the secret`, []);
    case "license.archive":
      return described(sentence`${who} archived the license`, []);
    case "license.restore":
      return described(sentence`${who} restored the license`, []);
    case "license.tag":
    case "license.untag":
      return described(sentence`${who} ${e.action === "license.tag" ? "tagged" : "untagged"} licenses`, []);
    case "license.delete":
      return described(sentence`${who} deleted the license`, []);
    // A vendor's History has its products' events too (products have no page of their own).
    case "product.create":
    case "product.update":
    case "product.archive":
    case "product.restore":
    case "product.delete": {
      const oldName = typeof before["name"] === "string" ? before["name"] : undefined;
      const name = (typeof after["name"] === "string" ? after["name"] : oldName) ?? "a product";
      const the = `the product ${name}`;
      if (e.action === "product.update") {
        if (oldName && oldName !== name)
          return described(
            sentence`${who} renamed the product ${oldName} to ${name}`,
            describeChanges(before, after, names, secrets).filter((line) => !line.startsWith("Name ")),
          );
        return described(sentence`${who} changed ${the}`, describeChanges(before, after, names, secrets));
      }
      const verbs: Record<string, string> = {
        "product.create": "added",
        "product.archive": "archived",
        "product.restore": "restored",
      };
      const verb = verbs[e.action];
      return described(sentence`${who} ${verb ?? "deleted"} ${oldName && !verb ? `the product ${oldName}` : the}`, []);
    }
    case "license_key.generate":
      return described(sentence`${who} added product keys to the pool`, []);
    case "license_key.issue":
      return described(sentence`${who} issued a product key`, []);
    case "license_file.issue":
      return described(sentence`${who} issued a signed license file`, []);
    default: {
      const verb = e.action.split(".").pop() ?? e.action;
      const past = verb.endsWith("e") ? `${verb}d` : `${verb}ed`;
      return described(
        sentence`${who} ${past.replace(/_/g, " ")} the ${thing}`,
        e.action.endsWith(".update") ? describeChanges(before, after, names, secrets) : [],
      );
    }
  }
}
