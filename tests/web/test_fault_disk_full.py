"""var/ on a full disk (a small tmpfs mounted for the test; needs root, as in CI): writes get a
clear 503 instead of a masked internal error, reads go on, the SQLite database is not
corrupted, and once space returns, so does the service, with every acknowledged write kept."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.backends import services_required
from tests.live import LiveServer, run_cli

CREATE = 'mutation { tagCreate(input: {name: "%s"}) { tag { name } errors { code } } }'
TAGS = {"query": "{ tags { name } }"}


@pytest.fixture
def small_var(tmp_path: Path) -> Iterator[Path]:
    var = tmp_path / "var"
    var.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0750", "tmpfs", str(var)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        message = f"cannot mount a tmpfs for var/ ({mounted.stderr.strip()}); needs root"
        if services_required() and os.getuid() == 0:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        yield var
    finally:
        subprocess.run(["umount", "-l", str(var)], check=False)


def _fill(var: Path) -> Path:
    filler = var / "filler"
    with filler.open("wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
            os.fsync(handle.fileno())
    return filler


def _create(server: LiveServer, token: str, name: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/graphql",
        json={"query": CREATE % name},
        headers={"authorization": f"Bearer {token}"},
        timeout=30,
    )


def test_a_full_var_is_a_clear_error_and_service_resumes(tmp_path: Path, small_var: Path) -> None:
    url = f"sqlite://{small_var / 'licman.sqlite3'}"
    server = LiveServer.start(tmp_path, url)
    try:
        made = run_cli(tmp_path, "token", "create", "--user", server.admin_email, database_url=url)
        assert made.returncode == 0, made.stderr
        token = made.stdout.strip()
        acknowledged = []
        for i in range(5):
            answer = _create(server, token, f"before-{i}")
            assert answer.status_code == 200, answer.text
            acknowledged.append(f"before-{i}")

        filler = _fill(small_var)
        refused = [_create(server, token, f"full-{i}") for i in range(30)]
        statuses = {r.status_code for r in refused}
        for answer in refused:
            if answer.status_code == 200 and not answer.json().get("errors"):
                acknowledged.append(answer.json()["data"]["tagCreate"]["tag"]["name"])
        assert 503 in statuses, [r.text for r in refused[:3]]
        for answer in refused:
            if answer.status_code != 200:
                assert answer.status_code == 503, answer.text
                assert answer.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
        reads = httpx.post(f"{server.url}/graphql", json=TAGS,
                           headers={"authorization": f"Bearer {token}"}, timeout=30)  # fmt: skip
        assert reads.status_code in (200, 503), reads.text
        doctor = run_cli(tmp_path, "doctor", database_url=url)
        assert "[FAIL] disk" in doctor.stdout

        filler.unlink()  # space returns
        after = _create(server, token, "after-space")
        assert after.status_code == 200, after.text
        assert after.json()["data"]["tagCreate"]["tag"]["name"] == "after-space"
        acknowledged.append("after-space")
        names = {
            t["name"]
            for t in httpx.post(f"{server.url}/graphql", json=TAGS,
                                headers={"authorization": f"Bearer {token}"},
                                timeout=30).json()["data"]["tags"]
        }  # fmt: skip
        assert set(acknowledged) <= names
        log = server.log()
        assert "Exception in ASGI application" not in log
        assert "disk is full" in log  # the cause, named once per failure in the log
    finally:
        server.stop()
    check = sqlite3.connect(small_var / "licman.sqlite3")
    try:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        check.close()
    assert "is intact" in run_cli(tmp_path, "audit", "verify", database_url=url).stdout
