"""Personal API tokens: recognisable, checksummed, stored only as a hash."""

from __future__ import annotations

import re

import pytest

from licman.security.tokens import (
    PAT_PREFIX,
    display_prefix,
    looks_valid,
    new_token,
    token_hash,
)

TOKEN_LENGTH = len("lcm_pat_") + 43 + 6  # prefix, 32 random bytes in base62, checksum


def test_new_token_is_recognisable_and_valid() -> None:
    token = new_token()
    assert PAT_PREFIX == "lcm_pat_"
    assert token.startswith("lcm_pat_")
    assert len(token) == TOKEN_LENGTH
    assert re.fullmatch(r"lcm_pat_[0-9A-Za-z]+", token)
    assert looks_valid(token)


def test_new_tokens_are_unique_and_fixed_length() -> None:
    tokens = [new_token() for _ in range(1000)]
    assert len(set(tokens)) == 1000
    assert {len(token) for token in tokens} == {TOKEN_LENGTH}
    assert all(looks_valid(token) for token in tokens)


def test_any_single_character_change_fails_the_checksum() -> None:
    token = new_token()
    for position in range(len(PAT_PREFIX), len(token)):
        replacement = "a" if token[position] != "a" else "b"
        changed = token[:position] + replacement + token[position + 1 :]
        assert not looks_valid(changed), f"change at {position} went unnoticed"


@pytest.mark.parametrize(
    "prefix", ["lcm_oat_", "ghp_", "LCM_PAT_", ""], ids=["other-kind", "github", "upper", "none"]
)
def test_wrong_prefix_fails(prefix: str) -> None:
    body = new_token().removeprefix(PAT_PREFIX)
    assert not looks_valid(prefix + body)


def test_token_of_another_kind_is_valid_only_for_its_own_prefix() -> None:
    token = new_token(prefix="lcm_oat_")
    assert looks_valid(token, prefix="lcm_oat_")
    assert not looks_valid(token)


def test_wrong_length_fails() -> None:
    token = new_token()
    assert not looks_valid(token[:-1])
    assert not looks_valid(token + "0")
    assert not looks_valid(PAT_PREFIX)
    assert not looks_valid("")


def test_token_hash_is_sha256_hex_and_deterministic() -> None:
    token = new_token()
    digest = token_hash(token)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert token_hash(token) == digest
    assert token_hash(new_token()) != digest
    assert token.removeprefix(PAT_PREFIX) not in digest


def test_display_prefix_reveals_only_four_characters() -> None:
    token = new_token()
    shown = display_prefix(token)
    assert shown == token[: len(PAT_PREFIX) + 4]
    assert shown.startswith("lcm_pat_")
    assert len(shown) == len("lcm_pat_") + 4
