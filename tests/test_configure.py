"""`licman configure` (bin/configure): answers from a pipe or .licman-cfg.yml, .env written
and kept, deployment files rendered and accepted by the real nginx."""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from dotenv import dotenv_values

from tests.live import free_port, run_cli
from tests.smtp_server import smtp_server


def _write_cfg(home: Path, text: str) -> None:
    (home / ".licman-cfg.yml").write_text(text, encoding="utf-8")


def _alt_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def self_signed(directory: Path, name: str = "localhost") -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([_alt_name(name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_non_interactive_lists_every_missing_and_invalid_key(tmp_path: Path) -> None:
    _write_cfg(
        tmp_path,
        "public_url: ftp://example.com/path\nweb_workers: -1\nsmtp_tls: sometimes\n"
        "smtp_from: not-an-address\n"
        "tls_certificate: /nonexistent/cert.pem\n",
    )
    result = run_cli(tmp_path, "configure", "--non-interactive", "--no-prepare")
    assert result.returncode == 2, result.stdout
    problems = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    named = {line[4:].split(":", 1)[0] for line in problems}
    assert {"database_url", "public_url", "web_workers", "smtp_tls", "smtp_from"} <= named, (
        result.stderr
    )
    assert any("tls_certificate_key" in line for line in problems), result.stderr
    assert any("no such file: /nonexistent/cert.pem" in line for line in problems)
    assert not (tmp_path / ".env").exists()  # nothing half-written


def test_non_interactive_unknown_key_and_unreachable_database(tmp_path: Path) -> None:
    _write_cfg(tmp_path, "database_url: sqlite://var/x.sqlite3\npublic_url: https://a.b\nfoo: 1\n")
    result = run_cli(tmp_path, "configure", "--non-interactive", "--no-prepare")
    assert result.returncode == 2
    assert "foo: unknown setting" in result.stderr
    port = free_port()  # nothing listens there
    _write_cfg(
        tmp_path,
        f"database_url: postgres://licman:pa55word@127.0.0.1:{port}/licman\n"
        "public_url: https://licman.example.com\n",
    )
    result = run_cli(tmp_path, "configure", "--non-interactive", "--no-prepare")
    assert result.returncode == 2
    assert "database_url: " in result.stderr
    assert "not reachable" in result.stderr
    assert "pa55word" not in result.stderr + result.stdout


def test_non_interactive_writes_env_and_files_and_keeps_secrets(tmp_path: Path) -> None:
    _write_cfg(
        tmp_path,
        "database_url: var/licman.sqlite3\npublic_url: http://127.0.0.1:8080\n"
        "port: 8123\nweb_workers: 3\nsentry_dsn: https://abc@sentry.example.com/7\n",
    )
    (tmp_path / ".env").write_text("# mine\nLICMAN_LOG_LEVEL=debug\n", encoding="utf-8")
    first = run_cli(tmp_path, "configure", "--non-interactive")
    assert first.returncode == 0, first.stderr
    assert "password: " in first.stdout  # the first admin, shown once
    env_file = tmp_path / ".env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    values = dotenv_values(env_file)
    assert values["LICMAN_ENVIRONMENT"] == "production"
    assert values["LICMAN_DATABASE_URL"] == "sqlite://var/licman.sqlite3"
    assert values["LICMAN_PORT"] == "8123"
    assert values["LICMAN_WEB_WORKERS"] == "3"
    assert values["LICMAN_TRUSTED_PROXIES"] == "127.0.0.1"
    assert values["LICMAN_LOG_LEVEL"] == "debug"  # a line of the operator's, kept
    ring = tmp_path / "var" / "secrets" / "keyring.json"
    ring_bytes = ring.read_bytes()
    deploy = tmp_path / "var" / "deploy"
    gunicorn = (deploy / "gunicorn.conf.py").read_text()
    assert "workers = 3" in gunicorn
    assert '"127.0.0.1:8123"' in gunicorn
    assert "licman.web.gunicorn_worker.LicmanWorker" in gunicorn
    web = (deploy / "supervisor" / "licman-web.conf").read_text()
    assert "gunicorn --config" in web
    assert "autorestart=true" in web
    assert not (deploy / "supervisor" / "licman-worker.conf").exists()  # no Redis, no Celery
    assert (deploy / "systemd" / "licman-web.service").exists()

    second = run_cli(tmp_path, "configure", "--non-interactive")
    assert second.returncode == 0, second.stderr
    assert "password: " not in second.stdout  # the admin exists: no new password
    assert ring.read_bytes() == ring_bytes  # never replaced
    again = dotenv_values(env_file)
    assert again["LICMAN_LOG_LEVEL"] == "debug"
    assert list(again).count("LICMAN_PORT") == 1
    shown = run_cli(tmp_path, "config", "get", "web_workers")
    assert shown.stdout.strip() == "3"
    assert run_cli(tmp_path, "config", "get", "worker_count").stdout.strip() == "3"
    secret = run_cli(tmp_path, "config", "get", "sentry_dsn")
    assert secret.returncode == 1
    assert "abc@" not in secret.stdout + secret.stderr


def test_interactive_from_a_pipe_reasks_and_keeps_answers(tmp_path: Path) -> None:
    bad_port = free_port()
    answers = "\n".join(
        [
            f"postgres://u:secretpw@127.0.0.1:{bad_port}/nope",  # unreachable: asked again
            "var/data.sqlite3",
            "none",  # Redis
            "ftp://wrong",  # public URL refused, asked again
            "https://licman.example.com",
            "8124",
            "none",  # TLS: behind another proxy
            "10.0.0.5",  # that proxy
            "none",  # SMTP
            "none",  # Sentry
            "2",
        ]
    )
    first = run_cli(tmp_path, "configure", "--no-prepare", stdin=answers + "\n")
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.count("Database [") == 2
    assert "secretpw" not in first.stdout + first.stderr
    assert first.stdout.count("Public URL [") == 2
    values = dotenv_values(tmp_path / ".env")
    assert values["LICMAN_DATABASE_URL"] == "sqlite://var/data.sqlite3"
    assert values["LICMAN_PUBLIC_URL"] == "https://licman.example.com"
    assert values["LICMAN_TRUSTED_PROXIES"] == "127.0.0.1,10.0.0.5"
    assert values["LICMAN_WEB_WORKERS"] == "2"
    assert not any(name.startswith("LICMAN_SMTP_") for name in values)
    assert "LICMAN_REDIS_URL" not in values
    nginx = (tmp_path / "var" / "deploy" / "nginx" / "licman-proxy.conf").read_text()
    assert "$proxy_add_x_forwarded_for" in nginx  # behind another proxy: keep its header
    assert "X-Forwarded-Proto https" in nginx

    # Enter on every question keeps the earlier answers.
    second = run_cli(tmp_path, "configure", "--no-prepare", stdin="\n" * 12)
    assert second.returncode == 0, second.stdout + second.stderr
    assert dotenv_values(tmp_path / ".env") == values
    assert "Database [var/data.sqlite3]" in second.stdout


SMTP_PASSWORD = "mail-Pa55word!"


# aiosmtpd warns, per connection, about a sign-in without TLS: on purpose, on loopback.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_smtp_answers_are_tested_by_signing_in_as_the_reminders_do(tmp_path: Path) -> None:
    with smtp_server(user="licman", password=SMTP_PASSWORD) as server:
        _write_cfg(
            tmp_path,
            "database_url: var/licman.sqlite3\npublic_url: https://licman.example.com\n"
            f"smtp_host: 127.0.0.1\nsmtp_port: {server.port}\nsmtp_tls: none\n"
            f"smtp_user: licman\nsmtp_password: {SMTP_PASSWORD}\n"
            "smtp_from: Licman <licman@example.com>\n",
        )
        good = run_cli(tmp_path, "configure", "--non-interactive", "--no-prepare")
        assert good.returncode == 0, good.stderr
        assert "warning" not in good.stderr
        values = dotenv_values(tmp_path / ".env")
        assert values["LICMAN_SMTP_HOST"] == "127.0.0.1"
        assert values["LICMAN_SMTP_PORT"] == str(server.port)
        assert values["LICMAN_SMTP_TLS"] == "none"  # a mode, not "unset"
        assert values["LICMAN_SMTP_USER"] == "licman"
        assert values["LICMAN_SMTP_PASSWORD"] == SMTP_PASSWORD
        assert values["LICMAN_SMTP_FROM"] == "Licman <licman@example.com>"
        refused = run_cli(tmp_path, "config", "get", "smtp_password")
        assert refused.returncode == 1
        assert SMTP_PASSWORD not in refused.stdout + refused.stderr

        # A refused sign-in is a warning naming the cause; the answers are saved anyway.
        (tmp_path / ".licman-cfg.yml").write_text(
            (tmp_path / ".licman-cfg.yml")
            .read_text()
            .replace(f"smtp_password: {SMTP_PASSWORD}", "smtp_password: wrong-one-77"),
            encoding="utf-8",
        )
        wrong = run_cli(tmp_path, "configure", "--non-interactive", "--no-prepare")
        assert wrong.returncode == 0, wrong.stderr
        assert "warning: smtp: " in wrong.stderr
        assert "refused the user name or password of smtp_user 'licman'" in wrong.stderr
        assert "wrong-one-77" not in wrong.stdout + wrong.stderr
        assert dotenv_values(tmp_path / ".env")["LICMAN_SMTP_PASSWORD"] == "wrong-one-77"
        (tmp_path / ".licman-cfg.yml").unlink()

        # The interview asks host, TLS mode, port, user, password and sender, and signs in.
        answers = [
            "var/licman.sqlite3",
            "none",  # Redis
            "https://licman.example.com",
            "8000",
            "none",  # TLS: behind another proxy
            "",  # no proxy address
            "127.0.0.1",
            "none",  # smtp_tls: plain
            str(server.port),
            "licman",
            SMTP_PASSWORD,
            "licman@example.com",
            "none",  # Sentry
            "0",
        ]
        asked = run_cli(tmp_path, "configure", "--no-prepare", stdin="\n".join(answers) + "\n")
    assert asked.returncode == 0, asked.stdout + asked.stderr
    assert "SMTP: signed in" in asked.stdout
    assert "SMTP password [unchanged]" in asked.stdout  # the earlier one, never shown
    assert SMTP_PASSWORD not in asked.stdout + asked.stderr
    values = dotenv_values(tmp_path / ".env")
    assert values["LICMAN_SMTP_PASSWORD"] == SMTP_PASSWORD
    assert values["LICMAN_SMTP_TLS"] == "none"
    assert values["LICMAN_SMTP_FROM"] == "licman@example.com"
    assert values["LICMAN_WEB_WORKERS"] == "0"

    # The server is gone: said at once, saved anyway.
    again = run_cli(tmp_path, "configure", "--no-prepare", stdin="\n" * 16)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "connection refused (check smtp_host, smtp_port)" in again.stdout
    assert dotenv_values(tmp_path / ".env") == values


def test_interactive_end_of_input_is_an_error(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "configure", "--no-prepare", stdin="var/x.sqlite3\n")
    assert result.returncode == 2
    assert "end of input" in result.stderr
    assert not (tmp_path / ".env").exists()


def _nginx() -> str:
    path = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    return path


def nginx_main_conf(home: Path, site: Path) -> Path:
    """A main nginx.conf of our own around the generated site (no system config touched)."""
    prefix = home / "nginx"
    (prefix / "logs").mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
""",
        encoding="utf-8",
    )
    return conf


def test_rendered_nginx_site_passes_nginx_t_with_tls(tmp_path: Path) -> None:
    nginx = _nginx()
    cert, key = self_signed(tmp_path)
    port = free_port()
    _write_cfg(
        tmp_path,
        f"database_url: var/licman.sqlite3\npublic_url: https://localhost:{port}\n"
        f"tls_certificate: {cert}\ntls_certificate_key: {key}\nimport_max_mb: 20\n",
    )
    result = run_cli(tmp_path, "configure", "--non-interactive", "--no-prepare")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "var" / "deploy" / "nginx" / "licman.conf"
    text = site.read_text()
    assert f"listen {port} ssl;" in text
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in text
    assert "client_max_body_size 21m;" in text
    headers = (tmp_path / "var" / "deploy" / "nginx" / "licman-headers.conf").read_text()
    assert "Strict-Transport-Security" in headers
    conf = nginx_main_conf(tmp_path, site)
    check = subprocess.run(
        [nginx, "-t", "-q", "-c", str(conf), "-p", str(tmp_path / "nginx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_the_example_files_name_only_real_settings() -> None:
    import yaml

    from licman.settings import Settings

    root = Path(__file__).resolve().parents[1]
    for name in ("deploy/licman-cfg.example.yml", ".licman-cfg.example.yml"):
        data = yaml.safe_load((root / name).read_text(encoding="utf-8"))
        assert set(data) <= set(Settings.model_fields), name
    production = yaml.safe_load((root / "deploy/licman-cfg.example.yml").read_text())
    assert {"database_url", "public_url"} <= set(production)


def test_a_var_dir_too_long_for_supervisors_socket_is_named(tmp_path: Path) -> None:
    from licman.cli_configure import ConfigureError, render
    from licman.settings import Settings

    long_var = tmp_path / ("v" * 110)
    with pytest.raises(ConfigureError) as refused:
        render(Settings(home=tmp_path, var_dir=long_var), tmp_path / "out")
    (problem,) = refused.value.problems
    assert problem.startswith("var_dir: ")
    assert "LICMAN_VAR_DIR" in problem
    assert not (tmp_path / "out").exists()  # nothing written
