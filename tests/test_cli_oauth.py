"""`licman oauth client create|list|disable|delete`, run as a script or CI job runs it:
JSON on stdout, the secret once, one-line errors naming the option."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from licman.security import tokens
from tests.live import run_cli
from tests.test_cli import one_line_error


def stored(home: Path) -> list[tuple[str, str | None, str | None]]:
    with closing(sqlite3.connect(home / "var" / "licman.sqlite3")) as conn:
        rows = conn.execute(
            "SELECT client_id, client_secret_hash, revoked_at FROM oauth_client"
        ).fetchall()
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("command", ["create", "list", "disable", "delete"])
def test_every_oauth_command_has_help(tmp_path: Path, command: str) -> None:
    result = run_cli(tmp_path, "oauth", "client", command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout


def test_create_list_disable_delete(tmp_path: Path) -> None:
    run_cli(tmp_path, "db", "upgrade")
    created = run_cli(
        tmp_path, "oauth", "client", "create", "--name", "CI", "--grant", "client_credentials",
        "--scope", "licenses:read", "--scope", "audit:read", "--role", "auditor",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    client = json.loads(created.stdout)
    secret = client.pop("client_secret")
    assert tokens.looks_valid(secret, "lcm_ocs_")
    assert client == {
        "client_id": client["client_id"], "name": "CI", "confidential": True,
        "grant_types": ["client_credentials"], "redirect_uris": [],
        "scopes": ["licenses:read", "audit:read"], "service_role": "auditor", "disabled": False,
    }  # fmt: skip
    assert stored(tmp_path) == [(client["client_id"], tokens.token_hash(secret), None)]

    public = run_cli(
        tmp_path, "oauth", "client", "create", "--name", "Desk", "--public",
        "--grant", "authorization_code", "--redirect-uri", "http://127.0.0.1/cb",
        "--scope", "licenses:read",
    )  # fmt: skip
    assert public.returncode == 0, public.stderr
    assert "client_secret" not in json.loads(public.stdout)

    listed = run_cli(tmp_path, "oauth", "client", "list")
    assert listed.returncode == 0
    assert [c["name"] for c in json.loads(listed.stdout)] == ["CI", "Desk"]
    assert secret not in listed.stdout

    disabled = run_cli(tmp_path, "oauth", "client", "disable", client["client_id"])
    assert json.loads(disabled.stdout)["disabled"] is True
    assert stored(tmp_path)[0][2] is not None

    deleted = run_cli(tmp_path, "oauth", "client", "delete", client["client_id"])
    assert json.loads(deleted.stdout) == {"client_id": client["client_id"], "deleted": True}
    assert [row[0] for row in stored(tmp_path)] == [json.loads(public.stdout)["client_id"]]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--grant", "authorization_code", "--scope", "licenses:read"], "redirectUris"),
        (["--grant", "client_credentials", "--scope", "root"], "scopes"),
        (["--grant", "authorization_code", "--scope", "licenses:read",
          "--redirect-uri", "http://evil.example/cb"], "redirectUris"),
        (["--grant", "client_credentials", "--scope", "licenses:read", "--public"],
         "confidential"),
        (["--grant", "password", "--scope", "licenses:read"], "--grant"),
    ],
)  # fmt: skip
def test_bad_options_are_named_and_change_nothing(
    tmp_path: Path, args: list[str], named: str
) -> None:
    run_cli(tmp_path, "db", "upgrade")
    result = run_cli(tmp_path, "oauth", "client", "create", "--name", "X", *args)
    assert result.returncode != 0
    assert result.stdout == ""
    assert named in result.stderr
    assert stored(tmp_path) == []


def test_an_unknown_client_id_is_named(tmp_path: Path) -> None:
    run_cli(tmp_path, "db", "upgrade")
    for command in ("disable", "delete"):
        result = run_cli(tmp_path, "oauth", "client", command, "lcm_oci_nosuch")
        assert result.returncode == 1
        assert "lcm_oci_nosuch" in one_line_error(result.stderr)
