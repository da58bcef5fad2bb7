"""Input the databases cannot store, and ids that cannot exist, against a real server on each
backend: each answers INVALID naming the field, never "Internal error", and changes nothing.

PostgreSQL refuses NUL in text (that was the internal error); SQLite and MariaDB stored it,
so all three must refuse it the same way before any resolver runs.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.live import LiveServer, run_cli

CREATE_TAG = """mutation($name: String!) {
  tagCreate(input: {name: $name}) { tag { id } errors { field code message } }
}"""
CREATE_LICENSE = """mutation($input: LicenseCreateInput!) {
  licenseCreate(input: $input) { license { id } errors { field code message } }
}"""
AUDIT = "query($o: String) { auditEvents(first: 1, filter: {objectId: $o}) { totalCount } }"
API_REQUESTS = (
    "query($o: String) { apiRequests(first: 1, filter: {operationName: $o}) { totalCount } }"
)
LICENSE = "query($id: ID!) { license(id: $id) { id } }"
NODE = "query($id: ID!) { node(id: $id) { id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
BY_VENDOR = "query($v: [ID!]) { licenses(first: 1, filter: {vendorIds: $v}) { totalCount } }"
TAGS = "{ tags { name } }"


def gid(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture(scope="module")
def token(live_server: LiveServer) -> str:
    made = run_cli(live_server.home, "token", "create", "--user", live_server.admin_email,
                   database_url=live_server.database_url)  # fmt: skip
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


@pytest.fixture
def send(live_server: LiveServer, token: str) -> Iterator[Any]:
    def post(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        # json.dumps escapes lone surrogates (httpx's encoder would refuse to send them)
        body = json.dumps({"query": query, "variables": variables or {}})
        response = httpx.post(
            f"{live_server.url}/graphql",
            content=body,
            headers={"authorization": f"Bearer {token}", "content-type": "application/json"},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    yield post
    assert "unexpected error in GraphQL" not in live_server.log()


def invalid(answer: dict[str, Any]) -> tuple[str, str]:
    """The field and message of the single INVALID error in the answer."""
    assert "Internal error" not in json.dumps(answer)
    [error] = answer["errors"]
    assert error["extensions"]["code"] == "INVALID", answer
    return error["extensions"]["field"], error["message"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a\x00b", "must not contain the NUL character (U+0000)"),
        ("a\ud800b", "must not contain an unpaired surrogate (U+D800)"),
    ],
    ids=["nul", "surrogate"],
)
def test_unstorable_text_in_a_variable_is_invalid(send: Any, text: str, reason: str) -> None:
    answer = send(CREATE_TAG, {"name": text})

    assert invalid(answer) == ("name", f"name {reason}.")
    assert answer["data"] is None
    assert text not in [t["name"] for t in send(TAGS)["data"]["tags"]]


def test_nul_in_a_literal_is_invalid(send: Any) -> None:
    answer = send('mutation { tagCreate(input: {name: "a\\u0000b"}) { tag { id } } }')

    assert invalid(answer) == (
        "input.name",
        "input.name must not contain the NUL character (U+0000).",
    )


def test_nul_deep_in_an_input_object_names_the_path(send: Any) -> None:
    license_input = {"name": "ok", "productId": gid("Product:1"), "metadata": {"k": ["x", "\x00"]}}

    answer = send(CREATE_LICENSE, {"input": license_input})

    assert invalid(answer) == (
        "input.metadata.k[1]",
        "input.metadata.k[1] must not contain the NUL character (U+0000).",
    )


@pytest.mark.parametrize("query", [AUDIT, API_REQUESTS], ids=["auditEvents", "apiRequests"])
def test_nul_in_a_filter_is_invalid(send: Any, query: str) -> None:
    assert invalid(send(query, {"o": "x\x00"}))[0] == "o"


@pytest.mark.parametrize(
    "raw",
    ["License:abc", "License:99999999999999999999", "License:2147483648", "License:-1",
     "License:0", "License:1.5", "License: 1", "Vendor:1"],
)  # fmt: skip
def test_a_license_id_that_cannot_exist_is_invalid(send: Any, raw: str) -> None:
    answer = send(LICENSE, {"id": gid(raw)})

    assert answer["data"] == {"license": None}
    assert invalid(answer) == ("id", "id must be the id of a License")


@pytest.mark.parametrize(
    "raw", ["License:abc", "License:99999999999999999999", "User:-7", "Vendor:"]
)
def test_node_with_an_id_that_cannot_exist_is_invalid(send: Any, raw: str) -> None:
    answer = send(NODE, {"id": gid(raw)})

    assert answer["data"] == {"node": None}
    field, message = invalid(answer)
    assert field == "id"
    assert message.startswith("id must be the id of ")


def test_nodes_with_one_id_that_cannot_exist_is_invalid(send: Any) -> None:
    ids = [gid("Vendor:1"), gid("License:99999999999999999999")]

    answer = send(NODES, {"ids": ids})

    assert answer["data"] is None
    assert invalid(answer) == ("ids", "ids must be the id of a License")


def test_an_id_of_no_type_is_simply_null(send: Any) -> None:
    # A type that has no objects is like an id that does not exist (schema/node.py).
    assert send(NODE, {"id": gid("Nope:1")}) == {"data": {"node": None}}


def test_an_out_of_range_id_in_a_filter_is_invalid(send: Any) -> None:
    answer = send(BY_VENDOR, {"v": [gid("Vendor:99999999999999999999")]})

    assert invalid(answer) == ("filter.vendorIds", "filter.vendorIds must be the id of a Vendor")


def test_the_largest_possible_id_is_simply_not_found(send: Any) -> None:
    answer = send(LICENSE, {"id": gid("License:2147483647")})

    assert answer == {"data": {"license": None}}
