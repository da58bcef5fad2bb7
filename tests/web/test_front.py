"""GraphQLFront (licman/web/front.py) does for POST /graphql what Starlette's middleware stack
and router do: the same scope for the view, the same answers when the view fails (a 500
without a request id, re-raised; a JSON 503 for an outage, with one), the same API log
rows and access lines; and it takes nothing but POST /graphql. Each app is compared with
itself with the front taken off (`app.front = None`: the whole stack). The answers of real
requests, both ways, are compared by tests/web/test_lean_route.py's two live servers."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from licman.app import create_app
from licman.settings import Settings
from licman.web import request_context
from licman.web.front import GraphQLFront, LicmanApp
from licman.web.graphql import GraphQLView

EXCEPTIONS = "starlette.exception_handlers"
TIMING = ("occurred_at", "duration_ms", "request_id")


def _app(tmp_path: Path, **options: Any) -> LicmanApp:
    return create_app(Settings(**{"home": tmp_path, "graphql_fast_path": True, **options}))


async def _send(
    app: LicmanApp, method: str, path: str, raise_app_exceptions: bool = True
) -> httpx.Response:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        return await client.request(
            method, path, json={"query": "{ version }"}, headers={"user-agent": "front-test"}
        )


def _comparable(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [(k, v) for k, v in response.headers.multi_items() if k != "x-request-id"]
    return response.status_code, headers, response.content


def _rows(app: LicmanApp) -> list[dict[str, Any]]:
    rows = [{k: v for k, v in r.items() if k not in TIMING} for r in app.state.api_log._rows]
    app.state.api_log._rows.clear()
    return rows


def test_the_front_stands_for_the_middleware_the_app_declares(tmp_path: Path) -> None:
    """The front does the work of exactly these: one added must be done there too."""
    app = _app(tmp_path)
    assert [m.cls.__name__ for m in app.user_middleware] == [  # type: ignore[attr-defined]
        "RefuseWebSockets", "RequestContextMiddleware", "DatabaseOutageMiddleware",
    ]  # fmt: skip
    assert not app.exception_handlers
    assert isinstance(app.front, GraphQLFront)


@pytest.mark.parametrize("options", [{"graphql_lean_route": False}, {"graphql_fast_path": False}])
def test_no_front_without_the_lean_route(tmp_path: Path, options: dict[str, Any]) -> None:
    assert _app(tmp_path, **options).front is None


@pytest.mark.parametrize(
    ("method", "path", "taken"),
    [
        ("POST", "/graphql", True),
        ("POST", "/graphql?x=1", True),
        ("GET", "/graphql", False),
        ("POST", "/graphql/", False),
        ("POST", "/graphqlx", False),
        ("POST", "/auth/logout", False),
    ],
)
async def test_the_front_takes_only_post_to_graphql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str, path: str, taken: bool
) -> None:
    calls: list[str] = []
    original = GraphQLFront.__call__

    async def counting(self: GraphQLFront, scope: Scope, receive: Receive, send: Send) -> None:
        calls.append(scope["path"])
        await original(self, scope, receive, send)

    monkeypatch.setattr(GraphQLFront, "__call__", counting)
    app = _app(tmp_path)
    await _send(app, method, path)
    assert bool(calls) is taken


async def test_the_view_gets_the_scope_the_stack_gives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []

    async def view(self: GraphQLView, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope["state"]
        seen.append(
            {
                **{k: v for k, v in scope.items() if k not in ("state", EXCEPTIONS)},
                "state": sorted(state),
                EXCEPTIONS: [sorted(map(str, h)) for h in scope[EXCEPTIONS]],
                "request_id": len(state["request_id"]),
            }
        )
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    monkeypatch.setattr(GraphQLView, "__call__", view)
    app = _app(tmp_path)
    front = await _send(app, "POST", "/graphql")
    app.front, with_front = None, app.front
    stack = await _send(app, "POST", "/graphql")
    assert with_front is not None
    assert seen[0] == seen[1]
    assert seen[0]["route"].path == "/graphql"
    assert _comparable(front) == _comparable(stack)
    assert len(front.headers["x-request-id"]) == 32


@pytest.mark.parametrize(
    ("failure", "status"),
    [
        (OSError(errno.ECONNREFUSED, "Connect call failed"), 503),  # an outage
        (RuntimeError("a bug"), 500),
    ],
)
async def test_a_failing_view_answers_and_logs_as_on_the_stack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception, status: int
) -> None:
    async def view(self: GraphQLView, scope: Scope, receive: Receive, send: Send) -> None:
        raise failure

    monkeypatch.setattr(GraphQLView, "__call__", view)
    app = _app(tmp_path)
    answers = []
    for front in (app.front, None):
        app.front = front
        if status == 500:
            with pytest.raises(RuntimeError, match="a bug"):  # raised again, for the server
                await _send(app, "POST", "/graphql")
        response = await _send(app, "POST", "/graphql", raise_app_exceptions=False)
        answers.append((_comparable(response), "x-request-id" in response.headers, _rows(app)))
    assert answers[0] == answers[1]
    (got_status, _, _), has_id, rows = answers[0]
    assert got_status == status
    assert has_id is (status == 503)  # Starlette's 500 is sent outside the request id's layer
    assert [r["status_code"] for r in rows] == [500] * len(rows)
    assert len(rows) == (2 if status == 500 else 1)


async def test_the_access_line_as_on_the_stack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines: list[dict[str, Any]] = []

    class Recorder:
        def info(self, event: str, **fields: Any) -> None:
            lines.append({"event": event, **fields, "duration_ms": None})

    monkeypatch.setattr(request_context, "log", Recorder())
    app = _app(tmp_path, log_level="info")
    answers = []
    for front in (app.front, None):
        app.front = front
        answers.append(_comparable(await _send(app, "POST", "/graphql")))
    assert answers[0] == answers[1]
    assert lines[0] == lines[1] == {
        "event": "request", "method": "POST", "path": "/graphql", "status": 200,
        "duration_ms": None,
    }  # fmt: skip
