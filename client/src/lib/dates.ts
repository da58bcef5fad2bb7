/** Calendar dates as the server sends them (YYYY-MM-DD), compared in the browser's day. */
import { plural } from "./plural";

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return todayIso(new Date(y, m - 1, d + days));
}

/** Whole days from today to the date: negative once it has passed. */
export function daysUntil(iso: string, today: string = todayIso()): number {
  const toUtc = (s: string) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(iso) - toUtc(today)) / 86_400_000);
}

export type ExpiryState = "expired" | "soon" | "later" | "none";

/** How urgently a license's expiry needs attention (within 30 days is "soon"). */
export function expiryState(
  expiresOn: string | null | undefined,
  status?: string,
  today: string = todayIso(),
): ExpiryState {
  if (status === "EXPIRED") return "expired";
  if (!expiresOn) return "none";
  const days = daysUntil(expiresOn, today);
  if (days < 0) return "expired";
  if (days <= 30) return "soon";
  return "later";
}

// Formatters made once, on first use (`toLocaleDateString` with options builds a new one on
// every call, which a page of rows paid for on a slow phone's first render).
let dateFormat: Intl.DateTimeFormat | undefined;
let dateTimeFormat: Intl.DateTimeFormat | undefined;

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  dateFormat ??= new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
  const date = new Date(y, m - 1, d);
  return Number.isNaN(date.getTime()) ? String(date) : dateFormat.format(date); // "Invalid Date", as before
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(date) : dateTimeFormat.format(date);
}

export function describeExpiry(expiresOn: string | null | undefined, today: string = todayIso()): string {
  if (!expiresOn) return "No expiry";
  const days = daysUntil(expiresOn, today);
  if (days < 0) return `Expired ${plural(-days, "day")} ago`;
  if (days === 0) return "Expires today";
  return `Expires in ${plural(days, "day")}`;
}

/** What a license's expiry says beside its date, and in which tone: a cancelled license is
 * "Cancelled: will not renew" (grey), never "Expired"; a revoked one says its seats ended. */
export function expiryNote(
  expiresOn: string | null | undefined,
  status: string,
  today: string = todayIso(),
): { state: ExpiryState | "cancelled" | "revoked"; text: string } | null {
  if (status === "CANCELLED") return { state: "cancelled", text: "Cancelled: will not renew" };
  if (status === "REVOKED") return { state: "revoked", text: "Revoked: seats ended" };
  const state = expiryState(expiresOn, status, today);
  if (state === "expired") return { state, text: expiresOn ? describeExpiry(expiresOn, today) : "Expired" };
  if (state === "soon") return { state, text: describeExpiry(expiresOn, today) };
  return null;
}
