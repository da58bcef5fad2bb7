"""Where a request came from (IP, user agent, request id), for logs and the audit trail."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from licman.security.principal import Origin


def request_origin(conn: HTTPConnection) -> Origin:
    client = conn.client
    return Origin(
        ip=client.host if client else "",
        user_agent=conn.headers.get("user-agent", "")[:512],
        request_id=str(getattr(conn.state, "request_id", "")),
    )
