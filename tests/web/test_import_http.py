"""Imports over HTTP against a real server (no Redis: the server runs the job itself): a
file sent as a GraphQL multipart request, CSRF still required of cookie callers, the job
polled to the end, its rows to fix downloaded, and who may see a job."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tests.imports import FIXTURES
from tests.live import LiveServer, run_cli

UPLOAD = """mutation ($input: ImportUploadInput!) {
  importUpload(input: $input) {
    upload { id format columns previewRows suggestedMatch }
    errors { field code message }
  }
}"""
START = """mutation ($input: LicensesImportInput!) {
  licensesImport(input: $input) { job { id status } errors { field code message } }
}"""
JOB = """query ($id: ID!) {
  job(id: $id) {
    id status percent error result rowErrors { totalCount nodes { row column message } }
                 files { name role url } }
}"""


def multipart(name: str, data: bytes, fmt: str | None = None) -> dict[str, Any]:
    operations = {"query": UPLOAD, "variables": {"input": {"file": None, "format": fmt}}}
    return {
        "data": {
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        "files": {"0": (name, data, "text/csv")},
    }


@contextmanager
def signed_in(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        answer = client.post(
            "/auth/login", json={"email": server.admin_email, "password": server.admin_password}
        )
        assert answer.status_code == 200, answer.text
        yield client


def gql(client: httpx.Client, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    headers = {"x-csrf-token": client.cookies.get("licman_csrf", "")}
    answer = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    assert "errors" not in body, body
    return body["data"]


def test_a_cookie_upload_without_the_csrf_token_is_refused(live_server: LiveServer) -> None:
    with signed_in(live_server) as client:
        _csrf_applies_to_uploads(client)


def _csrf_applies_to_uploads(client: httpx.Client) -> None:
    data = (FIXTURES / "licenses.csv").read_bytes()
    # A browser posts a multipart form cross-site without a preflight: the token stops it.
    refused = client.post("/graphql", **multipart("licenses.csv", data))
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "CSRF_FAILED"
    token = client.cookies["licman_csrf"]
    accepted = client.post(
        "/graphql", headers={"x-csrf-token": token}, **multipart("licenses.csv", data)
    )
    assert accepted.status_code == 200, accepted.text
    upload = accepted.json()["data"]["importUpload"]["upload"]
    assert upload["columns"][:3] == ["externalId", "vendor", "product"]
    assert upload["previewRows"][0][:3] == ["ERP-1", "Adobe", "Photoshop"]


def test_an_upload_and_import_run_to_the_end_in_the_server(live_server: LiveServer) -> None:
    with signed_in(live_server) as client:
        _import_to_the_end(live_server, client)


def _import_to_the_end(live_server: LiveServer, client: httpx.Client) -> None:
    token = client.cookies["licman_csrf"]
    data = (FIXTURES / "bad_rows.csv").read_bytes()
    answer = client.post(
        "/graphql", headers={"x-csrf-token": token}, **multipart("bad_rows.csv", data, "CSV")
    )
    upload = answer.json()["data"]["importUpload"]["upload"]
    started = gql(
        client,
        START,
        {
            "input": {
                "uploadId": upload["id"],
                "format": "CSV",
                "apply": True,
                "skipBadRows": True,
                "defaultCurrency": "USD",
            }
        },
    )["licensesImport"]
    assert started["errors"] == []
    assert started["job"]["status"] == "QUEUED"
    job_id = started["job"]["id"]
    deadline = time.monotonic() + 60
    while (job := gql(client, JOB, {"id": job_id})["job"])["status"] not in ("SUCCEEDED", "FAILED"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    assert job["status"] == "SUCCEEDED", job["error"]
    assert (job["percent"], job["result"]["created"], job["result"]["skipped"]) == (100.0, 1, 4)
    assert job["rowErrors"]["totalCount"] == 8
    [fix] = job["files"]
    download = client.get(fix["url"])
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="bad_rows-to-fix.csv"'
    assert download.text.splitlines()[0].endswith(",Problems")
    # Another user sees neither the job nor its file.
    made = run_cli(
        live_server.home,
        "user",
        "create",
        "--email",
        "other@example.com",
        database_url=live_server.database_url,
    )
    password = made.stdout.split("password: ")[1].strip()
    with httpx.Client(base_url=live_server.url, timeout=30) as other:
        other.post("/auth/login", json={"email": "other@example.com", "password": password})
        assert gql(other, JOB, {"id": job_id})["job"] is None
        assert other.get(fix["url"]).status_code == 404
    assert httpx.get(f"{live_server.url}{fix['url']}").status_code == 401
