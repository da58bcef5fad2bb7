"""`licman configure` (run by `bin/configure`): ask for, or read, a production configuration,
test it, write `.env`, render the deployment files and prepare the database and key ring.

Answers are Licman settings, so they land in `.env` as `LICMAN_<NAME>` lines that every
`licman` process reads. `--non-interactive` takes them from `.licman-cfg.yml` instead and
reports every missing or invalid key at once. Re-running keeps earlier answers as the
defaults; lines of `.env` that configure does not manage (for example LICMAN_SECRET_KEYS)
are kept as they are, and an existing key ring is never replaced.
"""

from __future__ import annotations

import asyncio
import getpass
import os
import pwd
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TextIO
from urllib.parse import urlsplit

import typer
import yaml
from dotenv import dotenv_values
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import ValidationError

from licman.cli import app, fail, friendly_errors
from licman.db import DatabaseError, connected
from licman.resolvers.mail import smtp_check
from licman.settings import (
    CONFIG_FILE,
    ENV_FILE,
    ENV_PREFIX,
    SECRET_BEARING,
    Settings,
    SmtpTls,
    home_dir,
    redact_url,
)

SOURCE_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = SOURCE_ROOT / "deploy" / "templates"
DEFAULT_OUTPUT = Path("var") / "deploy"

# The outgoing mail settings bin/configure asks for (those of licman/resolvers/mail.py).
SMTP_KEYS = ("smtp_host", "smtp_port", "smtp_tls", "smtp_user", "smtp_password", "smtp_from")
# Keys bin/configure manages in .env, in the order they are written.
MANAGED = (
    "environment",
    "database_url",
    "redis_url",
    "public_url",
    "host",
    "port",
    "web_workers",
    "tls_certificate",
    "tls_certificate_key",
    "trusted_proxies",
    "allowed_origins",
    *SMTP_KEYS,
    "sentry_dsn",
)
# What --non-interactive needs in .licman-cfg.yml; the rest have defaults.
REQUIRED = ("database_url", "public_url")
SMTP_FROM_DEFAULT = str(Settings.model_fields["smtp_from"].default)
NONE_WORDS = {"none", "-", "no", "off"}
# Keys for which "none" is an answer, not "unset" (smtp_tls: none is plain SMTP).
NONE_IS_A_VALUE = {"smtp_tls"}
LOCAL_PROXY = "127.0.0.1"


class ConfigureError(Exception):
    """Answers that cannot be used: every problem, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# --- reading and writing .env -------------------------------------------------------------


def _env_path(home: Path) -> Path:
    return home / ENV_FILE


def read_env(home: Path) -> dict[str, str]:
    """The LICMAN_* values of .env, keyed by setting name."""
    path = _env_path(home)
    if not path.exists():
        return {}
    values = dotenv_values(path, interpolate=False)
    return {
        key[len(ENV_PREFIX) :].lower(): value
        for key, value in values.items()
        if key.startswith(ENV_PREFIX) and value is not None
    }


def _quote(value: str) -> str:
    # Single quotes: python-dotenv takes the value literally (no ${VAR} interpolation), with
    # backslash escapes for a quote or a backslash inside.
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def write_env(home: Path, answers: dict[str, str | None]) -> Path:
    """Rewrite the managed LICMAN_* lines of .env (mode 0600), keeping every other line."""
    path = _env_path(home)
    kept: list[str] = []
    managed_names = {f"{ENV_PREFIX}{name.upper()}" for name in MANAGED}
    if path.exists():
        in_block = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# --- bin/configure"):
                in_block = not line.startswith("# --- bin/configure end")
                continue
            name = line.split("=", 1)[0].strip().removeprefix("export ").strip()
            if in_block or name in managed_names:
                continue
            kept.append(line)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = [f"# --- bin/configure ({stamp}): re-run it to change these lines"]
    for name in MANAGED:
        value = answers.get(name)
        if value is None or value == "":
            continue
        block.append(f"{ENV_PREFIX}{name.upper()}={_quote(str(value))}")
    block.append("# --- bin/configure end")
    while kept and not kept[-1].strip():
        kept.pop()
    text = "\n".join([*block, *(["", *kept] if kept else [])]) + "\n"
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
    path.chmod(0o600)
    return path


# --- answers ------------------------------------------------------------------------------


def _default_answers() -> dict[str, str]:
    return {
        "database_url": "sqlite://var/licman.sqlite3",
        "public_url": "https://licman.example.com",
        "port": "8000",
        "web_workers": "0",
    }


def earlier_answers(home: Path) -> dict[str, str]:
    """Defaults for this run: the built-in ones, then .licman-cfg.yml, then .env."""
    answers = _default_answers()
    config = home / CONFIG_FILE
    if config.exists():
        try:
            data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            data = {}
        if isinstance(data, dict):
            answers.update({k: str(v) for k, v in data.items() if k in MANAGED and v is not None})
    answers.update({k: v for k, v in read_env(home).items() if k in MANAGED})
    return answers


def _sqlite_url(answer: str) -> str:
    """A bare path means SQLite."""
    if "://" in answer:
        return answer
    return f"sqlite://{answer}"


@dataclass
class Plan:
    """The checked answers and what follows from them."""

    settings: Settings
    answers: dict[str, str | None]
    warnings: list[str] = field(default_factory=list)


def _trusted(extra: str | None) -> str:
    parts = [LOCAL_PROXY]
    for part in (extra or "").split(","):
        part = part.strip()
        if part and part not in parts:
            parts.append(part)
    return ",".join(parts)


def check_answers(raw: dict[str, Any], home: Path) -> Plan:
    """Validate everything at once: ConfigureError lists every problem, one per key."""
    problems: list[str] = []
    answers: dict[str, str | None] = {}
    for name in MANAGED:
        value = raw.get(name)
        if value is None:
            answers[name] = None
            continue
        text = str(value).strip()
        keeps_none = name in REQUIRED or name in NONE_IS_A_VALUE
        answers[name] = None if text.lower() in NONE_WORDS and not keeps_none else text
    for name in REQUIRED:
        if not answers.get(name):
            problems.append(f"{name}: missing")
    if answers.get("database_url"):
        answers["database_url"] = _sqlite_url(str(answers["database_url"]))
    answers["environment"] = "production"
    answers["host"] = LOCAL_PROXY  # gunicorn listens on loopback only; nginx is the way in
    answers["trusted_proxies"] = _trusted(answers.get("trusted_proxies"))
    if answers.get("public_url") and not answers.get("allowed_origins"):
        answers["allowed_origins"] = answers["public_url"]
    cert, key = answers.get("tls_certificate"), answers.get("tls_certificate_key")
    if bool(cert) != bool(key):
        problems.append("tls_certificate, tls_certificate_key: give both, or neither (none)")
    for name, path in (("tls_certificate", cert), ("tls_certificate_key", key)):
        if path and not Path(path).is_file():
            problems.append(f"{name}: no such file: {path}")
    public = answers.get("public_url") or ""
    if cert and public.startswith("http://"):
        problems.append("public_url: use https:// when nginx has a TLS certificate")
    settings: Settings | None = None
    given = {k: v for k, v in answers.items() if v is not None}
    try:
        settings = Settings.model_validate({**given, "home": home})
    except ValidationError as exc:
        seen: set[str] = set()
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "?"
            if name in seen:
                continue
            seen.add(name)
            message = error["msg"].removeprefix("Value error, ")
            shown = given.get(name)
            if shown is not None and name not in SECRET_BEARING:
                message += f" (got {shown!r})"
            problems.append(f"{name}: {message}")
    if problems or settings is None:
        raise ConfigureError(problems)
    return Plan(settings=settings, answers=answers)


async def _test_database(settings: Settings) -> None:
    async with connected(settings):
        pass


def test_database(settings: Settings) -> str | None:
    """None when the database answers, else why not (no password in it)."""
    try:
        asyncio.run(_test_database(settings))
    except DatabaseError as exc:
        return str(exc)
    return None


def test_redis(url: str) -> str | None:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # any failure is reported, never raised
        detail = str(exc).replace(url, redact_url(url))
        return f"Redis at {redact_url(url)} does not answer: {detail}"
    return None


SMTP_SAVED_ANYWAY = (
    "saved anyway: correct it with bin/configure, then `licman mail test ADDRESS` sends a test "
    "e-mail"
)


def connectivity_problems(plan: Plan, *, smtp: bool = True) -> list[str]:
    """Unreachable database or Redis: problems. SMTP (tested with `smtp` only, the interview
    tests it itself): a warning, since a mail server may be unreachable from here at first."""
    problems: list[str] = []
    if (why := test_database(plan.settings)) is not None:
        problems.append(f"database_url: {why}")
    if plan.settings.redis_url and (why := test_redis(plan.settings.redis_url)) is not None:
        problems.append(f"redis_url: {why}")
    if smtp and plan.settings.smtp_host and (why := smtp_check(plan.settings)) is not None:
        plan.warnings.append(f"smtp: {why} ({SMTP_SAVED_ANYWAY})")
    return problems


# --- interactive questions ----------------------------------------------------------------


@dataclass
class Prompter:
    """Asks on `out`, reads answers line by line from `source` (a terminal or a pipe)."""

    source: TextIO
    out: TextIO

    def ask(
        self, question: str, default: str | None, *, secret: bool = False, password: bool = False
    ) -> str:
        """`secret`: a URL whose password is hidden in the default; `password`: the whole
        answer is secret (not shown, not echoed on a terminal)."""
        shown = "none" if default in (None, "") else default
        if secret and default:
            shown = redact_url(default)
        if password and default:
            shown = "unchanged"
        prompt = f"{question} [{shown}]: "
        if password and self.source.isatty():
            line = getpass.getpass(prompt) + "\n"
        else:
            self.out.write(prompt)
            self.out.flush()
            line = self.source.readline()
        if line == "":
            raise ConfigureError([f"no answer to {question!r} (end of input)"])
        answer = line.strip()
        if answer == "":
            return default or "none"
        return answer

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


Check = Callable[[str], str | None]


def _ask_until(prompter: Prompter, question: str, default: str | None, check: Check,
               *, secret: bool = False) -> str:  # fmt: skip
    while True:
        answer = prompter.ask(question, default, secret=secret)
        problem = check(answer)
        if problem is None:
            return answer
        prompter.say(f"  ! {problem}")


def _field_check(name: str, home: Path) -> Check:
    def check(answer: str) -> str | None:
        if answer.lower() in NONE_WORDS and name not in NONE_IS_A_VALUE:
            if name in REQUIRED:
                return "an answer is needed"
            return None
        value = _sqlite_url(answer) if name == "database_url" else answer
        try:
            Settings.model_validate({name: value, "home": home})
        except ValidationError as exc:
            return exc.errors()[0]["msg"].removeprefix("Value error, ")
        return None

    return check


def interview(prompter: Prompter, home: Path) -> dict[str, str | None]:
    earlier = earlier_answers(home)
    raw: dict[str, str | None] = {}
    say = prompter.say
    say("Licman production configuration. Enter keeps the value in [brackets]; 'none' clears.")

    say("\nDatabase: a SQLite file path (relative to the Licman home), or a")
    say("postgres://USER:PASS@HOST:5432/DB or mysql://USER:PASS@HOST:3306/DB URL.")
    database_check = _field_check("database_url", home)

    def database_works(answer: str) -> str | None:
        if (problem := database_check(answer)) is not None:
            return problem
        settings = Settings.model_validate({"database_url": _sqlite_url(answer), "home": home})
        return test_database(settings)

    shown_db = earlier.get("database_url", "")
    shown_db = shown_db.removeprefix("sqlite://") if shown_db.startswith("sqlite://") else shown_db
    raw["database_url"] = _ask_until(prompter, "Database", shown_db, database_works, secret=True)
    say("  database: reachable")

    say("\nRedis runs jobs in Celery workers and shares counters between nodes (optional).")
    redis_check = _field_check("redis_url", home)

    def redis_works(answer: str) -> str | None:
        if answer.lower() in NONE_WORDS:
            return None
        return redis_check(answer) or test_redis(answer)

    raw["redis_url"] = _ask_until(
        prompter, "Redis URL (redis://HOST:6379/0)", earlier.get("redis_url"), redis_works,
        secret=True,
    )  # fmt: skip

    say("\nThe address people and integrations use, e.g. https://licman.example.com[:PORT].")
    raw["public_url"] = _ask_until(
        prompter, "Public URL", earlier.get("public_url"), _field_check("public_url", home)
    )
    raw["port"] = _ask_until(
        prompter, "Local port for the app server (nginx forwards to 127.0.0.1:PORT)",
        earlier.get("port"), _field_check("port", home),
    )  # fmt: skip

    say("\nTLS: the certificate (full chain) and key nginx serves, or 'none' when TLS ends")
    say("at another proxy in front of this server.")

    def file_or_none(answer: str) -> str | None:
        if answer.lower() in NONE_WORDS or Path(answer).is_file():
            return None
        return f"no such file: {answer}"

    cert = _ask_until(
        prompter, "TLS certificate path", earlier.get("tls_certificate"), file_or_none
    )
    raw["tls_certificate"] = cert
    if cert.lower() in NONE_WORDS or not cert:
        raw["tls_certificate_key"] = None
        raw["trusted_proxies"] = prompter.ask(
            "Addresses of the proxies in front of nginx (comma-separated)",
            _extra_proxies(earlier.get("trusted_proxies")),
        )
    else:
        raw["tls_certificate_key"] = _ask_until(
            prompter, "TLS key path", earlier.get("tls_certificate_key"), file_or_none
        )
        raw["trusted_proxies"] = None

    _ask_smtp(prompter, home, earlier, raw)
    say("\nError reports to Sentry (optional; secrets are scrubbed before sending).")
    raw["sentry_dsn"] = _ask_until(
        prompter, "Sentry DSN", earlier.get("sentry_dsn"), _field_check("sentry_dsn", home),
        secret=True,
    )  # fmt: skip
    say(f"\nWeb worker processes: 0 runs one per CPU ({os.cpu_count() or 1} here) on PostgreSQL")
    say("or MariaDB and one on SQLite (it takes one writer at a time).")
    raw["web_workers"] = _ask_until(
        prompter, "Web worker processes", earlier.get("web_workers"),
        _field_check("web_workers", home),
    )  # fmt: skip
    return raw


def _ask_smtp(
    prompter: Prompter, home: Path, earlier: dict[str, str], raw: dict[str, str | None]
) -> None:
    """The smtp_* answers, tested by signing in the way the expiry reminders send."""
    say = prompter.say
    say("\nOutgoing e-mail for the expiry reminders (optional): the SMTP server, or 'none'.")
    host = _ask_until(
        prompter, "SMTP server host", earlier.get("smtp_host"), _field_check("smtp_host", home)
    )
    if host.lower() in NONE_WORDS:
        raw.update(dict.fromkeys(SMTP_KEYS))
        return
    raw["smtp_host"] = host
    mode = _ask_until(
        prompter, "SMTP TLS: starttls, tls (from the start) or none",
        earlier.get("smtp_tls") or SmtpTls.STARTTLS.value, _field_check("smtp_tls", home),
    )  # fmt: skip
    raw["smtp_tls"] = mode.lower()
    default_port = Settings.model_validate({"smtp_tls": mode.lower()}).smtp_effective_port
    raw["smtp_port"] = _ask_until(
        prompter, "SMTP port", earlier.get("smtp_port") or str(default_port),
        _field_check("smtp_port", home),
    )  # fmt: skip
    user = _ask_until(
        prompter, "SMTP user name ('none': no sign-in)", earlier.get("smtp_user"),
        _field_check("smtp_user", home),
    )  # fmt: skip
    raw["smtp_user"] = user
    if user.lower() in NONE_WORDS:
        raw["smtp_password"] = None
    else:
        raw["smtp_password"] = prompter.ask(
            "SMTP password", earlier.get("smtp_password"), password=True
        )
    raw["smtp_from"] = _ask_until(
        prompter, "Sender (From) address", earlier.get("smtp_from") or SMTP_FROM_DEFAULT,
        _field_check("smtp_from", home),
    )  # fmt: skip
    # Settings also reads the environment, .env and .licman-cfg.yml, so smtp_ca_file and
    # smtp_timeout_seconds set there count, as they will for every licman process.
    given = {
        name: None if value.lower() in NONE_WORDS and name not in NONE_IS_A_VALUE else value
        for name in SMTP_KEYS
        if (value := raw.get(name)) is not None
    }
    try:
        settings = Settings.model_validate({**given, "home": home})
    except ValidationError:
        return  # each answer was checked; anything else is reported with the rest
    problem = smtp_check(settings)
    say(f"  ! {problem} ({SMTP_SAVED_ANYWAY})" if problem else "  SMTP: signed in")


def _extra_proxies(trusted: str | None) -> str:
    extra = [
        p.strip() for p in (trusted or "").split(",") if p.strip() and p.strip() != LOCAL_PROXY
    ]
    return ",".join(extra)


# --- non-interactive ------------------------------------------------------------------------


def read_config_file(home: Path) -> dict[str, Any]:
    path = home / CONFIG_FILE
    if not path.exists():
        raise ConfigureError(
            [f"{path}: not found (copy deploy/licman-cfg.example.yml there and fill it in)"]
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigureError([f"{path}: not valid YAML{where}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigureError([f"{path}: must be a mapping of setting: value"])
    unknown = sorted(set(data) - set(Settings.model_fields))
    problems = [f"{name}: unknown setting" for name in unknown]
    if "home" in data:
        problems.append("home: can only be set with LICMAN_HOME")
    if problems:
        raise ConfigureError(problems)
    return data


# --- rendering ------------------------------------------------------------------------------


def _current_user() -> str:
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return getpass.getuser()


def _brotli_available() -> bool:
    return any(
        "brotli" in p.name for d in ("/etc/nginx/modules-enabled",) if Path(d).is_dir()
        for p in Path(d).iterdir()
    )  # fmt: skip


def _ipv6_available() -> bool:
    return socket.has_ipv6 and Path("/proc/net/if_inet6").exists()


@dataclass
class Program:
    name: str
    title: str
    command: str
    stopwait: int
    after: str = ""


# A Unix socket's path holds at most 107 bytes (sun_path); supervisord's control sockets live
# in var/run/.
SOCKET_PATH_MAX = 107


def _check_socket_paths(run_dir: Path) -> None:
    """supervisord cannot open its control socket under a path that long: say so now, not
    when `bin/web` starts."""
    longest = run_dir / "supervisor-queue.sock"
    if len(str(longest).encode()) > SOCKET_PATH_MAX:
        raise ConfigureError(
            [
                f"var_dir: {longest} is longer than a Unix socket path may be "
                f"({SOCKET_PATH_MAX} bytes); set var_dir (LICMAN_VAR_DIR) to a shorter "
                "absolute path, e.g. /var/lib/licman"
            ]
        )


def render(settings: Settings, output: Path) -> list[Path]:
    """Write the deployment files for these settings into `output`; return their paths."""
    home = settings.home
    venv_bin = Path(sys.executable).parent
    out = output if output.is_absolute() else home / output
    var_dir = settings.runtime_dir
    _check_socket_paths(var_dir / "run")
    public = urlsplit(settings.public_url or settings.issuer)
    tls = bool(settings.tls_certificate)
    default_port = 443 if public.scheme == "https" else 80
    listen_port = public.port or default_port
    if not tls and public.scheme == "https":
        listen_port = 80 if public.port in (None, 443) else listen_port
    db_after = {"postgres": "postgresql.service", "mysql": "mariadb.service"}
    programs = [
        Program("licman-web", "web (gunicorn, uvicorn workers)",
                f"{venv_bin}/gunicorn --config {out}/gunicorn.conf.py", 40,
                db_after.get(settings.db_engine, "")),
    ]  # fmt: skip
    if settings.redis_url:
        programs += [
            Program("licman-worker", "Celery worker (jobs)",
                    f"{venv_bin}/licman worker", 600, "redis-server.service"),
            Program("licman-beat", "Celery beat (the job outbox relay)",
                    f"{venv_bin}/licman beat", 20, "redis-server.service"),
        ]  # fmt: skip
    context: dict[str, Any] = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "home": str(home),
        "out_dir": str(out),
        "var_dir": str(var_dir),
        "log_dir": str(var_dir / "log"),
        "run_dir": str(var_dir / "run"),
        "user": _current_user(),
        "bind_host": LOCAL_PROXY,
        "port": settings.port,
        "workers": settings.worker_count,
        "log_level": settings.log_level,
        "public_url": f"{public.scheme}://{public.netloc}",
        "public_scheme": public.scheme,
        "server_name": public.hostname,
        "listen_port": listen_port,
        "http_port": 80,
        "redirect_http": tls and listen_port == 443,
        "tls": tls,
        "tls_certificate": settings.tls_certificate,
        "tls_certificate_key": settings.tls_certificate_key,
        "trusted_proxies": settings.trusted_proxies,
        "import_max_mb": settings.import_max_mb,
        "client_max_body_mb": max(settings.import_max_mb, settings.graphql_max_body_kb // 1024) + 1,
        "client_dist": str(SOURCE_ROOT / "client" / "dist"),
        "brotli": _brotli_available(),
        "ipv6": _ipv6_available(),
        "redis": bool(settings.redis_url),
        "programs": programs,
    }
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # noqa: S701 - configuration files, not HTML
    )
    written: list[Path] = []

    def emit(template: str, target: Path, **extra: Any) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        text = env.get_template(template).render(**context, **extra)
        target.write_text(text, encoding="utf-8")
        written.append(target)

    for name in ("log", "run"):
        (var_dir / name).mkdir(mode=0o750, parents=True, exist_ok=True)
    emit("gunicorn.conf.py.j2", out / "gunicorn.conf.py")
    emit("nginx-site.conf.j2", out / "nginx" / "licman.conf")
    emit("nginx-headers.conf.j2", out / "nginx" / "licman-headers.conf")
    emit("nginx-proxy.conf.j2", out / "nginx" / "licman-proxy.conf")
    for program in programs:
        emit("supervisor-program.conf.j2", out / "supervisor" / f"{program.name}.conf",
             program=program)  # fmt: skip
        emit("systemd.service.j2", out / "systemd" / f"{program.name}.service", program=program)
    emit("licman.target.j2", out / "systemd" / "licman.target")
    emit("supervisord.conf.j2", out / "supervisor" / "web.conf", role="web",
         include=[str(out / "supervisor" / "licman-web.conf")])  # fmt: skip
    if settings.redis_url:
        queue = [str(out / "supervisor" / f"{n}.conf") for n in ("licman-worker", "licman-beat")]
        emit("supervisord.conf.j2", out / "supervisor" / "queue.conf", role="queue", include=queue)
    else:
        stale = out / "supervisor" / "queue.conf"
        stale.unlink(missing_ok=True)
    return written


# --- the command ----------------------------------------------------------------------------


async def _prepare(settings: Settings) -> None:
    from licman.cli import _init

    await _init(settings)


def _print_next_steps(settings: Settings, out: Path, written: list[Path]) -> None:
    home = settings.home
    typer.echo("\nWrote:")
    typer.echo(f"  {home / ENV_FILE} (mode 0600)")
    for path in written:
        typer.echo(f"  {path}")
    typer.echo("\nNext:")
    typer.echo(f"  nginx:  ln -s {out}/nginx/licman.conf /etc/nginx/sites-enabled/licman.conf")
    typer.echo("          nginx -t && systemctl reload nginx")
    typer.echo("  run:    bin/web" + ("  and  bin/queue" if settings.redis_url else ""))
    typer.echo(f"          (or: ln -s {out}/supervisor/licman-*.conf /etc/supervisor/conf.d/ ")
    typer.echo("           && supervisorctl update; or the systemd units in "
               f"{out}/systemd/)")  # fmt: skip
    typer.echo("  check:  licman doctor")


@app.command()
@friendly_errors
def configure(
    non_interactive: Annotated[
        bool,
        typer.Option("--non-interactive", help=f"Read the answers from {CONFIG_FILE}."),
    ] = False,
    output: Annotated[
        Path, typer.Option(help="Where the deployment files go (relative to the home).")
    ] = DEFAULT_OUTPUT,
    prepare: Annotated[
        bool,
        typer.Option(
            "--prepare/--no-prepare",
            help="Migrate the database, create the key ring and the first admin.",
        ),
    ] = True,
) -> None:
    """Configure a production installation: write .env, nginx, gunicorn, supervisor and
    systemd files, and prepare the database and the key ring (never replacing a ring)."""
    home = home_dir()
    try:
        if non_interactive:
            raw: dict[str, Any] = read_config_file(home)
        else:
            raw = interview(Prompter(sys.stdin, sys.stdout), home)
        plan = check_answers(raw, home)
        problems = connectivity_problems(plan, smtp=non_interactive)
        if problems:
            raise ConfigureError(problems)
    except ConfigureError as exc:
        source = CONFIG_FILE if non_interactive else "the answers"
        typer.echo(f"licman: error: {source} cannot be used:", err=True)
        for problem in exc.problems:
            typer.echo(f"  - {problem}", err=True)
        raise typer.Exit(2) from None
    for warning in plan.warnings:
        typer.echo(f"warning: {warning}", err=True)
    write_env(home, plan.answers)
    # Read back exactly as every licman process will (environment, .env, YAML).
    from licman.settings import load_settings

    settings = load_settings()
    if settings.database_url != plan.settings.database_url:
        fail(
            "LICMAN_DATABASE_URL in the environment overrides the answer in .env; unset it "
            "(or make them agree) and run bin/configure again"
        )
    written = render(settings, output)
    if prepare:
        asyncio.run(_prepare(settings))
    out = output if output.is_absolute() else home / output
    _print_next_steps(settings, out, written)


config_app = typer.Typer(help="The effective configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")


def deploy_dir(settings: Settings) -> Path:
    return settings.home / DEFAULT_OUTPUT


@config_app.command("get")
@friendly_errors
def config_get(
    name: Annotated[
        str, typer.Argument(help="A setting, or runtime_dir, deploy_dir, worker_count.")
    ],
) -> None:
    """Print one effective setting (for scripts such as bin/web); secrets are refused."""
    from licman.settings import load_settings

    settings = load_settings()
    derived: dict[str, object] = {
        "runtime_dir": settings.runtime_dir,
        "deploy_dir": deploy_dir(settings),
        "worker_count": settings.worker_count,
    }
    if name in SECRET_BEARING:
        fail(f"{name} holds a secret and is not printed")
    if name in derived:
        value = derived[name]
    elif name in Settings.model_fields:
        value = getattr(settings, name)
    else:
        fail(f"no setting named {name!r}")
    typer.echo("" if value is None else str(value))
