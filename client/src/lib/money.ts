/** Money arrives as decimal strings with an ISO 4217 currency. */

// One formatter per currency, made on first use: `toLocaleString` with options builds a new
// Intl formatter on every call, which a page of rows paid for on a slow phone's first render.
const formatters = new Map<string, Intl.NumberFormat | null>();

/** The browser's number format, or its currency format (null for an unknown currency). */
function formatter(currency = ""): Intl.NumberFormat | null {
  let f = formatters.get(currency);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat(undefined, currency ? { style: "currency", currency } : undefined);
    } catch {
      f = null; // not an ISO 4217 code: the amount and the code as they are
    }
    formatters.set(currency, f);
  }
  return f;
}

export function formatMoney(amount: string | number | null | undefined, currency: string | null | undefined): string {
  if (amount == null || amount === "") return "—";
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  const plain = formatter()!.format(value);
  if (!currency) return plain;
  return formatter(currency)?.format(value) ?? `${plain} ${currency}`;
}
