"""A real server whose database goes away (through a TCP proxy the test cuts): reads,
mutations, sign-in and /readyz answer 503 with a JSON reason, never a 500; what needs no
database still answers; and once the database is back, so is the server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest
import pytest_asyncio

from tests.backends import TestDatabase
from tests.live import LiveServer, run_cli
from tests.tcp_proxy import TcpProxy

LICENSES = {"query": "{ licenses(first: 1) { totalCount } }"}
CREATE_TAG = {
    "query": 'mutation { tagCreate(input: {name: "outage-probe"}) { tag { id } errors { code } } }'
}
TAGS = {"query": "{ tags { name } }"}
UNAVAILABLE = "The database is unavailable; try again in a moment."


@dataclass
class Setup:
    server: LiveServer
    proxy: TcpProxy
    token: str

    def graphql(self, body: dict[str, str], **headers: str) -> httpx.Response:
        return httpx.post(
            f"{self.server.url}/graphql",
            json=body,
            headers={"authorization": f"Bearer {self.token}", **headers},
            timeout=20,
        )


@pytest_asyncio.fixture(scope="module", loop_scope="session", params=["postgres", "mysql"])
async def setup(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Setup]:
    home = tmp_path_factory.mktemp("outage")
    database = await TestDatabase.create(request.param, home)
    direct = urlsplit(database.url)
    proxy = TcpProxy(direct.hostname or "127.0.0.1", direct.port or 0)
    with proxy:
        proxied = direct._replace(netloc=direct.netloc.replace(f":{direct.port}", f":{proxy.port}"))
        server = LiveServer.start(home, proxied.geturl())
        try:
            made = run_cli(home, "token", "create", "--user", server.admin_email,
                           database_url=server.database_url)  # fmt: skip
            assert made.returncode == 0, made.stderr
            yield Setup(server, proxy, made.stdout.strip())
        finally:
            server.stop()
            proxy.cut()
            await database.drop()


def unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["retry-after"] == "5"
    assert response.json() == {
        "errors": [{"message": UNAVAILABLE, "extensions": {"code": "UNAVAILABLE"}}]
    }


def test_every_route_answers_503_while_the_database_is_away(setup: Setup) -> None:
    # Given a working server
    assert setup.graphql(LICENSES).json() == {"data": {"licenses": {"totalCount": 0}}}

    # When the database goes away
    setup.proxy.cut()

    # Then reads and mutations answer 503 (the token cannot even be checked)
    unavailable(setup.graphql(LICENSES))
    unavailable(setup.graphql(CREATE_TAG))
    # ... also in the GraphQL-over-HTTP media type
    modern = setup.graphql(LICENSES, accept="application/graphql-response+json")
    assert modern.status_code == 503
    assert modern.headers["content-type"].startswith("application/graphql-response+json")
    # ... and so do sign-in and readiness
    login = httpx.post(
        f"{setup.server.url}/auth/login",
        json={"email": setup.server.admin_email, "password": setup.server.admin_password},
    )
    assert login.status_code == 503
    assert login.json() == {"error": {"code": "UNAVAILABLE", "message": UNAVAILABLE}}
    ready = httpx.get(f"{setup.server.url}/readyz", timeout=20)
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "database": "unreachable"}
    # What needs no database still answers
    assert httpx.get(f"{setup.server.url}/healthz").status_code == 200
    version = httpx.post(f"{setup.server.url}/graphql", json={"query": "{ version }"})
    assert version.json() == {"data": {"version": "0.1.0"}}

    # When the database is back, so is the server
    setup.proxy.restore()
    assert setup.graphql(LICENSES).json() == {"data": {"licenses": {"totalCount": 0}}}
    assert httpx.get(f"{setup.server.url}/readyz").status_code == 200
    assert "Exception in ASGI application" not in setup.server.log()


@pytest.mark.parametrize(
    ("body", "marker"),
    [(LICENSES, b"license"), (CREATE_TAG, b"outage-probe")],
    ids=["read", "mutation"],
)
def test_a_database_lost_inside_a_resolver_answers_503(
    setup: Setup, body: dict[str, str], marker: bytes
) -> None:
    # Given a pool of fresh connections (so no statement is cached by the driver)
    setup.proxy.cut()
    setup.proxy.restore()
    cuts = setup.proxy.cuts

    # When the connection drops as the resolver sends its SQL, after authentication worked
    setup.proxy.cut_when(marker)
    response = setup.graphql(body)

    # Then the answer is 503, not a masked "Internal error" with 200
    assert setup.proxy.cuts == cuts + 1, "the proxy never saw the resolver's SQL"
    unavailable(response)
    # ... and once the database is back, nothing was changed
    setup.proxy.restore()
    names = [t["name"] for t in setup.graphql(TAGS).json()["data"]["tags"]]
    assert "outage-probe" not in names
    log = setup.server.log()
    assert "Exception in ASGI application" not in log
    assert "unexpected error in GraphQL" not in log  # one line, not a masked fault
