"""Hostile review, over real HTTP: a lean-route-eligible read whose page size is a literal of
thousands of digits (or a float past a double's range) gets the same clear refusal (INVALID,
naming the argument) from a server with the lean route and one without, every time, and
neither logs a traceback. (tests/web/test_lean_route.py checks the lean route hands it back.)"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from licman.models import Role
from licman.schema.numbers import MAX_DIGITS
from tests.schema.test_fast_path import _world
from tests.web.test_lean_route import servers as servers  # the fixture: both routes

pytestmark = pytest.mark.usefixtures("db")
TOO_MANY = f"is too large a number: 5,000 digits, over the limit of {MAX_DIGITS}."


@pytest.mark.parametrize(
    ("document", "field", "message"),
    [
        ("{ licenses(first: " + "9" * 5000 + ") { totalCount } }", "first", TOO_MANY),
        (
            "query ($n: Int = " + "9" * 5000 + ") { licenses(first: $n) { nodes { id } } }",
            "n",
            TOO_MANY,
        ),
        (
            "{ licenses(first: 1e999) { totalCount } }",
            "first",
            "is too large a number: 1e999 is past a 64-bit float's range.",
        ),
    ],
    ids=["literal", "default", "float"],
)
async def test_a_huge_page_size_is_refused_on_both_routes(
    servers: dict[bool, str], tmp_path: Path, document: str, field: str, message: str
) -> None:
    tokens = await _world()
    headers = {"authorization": f"Bearer {tokens[Role.MEMBER]}"}
    for on, base in servers.items():
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=20) as client:
            for _ in range(2):  # the second answered from the caches: the same refusal
                response = await client.post("/graphql", json={"query": document})

                assert response.status_code == 200, (on, response.text)
                body = response.json()
                assert body.get("data") is None
                [error] = body["errors"]
                assert error["message"] == f"{field} {message}"
                assert error["extensions"] == {"code": "INVALID", "field": field}
                assert "path" not in error
                assert "4300" not in response.text
    for name in ("lean-True", "lean-False"):
        log = (tmp_path / f"{name}.log").read_text()
        assert "Traceback" not in log, log[-3000:]
