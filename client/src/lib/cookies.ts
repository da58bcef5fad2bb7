/** Reads a cookie the server made readable to scripts (only licman_csrf is). */
export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export const CSRF_COOKIE = "licman_csrf";

export function csrfToken(): string | null {
  return readCookie(CSRF_COOKIE);
}
