"""One typed settings object, read from the environment, `.env` and `.licman-cfg.yml`.

Precedence, highest first: command-line flags (passed in by the CLI), environment variables
(`LICMAN_*`), the `.env` file, the `.licman-cfg.yml` file, then the built-in defaults.
Both files are looked up in the Licman home directory (`LICMAN_HOME`, default: the current
directory).
"""

from __future__ import annotations

import ipaddress
import os
import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

ENV_PREFIX = "LICMAN_"
CONFIG_FILE = ".licman-cfg.yml"
ENV_FILE = ".env"
DB_SCHEMES = {
    "sqlite": "sqlite",
    "postgres": "postgres",
    "postgresql": "postgres",
    "mysql": "mysql",
}


# Settings whose value may hold a password or key: never echoed in messages.
SECRET_BEARING = frozenset(
    {"database_url", "redis_url", "smtp_password", "sentry_dsn", "secret_keys", "fingerprint_key"}
)


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the setting and the problem."""


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class SmtpTls(StrEnum):
    NONE = "none"  # plain SMTP (a relay on localhost, or tests)
    STARTTLS = "starttls"  # connect in plain text, then upgrade (usually port 587)
    TLS = "tls"  # TLS from the first byte ("SMTPS", usually port 465)


class LogFormat(StrEnum):
    JSON = "json"
    CONSOLE = "console"


def money_currencies() -> frozenset[str]:
    """ISO 4217 codes of money (the test and "no currency" codes left out)."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies) - {"XTS", "XXX"}


MAX_RATE = Decimal(1_000_000)


def parse_currency_rates(value: str, default: str | None) -> dict[str, Decimal]:
    """`EUR=1.08, GBP=1.27` -> {"EUR": 1.08, "GBP": 1.27}; a ValueError names the bad part."""
    rates: dict[str, Decimal] = {}
    for part in value.split(","):
        if not part.strip():
            continue
        code, sep, number = (p.strip() for p in part.partition("="))
        code = code.upper()
        if not sep or code not in money_currencies():
            raise ValueError(
                f"{part.strip()!r}: write CODE=RATE with an ISO 4217 code, e.g. EUR=1.08"
            )
        if code == default:
            raise ValueError(f"{code} is default_currency: it needs no rate")
        if code in rates:
            raise ValueError(f"{code} has two rates")
        try:
            rate = Decimal(number)
        except InvalidOperation:
            rate = Decimal(0)
        exponent = rate.as_tuple().exponent
        if (
            not rate.is_finite()
            or not 0 < rate <= MAX_RATE
            or not isinstance(exponent, int)
            or exponent < -10
        ):
            raise ValueError(
                f"{code}: the rate must be a number above 0 and at most 1,000,000, with at "
                "most 10 decimal places"
            )
        rates[code] = rate
    return rates


def home_dir() -> Path:
    return Path(os.environ.get(f"{ENV_PREFIX}HOME", ".")).resolve()


class Settings(BaseSettings):
    """Every setting Licman reads. The README's configuration reference lists them all."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
    )

    home: Path = Field(default_factory=home_dir, description="Licman home directory.")
    environment: Environment = Field(
        default=Environment.DEVELOPMENT,
        description="`production` turns on secure cookies and hides developer conveniences.",
    )
    database_url: str = Field(
        default="",
        description="sqlite://PATH (relative to home), postgres://USER:PASS@HOST:PORT/DB "
        "or mysql://USER:PASS@HOST:PORT/DB. Default: SQLite at <var_dir>/licman.sqlite3.",
    )
    database_pool_max: int = Field(default=10, ge=1, le=500, description="Max DB connections.")
    redis_url: str | None = Field(
        default=None, description="redis://HOST:PORT/DB; unset runs jobs in-process."
    )
    host: str = Field(default="127.0.0.1", min_length=1, description="Address to bind.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port to bind.")
    web_workers: int = Field(
        default=0,
        ge=0,
        le=64,
        description="Server processes of `licman serve`: 1 runs uvicorn alone, more run "
        "gunicorn with uvicorn workers. 0 (default): one per core in production on "
        "PostgreSQL or MariaDB, else 1 (SQLite takes one writer at a time).",
    )
    var_dir: Path = Field(default=Path("var"), description="Runtime files (relative to home).")
    log_level: str = Field(default="info", description="debug, info, warning or error.")
    log_format: LogFormat = Field(default=LogFormat.CONSOLE, description="json or console.")
    admin_email: str = Field(
        default="admin@licman.local",
        description="E-mail of the first admin that `licman init` creates.",
    )
    secret_keys: str | None = Field(
        default=None,
        description="Fernet keys for license secrets, newest first, comma-separated. "
        "Unset: the ring in var/secrets/keyring.json (created on first start).",
    )
    fingerprint_key: str | None = Field(
        default=None, description="Key for duplicate-secret fingerprints (with secret_keys)."
    )
    signing_key: str | None = Field(
        default=None,
        description="The site's Ed25519 signing key (32 bytes, base64) for audit reports, "
        "audit checkpoints and license files. Unset: var/secrets/signing-key.pem.",
    )
    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    session_absolute_hours: int = Field(default=12, ge=1, le=24 * 30)
    login_max_failures_per_account: int = Field(
        default=10, ge=1, description="Failed sign-ins per e-mail address within the window."
    )
    login_max_failures_per_ip: int = Field(
        default=50, ge=1, description="Failed sign-ins per client IP within the window."
    )
    login_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated IPs or networks of reverse proxies whose "
        "X-Forwarded-For is believed (e.g. 127.0.0.1,10.0.0.0/8).",
    )
    allowed_origins: str = Field(
        default="",
        description="Comma-separated extra origins (scheme://host[:port]) allowed to send "
        "cookie-authenticated requests; the server's own origin is always allowed.",
    )
    graphql_max_body_kb: int = Field(default=256, ge=1, le=100_000)
    graphql_max_depth: int = Field(default=10, ge=1, le=100)
    graphql_max_aliases: int = Field(default=15, ge=1, le=1000)
    graphql_max_tokens: int = Field(default=2000, ge=10, le=1_000_000)
    graphql_fast_path: bool = Field(
        default=True,
        description="Answer the hot reads (license list, one license) with the compiled plan "
        "instead of resolving each field (the same answers; see docs/performance.md).",
    )
    graphql_lean_route: bool = Field(
        default=True,
        description="Answer a POST of a read the fast path covers without Strawberry's view "
        "and extensions (the same checks, bytes and log rows; off with graphql_fast_path).",
    )
    graphql_max_duplicates: int = Field(
        default=15,
        ge=0,
        le=1000,
        description="Times one request may select a field or a fragment again where it is "
        "already selected (fragments counted at every spread).",
    )
    graphql_max_directives: int = Field(
        default=30,
        ge=0,
        le=1000,
        description="Directives (@include, @skip...) in one request, fragments counted at "
        "every spread.",
    )
    graphql_max_cost: int = Field(
        default=20_000,
        ge=1,
        le=1_000_000_000,
        description="Largest query cost of one request: each field 1, lists times their "
        "rows (a page of N counts N), each secret reveal 100.",
    )
    graphql_max_reveals: int = Field(
        default=10,
        ge=0,
        le=10_000,
        description="Secrets one request may reveal; a page of N licenses selecting the "
        "secret counts N.",
    )
    graphql_cost_budget: int = Field(
        default=400_000,
        ge=0,
        le=1_000_000_000_000,
        description="Query cost each caller (user, OAuth client, or IP when anonymous) may "
        "spend per graphql_cost_budget_seconds, refilled continuously; past it, 429. "
        "0 turns it off. At least graphql_max_cost.",
    )
    graphql_cost_budget_seconds: int = Field(default=60, ge=1, le=24 * 60 * 60)
    graphql_get_queries: bool = Field(
        default=False, description="Allow GraphQL queries (never mutations) over GET."
    )
    public_url: str | None = Field(
        default=None,
        description="The address users and integrations reach Licman at (https://host[:port], "
        "no path), the OAuth2 issuer. Unset: http://<host>:<port>.",
    )
    oauth_access_token_minutes: int = Field(
        default=60, ge=1, le=24 * 60, description="Lifetime of an OAuth2 access token."
    )
    oauth_refresh_token_idle_days: int = Field(
        default=30,
        ge=1,
        le=365,
        description="An OAuth2 refresh token expires after this many days without use.",
    )
    job_lease_seconds: int = Field(
        default=60,
        ge=2,
        le=3600,
        description="How long a worker's claim on a running job lasts without news from it; "
        "after that the job is handed to another worker, which resumes it.",
    )
    job_relay_seconds: int = Field(
        default=10,
        ge=1,
        le=3600,
        description="How often jobs waiting in the outbox (Redis was down) or abandoned by a "
        "dead worker are published again.",
    )
    audit_retention_days: int | None = Field(
        default=None,
        ge=1,
        le=36500,
        description="Purge audit events older than this many days, daily, behind a signed "
        "checkpoint (beat, or the server without Redis). Unset: keep them forever.",
    )
    api_request_retention_days: int | None = Field(
        default=None,
        ge=1,
        le=36500,
        description="Delete API request log rows older than this many days, daily. Unset: "
        "keep them forever.",
    )
    import_max_mb: int = Field(
        default=50, ge=1, le=2000, description="Largest file an import accepts, in MiB."
    )
    tls_certificate: str | None = Field(
        default=None,
        description="Path of the TLS certificate (full chain, PEM) nginx serves; unset: nginx "
        "speaks plain HTTP (TLS ends at another proxy in front of it).",
    )
    tls_certificate_key: str | None = Field(
        default=None, description="Path of the private key of tls_certificate (PEM)."
    )
    sentry_dsn: str | None = Field(
        default=None,
        description="Sentry DSN for error reports (request bodies, cookies, credentials and "
        "secret fields are scrubbed first). Unset: nothing is sent anywhere.",
    )
    smtp_host: str | None = Field(
        default=None,
        description="SMTP server that sends e-mail (expiry reminders). Unset: no e-mail is sent.",
    )
    smtp_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Default: 25 with smtp_tls none, 587 with starttls, 465 with tls.",
    )
    smtp_tls: SmtpTls = Field(
        default=SmtpTls.STARTTLS,
        description="none (plain), starttls (upgrade after connecting) or tls (from the start).",
    )
    smtp_user: str | None = Field(default=None, description="Sign in with this user name.")
    smtp_password: SecretStr | None = Field(
        default=None, description="The SMTP user's password; never logged or printed."
    )
    smtp_from: str = Field(
        default="Licman <licman@localhost>",
        min_length=3,
        description="From address of the e-mails Licman sends (Name <address> or address).",
    )
    smtp_ca_file: Path | None = Field(
        default=None,
        description="CA certificates (PEM) to trust for the SMTP server's TLS certificate, "
        "besides the system's (a private CA). Relative to home.",
    )
    smtp_timeout_seconds: int = Field(default=30, ge=1, le=600)
    reminder_digest_hour: int = Field(
        default=7,
        ge=0,
        le=23,
        description="Hour of the day (UTC) when the daily expiry digest is sent.",
    )
    default_currency: str = Field(
        default="USD",
        description="ISO 4217 code that spend is shown and sorted in (other currencies only "
        "through currency_rates).",
    )
    currency_rates: str = Field(
        default="",
        description="What one unit of another currency is worth in default_currency: "
        "`EUR=1.08,GBP=1.27`. A currency without a rate is never converted.",
    )
    auto_migrate: bool | None = Field(
        default=None,
        description="Apply pending migrations when the server starts. "
        "Default: on for SQLite, off otherwise.",
    )

    @field_validator("graphql_cost_budget")
    @classmethod
    def _check_cost_budget(cls, value: int, info: ValidationInfo) -> int:
        most = info.data.get("graphql_max_cost")
        if most is not None and 0 < value < most:
            # A request costing more than the whole budget could never run, and its
            # Retry-After would be a lie.
            raise ValueError(f"must be 0 (off) or at least graphql_max_cost ({most})")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if value == "":
            return value  # the embedded default, resolved against var_dir
        scheme = urlsplit(value).scheme
        if scheme not in DB_SCHEMES:
            allowed = ", ".join(f"{s}://" for s in DB_SCHEMES)
            raise ValueError(f"unsupported scheme {scheme or '(none)'!r}; use one of {allowed}")
        if DB_SCHEMES[scheme] != "sqlite":
            parts = urlsplit(value)
            if not parts.hostname:
                raise ValueError("the URL has no host")
            if not parts.path.strip("/"):
                raise ValueError("the URL names no database (…/DBNAME)")
            try:
                _ = parts.port
            except ValueError:
                # Never echo the parser's message: it can quote part of the password.
                raise ValueError(
                    "bad port, or a special character in the user name or password "
                    "(percent-encode it, e.g. / as %2F)"
                ) from None
        elif not value.removeprefix(f"{scheme}://"):
            raise ValueError("sqlite:// needs a file path, e.g. sqlite://var/licman.sqlite3")
        return value

    @property
    def worker_count(self) -> int:
        """How many server processes `licman serve` starts (web_workers, 0 resolved)."""
        if self.web_workers:
            return self.web_workers
        if self.production and self.db_engine != "sqlite":
            return os.cpu_count() or 1
        return 1

    @field_validator("default_currency")
    @classmethod
    def _check_default_currency(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in money_currencies():
            raise ValueError("use an ISO 4217 currency code such as EUR or USD")
        return code

    @field_validator("currency_rates")
    @classmethod
    def _check_currency_rates(cls, value: str, info: ValidationInfo) -> str:
        parse_currency_rates(value, info.data.get("default_currency"))
        return value

    @cached_property
    def rates(self) -> dict[str, Decimal]:
        """Currency -> what one unit is worth in default_currency (itself: 1)."""
        return {
            **parse_currency_rates(self.currency_rates, self.default_currency),
            self.default_currency: Decimal(1),
        }

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        if value.lower() not in {"debug", "info", "warning", "error"}:
            raise ValueError("use debug, info, warning or error")
        return value.lower()

    @field_validator("trusted_proxies")
    @classmethod
    def _check_trusted_proxies(cls, value: str) -> str:
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError:
                raise ValueError(f"{part!r} is not an IP address or network") from None
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError("use https://HOST[:PORT] (http only for a loopback address)")
        if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
            raise ValueError("give only the scheme, host and port, without a path or query")
        return f"{parts.scheme}://{parts.netloc}"

    @field_validator("smtp_host", "smtp_user", "tls_certificate", "tls_certificate_key")
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("smtp_from")
    @classmethod
    def _check_smtp_from(cls, value: str) -> str:
        from email.headerregistry import Address
        from email.utils import parseaddr

        name, address = parseaddr(value)
        if "@" not in address or any(c in value for c in "\r\n"):
            raise ValueError("use an e-mail address, or Name <address>")
        user, _, domain = address.rpartition("@")
        try:
            Address(display_name=name, username=user, domain=domain)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"not an e-mail address: {exc}") from None
        return value

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if urlsplit(value).scheme not in {"redis", "rediss", "unix"}:
            raise ValueError("use redis://HOST:PORT/DB, rediss://… or unix://PATH")
        return value

    @field_validator("sentry_dsn")
    @classmethod
    def _check_sentry_dsn(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname or not parts.username:
            raise ValueError("use the DSN Sentry shows: https://KEY@HOST/PROJECT")
        if not parts.path.strip("/"):
            raise ValueError("the DSN names no project (…/PROJECT)")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        home = home_dir()
        dotenv = type(dotenv_settings)(settings_cls, env_file=home / ENV_FILE)  # type: ignore[call-arg]
        yaml_source = YamlConfigSettingsSource(settings_cls, yaml_file=home / CONFIG_FILE)
        return (init_settings, env_settings, dotenv, yaml_source)

    # Derived values -------------------------------------------------------------------

    @property
    def db_engine(self) -> str:
        """`sqlite`, `postgres` or `mysql`."""
        return DB_SCHEMES[urlsplit(self.effective_database_url).scheme]

    @cached_property
    def runtime_dir(self) -> Path:
        return self.var_dir if self.var_dir.is_absolute() else self.home / self.var_dir

    @property
    def sqlite_path(self) -> Path | None:
        if self.db_engine != "sqlite":
            return None
        raw = unquote(self.effective_database_url.split("://", 1)[1])
        if raw == ":memory:":
            return None
        path = Path(raw)
        return path if path.is_absolute() else self.home / path

    @property
    def migrate_on_start(self) -> bool:
        return self.auto_migrate if self.auto_migrate is not None else self.db_engine == "sqlite"

    @property
    def production(self) -> bool:
        return self.environment is Environment.PRODUCTION

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite://{self.runtime_dir / 'licman.sqlite3'}"

    @property
    def issuer(self) -> str:
        """The OAuth2 issuer identifier (RFC 8414): fixed by configuration, never taken from
        a request's Host header, so a forged Host cannot make Licman name another issuer."""
        if self.public_url:
            return self.public_url
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def smtp_effective_port(self) -> int:
        if self.smtp_port is not None:
            return self.smtp_port
        return {SmtpTls.NONE: 25, SmtpTls.STARTTLS: 587, SmtpTls.TLS: 465}[self.smtp_tls]

    def database_display(self) -> str:
        """The database URL with any password hidden, for logs and messages."""
        return redact_url(self.effective_database_url)


_CREDENTIALS_RE = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:@/]*):(?P<secret>.*)@")


def redact_url(url: str) -> str:
    """Hide the password of scheme://user:password@host/... even if the password holds
    unescaped '@', '/' or ':' (everything up to the last '@' is treated as the password)."""
    return _CREDENTIALS_RE.sub(r"\g<scheme>\g<user>:***@", url, count=1)


def url_password(url: str) -> str | None:
    match = _CREDENTIALS_RE.match(url)
    return match.group("secret") if match else None


def _describe_location(loc: tuple[int | str, ...]) -> str:
    name = str(loc[0]) if loc else "?"
    return f"{ENV_PREFIX}{name.upper()} (or {name}: in {CONFIG_FILE})"


def load_settings(**overrides: Any) -> Settings:
    """Read the settings, or raise ConfigError with a one-line message naming the setting."""
    config_path = home_dir() / CONFIG_FILE
    if config_path.exists():
        try:
            data = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise ConfigError(f"{config_path}: not valid YAML{where}") from None
        if data is not None and not isinstance(data, dict):
            raise ConfigError(f"{config_path}: must be a mapping of setting: value")
        unknown = sorted(set(data or {}) - set(Settings.model_fields))
        if unknown:
            raise ConfigError(f"{config_path}: unknown setting {unknown[0]!r}")
        if data and "home" in data:
            raise ConfigError(f"{config_path}: home can only be set with LICMAN_HOME")
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        given = first.get("input")
        secret_bearing = bool(first["loc"]) and first["loc"][0] in SECRET_BEARING
        showable = isinstance(given, str | int) and given != "" and not secret_bearing
        shown = f" (got {given!r})" if showable else ""
        raise ConfigError(f"{_describe_location(first['loc'])}: {message}{shown}") from None
