"""`licman serve --workers 2`: gunicorn with two uvicorn workers, each a full Licman app, and a
token revoked through one worker refused by every worker (the other looks it up again within
its token cache's second)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from tests.backends import TestDatabase
from tests.live import LiveServer, run_cli

VERSION = {"query": "{ version }"}
REVOKE = "mutation ($id: ID!) { apiTokenRevoke(input: {id: $id}) { revokedId } }"
MY_TOKENS = "{ myApiTokens { id } }"


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@pytest.mark.parametrize("backend", ["postgres"])
async def test_two_workers_serve_and_share_a_revocation(
    backend: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("workers")
    database = await TestDatabase.create(backend, home)
    server = LiveServer.start(home, database.url, "--workers", "2")
    try:
        created = run_cli(home, "token", "create", "--user", server.admin_email,
                          database_url=database.url)  # fmt: skip
        assert created.returncode == 0, created.stderr
        token = created.stdout.strip()
        auth = {"authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=server.url, headers=auth, timeout=10) as client:
            # Both workers answer (new connections are spread by the kernel).
            for _ in range(10):
                assert (await client.post("/graphql", json=VERSION)).status_code == 200
            assert len(_children(server.process.pid)) == 2

            mine = (await client.post("/graphql", json={"query": MY_TOKENS})).json()
            token_id = mine["data"]["myApiTokens"][0]["id"]
            revoked = await client.post(
                "/graphql", json={"query": REVOKE, "variables": {"id": token_id}}
            )
            assert revoked.json()["data"]["apiTokenRevoke"]["revokedId"] == token_id

        # Every worker refuses it once its cached second is over (new connections each time,
        # so both workers are asked); 15 s only bounds a broken server.
        deadline = time.monotonic() + 15
        statuses: list[int] = []
        while time.monotonic() < deadline:
            await asyncio.sleep(1.2)
            statuses = []
            for _ in range(10):
                async with httpx.AsyncClient(base_url=server.url, headers=auth) as fresh:
                    statuses.append((await fresh.post("/graphql", json=VERSION)).status_code)
            if set(statuses) == {401}:
                break
        assert set(statuses) == {401}
    finally:
        server.stop()
        await database.drop()
