/** A session's User-Agent header as a person says it: "Chrome on Linux", "Safari on iOS".
 * Parsed by bowser (see client/README.md for why that library). */
import Bowser from "bowser";

export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? "").trim();
  if (!ua) return "Unknown browser";
  let browser = "";
  let os = "";
  try {
    const parsed = Bowser.parse(ua);
    browser = parsed.browser.name ?? "";
    os = parsed.os.name ?? "";
  } catch {
    // bowser refuses only empty strings; anything else falls through to the raw header
  }
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  // A program (curl/8.5, python-requests/2.31): its first product token.
  const product = ua.split(/\s+/)[0] ?? ua;
  return os ? `${product} on ${os}` : product;
}
