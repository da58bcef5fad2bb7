"""Global ids in and out of the schema (licman/schema/ids.py): which numbers can name a row."""

from __future__ import annotations

import base64

import pytest

from licman import models
from licman.resolvers.errors import DomainError, ErrorCode
from licman.schema.ids import MAX_PK, decode_id, global_id

# Every type whose ids the schema decodes (`decode_id(..., "<Type>", ...)` in licman/schema).
DECODED_TYPES = ["ApiToken", "Grant", "License", "Product", "Session", "Tag", "Team", "User",
                 "Vendor"]  # fmt: skip


@pytest.mark.parametrize("type_name", DECODED_TYPES)
def test_max_pk_is_the_largest_key_each_decoded_type_can_hold(type_name: str) -> None:
    # If a model moves to a 64-bit key, MAX_PK must move with it or valid ids are refused.
    pk = getattr(models, type_name)._meta.fields_map["id"]

    assert pk.constraints["le"] == MAX_PK


@pytest.mark.parametrize("pk", [1, 42, MAX_PK])
def test_a_global_id_round_trips(pk: int) -> None:
    assert decode_id(global_id("License", pk), "License", "id") == pk


@pytest.mark.parametrize(
    "node_id",
    ["abc", "", "0", "-1", "+1", " 1", "1 ", "01", "1.0", "1e3", "\uff11", str(MAX_PK + 1),
     "9" * 30, "1\x00"],
)  # fmt: skip
def test_a_number_that_names_no_row_is_invalid(node_id: str) -> None:
    value = base64.b64encode(f"License:{node_id}".encode()).decode()

    with pytest.raises(DomainError) as refused:
        decode_id(value, "License", "licenseId")

    assert refused.value.code == ErrorCode.INVALID
    assert refused.value.field == "licenseId"
    assert refused.value.message == "licenseId must be the id of a License"
