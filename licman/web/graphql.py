"""The `/graphql` endpoint: Strawberry's ASGI view with Licman's context and principal,
behind the request-size limit and the CSRF checks for cookie-authenticated callers."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from licman.schema.context import Context
from licman.security.authn import AuthenticationError, authenticate
from licman.security.principal import Principal
from licman.security.sessions import COOKIE_NAME
from licman.settings import Settings
from licman.web.csrf import csrf_problem
from licman.web.origin import request_origin

EXPLORER_PATH = "/explorer"


def _wants_page(request: Request) -> bool:
    """A browser navigating to /graphql (GET/HEAD asking for HTML), not an API call."""
    return request.method in ("GET", "HEAD") and "text/html" in request.headers.get("accept", "")


class BodyTooLarge(Exception):
    pass


def _error(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
        headers=headers or None,
    )


class GraphQLView(GraphQL[Context, None]):
    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide=None,  # the explorer is the client's /explorer: no CDN scripts
            allow_queries_via_get=settings.graphql_get_queries,
            multipart_uploads_enabled=False,
            subscription_protocols=(),
        )
        self.settings = settings
        self.max_body = settings.graphql_max_body_kb * 1024

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await WebSocket(scope, receive, send).close(code=1003)  # no subscriptions
            return
        request = Request(scope, receive)
        if _wants_page(request):
            # A browser opening /graphql gets the bundled explorer (it signs in there).
            await RedirectResponse(EXPLORER_PATH, status_code=302)(scope, receive, send)
            return
        refusal = await self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        try:
            await super().__call__(scope, self._limited(receive), send)
        except BodyTooLarge:
            await self._too_large()(scope, receive, send)

    def _too_large(self) -> JSONResponse:
        limit = self.settings.graphql_max_body_kb
        return _error(413, "TOO_LARGE", f"The request body is over the {limit} KB limit.")

    def _limited(self, receive: Receive) -> Receive:
        """Count the body as it streams in; refuse past the limit without reading it all."""
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        return limited

    async def _refusal(self, request: Request) -> Response | None:
        """A response that ends the request before GraphQL runs, or None to go ahead."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return self._too_large()
        authorization = request.headers.get("authorization")
        session_key = None if authorization else request.cookies.get(COOKIE_NAME)
        if session_key:
            problem = csrf_problem(request, session_key, self.settings)
            if problem:
                return _error(403, "CSRF_FAILED", f"Refused: {problem}.")
        try:
            request.state.principal = await authenticate(
                authorization, session_key, request_origin(request), self.settings
            )
        except AuthenticationError as exc:
            return _error(
                401, "UNAUTHENTICATED", str(exc), **{"www-authenticate": 'Bearer realm="licman"'}
            )
        return None

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request)
        assert isinstance(response, Response)
        principal: Principal = request.state.principal
        return Context(
            request=request, response=response, principal=principal, settings=self.settings
        )
