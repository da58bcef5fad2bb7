"""`licman doctor`: silent about a healthy installation, and for each broken part a FAIL
line with its fix and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.live import cli_env, free_port, run_cli
from tests.smtp_server import smtp_server
from tests.test_backup import script


# aiosmtpd warns, per connection, about a sign-in without TLS: on purpose, on loopback.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_a_healthy_installation_passes(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'var' / 'licman.sqlite3'}"
    assert run_cli(tmp_path, "init", database_url=url).returncode == 0
    with smtp_server(user="mailer", password="mailpw99") as server:
        env = tmp_path / ".env"
        env.write_text(
            f"LICMAN_SMTP_HOST=127.0.0.1\nLICMAN_SMTP_PORT={server.port}\n"
            "LICMAN_SMTP_TLS=none\nLICMAN_SMTP_USER=mailer\nLICMAN_SMTP_PASSWORD=mailpw99\n",
            encoding="utf-8",
        )
        env.chmod(0o600)
        result = run_cli(tmp_path, "doctor", database_url=url)
    assert result.returncode == 0, result.stdout
    assert f"[ok  ] smtp: 127.0.0.1:{server.port} (none), signed in as mailer" in result.stdout
    assert server.inbox.all() == []  # signed in, sent nothing
    assert "mailpw99" not in result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert "[ok  ] migrations:" in result.stdout
    assert "[ok  ] key ring:" in result.stdout
    assert "Everything checked is in order." in result.stdout


def test_each_problem_is_named_with_its_fix(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'var' / 'licman.sqlite3'}"
    assert run_cli(tmp_path, "init", database_url=url).returncode == 0
    script(tmp_path, url, "seed", "NEEDS-A-RING")
    (tmp_path / "var" / "secrets" / "keyring.json").unlink()  # the ring is lost
    (tmp_path / "var").chmod(0o755)  # others may look in
    dead = free_port()
    (tmp_path / ".env").write_text(
        f"LICMAN_REDIS_URL=redis://127.0.0.1:{dead}/0\n"
        f"LICMAN_SMTP_HOST=127.0.0.1\nLICMAN_SMTP_PORT={dead}\nLICMAN_SMTP_TLS=none\n"
        "LICMAN_SMTP_USER=mailer\nLICMAN_SMTP_PASSWORD=mailpw99\n",
        encoding="utf-8",
    )
    result = run_cli(tmp_path, "doctor", database_url=url)
    assert result.returncode == 1
    out = result.stdout
    assert "[FAIL] key ring: missing" in out
    assert "restore the key ring from backup" in out
    assert "[FAIL] redis:" in out
    assert "fix: start Redis" in out
    assert f"[FAIL] smtp: cannot connect to 127.0.0.1:{dead}: connection refused" in out
    assert "smtp_user and smtp_password (bin/configure)" in out
    assert "mailpw99" not in out + result.stderr
    assert "[FAIL] var/:" in out
    assert "chmod o=" in out


def test_pending_migrations_and_an_unreachable_database(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'empty.sqlite3'}"
    result = run_cli(tmp_path, "doctor", database_url=url)
    assert result.returncode == 1
    assert "[FAIL] migrations:" in result.stdout
    assert "pending: 0001_initial" in result.stdout
    assert "fix: run `licman db upgrade`" in result.stdout
    port = free_port()
    down = run_cli(tmp_path, "doctor", database_url=f"postgres://u:dbpw77@127.0.0.1:{port}/x")
    assert down.returncode == 1
    assert "[FAIL] database:" in down.stdout
    assert "fix: start the database server" in down.stdout
    assert "dbpw77" not in down.stdout + down.stderr


def test_a_bad_setting_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LICMAN_PORT=99999\n", encoding="utf-8")
    result = run_cli(tmp_path, "doctor")
    assert result.returncode == 1
    assert "[FAIL] configuration: LICMAN_PORT" in result.stdout


def test_a_ring_that_is_not_the_secrets_ring_fails(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'var' / 'licman.sqlite3'}"
    assert run_cli(tmp_path, "init", database_url=url).returncode == 0
    script(tmp_path, url, "seed", "UNDER-THE-FIRST-RING")
    ring = tmp_path / "var" / "secrets" / "keyring.json"
    ring.unlink()
    other = tmp_path / "other"
    other.mkdir()
    other_url = f"sqlite://{other / 'x.sqlite3'}"
    assert run_cli(other, "init", database_url=other_url).returncode == 0
    ring.write_bytes((other / "var" / "secrets" / "keyring.json").read_bytes())
    ring.chmod(0o600)
    result = run_cli(tmp_path, "doctor", database_url=url)
    assert result.returncode == 1
    assert "[FAIL] key ring:" in result.stdout
    assert "decrypts none" in result.stdout
    assert "UNDER-THE-FIRST-RING" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("environment", "hashing", "line"),
    [
        ("development", "cheap", "[warn] password hashing: LICMAN_TEST_PASSWORD_HASHING=cheap"),
        ("production", "cheap", "[FAIL] password hashing: LICMAN_TEST_PASSWORD_HASHING=cheap"),
        ("production", "production", None),
    ],
)
def test_the_tests_cheap_password_hashing_is_reported(
    tmp_path: Path, environment: str, hashing: str, line: str | None
) -> None:
    """The test suite's minimum-cost hashing must not go unnoticed outside it: a warning in
    development, a failure in production, nothing when the variable is not `cheap`."""
    url = f"sqlite://{tmp_path / 'var' / 'licman.sqlite3'}"
    assert run_cli(tmp_path, "init", database_url=url).returncode == 0
    env = cli_env(
        tmp_path,
        url,
        LICMAN_ENVIRONMENT=environment,
        LICMAN_TEST_PASSWORD_HASHING=hashing,
    )
    out = run_cli(tmp_path, "doctor", env=env).stdout
    if line is None:
        assert "password hashing" not in out
    else:
        assert line in out
        assert "hashed again at full cost at its next sign-in" in out
