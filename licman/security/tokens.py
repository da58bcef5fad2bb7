"""Bearer secrets: `lcm_<kind>_` + 32 random bytes + a CRC32 checksum, stored as SHA-256.

Kinds: personal API tokens (`lcm_pat_`), and for OAuth2 access tokens (`lcm_oat_`), refresh
tokens (`lcm_ort_`), authorization codes (`lcm_oac_`) and client secrets (`lcm_ocs_`).

The prefix and checksum let secret scanners recognise a leaked Licman token (and reject
random strings without a database look-up), as GitHub's token format does.
"""

from __future__ import annotations

import hashlib
import secrets
import zlib

PAT_PREFIX = "lcm_pat_"
OAUTH_ACCESS_PREFIX = "lcm_oat_"
OAUTH_REFRESH_PREFIX = "lcm_ort_"
OAUTH_CODE_PREFIX = "lcm_oac_"
OAUTH_SECRET_PREFIX = "lcm_ocs_"  # noqa: S105 - a prefix, not a secret
OAUTH_CLIENT_ID_PREFIX = "lcm_oci_"
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BODY_LENGTH = 43  # 32 random bytes in base62
_CHECKSUM_LENGTH = 6


def _base62(number: int, width: int) -> str:
    digits = []
    while number:
        number, rest = divmod(number, 62)
        digits.append(_ALPHABET[rest])
    return "".join(reversed(digits)).rjust(width, "0")


def _checksum(body: str) -> str:
    return _base62(zlib.crc32(body.encode()), _CHECKSUM_LENGTH)


def new_token(prefix: str = PAT_PREFIX) -> str:
    body = _base62(int.from_bytes(secrets.token_bytes(32), "big"), _BODY_LENGTH)
    return f"{prefix}{body}{_checksum(body)}"


def looks_valid(token: str, prefix: str = PAT_PREFIX) -> bool:
    """Right prefix, length and checksum: worth a database look-up."""
    if not token.startswith(prefix):
        return False
    rest = token[len(prefix) :]
    if len(rest) != _BODY_LENGTH + _CHECKSUM_LENGTH:
        return False
    body, checksum = rest[:_BODY_LENGTH], rest[_BODY_LENGTH:]
    return secrets.compare_digest(_checksum(body), checksum)


def token_hash(token: str) -> str:
    """SHA-256 hex. Tokens carry 256 random bits, so a fast hash is safe (no salt needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_client_id() -> str:
    """A public OAuth2 client identifier (not a secret): recognisable, unguessable."""
    return f"{OAUTH_CLIENT_ID_PREFIX}{secrets.token_hex(12)}"


def display_prefix(token: str) -> str:
    """What the owner sees later to recognise a token: `lcm_pat_` and 4 characters."""
    return token[: len(PAT_PREFIX) + 4]


CALENDAR_PREFIX = "lcm_cal_"
