"""licman/web/boot.py: a signed-in browser's index.html carries its session's `Me` answer,
escaped for a <script> element, never stored by a shared cache, and only for a live cookie
session (not for a bearer token, an unknown cookie or after signing out)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from graphql import parse, print_ast
from starlette.routing import Mount

from licman.app import create_app
from licman.models import ApiToken, Role, Session, User
from licman.security import sessions
from licman.security.passwords import hash_password
from licman.settings import Settings
from licman.web.boot import ME_QUERY, json_for_html
from licman.web.client import ClientApp

pytestmark = pytest.mark.usefixtures("db")
PASSWORD = "a long enough password"
# A name that would end the JSON block and start a script if it went in raw.
HOSTILE = "Ann </script><script>alert(1)</script> & <!-- \u2028"
INDEX = "<!doctype html><html><head><title>L</title></head><body><div id=root></div></body></html>"
SESSION_SOURCE = Path(__file__).resolve().parents[2] / "client/src/features/auth/session.tsx"
BLOCK = re.compile(r'<script type="application/json" id="licman-session">(.*?)</script>', re.S)


@pytest_asyncio.fixture(loop_scope="session")
async def http(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text(INDEX)
    app = create_app(Settings(home=tmp_path))
    client_route = app.router.routes[-1]
    assert isinstance(client_route, Mount)
    assert isinstance(client_route.app, ClientApp)
    client_route.app.dist = dist.resolve()
    await User.create(
        email="ann@example.com",
        name=HOSTILE,
        role=Role.ADMIN,
        password_hash=await hash_password(PASSWORD),
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        yield client


async def sign_in(http: httpx.AsyncClient) -> None:
    credentials = {"email": "ann@example.com", "password": PASSWORD}
    response = await http.post("/auth/login", json=credentials)
    assert response.status_code == 200, response.text


def assert_plain(response: httpx.Response) -> None:
    assert response.status_code == 200
    assert response.text == INDEX
    assert "licman-session" not in response.text
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["vary"] == "cookie"


async def test_signed_out_the_page_is_the_plain_file(http: httpx.AsyncClient) -> None:
    assert_plain(await http.get("/"))
    http.cookies.set("licman_session", "not-a-session")
    assert_plain(await http.get("/licenses"))


async def test_signed_in_the_page_carries_the_session_escaped_and_private(
    http: httpx.AsyncClient,
) -> None:
    await sign_in(http)
    user = await User.get(email="ann@example.com")
    await ApiToken.create(user=user, name="ci", token_hash="x" * 64, prefix="lm_abcd")
    response = await http.get("/licenses?status=ACTIVE")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["vary"] == "cookie"
    assert "script-src 'self';" in response.headers["content-security-policy"]
    blocks = BLOCK.findall(response.text)
    assert len(blocks) == 1
    raw = blocks[0]
    # Nothing in it can end the element or open a comment; the line separator is escaped too.
    assert not set("<>&\u2028") & set(raw)
    data = json.loads(raw)
    assert data["me"]["name"] == HOSTILE
    assert data["me"]["email"] == "ann@example.com"
    assert data["me"]["role"] == "ADMIN"
    assert data["viewerCan"]["manageUsers"] is True
    assert data["myApiTokens"] == [{"id": data["myApiTokens"][0]["id"]}]
    assert "x" * 64 not in response.text
    assert "password" not in raw.lower()
    # The page is otherwise the file: the block goes into the head.
    assert BLOCK.sub("", response.text) == INDEX


async def test_no_session_block_for_a_bearer_token_or_after_signing_out(
    http: httpx.AsyncClient,
) -> None:
    await sign_in(http)
    assert "licman-session" in (await http.get("/")).text
    assert_plain(await http.get("/", headers={"authorization": "Bearer nothing"}))
    session = http.cookies.get("licman_session")
    assert session
    csrf = http.cookies.get("licman_csrf") or ""
    response = await http.post("/auth/logout", headers={"x-csrf-token": csrf}, json={})
    assert response.status_code == 204, response.text
    # The same cookie, replayed after signing out: its session is closed.
    http.cookies.clear()
    http.cookies.set("licman_session", session)
    assert_plain(await http.get("/"))


def test_the_server_asks_what_the_client_asks() -> None:
    source = SESSION_SOURCE.read_text()
    client_query = re.search(r"graphql\(`\s*(query Me \{.*?)`\)", source, re.S)
    assert client_query is not None
    assert print_ast(parse(client_query.group(1))) == print_ast(parse(ME_QUERY))


def test_json_for_html_escapes_what_could_end_a_script() -> None:
    text = json_for_html({"a": "</script><!--&\u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029"}


async def test_no_session_block_for_a_deactivated_user_or_an_idle_or_revoked_session(
    http: httpx.AsyncClient,
) -> None:
    """The page asks find_session, as /graphql does: a session whose user was deactivated,
    one idle past session_idle_minutes, or one revoked, gets the plain file."""
    await sign_in(http)
    assert "licman-session" in (await http.get("/")).text
    await User.filter(email="ann@example.com").update(is_active=False)
    assert_plain(await http.get("/"))
    await User.filter(email="ann@example.com").update(is_active=True)
    assert "licman-session" in (await http.get("/")).text
    idle = sessions.now() - timedelta(days=30)
    await Session.filter(revoked_at=None).update(last_seen_at=idle)
    assert_plain(await http.get("/"))
    await sign_in(http)
    assert "licman-session" in (await http.get("/")).text
    await Session.filter(revoked_at=None).update(revoked_at=sessions.now())
    assert_plain(await http.get("/"))


@pytest.mark.parametrize("environment", ["production", "development"])
async def test_the_signed_in_page_is_read_once_in_production(
    http: httpx.AsyncClient, tmp_path: Path, environment: str
) -> None:
    # Given the app as create_app mounts the client in this environment
    app = create_app(Settings(home=tmp_path, environment=environment))  # type: ignore[arg-type]
    client = app.router.routes[-1]
    assert isinstance(client, Mount)
    assert isinstance(client.app, ClientApp)
    client.app.dist = (tmp_path / "dist").resolve()  # the http fixture's, with INDEX
    await sign_in(http)  # the session, for this app too (the same database)
    cookies = dict(http.cookies)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://127.0.0.1", cookies=cookies
    ) as browser:
        first = (await browser.get("/")).text
        assert len(BLOCK.findall(first)) == 1  # signed in: the page is _index_text's
        assert BLOCK.sub("", first) == INDEX

        # When index.html is rebuilt under the running server
        rebuilt = INDEX.replace("<title>L</title>", "<title>Rebuilt</title>")
        index = tmp_path / "dist" / "index.html"
        index.write_text(rebuilt)
        os.utime(index, (1, 1))  # another mtime, whatever the file system's resolution
        again = (await browser.get("/licenses")).text
        assert len(BLOCK.findall(again)) == 1
        page = BLOCK.sub("", again)

    # Then production keeps the text it read first (no stat per page, an upgrade restarts
    # the server); development follows the rebuild
    assert page == (INDEX if environment == "production" else rebuilt)
    assert client.app.reread is (environment == "development")
