"""POST /graphql without Starlette's middleware stack and router.

Every request to the app passes through the middleware the app declares (RefuseWebSockets,
RequestContextMiddleware, DatabaseOutageMiddleware) and Starlette's own layers around them
(ServerErrorMiddleware, ExceptionMiddleware, the router, the route, its exception wrapper)
before `ApiLogged` and the GraphQL view: eleven coroutines, and five wrappers of `send`
called twice per response. With the lean route on, `LicmanApp` hands a POST to `/graphql`
to `GraphQLFront` instead, which does what those layers do for such a request, in one
coroutine and one wrapper of `send`, in the same order:

- ServerErrorMiddleware's: an exception before the response started answers Starlette's
  own 500 (no request id, as there), and is raised again for the server to log;
- the scope entries Starlette, the router and the route set (`app`, `router`, `route`,
  `endpoint`, `path_params`);
- RequestContextMiddleware's: a request id in the state, on the response
  (`x-request-id`, last) and bound to every log line, and the access line;
- DatabaseOutageMiddleware's: an outage raised before the response started is a JSON 503;
- ApiLogged's: the request's `ApiCall`, its status, one API log row;
- then the view itself (`GraphQLView.__call__`), unchanged: limits, CSRF, authentication,
  the lean route or Strawberry's.

RefuseWebSockets and the router's method check have nothing to do for an HTTP POST to
/graphql, and ExceptionMiddleware handles only Starlette's HTTPException and
WebSocketException, which nothing under the view raises. Anything else (another path or
method, a root path, a WebSocket, the lifespan) goes through the whole stack.
tests/web/test_lean_route.py compares a server with this and one without, byte for byte,
including the API log rows; tests/web/test_front.py checks the scope, the access line, the
500 and the outage answers against the stack.
"""

from __future__ import annotations

import logging
import time
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send
from structlog.contextvars import bind_contextvars, reset_contextvars

from licman.db import is_outage
from licman.schema.api_log import STATE_KEY, ApiCall
from licman.web import request_context
from licman.web.api_log import ApiLogged, _row
from licman.web.outage import RETRY_AFTER, UNAVAILABLE, log_outage
from licman.web.request_context import REQUEST_ID_HEADER

if TYPE_CHECKING:
    from licman.web.graphql import GraphQLView

GRAPHQL_PATH = "/graphql"
# The standard logger under the access line: structlog's filter_by_level drops the line when
# this one is not enabled for INFO (the default warning level), so it is not built at all.
_ACCESS = logging.getLogger("licman.access")


class GraphQLFront:
    """The /graphql POST of `LicmanApp`, as the middleware stack would answer it."""

    def __init__(self, app: Starlette, route: Route) -> None:
        endpoint = route.endpoint
        assert isinstance(endpoint, ApiLogged)
        self.app = app
        self.route = route
        self.endpoint = endpoint
        self.view: GraphQLView = endpoint.app  # type: ignore[assignment]
        self.api_log = endpoint.api_log
        handler = None
        handlers = {}
        for key, value in app.exception_handlers.items():
            if key in (500, Exception):
                handler = value  # what build_middleware_stack gives ServerErrorMiddleware
            else:
                handlers[key] = value
        # What ExceptionMiddleware puts in the scope for the route's exception wrapper.
        exceptions = ExceptionMiddleware(self._handle, handlers=handlers, debug=app.debug)
        self.exception_handlers = (exceptions._exception_handlers, exceptions._status_handlers)
        self.errors = ServerErrorMiddleware(self._handle, handler=handler, debug=app.debug)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = self.app  # Starlette.__call__
        await self.errors(scope, receive, send)

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        # ExceptionMiddleware, the router and the route.
        if "router" not in scope:
            scope["router"] = self.app.router
        scope["route"] = self.route
        scope["endpoint"] = self.endpoint
        scope["path_params"] = dict(scope.get("path_params", {}))
        scope["starlette.exception_handlers"] = self.exception_handlers
        # RequestContextMiddleware.
        request_id = uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = time.perf_counter()
        id_header = (REQUEST_ID_HEADER, request_id.encode())
        status = 500
        response_started = False
        # ApiLogged.
        call = ApiCall(occurred_at=datetime.now(UTC), started=time.perf_counter())
        state[STATE_KEY] = call

        async def sender(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                call.status = status = message["status"]
                response_started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], id_header]
            await send(message)

        bound = bind_contextvars(request_id=request_id)
        try:
            try:
                try:
                    await self.view(scope, receive, sender)
                except BaseException:
                    call.status = call.status or 500
                    raise
                finally:
                    if call.outcome is not None or call.status >= 400:
                        self.api_log.record(_row(call, scope))
            except Exception as exc:  # DatabaseOutageMiddleware
                if response_started or not is_outage(exc):
                    raise
                log_outage(exc)
                body = {"error": {"code": "UNAVAILABLE", "message": UNAVAILABLE}}
                outage = JSONResponse(body, status_code=503, headers=RETRY_AFTER)
                await outage(scope, receive, _outage_sender(sender, call))
        finally:
            if _ACCESS.isEnabledFor(logging.INFO):
                request_context.log.info(
                    "request",
                    method=scope["method"],
                    path=scope["path"],
                    status=status,
                    duration_ms=round((time.perf_counter() - started) * 1000, 1),
                )
            reset_contextvars(**bound)


def _outage_sender(sender: Any, call: ApiCall) -> Send:
    """The outage's answer passes the request id's wrapper, not ApiLogged's (its row was
    recorded before): the call's status stays what it was."""

    async def send(message: Message) -> None:
        noted = call.status
        await sender(message)
        call.status = noted

    return send


class LicmanApp(Starlette):
    """Starlette, with POST /graphql answered by `GraphQLFront` when one is set."""

    front: GraphQLFront | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        front = self.front
        if (
            front is not None
            and scope["type"] == "http"
            and scope["path"] == GRAPHQL_PATH
            and scope["method"] == "POST"
            and not scope.get("root_path")
        ):
            await front(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


__all__ = ["GRAPHQL_PATH", "GraphQLFront", "LicmanApp"]
