"""Start-up and the key ring: created on first start, and a lost or wrong ring stops the
server with one line instead of letting it run with secrets nobody can read."""

from __future__ import annotations

import hashlib
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from licman.models import License, Role
from licman.resolvers.license import LicenseInput, license_create
from licman.resolvers.product import ProductInput, product_create
from licman.resolvers.vendor import VendorInput, vendor_create
from licman.security import secrets as secrets_module
from licman.security.keyring_setup import prepare_keyring
from licman.security.secrets import KeyRing, KeyRingError, activate, keyring, ring_path
from licman.settings import Settings
from tests.live import cli_env, run_cli
from tests.resolvers.conftest import signed_in
from tests.test_cli_keys import new_secrets, one_line_error, seed


@pytest.fixture(autouse=True)
def keep_active_ring() -> Iterator[None]:
    """prepare_keyring activates the ring it loads; give the session's ring back."""
    saved = secrets_module._active
    yield
    activate(saved)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path)


async def licenses_with_secrets(count: int) -> list[int]:
    """Licenses whose secrets are encrypted with the session's ring (not a file ring)."""
    admin = await signed_in(Role.ADMIN)
    vendor = await vendor_create(admin, VendorInput(name="Vendor"))
    product = await product_create(admin, ProductInput(vendor_id=vendor.id, name="Product"))
    made = [
        await license_create(admin, LicenseInput(product_id=product.id, secret=f"S-{n}"))
        for n in range(count)
    ]
    return [license_.id for license_ in made]


def save_session_ring(settings: Settings) -> KeyRing:
    session = keyring()
    ring = KeyRing(list(session.keys), session.fingerprint_key, ring_path(settings))
    ring.save()
    return ring


@pytest.mark.usefixtures("db")
async def test_first_start_creates_the_ring_file_and_later_starts_reuse_it(
    settings: Settings,
) -> None:
    path = ring_path(settings)
    assert not path.exists()

    ring = await prepare_keyring(settings)

    assert (ring.path, len(ring.keys), ring.rotating) == (path, 1, False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert keyring() is ring
    again = await prepare_keyring(settings)
    assert (again.keys, again.fingerprint_key) == (ring.keys, ring.fingerprint_key)


@pytest.mark.usefixtures("db")
async def test_a_lost_ring_with_stored_secrets_names_the_file_and_the_count(
    settings: Settings,
) -> None:
    await licenses_with_secrets(3)
    with pytest.raises(KeyRingError) as caught:
        await prepare_keyring(settings)
    message = str(caught.value)
    assert str(ring_path(settings)) in message
    assert "3 license secret(s)" in message
    assert "restore it from backup" in message
    assert not ring_path(settings).exists()  # no new ring that would mix with the lost one


@pytest.mark.usefixtures("db")
async def test_a_ring_that_opens_none_of_the_stored_secrets_is_refused(
    settings: Settings,
) -> None:
    ids = await licenses_with_secrets(7)
    KeyRing.generate(ring_path(settings)).save()  # a ring from another installation
    with pytest.raises(KeyRingError, match="decrypts none of the 5 newest") as caught:
        await prepare_keyring(settings)
    assert str(ring_path(settings)) in str(caught.value)
    assert ", ".join(str(i) for i in ids[-5:]) in str(caught.value)


@pytest.mark.usefixtures("db")
async def test_an_environment_ring_that_opens_none_of_the_stored_secrets_is_refused(
    tmp_path: Path,
) -> None:
    await licenses_with_secrets(2)
    settings = Settings(
        home=tmp_path,
        secret_keys=Fernet.generate_key().decode(),
        fingerprint_key="fingerprint-key",
    )
    with pytest.raises(KeyRingError, match=r"\(LICMAN_SECRET_KEYS\) decrypts none"):
        await prepare_keyring(settings)


@pytest.mark.usefixtures("db")
async def test_the_right_ring_starts_even_if_one_sampled_secret_is_broken(
    settings: Settings,
) -> None:
    first, *_, last = await licenses_with_secrets(3)
    original = save_session_ring(settings)
    stored = await License.get(id=first)
    await License.filter(id=last).update(secret_ciphertext=stored.secret_ciphertext)

    ring = await prepare_keyring(settings)

    assert ring.keys == original.keys
    assert keyring().path == ring_path(settings)


# SQLite in the Licman home, as a new installation has: no `db` fixture, one run.
def test_workers_starting_together_on_a_new_installation_share_one_ring(tmp_path: Path) -> None:
    upgraded = run_cli(tmp_path, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    script = (
        "import asyncio, hashlib\n"
        "from licman.db import connected\n"
        "from licman.security.keyring_setup import prepare_keyring\n"
        "from licman.settings import load_settings\n"
        "async def main():\n"
        "    settings = load_settings()\n"
        "    async with connected(settings):\n"
        "        ring = await prepare_keyring(settings)\n"
        "    print(hashlib.sha256(b''.join(ring.keys)).hexdigest())\n"
        "asyncio.run(main())\n"
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            env=cli_env(tmp_path),
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [worker.communicate(timeout=60) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), outputs
    on_disk = KeyRing.from_file(tmp_path / "var" / "secrets" / "keyring.json")
    assert {out.strip() for out, _ in outputs} == {
        hashlib.sha256(b"".join(on_disk.keys)).hexdigest()
    }


def test_serve_with_a_lost_or_wrong_ring_exits_with_one_line(tmp_path: Path) -> None:
    # Given: an installation with secrets, whose ring file is then deleted
    assert run_cli(tmp_path, "init").returncode == 0
    seed(tmp_path, new_secrets(3))
    path = tmp_path / "var" / "secrets" / "keyring.json"
    path.unlink()

    # When
    lost = run_cli(tmp_path, "serve", "--port", "1")

    # Then
    assert lost.returncode == 1
    error = one_line_error(lost.stderr)
    assert str(path) in error
    assert "3 license secret(s)" in error
    assert not path.exists()

    # And with a ring that is not the one that encrypted them
    KeyRing.generate(path).save()
    wrong = run_cli(tmp_path, "serve", "--port", "1")
    assert wrong.returncode == 1
    assert "decrypts none of the 3 newest" in one_line_error(wrong.stderr)
