"""Browser sessions: signing in and out, one's live sessions, ending one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from licman.models import Session, User
from licman.models.base import fold
from licman.resolvers.audit import audit_record
from licman.resolvers.common import require
from licman.resolvers.errors import DomainError, ErrorCode, not_found
from licman.resolvers.user import viewer
from licman.security import sessions
from licman.security.passwords import hash_password, needs_rehash, verify_password
from licman.security.permissions import Action, may_manage_credentials_of
from licman.security.principal import Origin, Principal, PrincipalKind
from licman.settings import Settings

BAD_CREDENTIALS = "The e-mail or password is not right."


async def session_open(
    *, email: str, password: str, origin: Origin, settings: Settings
) -> tuple[str, User]:
    """Check the password and start a session. The same answer, in about the same time,
    whether or not the e-mail exists."""
    user = await User.get_or_none(email_key=fold(email), is_active=True)
    ok = await verify_password(user.password_hash if user else None, password)
    if user is None or not ok:
        raise DomainError(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS)
    assert user.password_hash is not None
    user.last_login_at = sessions.now()
    fields = ["last_login_at"]
    if needs_rehash(user.password_hash):
        user.password_hash = await hash_password(password)
        fields.append("password_hash")
    async with in_transaction():
        await user.save(update_fields=fields)
        key, session = await sessions.open_session(user, origin, settings)
        principal = Principal(
            PrincipalKind.SESSION, user=user, session_id=session.id, origin=origin
        )
        await audit_record(principal, "session.open", "session", session.id)
    return key, user


async def session_close(principal: Principal, key: str) -> bool:
    """End the session on the server (and record it, if there was a live one)."""
    async with in_transaction():
        closed = await sessions.close_session(key)
        if closed:
            await audit_record(principal, "session.close", "session", principal.session_id)
    return closed


async def my_sessions(principal: Principal, idle_minutes: int) -> list[Session]:
    """Live sessions: not revoked, not past their absolute end, not idle too long."""
    user = await viewer(principal)
    current = datetime.now(UTC)
    return await Session.filter(
        user_id=user.id,
        revoked_at=None,
        expires_at__gt=current,
        last_seen_at__gt=current - timedelta(minutes=idle_minutes),
    ).order_by("-last_seen_at")


async def session_revoke(principal: Principal, session_id: int) -> int:
    """End one of one's own sessions (admins: anyone's)."""
    require(principal, Action.ACCOUNT_MANAGE, "manage sessions with this token's scopes")
    async with in_transaction():
        session = await Session.get_or_none(id=session_id, revoked_at=None)
        if session is None or not may_manage_credentials_of(principal, session.user_id):
            raise not_found("session")
        session.revoked_at = datetime.now(UTC)
        await session.save(update_fields=["revoked_at"])
        await audit_record(principal, "session.revoke", "session", session_id)
    return session_id
