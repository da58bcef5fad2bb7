"""`licman mail test ADDRESS` against a real SMTP server (aiosmtpd): it arrives, and every
way it can fail is said plainly, never with the password."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.live import cli_env, free_port, run_cli
from tests.smtp_server import self_signed, smtp_server

PASSWORD = "s3cret-Pa55word!"


def mail_test(
    home: Path, port: int, address: str = "ana@example.com", **settings: str
) -> subprocess.CompletedProcess[str]:
    env = cli_env(
        home,
        LICMAN_SMTP_HOST="127.0.0.1",
        LICMAN_SMTP_PORT=str(port),
        LICMAN_SMTP_FROM="Licman <licman@example.com>",
        **{f"LICMAN_SMTP_{k.upper()}": v for k, v in settings.items()},
    )
    return run_cli(home, "mail", "test", address, env=env)


def test_a_test_mail_arrives_through_plain_smtp(tmp_path: Path) -> None:
    with smtp_server() as server:
        done = mail_test(tmp_path, server.port, tls="none")
    assert done.returncode == 0, done.stderr
    assert f"Sent a test e-mail to ana@example.com through 127.0.0.1:{server.port}" in done.stdout
    [got] = server.inbox.all()
    assert got.recipients == ["ana@example.com"]
    assert got.sender == "licman@example.com"
    assert got.message["Subject"] == "Licman test e-mail"
    assert "test e-mail from Licman" in got.text


def test_starttls_with_a_private_ca_and_a_sign_in(tmp_path: Path) -> None:
    context, ca = self_signed(tmp_path)
    with smtp_server(user="licman", password=PASSWORD, starttls=context) as server:
        done = mail_test(
            tmp_path, server.port, tls="starttls", user="licman", password=PASSWORD,
            ca_file=str(ca),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert len(server.inbox.all()) == 1
        assert PASSWORD not in done.stdout + done.stderr

        wrong = mail_test(
            tmp_path, server.port, tls="starttls", user="licman", password="wrong-" + PASSWORD,
            ca_file=str(ca),
        )  # fmt: skip
        assert wrong.returncode == 1
        assert "refused the user name or password of smtp_user 'licman'" in wrong.stderr
        assert "535" in wrong.stderr
        assert PASSWORD not in wrong.stdout + wrong.stderr
        assert "Traceback" not in wrong.stderr

        untrusted = mail_test(
            tmp_path, server.port, tls="starttls", user="licman", password=PASSWORD
        )
        assert untrusted.returncode == 1
        assert "TLS with 127.0.0.1" in untrusted.stderr
        assert "certificate is not trusted" in untrusted.stderr
        assert "smtp_ca_file" in untrusted.stderr
    assert len(server.inbox.all()) == 1


def test_connection_refused_tls_mismatch_and_no_starttls_are_said_plainly(
    tmp_path: Path,
) -> None:
    closed = free_port()
    refused = mail_test(tmp_path, closed, tls="none", user="licman", password=PASSWORD)
    assert refused.returncode == 1
    assert f"cannot connect to 127.0.0.1:{closed}: connection refused" in refused.stderr
    assert PASSWORD not in refused.stderr

    with smtp_server() as server:
        tls = mail_test(tmp_path, server.port, tls="tls", password=PASSWORD, user="licman")
        assert tls.returncode == 1
        assert f"TLS with 127.0.0.1:{server.port} failed" in tls.stderr
        assert "smtp_tls=starttls or none" in tls.stderr
        assert PASSWORD not in tls.stderr

        no_starttls = mail_test(tmp_path, server.port, tls="starttls")
        assert no_starttls.returncode == 1
        assert "does not offer STARTTLS; set smtp_tls to tls or none" in no_starttls.stderr
    assert server.inbox.all() == []


def test_no_smtp_server_and_a_bad_address(tmp_path: Path) -> None:
    unset = run_cli(tmp_path, "mail", "test", "ana@example.com")
    assert unset.returncode == 1
    assert "no SMTP server is configured: set LICMAN_SMTP_HOST" in unset.stderr
    with smtp_server() as server:
        bad = mail_test(tmp_path, server.port, address="not-an-address", tls="none")
    assert bad.returncode == 1
    assert "'not-an-address' is not an e-mail address" in bad.stderr


def test_a_password_in_a_bad_setting_is_never_echoed(tmp_path: Path) -> None:
    env = cli_env(tmp_path, LICMAN_SMTP_HOST="127.0.0.1", LICMAN_SMTP_FROM="nobody",
                  LICMAN_SMTP_PASSWORD=PASSWORD)  # fmt: skip
    done = run_cli(tmp_path, "mail", "test", "ana@example.com", env=env)
    assert done.returncode == 2
    assert "LICMAN_SMTP_FROM" in done.stderr
    assert PASSWORD not in done.stderr
