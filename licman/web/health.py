"""Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database does)."""

from __future__ import annotations

import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse
from tortoise import connections

from licman.db import is_outage
from licman.web.outage import log_outage

log = structlog.get_logger(__name__)


async def healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(_request: Request) -> JSONResponse:
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as exc:
        if is_outage(exc):
            log_outage(exc)  # one line: the cause is outside the process
        else:
            log.exception("readiness check failed")
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})
