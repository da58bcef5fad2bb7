"""Licman has no WebSocket endpoints (no subscriptions): every handshake is refused before
routing. Starlette hands a WebSocket scope to whatever route matches, and the HTTP-only apps
behind them (the web client's catch-all among them) would fail on it with a traceback."""

from __future__ import annotations

import structlog
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

log = structlog.get_logger(__name__)
POLICY_VIOLATION = 1008


async def refuse(scope: Scope, receive: Receive, send: Send) -> None:
    """Close before accepting: the server answers the handshake with 403."""
    await WebSocket(scope, receive, send).close(code=POLICY_VIOLATION)


class RefuseWebSockets:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            log.info("websocket refused", path=scope.get("path", ""))
            await refuse(scope, receive, send)
            return
        await self.app(scope, receive, send)
