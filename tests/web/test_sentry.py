"""Error reports: with sentry_dsn set, a real server reports errors to Sentry (here a fake
Sentry that keeps every envelope) and nothing secret is in them; without it, nothing is
sent, even with the SDK's own SENTRY_DSN variable set."""

from __future__ import annotations

import gzip
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from licman.logs import scrub_event
from tests.backends import POSTGRES_URL, TestDatabase, require_server
from tests.live import LiveServer
from tests.tcp_proxy import TcpProxy

SECRET = "TOP-SECRET-LICENSE-KEY-9431"
PASSWORD = "hunter2-correct-horse-77"
BEARER = "lcm_pat_notarealtokenbutlookslikeone123"
COOKIE = "session-cookie-value-5521"
DB_PASSWORD = "dbpass-8812"


class FakeSentry:
    """An HTTP server that accepts Sentry envelopes and keeps their decoded bytes."""

    def __init__(self) -> None:
        self.envelopes: list[bytes] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                encoding = self.headers.get("content-encoding", "")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding == "deflate":
                    body = zlib.decompress(body)
                outer.envelopes.append(body)
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def dsn(self) -> str:
        return f"http://publickey123@127.0.0.1:{self.server.server_address[1]}/42"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_sentry() -> Iterator[FakeSentry]:
    sentry = FakeSentry()
    yield sentry
    sentry.close()


def _provoke_errors(server: LiveServer, proxy: TcpProxy) -> None:
    """Requests that carry every kind of secret, answered while the database is away (each
    logs an error, which the SDK reports together with the request)."""
    proxy.cut()
    headers = {"authorization": f"Bearer {BEARER}", "cookie": f"licman_session={COOKIE}"}
    mutation = (
        'mutation { licenseCreate(input: {productId: "UHJvZHVjdDox", secret: "' + SECRET + '"}) '
        "{ license { id } } }"
    )
    answered = httpx.post(
        f"{server.url}/graphql?token={BEARER}", json={"query": mutation}, headers=headers
    )
    assert answered.status_code in (401, 503), answered.text
    login = httpx.post(
        f"{server.url}/auth/login",
        json={"email": server.admin_email, "password": PASSWORD},
        headers={"cookie": f"licman_session={COOKIE}", "origin": server.url},
    )
    assert login.status_code == 503, login.text
    assert httpx.get(f"{server.url}/readyz").status_code == 503
    proxy.restore()


@pytest.fixture
def proxied_database(tmp_path: Path) -> Iterator[tuple[str, TcpProxy]]:
    import asyncio

    require_server("postgres")
    database = asyncio.run(TestDatabase.create("postgres", tmp_path))
    asyncio.run(_set_password(database.name))
    direct = urlsplit(database.url)
    proxy = TcpProxy(direct.hostname or "127.0.0.1", direct.port or 0)
    with proxy:
        url = f"postgres://licman_sentry:{DB_PASSWORD}@127.0.0.1:{proxy.port}/{database.name}"
        yield url, proxy
    asyncio.run(database.drop())


async def _set_password(name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(POSTGRES_URL)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = 'licman_sentry'")
        verb = "ALTER" if exists else "CREATE"
        await conn.execute(f"{verb} ROLE licman_sentry LOGIN SUPERUSER PASSWORD '{DB_PASSWORD}'")
    finally:
        await conn.close()


def test_reports_leave_without_a_secret(
    tmp_path: Path, fake_sentry: FakeSentry, proxied_database: tuple[str, TcpProxy]
) -> None:
    url, proxy = proxied_database
    (tmp_path / ".env").write_text(f"LICMAN_SENTRY_DSN={fake_sentry.dsn}\n")
    server = LiveServer.start(tmp_path, url)
    try:
        _provoke_errors(server, proxy)
    finally:
        server.stop()  # the SDK flushes its queue on exit
    assert fake_sentry.envelopes, "no error report reached the fake Sentry"
    everything = b"\n".join(fake_sentry.envelopes)
    assert b'"type":"event"' in everything or b'"type": "event"' in everything
    assert b"/auth/login" in everything  # the request was reported, without its contents
    for secret in (SECRET, PASSWORD, BEARER, COOKIE, DB_PASSWORD):
        assert secret.encode() not in everything, secret


def test_without_a_dsn_nothing_is_sent(
    tmp_path: Path,
    fake_sentry: FakeSentry,
    proxied_database: tuple[str, TcpProxy],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, proxy = proxied_database
    monkeypatch.setenv("SENTRY_DSN", fake_sentry.dsn)  # the SDK's own variable: ignored
    server = LiveServer.start(tmp_path, url)
    try:
        _provoke_errors(server, proxy)
    finally:
        server.stop()
    assert fake_sentry.envelopes == []


def test_scrub_event_removes_request_contents_and_secret_values() -> None:
    event = {
        "request": {
            "url": f"https://x/graphql?token={BEARER}",
            "method": "POST",
            "data": {"query": SECRET},
            "cookies": {"licman_session": COOKIE},
            "query_string": f"token={BEARER}",
            "headers": {"Authorization": f"Bearer {BEARER}", "User-Agent": "curl", "X-Csrf": "c"},
        },
        "extra": {
            "sys.argv": ["licman", "db", "copy", "--to", f"postgres://u:{DB_PASSWORD}@h/db"],
            "secret_ciphertext": "gAAAAABlongciphertextvalue0123456789",
        },
        "logentry": {"message": f"with Bearer {BEARER} and gAAAAABabcdefghijklmnopqrstuvwxyz"},
    }
    cleaned = scrub_event(event)
    text = repr(cleaned)
    for secret in (SECRET, BEARER, COOKIE, DB_PASSWORD, "gAAAAAB"):
        assert secret not in text
    assert cleaned["request"]["url"] == "https://x/graphql"
    assert cleaned["request"]["headers"] == {"User-Agent": "curl"}
    assert cleaned["request"]["method"] == "POST"
