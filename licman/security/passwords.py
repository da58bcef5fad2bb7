"""Argon2id password hashing, run off the event loop with a cap on concurrent hashes."""

from __future__ import annotations

import os
import secrets
import string

import anyio
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 1024

# argon2-cffi's defaults: argon2id, t=3, m=64 MiB, p=4 (above the OWASP minimum).
PRODUCTION = PasswordHasher()
# For the test suite only: the same argon2id at its minimum cost (well under a millisecond
# against ~100 ms, and up to a second on a loaded CI machine, per hash or sign-in). Used only
# when LICMAN_TEST_PASSWORD_HASHING=cheap, which tests/conftest.py sets for the tests and the
# servers and commands they start; tests/security/test_passwords.py checks that without it
# the hashes are PRODUCTION's.
TEST_ONLY_CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
# Each hash takes 64 MiB and ~100 ms of CPU: a handful at once keeps memory bounded.
_slots = anyio.CapacityLimiter(4)


def from_environment() -> PasswordHasher:
    cheap = os.environ.get("LICMAN_TEST_PASSWORD_HASHING") == "cheap"
    return TEST_ONLY_CHEAP if cheap else PRODUCTION


def use(hasher: PasswordHasher) -> None:
    """Hash (and verify the missing account's dummy) with `hasher` from now on."""
    global _hasher, _DUMMY_HASH
    _hasher = hasher
    # Verified against when the account does not exist, so the timing does not tell.
    _DUMMY_HASH = hasher.hash(secrets.token_urlsafe(16))


_hasher: PasswordHasher
_DUMMY_HASH: str
use(from_environment())


class PasswordPolicyError(ValueError):
    """The password does not meet the policy; the message says which rule."""


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(f"must be at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise PasswordPolicyError(f"must be at most {MAX_LENGTH} characters")


def generate_password(length: int = 20) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


def hash_password_sync(password: str) -> str:
    check_policy(password)
    return _hasher.hash(password)


async def hash_password(password: str) -> str:
    check_policy(password)
    return await anyio.to_thread.run_sync(_hasher.hash, password, limiter=_slots)


def _verify(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored_hash: str | None, password: str) -> bool:
    """True if the password matches. With no stored hash, spends the same time and fails."""
    if len(password) > MAX_LENGTH:
        return False
    return await anyio.to_thread.run_sync(_verify, stored_hash, password, limiter=_slots)


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
