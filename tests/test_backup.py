"""`licman backup`, `licman restore` and `licman db copy` against real databases: a secret
stored before reads back after, and the audit chain still verifies."""

from __future__ import annotations

import asyncio
import json
import stat
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backends import TestDatabase
from tests.live import cli_env, run_cli

SCRIPT = Path(__file__).with_name("ops_script.py")
ROOT = Path(__file__).resolve().parents[1]


def script(home: Path, url: str, *args: str) -> str:
    env = cli_env(home, url)
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def ok(home: Path, url: str, *args: str) -> str:
    result = run_cli(home, *args, database_url=url)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[TestDatabase]]:
    """Two fresh, empty databases on the backend named by the test's parameter."""
    made = [asyncio.run(TestDatabase.create(request.param, tmp_path)) for _ in range(2)]
    yield made
    for database in made:
        asyncio.run(database.drop())


@pytest.mark.parametrize("databases", ["sqlite", "postgres", "mysql"], indirect=True)
def test_backup_and_restore_round_trip(tmp_path: Path, databases: list[TestDatabase]) -> None:
    source, target = databases
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    ok(old, source.url, "init")
    license_id = script(old, source.url, "seed", "SERIAL-ROUND-TRIP-42")

    out = ok(old, source.url, "backup", "--output", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("licman-backup-*.tar.gz"))
    ring = next((tmp_path / "backups").glob("licman-backup-*.KEYRING-SECRET.json"))
    assert str(archive) in out
    assert str(ring) in out
    assert stat.S_IMODE(ring.stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    labelled = json.loads(ring.read_text())
    assert "decrypts every license secret" in labelled["WARNING"]
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("MANIFEST.json"))  # type: ignore[arg-type]
    assert names == {"MANIFEST.json", manifest["database_file"]}  # no key ring inside
    assert manifest["engine"] == source.backend

    # A new installation: empty database, no ring.
    restored = ok(new, target.url, "restore", str(archive), "--keyring", str(ring))
    assert "all decrypt" in restored
    assert script(new, target.url, "reveal", license_id) == "SERIAL-ROUND-TRIP-42"
    assert "is intact" in ok(new, target.url, "audit", "verify")
    # New rows after a restore get fresh ids (sequences came along).
    script(new, target.url, "seed", "ANOTHER")

    again = run_cli(new, "restore", str(archive), database_url=target.url)
    assert again.returncode == 1
    assert "not empty" in again.stderr


def test_restore_without_the_ring_says_secrets_do_not_decrypt(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    old_url = f"sqlite://{old / 'a.sqlite3'}"
    new_url = f"sqlite://{new / 'b.sqlite3'}"
    ok(old, old_url, "init")
    script(old, old_url, "seed", "NEEDS-THE-RING")
    ok(old, old_url, "backup", "--output", str(tmp_path / "b"))
    archive = next((tmp_path / "b").glob("*.tar.gz"))
    result = run_cli(new, "restore", str(archive), database_url=new_url)
    assert result.returncode == 1
    assert "no secret key ring" in result.stderr
    assert "restore it from backup" in result.stderr
    assert "NEEDS-THE-RING" not in result.stdout + result.stderr


@pytest.mark.parametrize("databases", ["postgres", "mysql"], indirect=True)
def test_db_copy_from_sqlite_keeps_rows_secrets_and_the_audit_chain(
    tmp_path: Path, databases: list[TestDatabase]
) -> None:
    target = databases[0]
    home = tmp_path / "home"
    home.mkdir()
    sqlite_url = f"sqlite://{home / 'licman.sqlite3'}"
    ok(home, sqlite_url, "init")
    ids = [script(home, sqlite_url, "seed", f"SECRET-{n}") for n in range(3)]
    script(home, sqlite_url, "reveal", ids[0])  # a reveal event in the chain too

    out = ok(home, sqlite_url, "db", "copy", "--to", target.url)
    assert "license: 3 row(s)" in out
    assert "license_tag: 3 row(s)" in out or "tag: 3 row(s)" in out
    before = ok(home, sqlite_url, "audit", "verify")
    after = ok(home, target.url, "audit", "verify")
    assert before.replace("\n", "") == after.replace("\n", "")  # same number of events
    for n, license_id in enumerate(ids):
        assert script(home, target.url, "reveal", license_id) == f"SECRET-{n}"
    assert "is intact" in ok(home, target.url, "audit", "verify")
    script(home, target.url, "seed", "AFTER-THE-COPY")  # ids continue after the copied ones

    refused = run_cli(home, "db", "copy", "--to", target.url, database_url=sqlite_url)
    assert refused.returncode == 1
    assert "not empty" in refused.stderr
