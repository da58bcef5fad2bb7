"""The client IP for logs, audit and throttling: X-Forwarded-For only from trusted proxies."""

from __future__ import annotations

from starlette.requests import Request

from licman.web.origin import client_ip


def request(peer: str, forwarded: str | None = None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return Request({"type": "http", "client": (peer, 4321), "headers": headers})


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert client_ip(request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_a_forged_header_from_an_untrusted_peer_is_ignored() -> None:
    assert client_ip(request("203.0.113.9", "1.2.3.4"), "127.0.0.1") == "203.0.113.9"


def test_behind_a_trusted_proxy_the_forwarded_address_is_used() -> None:
    assert client_ip(request("127.0.0.1", "198.51.100.7"), "127.0.0.1") == "198.51.100.7"


def test_the_rightmost_untrusted_address_wins_over_a_spoofed_left_part() -> None:
    # The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the real address.
    chain = "6.6.6.6, 198.51.100.7, 10.0.0.2"
    assert client_ip(request("10.0.0.1", chain), "10.0.0.0/8") == "198.51.100.7"
