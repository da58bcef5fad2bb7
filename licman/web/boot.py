"""The signed-in session's answer to the client's `Me` query, embedded in index.html.

On a phone the first screen waited for the page, its script, then the session query, then the
screen's own query, one after the other. For a browser that holds a live session cookie the
server runs the same `Me` query (client/src/features/auth/session.tsx; a test keeps the two
texts equal) as that session and puts the answer in the page, in a JSON data block the client
reads instead of asking (a `type="application/json"` script is never executed, so the CSP's
`script-src 'self'` is unchanged).

Only for a cookie session the server knows (never for an Authorization header, an unknown or
expired cookie, or a failed query: the page is then the plain file and the client asks as
before). The answer holds what the signed-in user may already ask for themselves: their name,
e-mail and role, their `viewerCan` answers and the ids of their API tokens, no secret. The JSON
is escaped so no `<`, `>`, `&` or line separator appears raw (a name such as `</script>` cannot
end the block), and a page that carries it is sent `Cache-Control: no-store` with
`Vary: Cookie`, so no shared cache keeps or replays one user's page for another.
"""

from __future__ import annotations

import json
from typing import Any

import structlog
from starlette.requests import Request
from starlette.responses import Response

from licman.db import is_outage
from licman.schema.context import Context
from licman.security.authn import authenticate
from licman.security.permissions import is_signed_in
from licman.security.sessions import COOKIE_NAME
from licman.settings import Settings
from licman.web.origin import request_origin

log = structlog.get_logger(__name__)

# The client's `Me` query (client/src/features/auth/session.tsx), word for word apart from
# spacing: tests/web/test_boot.py compares the two.
ME_QUERY = """
query Me {
  me { id email name role }
  viewerCan {
    createLicense changeEveryLicense viewEveryCost manageCatalog deleteCatalog viewUsers
    viewEmails manageUsers manageGrants viewAudit manageAccount
  }
  myApiTokens { id }
}
"""

ELEMENT_ID = "licman-session"


def json_for_html(value: object) -> str:
    """JSON safe inside a <script> element: no raw <, >, &, U+2028 or U+2029."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def session_block(data: dict[str, Any]) -> str:
    return f'<script type="application/json" id="{ELEMENT_ID}">{json_for_html(data)}</script>'


class SessionBoot:
    """Runs `Me` for the request's cookie session; None when there is no live one."""

    def __init__(self, schema: Any, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings

    async def __call__(self, request: Request) -> dict[str, Any] | None:
        session_key = request.cookies.get(COOKIE_NAME)
        if not session_key or request.headers.get("authorization"):
            return None
        try:
            principal = await authenticate(
                None, session_key, request_origin(request), self.settings
            )
            if not is_signed_in(principal):
                return None
            context = Context(
                request=request, response=Response(), principal=principal, settings=self.settings
            )
            result = await self.schema.execute(ME_QUERY, context_value=context)
        except Exception as exc:
            if not is_outage(exc):
                log.exception("the session for the page failed; the client will ask")
            return None
        if result.errors or not result.data or not result.data.get("me"):
            return None
        return dict(result.data)
