"""The API request log: one row per GraphQL request, including those refused before GraphQL
runs (401, 403, 413), written in batches off the request path.

`ApiLogged` wraps the /graphql endpoint and times it; `ApiLogExtension` (a schema
extension) notes the operation's name, type and errors on the same request; `ApiLog`
buffers the rows and writes them with one bulk INSERT per batch, every second or every 200
rows, and once more on shutdown. Rows hold no variables, no query text, no credentials.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import structlog
from graphql import GraphQLError, OperationDefinitionNode
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from licman.models import ApiRequest
from licman.resolvers.audit_query import ApiOutcome
from licman.resolvers.errors import ErrorCode
from licman.security.principal import Principal, PrincipalKind
from licman.web.origin import request_origin

log = structlog.get_logger(__name__)

STATE_KEY = "api_call"  # where a request's notes live in scope["state"]
REFUSAL_CODES = frozenset({ErrorCode.FORBIDDEN.value, ErrorCode.UNAUTHENTICATED.value})


@dataclass(slots=True)
class ApiCall:
    """What one request did, noted as it goes."""

    occurred_at: datetime
    started: float
    status: int = 0
    operation_name: str = ""
    operation_type: str = ""
    executed: bool = False  # passed parsing and validation
    outcome: ApiOutcome | None = None  # from GraphQL's answer; None: no operation ran


def outcome_of(status: int, answered: ApiOutcome | None) -> ApiOutcome:
    if status in (401, 403):
        return ApiOutcome.DENIED
    if 400 <= status < 500:
        return ApiOutcome.INVALID
    if status >= 500:
        return ApiOutcome.ERROR
    return answered or ApiOutcome.OK


def _codes(errors: list[GraphQLError]) -> set[str]:
    return {str((e.extensions or {}).get("code", "")) for e in errors}


def _payload_codes(data: dict[str, Any] | None) -> set[str] | None:
    """Codes of typed errors in mutation payloads (`tagCreate { errors { code } }`), or
    None when no payload carries errors. Only the clients that ask for them are seen."""
    found: set[str] | None = None
    for payload in (data or {}).values():
        errors = payload.get("errors") if isinstance(payload, dict) else None
        if isinstance(errors, list) and errors:
            found = (found or set()) | {
                str(e.get("code", "")) for e in errors if isinstance(e, dict)
            }
    return found


def answered_outcome(
    errors: list[GraphQLError] | None, data: dict[str, Any] | None, executed: bool
) -> ApiOutcome:
    if errors and not executed:
        return ApiOutcome.INVALID  # syntax, validation, depth/alias/token limits
    codes = _codes(errors) if errors else None
    payload = _payload_codes(data)
    if payload is not None:
        codes = (codes or set()) | payload
    if codes is None:
        return ApiOutcome.OK
    return ApiOutcome.DENIED if codes & REFUSAL_CODES else ApiOutcome.ERROR


def _call_of(context: Any) -> ApiCall | None:
    request = getattr(context, "request", None)
    state = getattr(request, "scope", {}).get("state") or {}
    call = state.get(STATE_KEY)
    return call if isinstance(call, ApiCall) else None


class ApiLogExtension(SchemaExtension):
    """Notes the operation's name, type and outcome on the request's ApiCall."""

    def on_execute(self) -> Iterator[None]:
        call = _call_of(self.execution_context.context)
        if call is not None:
            call.executed = True
        yield

    def on_operation(self) -> Iterator[None]:
        try:
            yield
        except Exception:
            # ParserCache parses inside its hook, so a syntax error comes through here.
            self._note(failed=True)
            raise
        self._note(failed=False)

    def _note(self, *, failed: bool) -> None:
        context = self.execution_context
        call = _call_of(context.context)
        if call is None:
            return
        document = context.graphql_document
        if document is not None:
            # Only a name that the parsed document declares: the client's operationName
            # field is free text and must not reach the log unchecked.
            names = {
                d.name.value
                for d in document.definitions
                if isinstance(d, OperationDefinitionNode) and d.name is not None
            }
            name = context.operation_name
            call.operation_name = name[:200] if name in names else ""
            with suppress(RuntimeError, ValueError):
                call.operation_type = context.operation_type.value
        if failed:
            call.outcome = ApiOutcome.ERROR if call.executed else ApiOutcome.INVALID
            return
        result = context.result
        errors = result.errors if result is not None else context.pre_execution_errors
        data = result.data if result is not None and call.operation_type == "mutation" else None
        call.outcome = answered_outcome(errors, data, call.executed)


class ApiLog:
    """An in-process buffer of rows, written in batches by one background task."""

    def __init__(
        self, *, interval: float = 1.0, batch_size: int = 200, max_buffered: int = 20_000
    ) -> None:
        self.interval = interval
        self.batch_size = batch_size
        self.max_buffered = max_buffered
        self.dropped = 0
        self._rows: list[dict[str, Any]] = []
        self._wake: asyncio.Event | None = None
        self._stopping = False
        self._lock = asyncio.Lock()

    @property
    def pending(self) -> int:
        return len(self._rows)

    def record(self, row: dict[str, Any]) -> None:
        if len(self._rows) >= self.max_buffered:
            self.dropped += 1  # the database has been failing for a long time: bound memory
            return
        self._rows.append(row)
        if len(self._rows) >= self.batch_size and self._wake is not None:
            self._wake.set()

    async def flush(self) -> int:
        """Write what is buffered, one INSERT per batch; return how many rows were written.
        A batch the database refuses stays buffered for the next attempt."""
        written = 0
        async with self._lock:
            while self._rows:
                batch = self._rows[: self.batch_size]
                del self._rows[: len(batch)]
                try:
                    await ApiRequest.bulk_create([ApiRequest(**row) for row in batch])
                except Exception:
                    self._rows[:0] = batch
                    log.exception("could not write the API request log", pending=self.pending)
                    break
                written += len(batch)
        if self.dropped:
            log.warning("API request log rows dropped", dropped=self.dropped)
            self.dropped = 0
        return written

    async def _run(self) -> None:
        assert self._wake is not None
        while not self._stopping:
            with suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()
            await self.flush()

    @asynccontextmanager
    async def running(self) -> AsyncIterator[ApiLog]:
        """The background writer, for the app's lifespan; leaving writes what is left."""
        self._stopping = False
        self._wake = asyncio.Event()
        task = asyncio.create_task(self._run(), name="api-log-writer")
        try:
            yield self
        finally:
            self._stopping = True
            self._wake.set()
            await task
            self._wake = None
            await self.flush()
            if self._rows:
                log.error("API request log rows lost at shutdown", lost=len(self._rows))


def _row(call: ApiCall, scope: Scope) -> dict[str, Any]:
    state = scope.get("state") or {}
    principal = state.get("principal")
    if isinstance(principal, Principal):
        origin = principal.origin
        kind = principal.kind.value
        user_id = principal.user.id if principal.user is not None else None
        token_id, client_id = principal.api_token_id, principal.oauth_client_id
    else:  # refused before the credentials were resolved
        origin = request_origin(HTTPConnection(scope))
        kind, user_id, token_id, client_id = PrincipalKind.ANONYMOUS.value, None, None, None
    return {
        "occurred_at": call.occurred_at,
        "principal_kind": kind,
        "user_id": user_id,
        "api_token_id": token_id,
        "oauth_client_id": client_id,
        "ip": origin.ip[:45],
        "user_agent": origin.user_agent[:512],
        "request_id": origin.request_id[:64],
        "operation_name": call.operation_name,
        "operation_type": call.operation_type,
        "duration_ms": round((time.perf_counter() - call.started) * 1000),
        "outcome": outcome_of(call.status, call.outcome).value,
        "status_code": call.status,
    }


class ApiLogged:
    """ASGI wrapper for the GraphQL endpoint: one row per HTTP request into `api_log`
    (the explorer page, which runs no operation, is not logged)."""

    def __init__(self, app: ASGIApp, api_log: ApiLog) -> None:
        self.app = app
        self.api_log = api_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        call = ApiCall(occurred_at=datetime.now(UTC), started=time.perf_counter())
        scope.setdefault("state", {})[STATE_KEY] = call

        async def watched(message: Message) -> None:
            if message["type"] == "http.response.start":
                call.status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except BaseException:
            call.status = call.status or 500  # failed (or was cancelled) before answering
            raise
        finally:
            if call.outcome is not None or call.status >= 400:
                self.api_log.record(_row(call, scope))
