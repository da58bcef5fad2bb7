"""The gunicorn worker of the production server: uvicorn's, with uvicorn's own proxy-header
handling off (Licman believes X-Forwarded-* only from LICMAN_TRUSTED_PROXIES, in
licman.web.origin) and no `server` header."""

from __future__ import annotations

from typing import Any

from uvicorn_worker import UvicornWorker


class LicmanWorker(UvicornWorker):  # type: ignore[misc]
    CONFIG_KWARGS: dict[str, Any] = {
        "loop": "auto",
        "http": "auto",
        "lifespan": "on",
        "proxy_headers": False,
        "server_header": False,
    }
