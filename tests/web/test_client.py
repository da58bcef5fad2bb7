"""licman/web/client.py: the built client at /, cached by kind, with the API left alone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import Message

from licman.web.client import IMMUTABLE, client_mount
from tests.live import LiveServer

INDEX = '<!doctype html><html><body><div id="root"></div></body></html>'


async def graphql(_request: Request) -> PlainTextResponse:
    return PlainTextResponse("graphql")


@asynccontextmanager
async def serve(dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = Starlette(
        routes=[Route("/graphql", graphql, methods=["GET", "POST"]), client_mount(dist)]
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://licman.test") as client:
        yield client


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / "index.html").write_text(INDEX)
    (built / "assets" / "index-abc123.js").write_text("console.log(1)")
    (built / "favicon.svg").write_text("<svg/>")
    (tmp_path / "outside.txt").write_text("secret")
    return built


async def test_index_is_served_for_client_routes_and_never_cached(dist: Path) -> None:
    async with serve(dist) as client:
        for path in ("/", "/licenses", "/licenses/TGljZW5zZTox/edit?x=1"):
            response = await client.get(path)
            assert response.status_code == 200, path
            assert 'id="root"' in response.text
            assert response.headers["cache-control"] == "no-cache"
            assert "default-src 'self'" in response.headers["content-security-policy"]


async def test_hashed_assets_are_cached_for_good(dist: Path) -> None:
    async with serve(dist) as client:
        response = await client.get("/assets/index-abc123.js")
        assert response.status_code == 200
        assert response.headers["cache-control"] == IMMUTABLE
        assert "javascript" in response.headers["content-type"]
        favicon = await client.get("/favicon.svg")
        assert favicon.headers["cache-control"] != IMMUTABLE


async def test_a_missing_asset_is_404_not_the_page(dist: Path) -> None:
    async with serve(dist) as client:
        response = await client.get("/assets/index-old999.js")
        assert response.status_code == 404
        assert 'id="root"' not in response.text


async def test_api_paths_are_not_shadowed(dist: Path) -> None:
    async with serve(dist) as client:
        assert (await client.post("/graphql")).text == "graphql"
        for path in ("/auth/nope", "/graphql/x", "/healthz/x", "/readyz/"):
            assert (await client.get(path)).status_code == 404, path
        assert (await client.get("/authors")).status_code == 200  # whole segments only
        assert (await client.post("/licenses")).status_code == 405


async def test_files_outside_dist_are_unreachable(dist: Path) -> None:
    async with serve(dist) as client:
        for path in ("/..%2Foutside.txt", "/%2E%2E/outside.txt", "/assets/..%2F..%2Foutside.txt"):
            response = await client.get(path)
            assert "secret" not in response.text, path


async def test_a_clear_503_page_when_the_client_was_not_built(tmp_path: Path) -> None:
    async with serve(tmp_path / "missing") as client:
        response = await client.get("/licenses")
        assert response.status_code == 503
        assert "npm run build" in response.text
        assert (await client.post("/graphql")).text == "graphql"


async def test_explorer_page_is_served_with_a_strict_policy(dist: Path) -> None:
    async with serve(dist) as client:
        response = await client.get("/explorer", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert 'id="root"' in response.text
    policy = response.headers["content-security-policy"]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # no CDN, no inline or eval'd script
    assert directives["connect-src"] == ["'self'"]
    assert directives["worker-src"] == ["'self'", "blob:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


async def test_the_catch_all_closes_a_websocket_instead_of_failing(dist: Path) -> None:
    # Starlette hands WebSocket scopes to whatever route matches; the app refuses them before
    # routing, and the client's catch-all closes them too if it is ever reached.
    app = Starlette(routes=[client_mount(dist)])
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "websocket", "path": "/licenses", "raw_path": b"/licenses",
             "query_string": b"", "headers": [], "root_path": "", "subprotocols": [],
             "scheme": "ws", "server": ("licman.test", 80), "client": ("127.0.0.1", 5000),
             "asgi": {"version": "3.0"}}  # fmt: skip
    await app(scope, receive, send)

    assert sent == [{"type": "websocket.close", "code": 1008, "reason": ""}]


def test_a_browser_opening_graphql_is_sent_to_the_explorer(live_server: LiveServer) -> None:
    page = httpx.get(f"{live_server.url}/graphql", headers={"accept": "text/html"})
    assert page.status_code == 302
    assert page.headers["location"] == "/explorer"
    assert "cdn" not in page.text.lower()
    # API callers are not redirected.
    api = httpx.get(f"{live_server.url}/graphql", headers={"accept": "application/json"})
    assert api.status_code != 302


async def test_robots_txt_disallows_everything(dist: Path, tmp_path: Path) -> None:
    async with serve(dist) as client:
        response = await client.get("/robots.txt")
    assert response.status_code == 200
    assert response.text == "User-agent: *\nDisallow: /\n"
    assert response.headers["content-type"].startswith("text/plain")
    # ...even before the client is built
    async with serve(tmp_path / "not-built") as client:
        assert (await client.get("/robots.txt")).text.startswith("User-agent: *")


async def test_precompressed_assets_follow_accept_encoding(dist: Path) -> None:
    import gzip

    source = "console.log('licman');" * 50
    asset = dist / "assets" / "app-1a2b.js"
    asset.write_text(source)
    (dist / "assets" / "app-1a2b.js.gz").write_bytes(gzip.compress(source.encode()))
    (dist / "assets" / "app-1a2b.js.br").write_bytes(b"brotli bytes")
    async with serve(dist) as client:
        br = await client.get("/assets/app-1a2b.js", headers={"accept-encoding": "gzip, br"})
        assert br.headers["content-encoding"] == "br"
        assert br.headers["vary"] == "accept-encoding"
        assert br.headers["content-type"].startswith("text/javascript")
        assert br.headers["cache-control"] == IMMUTABLE
        assert br.headers["content-length"] == str(len(b"brotli bytes"))  # the .br file itself

        gz = await client.get("/assets/app-1a2b.js", headers={"accept-encoding": "gzip, br;q=0"})
        assert gz.headers["content-encoding"] == "gzip"
        assert gz.text == source  # httpx decodes gzip

        plain = await client.get("/assets/app-1a2b.js", headers={"accept-encoding": "identity"})
        assert "content-encoding" not in plain.headers
        assert plain.text == source
        # An asset built without twins is sent as it is.
        alone = await client.get("/assets/index-abc123.js", headers={"accept-encoding": "br"})
        assert "content-encoding" not in alone.headers
