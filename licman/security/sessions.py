"""Server-side sessions for the browser: random ids, idle and absolute timeouts, logout."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from licman.models import Session, User
from licman.security.principal import Origin
from licman.settings import Settings

COOKIE_NAME = "licman_session"
# last_seen_at is written at most this often, so reading a session is usually one SELECT.
TOUCH_INTERVAL = timedelta(seconds=60)


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


async def open_session(user: User, origin: Origin, settings: Settings) -> tuple[str, Session]:
    """Start a session; returns the cookie value (256 random bits) and the stored row."""
    key = secrets.token_urlsafe(32)
    started = now()
    session = await Session.create(
        key_hash=_key_hash(key),
        user=user,
        last_seen_at=started,
        expires_at=started + timedelta(hours=settings.session_absolute_hours),
        ip=origin.ip[:45],
        user_agent=origin.user_agent[:512],
    )
    return key, session


async def find_session(key: str, settings: Settings) -> Session | None:
    """The live session for a cookie value, with its user, or None if unknown or expired."""
    if not key or len(key) > 128:
        return None
    session = await Session.get_or_none(key_hash=_key_hash(key), revoked_at=None).select_related(
        "user"
    )
    if session is None or not session.user.is_active:
        return None
    current = now()
    idle_limit = timedelta(minutes=settings.session_idle_minutes)
    if current >= session.expires_at or current - session.last_seen_at >= idle_limit:
        session.revoked_at = current
        await session.save(update_fields=["revoked_at"])
        return None
    if current - session.last_seen_at >= TOUCH_INTERVAL:
        session.last_seen_at = current
        await session.save(update_fields=["last_seen_at"])
    return session


async def close_session(key: str) -> bool:
    """End a session on the server. True if there was a live one."""
    updated = await Session.filter(key_hash=_key_hash(key), revoked_at=None).update(
        revoked_at=now()
    )
    return updated > 0
