"""The secret key ring: row-bound encryption, fingerprints, the ring file, the environment."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from licman.security import secrets as secrets_module
from licman.security.secrets import (
    KeyRing,
    KeyRingError,
    SecretError,
    activate,
    keyring,
    load_keyring,
    ring_lock,
    ring_path,
)
from licman.settings import Settings

SECRET = "XXXX-1234-YYYY-5678"


@pytest.fixture
def ring() -> KeyRing:
    return KeyRing.generate(None)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path)


@pytest.fixture
def keep_active_ring() -> Iterator[None]:
    """Tests that activate a ring give the session's ring back afterwards."""
    saved = secrets_module._active
    yield
    activate(saved)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- encryption -------------------------------------------------------------------------


def test_round_trip_gives_the_secret_back_and_the_token_does_not_show_it(ring: KeyRing) -> None:
    token = ring.encrypt(7, SECRET)
    assert SECRET not in token
    assert ring.decrypt(7, token) == SECRET


def test_each_encryption_differs(ring: KeyRing) -> None:
    assert ring.encrypt(7, SECRET) != ring.encrypt(7, SECRET)


def test_a_ciphertext_copied_to_another_license_does_not_decrypt(ring: KeyRing) -> None:
    token = ring.encrypt(7, SECRET)
    with pytest.raises(SecretError, match="another record") as caught:
        ring.decrypt(8, token)
    assert SECRET not in str(caught.value)


def test_a_tampered_token_does_not_decrypt(ring: KeyRing) -> None:
    token = ring.encrypt(7, SECRET)
    middle = len(token) // 2
    flipped = "A" if token[middle] != "A" else "B"
    with pytest.raises(SecretError, match="cannot be decrypted"):
        ring.decrypt(7, token[:middle] + flipped + token[middle + 1 :])
    with pytest.raises(SecretError):
        ring.decrypt(7, "not a token")


def test_another_ring_cannot_decrypt(ring: KeyRing) -> None:
    with pytest.raises(SecretError):
        KeyRing.generate(None).decrypt(7, ring.encrypt(7, SECRET))


def test_older_keys_decrypt_and_reencrypt_moves_a_token_to_the_newest_key(
    ring: KeyRing,
) -> None:
    old_token = ring.encrypt(7, SECRET)
    rotated = ring.with_new_key()
    assert (len(rotated.keys), rotated.keys[1:], rotated.rotating) == (2, ring.keys, True)
    assert rotated.decrypt(7, old_token) == SECRET
    assert not rotated.is_current(old_token)
    assert rotated.under_newest_key(7, old_token) is False

    new_token = rotated.reencrypt(7, old_token)

    assert rotated.is_current(new_token)
    assert rotated.under_newest_key(7, new_token) is True
    assert rotated.decrypt(7, new_token) == SECRET
    with pytest.raises(SecretError):  # the old ring alone does not know the new key
        ring.decrypt(7, new_token)


def test_checking_and_reencrypting_refuse_a_token_of_another_row(ring: KeyRing) -> None:
    rotated = ring.with_new_key()
    old_token, new_token = ring.encrypt(7, SECRET), rotated.encrypt(7, SECRET)
    for token in (old_token, new_token):
        with pytest.raises(SecretError):
            rotated.under_newest_key(8, token)
    with pytest.raises(SecretError):
        rotated.reencrypt(8, old_token)


def test_fingerprints_match_equal_secrets_after_trimming_and_reveal_nothing(
    ring: KeyRing,
) -> None:
    print_ = ring.fingerprint(SECRET)
    assert ring.fingerprint(f"  {SECRET}\n") == print_
    assert ring.fingerprint(SECRET + "9") != print_
    assert ring.fingerprint(SECRET.lower()) != print_
    assert SECRET not in print_
    assert len(print_) == 64
    assert KeyRing.generate(None).fingerprint(SECRET) != print_  # keyed, not a plain hash


# --- the ring file ------------------------------------------------------------------------


def test_a_new_ring_file_is_0600_in_a_0700_directory(settings: Settings) -> None:
    path = ring_path(settings)
    KeyRing.generate(path).save()
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["keyring.json"]  # no temporary left


def test_saving_tightens_a_loose_directory_and_a_stale_temporary_file(
    settings: Settings,
) -> None:
    path = ring_path(settings)
    path.parent.mkdir(parents=True, mode=0o755)
    path.parent.chmod(0o755)
    stale = path.with_name("keyring.json.tmp")
    stale.write_text("old")
    stale.chmod(0o644)
    KeyRing.generate(path).save()
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)


def test_the_file_keeps_keys_order_fingerprint_key_and_rotating_flag(
    settings: Settings,
) -> None:
    ring = KeyRing.generate(ring_path(settings)).with_new_key()
    ring.save()
    again = load_keyring(settings)
    assert again is not None
    assert (again.keys, again.fingerprint_key, again.rotating) == (
        ring.keys,
        ring.fingerprint_key,
        True,
    )
    assert again.decrypt(3, ring.encrypt(3, SECRET)) == SECRET


def test_no_ring_file_means_no_ring(settings: Settings) -> None:
    assert load_keyring(settings) is None


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"fingerprint_key": "x"}),
        json.dumps({"keys": [], "fingerprint_key": "x"}),
        json.dumps({"keys": ["not-a-fernet-key"], "fingerprint_key": "x"}),
        json.dumps({"keys": [1], "fingerprint_key": "x"}),
        json.dumps(["a list"]),
    ],
    ids=["not-json", "no-keys", "empty-keys", "bad-key", "key-not-text", "not-a-mapping"],
)
def test_a_corrupt_ring_file_is_an_error_naming_the_file(settings: Settings, content: str) -> None:
    path = ring_path(settings)
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.raises(KeyRingError, match="cannot read the key ring") as caught:
        load_keyring(settings)
    assert str(path) in str(caught.value)
    assert "not-a-fernet-key" not in str(caught.value)


# --- the environment ------------------------------------------------------------------------


def test_environment_ring_without_fingerprint_key_is_refused(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, secret_keys=Fernet.generate_key().decode())
    with pytest.raises(KeyRingError, match="LICMAN_FINGERPRINT_KEY"):
        load_keyring(settings)


def test_environment_ring_is_newest_first_and_cannot_be_saved(tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings = Settings(home=tmp_path, secret_keys=f" {new} , {old},", fingerprint_key="fp")
    ring = load_keyring(settings)
    assert ring is not None
    assert (ring.keys, ring.path, ring.source) == (
        [new.encode(), old.encode()],
        None,
        "LICMAN_SECRET_KEYS",
    )
    assert ring.is_current(ring.encrypt(1, SECRET))
    with pytest.raises(KeyRingError, match="LICMAN_SECRET_KEYS"):
        ring.save()
    assert not ring_path(settings).exists()


# --- the active ring and the lock -----------------------------------------------------------


@pytest.mark.usefixtures("keep_active_ring")
def test_the_active_ring_follows_its_file(settings: Settings) -> None:
    path = ring_path(settings)
    KeyRing.generate(path).save()
    first = load_keyring(settings)
    assert first is not None
    activate(first)
    assert keyring() is first  # unchanged file: no reload

    # Another process (`licman keys rotate`) saves a new key first.
    rotated = first.with_new_key()
    rotated.save()
    assert keyring().keys == rotated.keys
    token = rotated.encrypt(5, SECRET)
    assert keyring().decrypt(5, token) == SECRET


@pytest.mark.usefixtures("keep_active_ring")
def test_a_broken_or_missing_file_leaves_the_active_ring_in_use(settings: Settings) -> None:
    path = ring_path(settings)
    KeyRing.generate(path).save()
    ring = load_keyring(settings)
    assert ring is not None
    activate(ring)
    path.write_text("{broken")
    assert keyring() is ring
    path.unlink()
    assert keyring() is ring


def test_a_second_ring_changer_is_refused_while_the_lock_is_held(settings: Settings) -> None:
    with ring_lock(settings), pytest.raises(KeyRingError, match="another licman process"):
        ring_lock(settings).__enter__()
    with ring_lock(settings):  # released again
        pass
