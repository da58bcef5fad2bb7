"""The `/graphql` endpoint: Strawberry's ASGI view with Licman's context and principal, behind
the request-size limit and the CSRF checks for cookie-authenticated callers, answering in the
media type the client accepts (GraphQL over HTTP) and with a JSON reason for every refusal."""

from __future__ import annotations

import json
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.parse_content_type import parse_content_type
from strawberry.types import ExecutionResult

from licman.db import is_outage
from licman.schema.context import Context
from licman.schema.outage import OUTAGE_KEY
from licman.security.authn import AuthenticationError, authenticate
from licman.security.permissions import is_signed_in
from licman.security.principal import Principal
from licman.security.sessions import COOKIE_NAME
from licman.settings import Settings
from licman.web import lean
from licman.web.csrf import csrf_problem
from licman.web.graphql_http import (
    ERROR_CODES,
    GRAPHQL_RESPONSE,
    JSON,
    is_request_error,
    operation_of,
    parse_json,
    response_media_type,
)
from licman.web.origin import request_origin
from licman.web.outage import RETRY_AFTER, UNAVAILABLE, log_outage
from licman.web.websocket import refuse

EXPLORER_PATH = "/explorer"


def _wants_page(request: Request) -> bool:
    """A browser navigating to /graphql (GET/HEAD asking for HTML), not an API call."""
    return request.method in ("GET", "HEAD") and "text/html" in request.headers.get("accept", "")


MULTIPART = "multipart/form-data"


def _is_multipart(request: Request) -> bool:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return media_type == MULTIPART


class BodyTooLarge(Exception):
    pass


def error_response(
    request: Request, status: int, message: str, code: str | None = None, **headers: str
) -> JSONResponse:
    """A refusal as a GraphQL response with no data, in the media type the client accepts."""
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code or ERROR_CODES[status]}}]},
        status_code=status,
        headers=headers or None,
        media_type=request.state.media_type,
    )


class GraphQLView(GraphQL[Context, None]):
    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide=None,  # the explorer is the client's /explorer: no CDN scripts
            allow_queries_via_get=settings.graphql_get_queries,
            # File uploads (imports), per the GraphQL multipart request spec; CSRF below.
            multipart_uploads_enabled=True,
            subscription_protocols=(),
        )
        self.settings = settings
        self.max_body = settings.graphql_max_body_kb * 1024
        # A multipart request carries a file: it may be as large as an import allows.
        self.max_upload = settings.import_max_mb * 1024 * 1024 + 64 * 1024
        self.lean_route = settings.graphql_fast_path and settings.graphql_lean_route
        self.prepared_bodies = lean.PreparedBodies()  # the lean route's, for this settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await refuse(scope, receive, send)  # no subscriptions
            return
        request = Request(scope, receive)
        request = Request(scope, self._limited(receive, self._limit(request)))
        request.state.media_type = response_media_type(request.headers.get("accept"))
        if _wants_page(request):
            # A browser opening /graphql gets the bundled explorer (it signs in there).
            await RedirectResponse(EXPLORER_PATH, status_code=302)(scope, receive, send)
            return
        response = await self._respond(request)
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        try:
            refusal = await self._refusal(request)
            if refusal is not None:
                return refusal
            response = None
            if self.lean_route:  # the fast path's reads, without Strawberry's view
                response = await lean.respond(self, request)
            if response is None:
                response = await self.run(request)
        except HTTPException as exc:
            return error_response(request, exc.status_code, exc.reason)
        except BodyTooLarge:
            return self._too_large(request)
        except Exception as exc:
            if not is_outage(exc):
                raise
            return self._unavailable(request, exc)
        if getattr(request.state, OUTAGE_KEY, False):  # set by the schema's process_errors
            return self._unavailable(request, None)
        return response

    def _unavailable(self, request: Request, exc: BaseException | None) -> JSONResponse:
        if exc is not None:
            log_outage(exc)
        return error_response(request, 503, UNAVAILABLE, **RETRY_AFTER)

    def _limit(self, request: Request) -> int:
        return self.max_upload if _is_multipart(request) else self.max_body

    def _too_large(self, request: Request) -> JSONResponse:
        if _is_multipart(request):
            limit = f"{self.settings.import_max_mb} MiB"
        else:
            limit = f"{self.settings.graphql_max_body_kb} KB"
        return error_response(request, 413, f"The request body is over the {limit} limit.")

    def _limited(self, receive: Receive, max_body: int) -> Receive:
        """Count the body as it streams in; refuse past the limit without reading it all."""
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_body:
                    raise BodyTooLarge
            return message

        return limited

    async def _refusal(self, request: Request) -> Response | None:
        """A response that ends the request before GraphQL runs, or None to go ahead."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._limit(request):
            return self._too_large(request)
        encoding = request.headers.get("content-encoding", "identity").strip().lower()
        if encoding != "identity":
            return error_response(
                request, 415, f"Content-Encoding {encoding} is not supported: "
                "send the body uncompressed.",
            )  # fmt: skip
        authorization = request.headers.get("authorization")
        session_key = None if authorization else request.cookies.get(COOKIE_NAME)
        if session_key:
            problem = csrf_problem(request, session_key, self.settings, allow_multipart=True)
            if problem:
                return error_response(request, 403, f"Refused: {problem}.", "CSRF_FAILED")
        try:
            request.state.principal = await authenticate(
                authorization, session_key, request_origin(request), self.settings
            )
        except AuthenticationError as exc:
            return error_response(
                request, 401, str(exc), **{"www-authenticate": 'Bearer realm="licman"'}
            )
        if _is_multipart(request) and not is_signed_in(request.state.principal):
            # Uploads are for signed-in users: do not read up to import_max_mb for nobody.
            return error_response(request, 401, "Sign in to upload files.")
        return None

    # --- Strawberry's hooks --------------------------------------------------------------

    def parse_json(self, data: str | bytes) -> Any:
        return parse_json(data)

    def encode_json(self, data: object) -> bytes:
        """orjson: about ten times json.dumps on a page of licenses. What it cannot encode
        (an integer past 64 bits in a JSON field) falls back to the standard library."""
        try:
            return orjson.dumps(data)
        except TypeError:
            return json.dumps(data, separators=(",", ":")).encode()

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        if request.method != "POST":
            return await super().parse_http_body(request)
        content_type, _ = parse_content_type(request.content_type or "")
        if content_type == MULTIPART:
            return await super().parse_http_body(request)  # an upload (importUpload)
        if content_type != JSON:
            raise HTTPException(
                415, "Send the request as application/json (a JSON object with a query)."
            )
        return operation_of(self.parse_json(await request.get_body()))

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = request.state.media_type
        request.state.sub_response = sub_response
        return sub_response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        answer = process_result(result)
        if request.state.media_type == GRAPHQL_RESPONSE and is_request_error(result):
            # GraphQL over HTTP: a request error has no `data` entry and a 4xx status.
            answer.pop("data", None)
            sub_response = request.state.sub_response
            if sub_response.status_code is None:  # keep a status set earlier, such as 429
                sub_response.status_code = 400
        return answer

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type and sub_response.media_type != JSON:
            response.headers["content-type"] = sub_response.media_type
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request)
        assert isinstance(response, Response)
        principal: Principal = request.state.principal
        return Context(
            request=request, response=response, principal=principal, settings=self.settings
        )
