"""Exports over HTTP against a real server (no Redis: the server runs the job itself): the
`licenseExport` mutation with the list's filter and search, the job polled to the end, its
file downloaded from `result.download` (XLSX, read back with openpyxl), and who may ask for
secrets and download the file."""

from __future__ import annotations

import io
import time
from typing import Any

import httpx
import openpyxl

from tests.imports import FIXTURES
from tests.live import LiveServer, run_cli
from tests.web.test_import_http import gql, signed_in

EXPORT = """mutation ($format: ExportFormat!, $filter: LicenseFilter, $search: String,
                     $includeSecrets: Boolean! = false) {
  licenseExport(format: $format, filter: $filter, search: $search,
                includeSecrets: $includeSecrets) {
    job { id status } errors { field code message }
  }
}"""
CHECK = """query ($filter: LicenseFilter, $search: String) {
  licenseExportCheck(filter: $filter, search: $search) { licenses mayIncludeSecrets }
}"""
JOB = """query ($id: ID!) { job(id: $id) { status error result files { url role } } }"""
LIST = """query ($filter: LicenseFilter, $search: String) {
  licenses(first: 100, filter: $filter, search: $search) { nodes { externalId name } }
}"""


def _finished(client: httpx.Client, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while (job := gql(client, JOB, {"id": job_id})["job"])["status"] not in ("SUCCEEDED", "FAILED"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    return job


def test_an_export_over_graphql_downloads_the_lists_rows_as_xlsx(live_server: LiveServer) -> None:
    home, url = live_server.home, live_server.database_url
    passwords = {}
    for email in ("ana@example.com", "ben@example.com"):
        made = run_cli(home, "user", "create", "--email", email, database_url=url)
        assert made.returncode == 0, made.stderr
        passwords[email] = made.stdout.split("password: ")[1].strip()
    imported = run_cli(home, "import", str(FIXTURES / "licenses.csv"), "--apply", database_url=url)
    assert imported.returncode == 0, imported.stderr
    with signed_in(live_server) as client:
        _export(live_server, client, passwords["ben@example.com"])


def _export(live_server: LiveServer, client: httpx.Client, ben_password: str) -> None:
    variables = {"filter": {"kinds": ["SUBSCRIPTION"]}, "search": "o"}
    listed = gql(client, LIST, variables)["licenses"]["nodes"]
    assert {n["externalId"] for n in listed} == {"ERP-1", "ERP-2"}
    check = gql(client, CHECK, variables)["licenseExportCheck"]
    assert check == {"licenses": 2, "mayIncludeSecrets": True}  # an admin reveals any

    started = gql(client, EXPORT, {**variables, "format": "XLSX"})["licenseExport"]
    assert started["errors"] == []
    job = _finished(client, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job["error"]
    assert (job["result"]["rows"], job["result"]["format"]) == (2, "xlsx")
    assert job["result"]["download"] == job["files"][0]["url"]
    download = client.get(job["result"]["download"])
    assert download.status_code == 200
    assert download.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "externalId"
    assert sorted(str(r[0]) for r in rows[1:]) == ["ERP-1", "ERP-2"]

    # Ben holds a seat on ERP-1 (Ana owns it): he sees it but may not reveal its secret, so
    # asking for secrets is FORBIDDEN and nothing is queued.
    with httpx.Client(base_url=live_server.url, timeout=30) as member:
        member.post("/auth/login", json={"email": "ben@example.com", "password": ben_password})
        check = gql(member, CHECK, {})["licenseExportCheck"]
        assert check == {"licenses": 1, "mayIncludeSecrets": False}
        refused = gql(member, EXPORT, {"format": "CSV", "includeSecrets": True})["licenseExport"]
        assert refused["job"] is None
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("includeSecrets", "FORBIDDEN")
        ]
        # ...and he neither sees the admin's export job nor downloads its file.
        assert gql(member, JOB, {"id": started["job"]["id"]})["job"] is None
        assert member.get(job["result"]["download"]).status_code == 404
