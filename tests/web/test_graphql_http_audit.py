"""The public GraphQL-over-HTTP audit (npm graphql-http, `auditServer`) against a real server,
in development and in production mode: no failed MUST (error) and no failed SHOULD (warning).

Production closes introspection to anonymous callers and one MUST audit asks for `__type`, so
the production audit signs in with an API token. The audit script is
client/scripts/audit-graphql-http.mjs (it needs node and client/node_modules).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backends import services_required
from tests.live import LiveServer, run_cli

CLIENT = Path(__file__).resolve().parents[2] / "client"
SCRIPT = CLIENT / "scripts" / "audit-graphql-http.mjs"


def node_or_skip() -> str:
    node = shutil.which("node")
    installed = (CLIENT / "node_modules" / "graphql-http" / "package.json").is_file()
    if node and installed:
        return node
    reason = "node is not on the PATH" if not node else "run `npm ci` in client/ first"
    if services_required():
        pytest.fail(f"the GraphQL-over-HTTP audit cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module", params=["development", "production"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp(request.param)
    (home / ".env").write_text(f"LICMAN_ENVIRONMENT={request.param}\n")
    live = LiveServer.start(home, f"sqlite://{home / 'licman.sqlite3'}")
    try:
        yield live
    finally:
        live.stop()


def audit(node: str, server: LiveServer, token: str | None) -> list[dict[str, str]]:
    env = {"PATH": str(Path(node).parent), "HOME": str(server.home)}
    if token:
        env["LICMAN_AUDIT_TOKEN"] = token
    done = subprocess.run(
        [node, str(SCRIPT), f"{server.url}/graphql"],
        cwd=CLIENT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    results: list[dict[str, str]] = json.loads(done.stdout)
    return results


def test_the_graphql_over_http_audit_finds_no_warning_and_no_error(server: LiveServer) -> None:
    node = node_or_skip()
    production = "production" in (server.home / ".env").read_text()
    token = None
    if production:
        made = run_cli(server.home, "token", "create", "--user", server.admin_email,
                       database_url=server.database_url)  # fmt: skip
        assert made.returncode == 0, made.stderr
        token = made.stdout.strip()

    results = audit(node, server, token)

    assert len(results) > 50  # the whole audit ran
    failed = [f"{r['status']} {r['id']} {r['name']}: {r['reason']}" for r in results
              if r["status"] in ("warn", "error")]  # fmt: skip
    assert not failed, "\n".join(failed)
    assert "Exception in ASGI application" not in server.log()
