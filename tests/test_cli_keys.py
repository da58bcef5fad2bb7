"""`licman keys`: rotating the secret key ring, interrupted and resumed, as an operator runs
it, in subprocesses against a real database; secrets are created through the resolvers."""

from __future__ import annotations

import json
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import pytest
import pytest_asyncio
from cryptography.fernet import Fernet

from licman.security.secrets import KeyRing, SecretError
from tests.backends import BACKENDS, TestDatabase
from tests.live import cli_env, run_cli

# Run with LICMAN_HOME set: `seed` reads secrets (JSON list) on stdin and prints {id: secret};
# `read` prints {id: [under the newest key, plaintext or null]}; `interrupt` starts a rotation
# and stops it after the given number of checked secrets, by exception or SIGKILL.
HELPER = r"""
import asyncio, json, os, signal, sys

from licman.db import connected
from licman.models import License
from licman.resolvers.keys import keys_rotate
from licman.resolvers.license import LicenseInput, license_create, license_update
from licman.resolvers.product import ProductInput, product_create
from licman.resolvers.vendor import VendorInput, vendor_create
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import system
from licman.security.secrets import SecretError, load_keyring
from licman.settings import load_settings


async def main(command, *args):
    settings = load_settings()
    actor = system("tests")
    async with connected(settings):
        if command == "seed":
            await prepare_keyring(settings)
            vendor = await vendor_create(actor, VendorInput(name="Vendor"))
            product = await product_create(actor, ProductInput(vendor_id=vendor.id, name="P"))
            made = {}
            for n, secret in enumerate(json.load(sys.stdin)):
                data = LicenseInput(product_id=product.id, name=f"L{n}", secret=secret)
                made[(await license_create(actor, data)).id] = secret
            print(json.dumps(made))
        elif command == "read":
            ring = load_keyring(settings)
            out = {}
            for lid, token in await License.filter(secret_ciphertext__not_isnull=True).values_list(
                "id", "secret_ciphertext"
            ):
                try:
                    out[lid] = [ring.under_newest_key(lid, token), ring.decrypt(lid, token)]
                except SecretError:
                    out[lid] = [False, None]
            print(json.dumps(out))
        elif command == "interrupt":
            how, after, batch = args[0], int(args[1]), int(args[2])

            def stop(step):
                if step.round == 1 and step.checked >= after:
                    if how == "kill":
                        os.kill(os.getpid(), signal.SIGKILL)
                    raise RuntimeError("interrupted on purpose")

            await keys_rotate(actor, settings, batch_size=batch, progress=stop)
        elif command == "copy":  # put one license's ciphertext on another row
            source = await License.get(id=int(args[0]))
            await License.filter(id=int(args[1])).update(
                secret_ciphertext=source.secret_ciphertext
            )
        elif command == "set":
            await prepare_keyring(settings)
            current = await License.get(id=int(args[0]))
            await license_update(
                actor, current.id, current.version, LicenseInput(secret=args[1])
            )


asyncio.run(main(*sys.argv[1:]))
"""


def helper(
    home: Path,
    *args: str,
    database_url: str | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", HELPER, *args],
        env=env or cli_env(home, database_url),
        cwd=home,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def new_secrets(count: int) -> list[str]:
    return [f"SECRET-{n}-{secrets.token_hex(8)}" for n in range(count)]


def seed(
    home: Path,
    values: list[str],
    database_url: str | None = None,
    env: dict[str, str] | None = None,
) -> dict[int, str]:
    """Create one license per secret through license_create; {license id: secret}."""
    done = helper(home, "seed", database_url=database_url, stdin=json.dumps(values), env=env)
    assert done.returncode == 0, done.stderr
    return {int(k): v for k, v in json.loads(done.stdout).items()}


def read_back(
    home: Path, database_url: str | None = None, env: dict[str, str] | None = None
) -> dict[int, tuple[bool, str | None]]:
    done = helper(home, "read", database_url=database_url, env=env)
    assert done.returncode == 0, done.stderr
    return {int(k): (v[0], v[1]) for k, v in json.loads(done.stdout).items()}


def ring_file(home: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((home / "var" / "secrets" / "keyring.json").read_text())
    return data


def ring_keys(home: Path) -> list[str]:
    keys = ring_file(home)["keys"]
    assert isinstance(keys, list)
    return [str(k) for k in keys]


def status(
    home: Path, database_url: str | None = None, env: dict[str, str] | None = None
) -> tuple[int, dict[str, str]]:
    """`licman keys status`: (exit code, {label: value})."""
    done = run_cli(home, "keys", "status", database_url=database_url, env=env)
    assert done.returncode in (0, 1), done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    return done.returncode, lines


def counts(lines: dict[str, str]) -> tuple[str, str, str, str, str]:
    return (
        lines["keys"],
        lines["rotation pending"],
        lines["secrets under the newest key"],
        lines["secrets under an older key"],
        lines["secrets that do not decrypt"],
    )


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("licman: error: "), stderr
    return lines[0]


def init(home: Path, database_url: str | None = None, env: dict[str, str] | None = None) -> None:
    done = run_cli(home, "init", database_url=database_url, env=env)
    assert done.returncode == 0, done.stderr


def stored_tokens(home: Path) -> dict[int, str]:
    with closing(sqlite3.connect(home / "var" / "licman.sqlite3")) as conn:
        rows = conn.execute(
            "SELECT id, secret_ciphertext FROM license WHERE secret_ciphertext IS NOT NULL"
        ).fetchall()
    return {int(i): str(t) for i, t in rows}


def audit_changes(home: Path, action: str) -> list[dict[str, object]]:
    with closing(sqlite3.connect(home / "var" / "licman.sqlite3")) as conn:
        rows = conn.execute(
            "SELECT changes FROM audit_event WHERE action = ? ORDER BY id", (action,)
        ).fetchall()
    return [json.loads(r[0]) for r in rows]


@pytest_asyncio.fixture(loop_scope="session", params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str | None]:
    """None (SQLite in the Licman home) or a fresh, empty PostgreSQL or MariaDB database."""
    if request.param == "sqlite":
        yield None
        return
    database = await TestDatabase.create(request.param, tmp_path_factory.mktemp("keysdb"))
    try:
        yield database.url
    finally:
        await database.drop()


def test_keys_help_lists_its_commands(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "keys", "--help")
    assert result.returncode == 0, result.stderr
    assert all(name in result.stdout for name in ("rotate", "reencrypt", "status"))


def test_rotate_moves_every_secret_to_a_new_key(tmp_path: Path) -> None:
    # Given: an installation with 30 secrets under its first key
    init(tmp_path)
    made = seed(tmp_path, new_secrets(30))
    [old_key] = ring_keys(tmp_path)
    code, before = status(tmp_path)
    assert (code, counts(before)) == (0, ("1", "no", "30", "0", "0"))
    assert before["key ring"] == str(tmp_path / "var" / "secrets" / "keyring.json")

    # When
    done = run_cli(tmp_path, "keys", "rotate", "--batch-size", "7")

    # Then: a second key, newest first, and every secret under it and readable
    assert done.returncode == 0, done.stderr
    assert "Added a new key; the ring holds 2 keys." in done.stdout
    assert "Re-encrypted 30 secret(s)" in done.stdout
    assert "30 under the newest key, 0 under an older key, 0 that do not decrypt" in done.stdout
    keys = ring_keys(tmp_path)
    assert (len(keys), keys[1], ring_file(tmp_path)["rotating"]) == (2, old_key, False)
    assert read_back(tmp_path) == {i: (True, s) for i, s in made.items()}
    old_ring = KeyRing([old_key.encode()], b"unused")
    for license_id, token in stored_tokens(tmp_path).items():
        with pytest.raises(SecretError):
            old_ring.decrypt(license_id, token)
    code, after = status(tmp_path)
    assert (code, counts(after)) == (0, ("2", "no", "30", "0", "0"))
    output = done.stdout + done.stderr + "\n".join(after.values())
    assert not any(key in output for key in keys)  # no key material printed
    [event] = audit_changes(tmp_path, "keys.rotate")
    assert event.pop("job_id") >= 1  # the rotation ran as a job
    assert event == {
        "keys": 2,
        "key_added": True,
        "reencrypted": 30,
        "current": 30,
        "older": 0,
        "failed": 0,
        "failed_license_ids": [],
        "complete": True,
    }


@pytest.mark.parametrize(
    ("how", "after"),
    [("raise", 5), ("raise", 23)],
    ids=["failed-after-first-batch", "failed-after-last-batch"],
)
def test_an_interrupted_rotation_finishes_on_the_next_run_without_another_key(
    tmp_path: Path, how: str, after: int
) -> None:
    # Given: 23 secrets, and a rotation stopped after its first batch of 5 (or its last)
    init(tmp_path)
    made = seed(tmp_path, new_secrets(23))
    keys_before = ring_keys(tmp_path)
    stopped = helper(tmp_path, "interrupt", how, str(after), "5")
    assert stopped.returncode != 0
    assert len(ring_keys(tmp_path)) == len(keys_before) + 1
    assert ring_file(tmp_path)["rotating"] is True
    midway = read_back(tmp_path)
    assert {i: s for i, (_, s) in midway.items()} == made  # every secret still readable
    moved = sum(current for current, _ in midway.values())
    assert moved == min(after, 23)
    code, pending = status(tmp_path)
    assert (code, counts(pending)) == (1, ("2", "yes", str(moved), str(23 - moved), "0"))

    # When
    done = run_cli(tmp_path, "keys", "rotate", "--batch-size", "5")

    # Then: the same new key, no second one; everything under it
    assert done.returncode == 0, done.stderr
    assert "Finished the interrupted rotation; the ring holds 2 keys." in done.stdout
    assert f"Re-encrypted {23 - moved} secret(s)" in done.stdout
    keys_after = ring_keys(tmp_path)
    assert len(keys_after) == len(keys_before) + 1
    assert keys_after[1:] == keys_before
    assert ring_file(tmp_path)["rotating"] is False
    assert read_back(tmp_path) == {i: (True, s) for i, s in made.items()}
    code, finished = status(tmp_path)
    assert (code, counts(finished)) == (0, ("2", "no", "23", "0", "0"))
    [event] = audit_changes(tmp_path, "keys.rotate")
    assert (event["key_added"], event["reencrypted"], event["complete"]) == (
        False,
        23 - moved,
        True,
    )

    # And a later rotation is a new one: it adds a key
    again = run_cli(tmp_path, "keys", "rotate")
    assert again.returncode == 0, again.stderr
    assert len(ring_keys(tmp_path)) == len(keys_before) + 2


def test_rotation_killed_and_resumed_on_every_database(
    tmp_path: Path, database_url: str | None
) -> None:
    # Given: a rotation killed (SIGKILL, no clean-up) after its first batch
    init(tmp_path, database_url)
    made = seed(tmp_path, new_secrets(12), database_url)
    stopped = helper(tmp_path, "interrupt", "kill", "4", "4", database_url=database_url)
    assert stopped.returncode != 0
    code, pending = status(tmp_path, database_url)
    assert (code, counts(pending)) == (1, ("2", "yes", "4", "8", "0"))

    # When
    done = run_cli(tmp_path, "keys", "rotate", "--batch-size", "4", database_url=database_url)

    # Then
    assert done.returncode == 0, done.stderr
    assert "Finished the interrupted rotation; the ring holds 2 keys." in done.stdout
    assert read_back(tmp_path, database_url) == {i: (True, s) for i, s in made.items()}
    code, finished = status(tmp_path, database_url)
    assert (code, counts(finished)) == (0, ("2", "no", "12", "0", "0"))


def test_reencrypt_also_finishes_an_interrupted_rotation_of_the_ring_file(
    tmp_path: Path,
) -> None:
    init(tmp_path)
    made = seed(tmp_path, new_secrets(4))
    assert helper(tmp_path, "interrupt", "raise", "1", "1").returncode != 0
    done = run_cli(tmp_path, "keys", "reencrypt")
    assert done.returncode == 0, done.stderr
    assert "Re-encrypted 3 secret(s)" in done.stdout
    assert (len(ring_keys(tmp_path)), ring_file(tmp_path)["rotating"]) == (2, False)
    assert read_back(tmp_path) == {i: (True, s) for i, s in made.items()}


def test_a_secret_that_does_not_decrypt_is_named_and_keeps_the_rotation_pending(
    tmp_path: Path,
) -> None:
    # Given: license b carries a ciphertext copied from license a
    init(tmp_path)
    made = seed(tmp_path, new_secrets(6))
    a, b, *_ = sorted(made)
    assert helper(tmp_path, "copy", str(a), str(b)).returncode == 0

    # When
    done = run_cli(tmp_path, "keys", "rotate")

    # Then: the others are rotated, b is named, the exit code says it failed
    assert done.returncode == 1
    error = one_line_error(done.stderr)
    assert f"(license ids {b})" in error
    assert "5 under the newest key, 0 under an older key, 1 that do not decrypt" in done.stdout
    assert ring_file(tmp_path)["rotating"] is True
    code, pending = status(tmp_path)
    assert (code, counts(pending)) == (1, ("2", "yes", "5", "0", f"1 (license ids {b})"))
    [event] = audit_changes(tmp_path, "keys.rotate")
    assert (event["failed"], event["failed_license_ids"], event["complete"]) == (1, [b], False)

    # When the secret is set again, the next run finishes the same rotation
    assert helper(tmp_path, "set", str(b), "NEW-SECRET-FOR-B").returncode == 0
    again = run_cli(tmp_path, "keys", "rotate")
    assert again.returncode == 0, again.stderr
    assert "Finished the interrupted rotation; the ring holds 2 keys." in again.stdout
    assert len(ring_keys(tmp_path)) == 2
    expected = {**made, b: "NEW-SECRET-FOR-B"}
    assert read_back(tmp_path) == {i: (True, s) for i, s in expected.items()}


def test_an_environment_ring_is_rotated_by_the_operator_then_reencrypted(
    tmp_path: Path,
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    fingerprint = Fernet.generate_key().decode()

    def env(keys: str) -> dict[str, str]:
        return cli_env(tmp_path, LICMAN_SECRET_KEYS=keys, LICMAN_FINGERPRINT_KEY=fingerprint)

    # Given: secrets under the only key in LICMAN_SECRET_KEYS
    init(tmp_path, env=env(old))
    made = seed(tmp_path, new_secrets(9), env=env(old))

    # When: asked to rotate, it refuses and says what to do instead
    refused = run_cli(tmp_path, "keys", "rotate", env=env(old))
    assert refused.returncode == 1
    error = one_line_error(refused.stderr)
    assert "put a new key first in LICMAN_SECRET_KEYS" in error
    assert "licman keys reencrypt" in error
    assert not (tmp_path / "var" / "secrets" / "keyring.json").exists()

    # When: the operator puts a new key first, then re-encrypts
    code, before = status(tmp_path, env=env(f"{new},{old}"))
    assert before["key ring"] == "LICMAN_SECRET_KEYS"
    assert (code, counts(before)) == (1, ("2", "no", "0", "9", "0"))
    done = run_cli(tmp_path, "keys", "reencrypt", env=env(f"{new},{old}"))
    assert done.returncode == 0, done.stderr
    assert "Re-encrypted 9 secret(s)" in done.stdout

    # Then: the old key can go, and every secret is readable with the new one alone
    code, after = status(tmp_path, env=env(new))
    assert (code, counts(after)) == (0, ("1", "no", "9", "0", "0"))
    assert read_back(tmp_path, env=env(new)) == {i: (True, s) for i, s in made.items()}
    [event] = audit_changes(tmp_path, "keys.reencrypt")
    assert (event["reencrypted"], event["key_added"], event["complete"]) == (9, False, True)
