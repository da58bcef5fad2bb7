"""The `licman` command, run as a user runs it: in a subprocess, reading its output."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from licman.security.passwords import verify_password
from tests.backends import MYSQL_URL, POSTGRES_URL, require_server
from tests.live import ADMIN_PASSWORD_RE, run_cli

TOKEN_RE = re.compile(r"lcm_pat_[0-9A-Za-z]{49}")


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("licman: error: ")
    return lines[0]


def stored_user(home: Path, email: str) -> tuple[str, str] | None:
    """(role, password hash) read straight from the SQLite file the command wrote."""
    with closing(sqlite3.connect(home / "var" / "licman.sqlite3")) as conn:
        row = conn.execute(
            "SELECT role, password_hash FROM user WHERE email = ?", (email,)
        ).fetchone()
    return (row[0], row[1]) if row else None


def password_matches(stored: tuple[str, str] | None, password: str) -> bool:
    assert stored is not None
    return asyncio.run(verify_password(stored[1], password))


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["serve"],
        ["init"],
        ["db"],
        ["db", "upgrade"],
        ["db", "status"],
        ["user", "create"],
        ["token", "create"],
    ],
)
def test_every_command_has_help(tmp_path: Path, command: list[str]) -> None:
    result = run_cli(tmp_path, *command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout


def test_init_migrates_and_prints_the_first_admin_password_once(tmp_path: Path) -> None:
    first = run_cli(tmp_path, "init")
    assert first.returncode == 0, first.stderr
    assert "Applied migration 0001_initial" in first.stdout
    match = ADMIN_PASSWORD_RE.search(first.stdout)
    assert match
    assert (tmp_path / "var" / "licman.sqlite3").exists()
    admin = stored_user(tmp_path, "admin@licman.local")
    assert admin is not None
    assert admin[0] == "admin"
    assert password_matches(admin, match.group(1))
    again = run_cli(tmp_path, "init")
    assert again.returncode == 0
    assert "password" not in again.stdout


def test_db_status_shows_pending_then_applied(tmp_path: Path) -> None:
    before = run_cli(tmp_path, "db", "status")
    assert before.returncode == 1
    assert "[pending] 0001_initial" in before.stdout
    assert run_cli(tmp_path, "db", "upgrade").returncode == 0
    after = run_cli(tmp_path, "db", "status")
    assert after.returncode == 0
    assert "[applied] 0001_initial" in after.stdout
    assert "up to date" in run_cli(tmp_path, "db", "upgrade").stdout


def test_user_create_with_password_from_stdin(tmp_path: Path) -> None:
    run_cli(tmp_path, "db", "upgrade")
    password = "correct horse battery staple"
    result = run_cli(
        tmp_path,
        "user",
        "create",
        "--email",
        "Ann@Example.com",
        "--admin",
        "--password-stdin",
        stdin=password + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert password not in result.stdout + result.stderr
    user = stored_user(tmp_path, "Ann@Example.com")
    assert user is not None
    assert user[0] == "admin"
    assert password_matches(user, password)


def test_user_create_without_password_prints_a_generated_one(tmp_path: Path) -> None:
    run_cli(tmp_path, "db", "upgrade")
    result = run_cli(tmp_path, "user", "create", "--email", "bob@example.com")
    assert result.returncode == 0, result.stderr
    match = ADMIN_PASSWORD_RE.search(result.stdout)
    assert match
    user = stored_user(tmp_path, "bob@example.com")
    assert user is not None
    assert user[0] == "member"
    assert password_matches(user, match.group(1))


def test_user_create_errors_are_one_line(tmp_path: Path) -> None:
    run_cli(tmp_path, "db", "upgrade")
    run_cli(tmp_path, "user", "create", "--email", "ann@example.com")
    duplicate = run_cli(tmp_path, "user", "create", "--email", "ANN@example.com")
    assert duplicate.returncode == 1
    assert "already exists" in one_line_error(duplicate.stderr)
    short = run_cli(
        tmp_path, "user", "create", "--email", "c@example.com", "--password-stdin", stdin="short\n"
    )
    assert "password" in one_line_error(short.stderr)
    assert "12" in short.stderr
    bad_email = run_cli(tmp_path, "user", "create", "--email", "not-an-address")
    assert one_line_error(bad_email.stderr).startswith("licman: error: email: ")


def test_token_create_prints_only_the_token(tmp_path: Path) -> None:
    run_cli(tmp_path, "db", "upgrade")
    run_cli(tmp_path, "user", "create", "--email", "ann@example.com")
    result = run_cli(tmp_path, "token", "create", "--user", "ann@example.com", "--name", "ci")
    assert result.returncode == 0, result.stderr
    assert TOKEN_RE.fullmatch(result.stdout.strip())
    assert result.stdout.count("\n") == 1
    unknown = run_cli(tmp_path, "token", "create", "--user", "nobody@example.com")
    assert "no user" in one_line_error(unknown.stderr)


def test_malformed_setting_is_named(tmp_path: Path) -> None:
    (tmp_path / ".licman-cfg.yml").write_text("port: eighty\n")
    result = run_cli(tmp_path, "db", "status")
    assert result.returncode == 2
    line = one_line_error(result.stderr)
    assert "LICMAN_PORT" in line
    assert "integer" in line


def test_unreachable_database_server_is_named(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path, "db", "status", database_url="postgres://postgres:pw@127.0.0.1:1/licman"
    )
    assert result.returncode == 1
    line = one_line_error(result.stderr)
    assert "not reachable" in line
    assert ":pw@" not in line


def test_missing_database_is_named(tmp_path: Path) -> None:
    require_server("postgres")
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/licman_no_such_database"
    result = run_cli(tmp_path, "db", "status", database_url=url)
    line = one_line_error(result.stderr)
    assert "does not exist" in line
    assert "licman_no_such_database" in line


def test_wrong_password_in_the_url_is_named(tmp_path: Path) -> None:
    require_server("mysql")
    host = MYSQL_URL.split("@", 1)[1]
    result = run_cli(tmp_path, "serve", database_url=f"mysql://root:not-the-password@{host}")
    assert result.returncode == 1
    line = one_line_error(result.stderr)
    assert "authentication failed" in line
    assert "not-the-password" not in line


def test_serve_refuses_a_server_database_with_pending_migrations(tmp_path: Path) -> None:
    require_server("postgres")
    result = run_cli(tmp_path, "serve", database_url=POSTGRES_URL)
    # The maintenance database has no Licman tables: serve must not start on it.
    assert result.returncode == 1
    assert "licman db upgrade" in one_line_error(result.stderr)


def test_audit_verify_names_an_edited_row(tmp_path: Path) -> None:
    run_cli(tmp_path, "init")
    run_cli(tmp_path, "user", "create", "--email", "ann@example.com")
    run_cli(tmp_path, "user", "create", "--email", "bob@example.com")
    intact = run_cli(tmp_path, "audit", "verify")
    assert intact.returncode == 0, intact.stderr
    assert "intact (3 events)" in intact.stdout
    with closing(sqlite3.connect(tmp_path / "var" / "licman.sqlite3")) as conn:
        second = conn.execute("SELECT id FROM audit_event ORDER BY id LIMIT 1 OFFSET 1").fetchone()
        conn.execute("UPDATE audit_event SET actor_label = 'someone else' WHERE id = ?", second)
        conn.commit()
    tampered = run_cli(tmp_path, "audit", "verify")
    assert tampered.returncode == 1
    line = one_line_error(tampered.stderr)
    assert f"event {second[0]} was changed" in line
