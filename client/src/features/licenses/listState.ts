/** The licenses table's state lives in the URL: search, filters, sort, page size and cursor.
 * parse → state, state → URL, and state → the `licenses` query's variables. */
import type { LicenseFilter, LicenseOrderField, LicenseStatus, OrderDirection } from "../../gql/graphql";

export const STATUSES = [
  "ACTIVE",
  "TRIAL",
  "SUSPENDED",
  "EXPIRED",
  "CANCELLED",
  "REVOKED",
] as const satisfies readonly LicenseStatus[];
export const SORT_FIELDS = [
  "EXPIRY",
  "PRODUCT",
  "VENDOR",
  "COST",
  "CREATED",
  "UPDATED",
] as const satisfies readonly LicenseOrderField[];
/** The list's default: what still needs looking after (not expired, cancelled or revoked). */
export const LIVE_STATUSES = ["ACTIVE", "TRIAL", "SUSPENDED"] as const satisfies readonly LicenseStatus[];
export const EXPIRING_WINDOWS = [7, 30, 90] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_SIZE = 25;

export interface LicenseListState {
  q: string;
  vendor: string[];
  product: string[];
  tag: string[];
  status: LicenseStatus[];
  assignee: string | null;
  expiring: number | null;
  expired: boolean;
  /** Every status, not only the live ones (the default view). */
  all: boolean;
  archived: boolean;
  sort: LicenseOrderField;
  dir: OrderDirection;
  after: string | null;
  before: string | null;
  size: number;
}

export const DEFAULT_STATE: LicenseListState = {
  q: "",
  vendor: [],
  product: [],
  tag: [],
  status: [],
  assignee: null,
  expiring: null,
  expired: false,
  all: false,
  archived: false,
  sort: "EXPIRY",
  dir: "ASC",
  after: null,
  before: null,
  size: DEFAULT_SIZE,
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export function parseListState(params: URLSearchParams): LicenseListState {
  const expiring = Number(params.get("expiring"));
  const size = Number(params.get("size"));
  return {
    q: params.get("q")?.trim() ?? "",
    vendor: params.getAll("vendor").filter(Boolean),
    product: params.getAll("product").filter(Boolean),
    tag: params.getAll("tag").filter(Boolean),
    status: params
      .getAll("status")
      .map((s) => oneOf(s.toUpperCase(), STATUSES))
      .filter((s): s is LicenseStatus => s !== null),
    assignee: params.get("assignee") || null,
    expiring: Number.isInteger(expiring) && expiring > 0 && expiring <= 3650 ? expiring : null,
    expired: params.get("expired") === "1",
    all: params.get("show") === "all",
    archived: params.get("archived") === "1",
    sort: oneOf(params.get("sort")?.toUpperCase() ?? null, SORT_FIELDS) ?? DEFAULT_STATE.sort,
    dir: params.get("dir")?.toLowerCase() === "desc" ? "DESC" : "ASC",
    after: params.get("after") || null,
    before: params.get("after") ? null : params.get("before") || null,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  };
}

/** The URL for a state; defaults are left out so links stay short. */
export function listSearchParams(state: LicenseListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const v of state.vendor) params.append("vendor", v);
  for (const p of state.product) params.append("product", p);
  for (const t of state.tag) params.append("tag", t);
  for (const s of state.status) params.append("status", s);
  if (state.assignee) params.set("assignee", state.assignee);
  if (state.expiring) params.set("expiring", String(state.expiring));
  if (state.expired) params.set("expired", "1");
  if (state.all) params.set("show", "all");
  if (state.archived) params.set("archived", "1");
  if (state.sort !== DEFAULT_STATE.sort) params.set("sort", state.sort.toLowerCase());
  if (state.dir !== DEFAULT_STATE.dir) params.set("dir", state.dir.toLowerCase());
  if (state.size !== DEFAULT_SIZE) params.set("size", String(state.size));
  if (state.after) params.set("after", state.after);
  else if (state.before) params.set("before", state.before);
  return params;
}

/** A change of search, filter, sort or size starts again from the first page. */
export function changeListState(state: LicenseListState, patch: Partial<LicenseListState>): LicenseListState {
  const paging = "after" in patch || "before" in patch;
  return { ...state, ...(paging ? {} : { after: null, before: null }), ...patch };
}

export function isFiltered(state: LicenseListState): boolean {
  return Boolean(
    state.q ||
    state.vendor.length ||
    state.product.length ||
    state.tag.length ||
    state.status.length ||
    state.assignee ||
    state.expiring ||
    state.expired ||
    state.all ||
    state.archived,
  );
}

export function listFilter(state: LicenseListState): LicenseFilter {
  const filter: LicenseFilter = { archived: state.archived };
  if (state.vendor.length) filter.vendorIds = state.vendor;
  if (state.product.length) filter.productIds = state.product;
  if (state.tag.length) filter.tagIdsAny = state.tag;
  if (state.status.length) filter.statuses = state.status;
  // The archive shows everything archived, whatever its status.
  else if (!state.expired && !state.all && !state.archived) filter.statuses = [...LIVE_STATUSES];
  if (state.assignee) filter.assigneeId = state.assignee;
  if (state.expiring) filter.expiringWithinDays = state.expiring;
  if (state.expired) filter.expired = true;
  return filter;
}

export function listVariables(state: LicenseListState) {
  const paging = state.before
    ? { last: state.size, before: state.before, first: null, after: null }
    : { first: state.size, after: state.after, last: null, before: null };
  return {
    ...paging,
    search: state.q || null,
    filter: listFilter(state),
    orderBy: { field: state.sort, direction: state.dir },
  };
}
