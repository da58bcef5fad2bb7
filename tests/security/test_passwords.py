"""Passwords: argon2id hashes, the length policy, upgrades, and hashing off the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys

import pytest
from argon2 import PasswordHasher
from argon2.profiles import RFC_9106_LOW_MEMORY

from licman.security import passwords
from licman.security.passwords import (
    PasswordPolicyError,
    hash_password,
    needs_rehash,
    verify_password,
)

PASSWORD = "correct horse battery"


async def test_hash_is_argon2id_and_verifies() -> None:
    stored = await hash_password(PASSWORD)
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert await verify_password(stored, PASSWORD) is True
    assert await verify_password(stored, PASSWORD + "!") is False


def test_production_hashes_use_argon2_cffis_default_parameters() -> None:
    """The tests hash at minimum cost (tests/conftest.py): a process started without
    LICMAN_TEST_PASSWORD_HASHING, as in production, hashes with t=3, m=64 MiB, p=4."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LICMAN_")}
    script = (
        "from licman.security.passwords import hash_password_sync\n"
        "print(hash_password_sync('correct horse battery'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), done.stdout
    assert passwords.PRODUCTION.time_cost == RFC_9106_LOW_MEMORY.time_cost == 3
    assert passwords.PRODUCTION.memory_cost == RFC_9106_LOW_MEMORY.memory_cost == 65536
    assert passwords.PRODUCTION.parallelism == RFC_9106_LOW_MEMORY.parallelism == 4


async def test_same_password_hashes_differently_each_time() -> None:
    assert await hash_password(PASSWORD) != await hash_password(PASSWORD)


async def test_eleven_characters_are_refused_naming_the_minimum() -> None:
    with pytest.raises(PasswordPolicyError, match="12"):
        await hash_password("x" * 11)


async def test_more_than_1024_characters_are_refused() -> None:
    with pytest.raises(PasswordPolicyError, match="1024"):
        await hash_password("x" * 1025)


@pytest.mark.parametrize("length", [12, 1024])
async def test_lengths_at_the_limits_are_accepted(length: int) -> None:
    password = "x" * length
    assert await verify_password(await hash_password(password), password) is True


async def test_verify_without_stored_hash_fails() -> None:
    assert await verify_password(None, PASSWORD) is False


async def test_verify_garbage_hash_fails() -> None:
    assert await verify_password("not-a-hash", PASSWORD) is False


async def test_verify_overlong_password_fails() -> None:
    stored = await hash_password(PASSWORD)
    assert await verify_password(stored, "x" * 1025) is False


async def test_hash_with_weaker_parameters_verifies_and_needs_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    assert await verify_password(weak, PASSWORD) is True
    assert needs_rehash(weak) is True
    assert needs_rehash(await hash_password(PASSWORD)) is False


async def test_hashing_leaves_the_event_loop_free(monkeypatch: pytest.MonkeyPatch) -> None:
    # At production cost: a minimum-cost hash is over before the ticker could tick.
    monkeypatch.setattr(passwords, "_hasher", passwords.PRODUCTION)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)  # let the ticker start before the hash does
    try:
        await hash_password(PASSWORD)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert ticks > 3
