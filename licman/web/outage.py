"""A lost database answers 503 with a JSON reason on every route, never a 500 with a traceback.

/graphql answers its own 503 (in its media type, also for outages inside resolvers); this
middleware catches the rest, such as a sign-in while the database is down."""

from __future__ import annotations

import structlog
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from licman.db import is_outage

UNAVAILABLE = "The database is unavailable; try again in a moment."
RETRY_AFTER = {"retry-after": "5"}
log = structlog.get_logger(__name__)


def log_outage(exc: BaseException) -> None:
    # One line, no traceback: the cause is outside the process and repeats on every request.
    log.error("database unavailable", error=f"{type(exc).__name__}: {exc}")


class DatabaseOutageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            if started or not is_outage(exc):
                raise
            log_outage(exc)
            body = {"error": {"code": "UNAVAILABLE", "message": UNAVAILABLE}}
            await JSONResponse(body, status_code=503, headers=RETRY_AFTER)(scope, receive, send)
