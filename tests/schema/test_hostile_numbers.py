"""Hostile review: a number of thousands of digits in a document (Python refuses to convert an
integer of more than 4,300) or a float literal past a double's range is refused before anything
runs, as INVALID naming the argument, not as an internal error or Python's own message.
Variables of such numbers are refused by the JSON decoder (tests/web/test_request_bodies.py)
or, shorter, by coercion and the resolvers, naming the variable or field."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse

from licman.models import License, Product, User, Vendor
from licman.schema import limits
from licman.schema.ids import global_id
from licman.schema.numbers import MAX_DIGITS, literal
from licman.schema.root import build_schema
from tests.schema.conftest import Gql

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]
HUGE = "1" * 5000  # past Python's 4,300 digits
LONG = "9" * (MAX_DIGITS + 1)
TOO_MANY = f"is too large a number: 5,000 digits, over the limit of {MAX_DIGITS}."


def refused(body: dict[str, Any], field: str, message: str) -> dict[str, Any]:
    """The one error of a request refused before anything ran."""
    assert body.get("data") is None, body
    [error] = body["errors"]
    assert error["message"] == f"{field} {message}", error
    assert error["extensions"] == {"code": "INVALID", "field": field}
    assert "path" not in error  # a request error: no field ran
    assert "4300" not in str(body)
    assert "sys." not in str(body)
    return dict(error)


@pytest.mark.parametrize(
    ("document", "field", "message"),
    [
        pytest.param(f"{{ licenses(first: {HUGE}) {{ totalCount }} }}", "first", TOO_MANY,
                     id="page-size"),
        pytest.param(f"{{ dashboard(year: {HUGE}) {{ expired }} }}", "year", TOO_MANY,
                     id="int-argument"),
        pytest.param(f"{{ dashboard(year: -{LONG}) {{ expired }} }}", "year",
                     f"is too large a number: {MAX_DIGITS + 1} digits, over the limit of "
                     f"{MAX_DIGITS}.", id="just-too-long"),
        pytest.param(f"query ($n: Int = {HUGE}) {{ licenses(first: $n) {{ totalCount }} }}",
                     "n", TOO_MANY, id="variable-default"),
        pytest.param(f"{{ licenses(first: 1.{HUGE[1:]}) {{ totalCount }} }}", "first",
                     TOO_MANY, id="float-literal"),
        pytest.param("{ licenses(first: 1e999) { totalCount } }", "first",
                     "is too large a number: 1e999 is past a 64-bit float's range.",
                     id="float-past-range"),
        pytest.param(f"{{ ...F }} fragment F on Query {{ licenses(first: {HUGE}) {{ nodes "
                     "{ id } } }", "first", TOO_MANY, id="in-a-fragment"),
        pytest.param(f"query A {{ version }} query B {{ dashboard(year: {HUGE}) {{ expired }} }}",
                     "year", TOO_MANY, id="in-another-operation"),
        pytest.param(f"{{ version @include(if: {HUGE}) }}", "if", TOO_MANY, id="directive"),
    ],
)  # fmt: skip
async def test_a_huge_number_literal_in_a_query_is_refused_naming_the_argument(
    admin: Caller, document: str, field: str, message: str
) -> None:
    _, gql = admin

    body = await gql(document)

    error = refused(body, field, message)
    assert error["locations"][0]["line"] == 1


async def _product() -> str:
    vendor = await Vendor.create(name="Adobe")
    return global_id("Product", (await Product.create(vendor=vendor, name="Photoshop")).id)


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        pytest.param(f"seats: {HUGE}", "input.seats", TOO_MANY, id="int"),
        pytest.param(f'cost: {HUGE}, currency: "EUR"', "input.cost", TOO_MANY,
                     id="decimal-int"),
        pytest.param(f'cost: 1.{HUGE[1:]}, currency: "EUR"', "input.cost", TOO_MANY,
                     id="decimal-float"),
        pytest.param('cost: 1e999, currency: "EUR"', "input.cost",
                     "is too large a number: 1e999 is past a 64-bit float's range.",
                     id="decimal-infinite"),
        pytest.param(f"metadata: {{a: [1, {HUGE}]}}", "input.metadata.a", TOO_MANY,
                     id="json-scalar"),
        pytest.param("metadata: {a: -1E+999}", "input.metadata.a",
                     "is too large a number: -1E+999 is past a 64-bit float's range.",
                     id="json-scalar-infinite"),
    ],
)  # fmt: skip
async def test_a_huge_number_in_a_mutation_changes_nothing(
    admin: Caller, value: str, field: str, message: str
) -> None:
    _, gql = admin
    product = await _product()

    body = await gql(
        f'mutation {{ licenseCreate(input: {{productId: "{product}", {value}}}) '
        "{ license { id } errors { field message } } }"
    )

    refused(body, field, message)
    assert await License.all().count() == 0


async def test_numbers_up_to_the_limit_reach_the_resolvers(admin: Caller) -> None:
    # A cost of 19 digits (the largest with 6 decimal places) and metadata numbers of 20
    # digits and 17 significant digits with an exponent pass; the resolver judges them.
    _, gql = admin
    product = await _product()

    body = await gql(
        f'mutation {{ licenseCreate(input: {{productId: "{product}", seats: 1000000, '
        'cost: 1000000000000.000000, currency: "EUR", '
        "metadata: {a: 1.2345678901234567e-300}}) { license { seats cost metadata } "
        "errors { field message } } }"
    )
    assert body["data"]["licenseCreate"]["errors"] == [], body
    assert body["data"]["licenseCreate"]["license"]["seats"] == 1_000_000

    body = await gql(
        f'mutation {{ licenseCreate(input: {{productId: "{product}", '
        "metadata: {a: 12345678901234567890}}) { license { id } errors { field message } } }"
    )
    [error] = body["data"]["licenseCreate"]["errors"]
    assert error["field"] == "metadata"
    assert await License.all().count() == 1


@pytest.mark.parametrize(
    ("document", "variables", "expected"),
    [
        pytest.param("query ($n: Int) { licenses(first: $n) { totalCount } }",
                     {"n": int("9" * 4000)}, "Variable '$n' has invalid value: Int cannot "
                     "represent non 32-bit signed integer value: 999", id="page-size"),
        pytest.param("query ($y: Int) { dashboard(year: $y) { expired } }",
                     {"y": -int("9" * 4000)}, "Variable '$y' has invalid value: Int cannot "
                     "represent non 32-bit signed integer value: -999", id="int"),
    ],
)  # fmt: skip
async def test_a_huge_number_in_a_variable_is_refused_naming_the_variable(
    admin: Caller, document: str, variables: dict[str, Any], expected: str
) -> None:
    _, gql = admin

    body = await gql(document, **variables)

    assert body.get("data") is None, body
    [error] = body["errors"]
    assert error["message"].startswith(expected)
    assert len(error["message"]) < 600  # graphql-core shortens the value
    assert "path" not in error


async def test_a_huge_number_in_a_mutations_variables_changes_nothing(admin: Caller) -> None:
    _, gql = admin
    product = await _product()
    mutation = (
        "mutation ($input: LicenseCreateInput!) { licenseCreate(input: $input) "
        "{ license { id } errors { field message } } }"
    )

    seats = await gql(mutation, input={"productId": product, "seats": int("9" * 4000)})
    cost = await gql(mutation, input={"productId": product, "cost": int("9" * 4000)})
    metadata = await gql(mutation, input={"productId": product, "metadata": {"a": 10**4000}})

    [error] = seats["errors"]
    assert error["message"].startswith("Variable '$input' has invalid value at .seats: Int")
    assert cost["data"]["licenseCreate"]["errors"][0]["field"] == "cost"
    assert metadata["data"]["licenseCreate"]["errors"][0]["field"] == "metadata"
    assert await License.all().count() == 0


def test_a_document_without_locations_is_checked_too() -> None:
    document = parse(f"{{ licenses(first: {HUGE}) {{ totalCount }} }}", no_location=True)

    found = literal(document)

    assert found is not None
    assert (found.field, found.node is not None) == ("first", True)
    assert literal(parse("{ licenses(first: 5) { totalCount } }", no_location=True)) is None


def test_a_document_with_a_huge_number_is_not_measured() -> None:
    schema = build_schema()._schema
    document = parse(f"{{ licenses(first: {HUGE}) {{ nodes {{ id }} }} }}")

    measured = limits.analyse(schema, document)

    assert measured.figures.number is not None
    assert (measured.stats.selections, measured.stats.analyses) == (0, 1)
