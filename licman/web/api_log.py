"""The API request log: one row per GraphQL request, including those refused before GraphQL
runs (401, 403, 413), written in batches off the request path.

`ApiLogged` wraps the /graphql endpoint, times it and starts the request's `ApiCall` notes;
the schema extension `licman.schema.api_log.ApiLogExtension` notes the operation's name, type
and errors on them; `ApiLog` buffers the rows and writes them with one bulk INSERT per batch,
every second or every 200 rows, and once more on shutdown. Rows hold no variables, no query
text, no credentials.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from typing import Any

import structlog
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tortoise import connections

from licman.db import is_outage
from licman.models import ApiRequest
from licman.schema.api_log import STATE_KEY, ApiCall, outcome_of
from licman.security.principal import Principal, PrincipalKind
from licman.web.origin import request_origin

log = structlog.get_logger(__name__)


class ApiLog:
    """An in-process buffer of rows, written in batches by one background task."""

    def __init__(
        self, *, interval: float = 1.0, batch_size: int = 200, max_buffered: int = 20_000
    ) -> None:
        self.interval = interval
        self.batch_size = batch_size
        self.max_buffered = max_buffered
        self.dropped = 0
        self.written = 0  # rows written since the log was made
        self._progress = asyncio.Event()  # set (and replaced) after each batch written
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

    async def wait_written(self, count: int) -> None:
        """Return once `count` rows in all have been written (for tests and shutdown checks:
        no polling, no sleeping)."""
        while self.written < count:
            await self._progress.wait()

    async def flush(self) -> int:
        """Write the rows buffered when it is called, one INSERT per batch; return how many
        were written. Rows recorded while it writes wait for the next flush (so a flush ends,
        and a full batch written says nothing about rows that came after it). A batch the
        database refuses stays buffered for the next attempt."""
        written = 0
        async with self._lock:
            left = len(self._rows)
            while left > 0 and self._rows:
                batch = self._rows[: min(self.batch_size, left)]
                del self._rows[: len(batch)]
                try:
                    await _insert(batch)
                except Exception as exc:
                    self._rows[:0] = batch
                    if is_outage(exc):  # retried every second: one line, no traceback
                        log.warning("API request log waits for the database", pending=self.pending)
                    else:
                        log.exception("could not write the API request log", pending=self.pending)
                    break
                written += len(batch)
                left -= len(batch)
                self.written += len(batch)
                progress, self._progress = self._progress, asyncio.Event()
                progress.set()
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


async def _insert(rows: list[dict[str, Any]]) -> None:
    """One INSERT for the batch, with Tortoise's own statement and column conversions but no
    model instance per row (building them was most of the log's cost: about a fifth of a
    small request's CPU under load)."""
    db = connections.get("default")
    executor = db.executor_class(model=ApiRequest, db=db)
    fields = [ApiRequest._meta.fields_map[name] for name in executor.regular_columns]
    values = [
        [
            field.to_db_value(row.get(field.model_field_name, field.default), ApiRequest)
            for field in fields
        ]
        for row in rows
    ]
    await db.execute_many(executor.insert_query, values)


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
