"""Where a request came from (IP, user agent, request id), for logs and the audit trail.

The client IP is the peer address, unless the peer is a configured trusted proxy: then
X-Forwarded-For is read from the right, skipping trusted proxies, and the first address
that is not one of them is the client."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from starlette.requests import HTTPConnection

from licman.security.principal import Origin

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=16)
def trusted_networks(spec: str) -> tuple[Network, ...]:
    return tuple(
        ipaddress.ip_network(p.strip(), strict=False) for p in spec.split(",") if p.strip()
    )


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def from_trusted_proxy(conn: HTTPConnection, trusted: str) -> bool:
    peer = conn.client.host if conn.client else ""
    networks = trusted_networks(trusted)
    return bool(networks) and _trusted(peer, networks)


def client_ip(conn: HTTPConnection, trusted: str = "") -> str:
    peer = conn.client.host if conn.client else ""
    networks = trusted_networks(trusted)
    if not networks or not _trusted(peer, networks):
        return peer
    forwarded = [a.strip() for a in conn.headers.get("x-forwarded-for", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not _trusted(address, networks):
            return address[:45]
    return forwarded[0][:45] if forwarded else peer


def request_origin(conn: HTTPConnection) -> Origin:
    settings = getattr(conn.app.state, "settings", None) if "app" in conn.scope else None
    trusted = settings.trusted_proxies if settings is not None else ""
    return Origin(
        ip=client_ip(conn, trusted),
        user_agent=conn.headers.get("user-agent", "")[:512],
        request_id=str(getattr(conn.state, "request_id", "")),
    )
