"""The `/graphql` endpoint: Strawberry's ASGI view with Licman's context and principal."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from licman.schema.context import Context
from licman.security.authn import AuthenticationError, authenticate
from licman.security.principal import Principal
from licman.security.sessions import COOKIE_NAME
from licman.settings import Settings
from licman.web.origin import request_origin


class GraphQLView(GraphQL[Context, None]):
    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql",
            allow_queries_via_get=settings.graphql_get_queries,
            multipart_uploads_enabled=False,
            subscription_protocols=(),
        )
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await WebSocket(scope, receive, send).close(code=1003)  # no subscriptions
            return
        request = Request(scope, receive)
        # Authenticate before Strawberry runs, so bad credentials are a plain 401.
        try:
            request.state.principal = await authenticate(
                request.headers.get("authorization"),
                request.cookies.get(COOKIE_NAME),
                request_origin(request),
                self.settings,
            )
        except AuthenticationError as exc:
            response = JSONResponse(
                {"errors": [{"message": str(exc), "extensions": {"code": "UNAUTHENTICATED"}}]},
                status_code=401,
                headers={"www-authenticate": 'Bearer realm="licman"'},
            )
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request)
        assert isinstance(response, Response)
        principal: Principal = request.state.principal
        return Context(
            request=request, response=response, principal=principal, settings=self.settings
        )
