"""The import's fast audit hash (orjson) gives the canonical encoder's digest for every body,
including those it hands back to the canonical encoder (floats, escapes, huge integers)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from licman.resolvers.audit import HASHED_FIELDS, fast_hash_values, hash_values

CHANGES: list[dict[str, Any]] = [
    {"import_job": 7, "row": 2, "after": {"name": "Ärger 日本", "seats": 5, "auto_renew": True}},
    {"after": {"metadata": {"z": [1, None, "x"], "A": {"é": False}}}},
    {"notes": "line\nbreak"},
    {"notes": 'a "quoted" \\ word'},
    {"control": "\x01\x1f"},
    {"unescaped": "\u2028\x7f/<>&"},
    {"cost": 1.5e16},
    {"deep": [{"ratio": 0.1}]},
    {"huge": 2**70},
]


@pytest.mark.parametrize("changes", CHANGES)
def test_fast_hash_equals_the_canonical_hash(changes: dict[str, Any]) -> None:
    values: dict[str, Any] = {name: f"v-{name}" for name in HASHED_FIELDS}
    values.update(
        occurred_at=datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        actor_user_id=3,
        api_token_id=None,
        changes=changes,
    )
    assert fast_hash_values(values) == hash_values(values)
