"""Cross-site request forgery defence for cookie-authenticated requests.

A request that carries the session cookie must be a POST of `application/json`, carry the
session's CSRF token in the `X-CSRF-Token` header, and, when the browser names an Origin,
come from Licman's own origin (or one configured in LICMAN_ALLOWED_ORIGINS). The token is
derived from the session key, which JavaScript cannot read (HttpOnly), so another site can
neither read nor forge it. Bearer-token requests carry no ambient credential and skip this.
"""

from __future__ import annotations

import hashlib
import hmac

from starlette.requests import Request

from licman.settings import Settings
from licman.web.origin import from_trusted_proxy

CSRF_COOKIE = "licman_csrf"
CSRF_HEADER = "x-csrf-token"


def csrf_token_for(session_key: str) -> str:
    return hashlib.sha256(f"licman-csrf:{session_key}".encode()).hexdigest()


def own_origin(request: Request, settings: Settings) -> str:
    """Licman's own origin as the browser sees it: behind a trusted proxy (TLS at nginx),
    the scheme and host the proxy forwarded."""
    scheme, host = request.url.scheme, request.url.netloc
    if from_trusted_proxy(request, settings.trusted_proxies):
        scheme = request.headers.get("x-forwarded-proto", scheme).split(",")[0].strip()
        host = request.headers.get("x-forwarded-host", host).split(",")[0].strip()
    return f"{scheme}://{host}"


def origin_allowed(request: Request, settings: Settings) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser, or a same-origin GET; the token check still applies
    allowed = {own_origin(request, settings)} | {
        o.strip().rstrip("/") for o in settings.allowed_origins.split(",") if o.strip()
    }
    return origin.rstrip("/") in allowed


def csrf_problem(
    request: Request,
    session_key: str,
    settings: Settings,
    *,
    require_json: bool = True,
    allow_multipart: bool = False,
) -> str | None:
    """Why this cookie-authenticated request is refused, or None if it may go ahead."""
    if not origin_allowed(request, settings):
        return f"requests from {request.headers.get('origin')} are not allowed"
    if request.method != "POST":
        return "cookie-authenticated requests must use POST"
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    # A browser sends a multipart form cross-site without a preflight, so a file upload
    # (allow_multipart) passes here only to meet the same token check below.
    allowed = {"application/json", *(["multipart/form-data"] if allow_multipart else [])}
    if require_json and media_type not in allowed:
        return "cookie-authenticated requests must send application/json"
    sent = request.headers.get(CSRF_HEADER, "")
    if not hmac.compare_digest(sent.encode(), csrf_token_for(session_key).encode()):
        return f"the {CSRF_HEADER} header is missing or does not match the session"
    return None
