"""Signed audit reports, product keys and license files over GraphQL, as a client calls
them: who may (the rules in permissions.py), typed errors by field, and the report's file
downloaded and checked."""

from __future__ import annotations

import json

import httpx

from licman.models import AuditEvent, User
from licman.resolvers.api_token import api_token_create
from licman.resolvers.audit_report import check_report
from licman.resolvers.license import LicenseInput, license_create
from licman.resolvers.product import ProductInput, product_create
from licman.resolvers.vendor import VendorInput, vendor_create
from licman.schema.ids import decode_id, global_id
from licman.security.principal import system
from licman.security.signing import signing_key, verify_document
from licman.workers.runner import run_job
from tests.imports import SETTINGS
from tests.schema.conftest import Gql

REPORT = """mutation ($input: AuditReportInput!) { auditReport(input: $input) {
  job { id status kind } errors { code field message } } }"""
JOB = """query ($id: ID!) { job(id: $id) { status result files { name role url } } }"""
GENERATE = """mutation ($input: LicenseKeysGenerateInput!) { licenseKeysGenerate(input: $input) {
  pool { available issued } errors { code field message } } }"""
ISSUE = """mutation ($input: LicenseKeyIssueInput!) { licenseKeyIssue(input: $input) {
  key errors { code field message } } }"""
FILE = """mutation ($input: LicenseFileIssueInput!) { licenseFileIssue(input: $input) {
  file serial errors { code field message } } }"""


async def a_license() -> str:
    actor = system("tests")
    vendor = await vendor_create(actor, VendorInput(name="Acme"))
    product = await product_create(actor, ProductInput(vendor_id=vendor.id, name="Studio"))
    created = await license_create(actor, LicenseInput(product_id=product.id, name="Resale"))
    return global_id("License", created.id)


async def test_an_auditor_starts_a_report_and_downloads_it_signed(
    auditor: tuple[object, Gql], http: httpx.AsyncClient
) -> None:
    _, gql = auditor
    started = await gql(REPORT, input={"format": "JSON", "filter": {"action": "license."}})
    payload = started["data"]["auditReport"]
    assert payload["errors"] == []
    assert (payload["job"]["status"], payload["job"]["kind"]) == ("QUEUED", "audit_report")
    assert await run_job(decode_id(payload["job"]["id"], "Job", "id"), SETTINGS) == "succeeded"
    job = (await gql(JOB, id=payload["job"]["id"]))["data"]["job"]
    assert job["status"] == "SUCCEEDED"
    [file] = job["files"]
    assert file["role"] == "audit_report"
    # Downloaded as any job file is, signed in as the auditor.
    user = auditor[0]
    assert isinstance(user, User)
    token, _ = await api_token_create(system(), user=user, name="download")
    got = await http.get(file["url"], headers={"authorization": f"Bearer {token}"})
    assert got.status_code == 200, got.text
    data = got.content
    checked = check_report(data, signing_key().public)
    assert checked.signed["filter"]["action"] == "license."


async def test_reports_are_refused_to_managers_and_members_and_bad_filters_by_field(
    manager: tuple[object, Gql], member: tuple[object, Gql], admin: tuple[object, Gql]
) -> None:
    for caller in (manager, member):
        refused = (await gql_of(caller)(REPORT, input={}))["data"]["auditReport"]
        assert refused["job"] is None
        assert [e["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    bad = await gql_of(admin)(
        REPORT,
        input={"filter": {"action": "NOT AN ACTION", "occurredAfter": "2026-02-01T00:00:00Z",
                          "occurredBefore": "2026-01-01T00:00:00Z"}},
    )  # fmt: skip
    errors = bad["data"]["auditReport"]["errors"]
    assert {e["field"] for e in errors} == {"filter.action", "filter.occurredBefore"}


def gql_of(caller: tuple[object, Gql]) -> Gql:
    return caller[1]


async def test_keys_and_license_files_by_role(
    manager: tuple[object, Gql], auditor: tuple[object, Gql], member: tuple[object, Gql]
) -> None:
    license_id = await a_license()
    made = (await gql_of(manager)(GENERATE, input={"licenseId": license_id, "count": 2}))["data"]
    assert made["licenseKeysGenerate"] == {"pool": {"available": 2, "issued": 0}, "errors": []}
    issued = await gql_of(manager)(ISSUE, input={"licenseId": license_id, "licensee": "Ex"})
    key = issued["data"]["licenseKeyIssue"]["key"]
    assert len(key) == 29
    signed_file = await gql_of(manager)(
        FILE, input={"licenseId": license_id, "licensee": "Ex", "seats": 3,
                     "expiresOn": "2099-01-01", "withKey": True},
    )  # fmt: skip
    payload = signed_file["data"]["licenseFileIssue"]
    assert payload["errors"] == []
    facts = verify_document(json.loads(payload["file"]), signing_key().public, kind="license")
    assert (facts["seats"], facts["serial"], facts["product"]) == (
        3,
        payload["serial"],
        "Acme Studio",
    )
    assert facts["license_key"] != key  # the next key of the pool

    # The auditor sees the license but may neither fill the pool nor hand keys out.
    for document, data in (
        (GENERATE, {"licenseId": license_id, "count": 1}),
        (ISSUE, {"licenseId": license_id, "licensee": "A"}),
        (FILE, {"licenseId": license_id, "licensee": "A"}),
    ):
        answer = await gql_of(auditor)(document, input=data)
        [errors] = [v["errors"] for v in answer["data"].values()]
        assert [e["code"] for e in errors] == ["FORBIDDEN"], answer
        hidden = await gql_of(member)(document, input=data)
        [errors] = [v["errors"] for v in hidden["data"].values()]
        assert [e["code"] for e in errors] == ["NOT_FOUND"], hidden
    empty = await gql_of(manager)(ISSUE, input={"licenseId": license_id, "licensee": "B"})
    assert [e["code"] for e in empty["data"]["licenseKeyIssue"]["errors"]] == ["CONFLICT"]
    # Audited, and the keys themselves nowhere in the log.
    text = json.dumps([e.changes for e in await AuditEvent.all()])
    assert key not in text
    assert facts["license_key"] not in text
