"""Structured logs: one JSON (or console) line per event, request id bound to every line."""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

import structlog

from licman.settings import LogFormat, Settings


def configure_logging(settings: Settings) -> None:
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if settings.log_format is LogFormat.JSON
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        # filter_by_level first: an event below the logger's level (the access line of
        # every request, at the default warning level) is dropped before the other
        # processors run, as the standard library would drop it after them.
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    # Our middleware writes one access line per request; uvicorn's own would repeat it.
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("tortoise").setLevel(max(logging.INFO, root.level))
    # Authlib logs issued tokens and client credentials at DEBUG: never let those through.
    logging.getLogger("authlib").setLevel(max(logging.INFO, root.level))
    configure_error_reporting(settings)


# --- error reports (Sentry) ---------------------------------------------------------------

SCRUBBED = "[scrubbed]"
# Keys whose values never leave the server, wherever they sit in an event.
_SENSITIVE_KEY = re.compile(
    r"secret|passw|pwd|token|authori[sz]ation|cookie|session|csrf|xsrf|api[-_]?key|"
    r"credential|dsn|ciphertext|fingerprint|private|signature|verifier|^code$|^keys?$|"
    r"database_url|redis_url|^data$|^body$",
    re.IGNORECASE,
)
_CREDENTIALS_IN_URL = re.compile(r"([a-z][a-z0-9+.-]*://[^:@/\s]*:)[^@\s]*@", re.IGNORECASE)
_BEARER = re.compile(r"(bearer|basic)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_LICMAN_TOKEN = re.compile(r"lcm_[a-z]{3}_[A-Za-z0-9_-]+")
_FERNET = re.compile(r"gAAAAA[A-Za-z0-9_=-]{20,}")  # a secret's ciphertext
# Request headers that are kept (everything else is dropped): none of them carry credentials.
_SAFE_HEADERS = {"user-agent", "content-type", "content-length", "accept", "host", "x-request-id"}


def _scrub_text(text: str) -> str:
    text = _CREDENTIALS_IN_URL.sub(r"\1***@", text)
    text = _BEARER.sub(r"\1 " + SCRUBBED, text)
    text = _LICMAN_TOKEN.sub(SCRUBBED, text)
    return _FERNET.sub(SCRUBBED, text)


def scrub(value: Any, key: str | None = None) -> Any:
    """A copy of an event (or part of one) without anything that could be a secret."""
    if key is not None and _SENSITIVE_KEY.search(key):
        return SCRUBBED
    if isinstance(value, dict):
        return {k: scrub(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    if isinstance(value, str):
        return _scrub_text(value)
    return value


def scrub_event(event: dict[str, Any], _hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's before_send: no request body, cookies, query string or credential-bearing
    header; no value under a key that names a secret; no token, password in a URL or
    ciphertext in any text."""
    request = event.get("request")
    if isinstance(request, dict):
        for part in ("data", "cookies", "query_string", "env"):
            request.pop(part, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                k: v for k, v in headers.items() if str(k).lower() in _SAFE_HEADERS
            }
        url = request.get("url")
        if isinstance(url, str):
            request["url"] = url.split("?", 1)[0]
    scrubbed: dict[str, Any] = scrub(event)
    return scrubbed


def scrub_breadcrumb(crumb: dict[str, Any], _hint: dict[str, Any] | None = None) -> dict[str, Any]:
    scrubbed: dict[str, Any] = scrub(crumb)
    return scrubbed


def configure_error_reporting(settings: Settings) -> bool:
    """Start sending error reports to Sentry when (and only when) sentry_dsn is set."""
    if not settings.sentry_dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.starlette import StarletteIntegration
    from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber

    from licman import __version__

    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        environment=settings.environment.value,
        release=f"licman@{__version__}",
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        include_source_context=False,
        traces_sample_rate=None,
        auto_enabling_integrations=False,  # only what is listed: no database or Redis spans
        integrations=[StarletteIntegration(), CeleryIntegration()],
        event_scrubber=EventScrubber(
            denylist=[*DEFAULT_DENYLIST, "secret_ciphertext", "fingerprint", "dsn"],
            recursive=True,
        ),
        before_send=scrub_event,  # type: ignore[arg-type]
        before_breadcrumb=scrub_breadcrumb,
    )
    return True
