"""A signed-in user's own account: password, sessions and personal API tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from licman.models import ApiToken, Session, User
from licman.resolvers.api_token import api_token_create
from licman.resolvers.audit import audit_record
from licman.resolvers.common import require
from licman.resolvers.errors import DomainError, ErrorCode, invalid, not_found
from licman.resolvers.user import end_sessions_and_tokens, viewer
from licman.security.passwords import (
    PasswordPolicyError,
    hash_password,
    verify_password,
)
from licman.security.permissions import Action, may_manage_credentials_of
from licman.security.principal import Principal
from licman.security.throttle import LoginThrottle


async def password_change(
    principal: Principal, old_password: str, new_password: str, *, throttle: LoginThrottle
) -> User:
    """Change one's own password (the old one is required). Every other session and every
    API token of the user ends: whoever knew the old password is out.

    A wrong old password counts as a failed sign-in of the account (and the client IP), and
    a locked account is refused before any password is checked: a stolen session is no
    oracle for guessing the password, however many attempts one request carries."""
    user = await viewer(principal)
    require(principal, Action.ACCOUNT_MANAGE, "change the password with this token's scopes")
    ip = principal.origin.ip
    verdict = await throttle.check(user.email, ip)
    if not verdict.allowed:
        raise DomainError(
            ErrorCode.TOO_MANY_ATTEMPTS,
            f"Too many wrong passwords; try again in {verdict.retry_after_seconds} seconds.",
            "oldPassword",
        )
    if not await verify_password(user.password_hash, old_password):
        await throttle.failed(user.email, ip)
        raise DomainError(ErrorCode.INVALID, "The current password is not right.", "oldPassword")
    await throttle.succeeded(user.email, ip)
    if new_password == old_password:
        raise invalid("newPassword", "The new password must differ from the current one.")
    try:
        new_hash = await hash_password(new_password)
    except PasswordPolicyError as exc:
        raise invalid("newPassword", f"newPassword {exc}") from None
    async with in_transaction():
        user.password_hash = new_hash
        user.password_changed_at = datetime.now(UTC)
        await user.save(update_fields=["password_hash", "password_changed_at", "updated_at"])
        ended = await end_sessions_and_tokens(user.id, keep_session_id=principal.session_id)
        await audit_record(
            principal, "user.password_change", "user", user.id, extra={"credentials_ended": ended}
        )
    return user


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


async def my_tokens(principal: Principal) -> list[ApiToken]:
    user = await viewer(principal)
    return await ApiToken.filter(user_id=user.id, revoked_at=None).order_by("-created_at")


async def token_create(
    principal: Principal, name: str, scopes: list[str], expires_at: datetime | None
) -> tuple[str, ApiToken]:
    """A new personal token for the caller; the plaintext is returned once, never stored.
    Made with a token, it gets at most that token's scopes and expiry (see api_token)."""
    user = await viewer(principal)
    require(principal, Action.ACCOUNT_MANAGE, "create tokens with this token's scopes")
    async with in_transaction():
        token, row = await api_token_create(
            principal, user=user, name=name, expires_at=expires_at, scopes=scopes
        )
        await audit_record(
            principal,
            "api_token.create",
            "api_token",
            row.id,
            extra={"name": row.name, "scopes": row.scopes, "expires_at": row.expires_at},
        )
    return token, row


async def token_revoke(principal: Principal, token_id: int) -> int:
    """Revoke one of one's own tokens (admins: anyone's). It stops working at once."""
    require(principal, Action.ACCOUNT_MANAGE, "revoke tokens with this token's scopes")
    async with in_transaction():
        row = await ApiToken.get_or_none(id=token_id, revoked_at=None)
        if row is None or not may_manage_credentials_of(principal, row.user_id):
            raise not_found("API token")
        row.revoked_at = datetime.now(UTC)
        await row.save(update_fields=["revoked_at"])
        await audit_record(principal, "api_token.revoke", "api_token", token_id)
    return token_id
