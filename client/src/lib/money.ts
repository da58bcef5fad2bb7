/** Money arrives as decimal strings with an ISO 4217 currency. */
export function formatMoney(amount: string | number | null | undefined, currency: string | null | undefined): string {
  if (amount == null || amount === "") return "—";
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  if (!currency) return value.toLocaleString();
  try {
    return value.toLocaleString(undefined, { style: "currency", currency });
  } catch {
    return `${value.toLocaleString()} ${currency}`;
  }
}
