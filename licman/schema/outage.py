"""Notices a lost database behind a GraphQL error, so the HTTP layer answers 503 instead of
masking it as an internal error with a 200."""

from __future__ import annotations

from typing import Any

import structlog

from licman.db import is_outage

log = structlog.get_logger(__name__)

# Set on the request's state (`request.state.database_unavailable`) when an error came from it.
OUTAGE_KEY = "database_unavailable"


def note_outage(error: BaseException, context: Any) -> bool:
    """Whether the error is a lost database; if so, mark the request (the context's) for 503
    and log it in one line (no traceback: the cause is outside the process). Called by the
    schema's `process_errors`, which sees the errors before they are masked."""
    if not is_outage(error):
        return False
    log.error("database unavailable", error=f"{type(error).__name__}: {error}")
    request = getattr(context, "request", None)
    if request is not None:
        setattr(request.state, OUTAGE_KEY, True)
    return True
