"""A signed-in user's own account: the password (sessions and API tokens: `session.py`,
`api_token.py`)."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from licman.models import User
from licman.resolvers.audit import audit_record
from licman.resolvers.common import require
from licman.resolvers.errors import DomainError, ErrorCode, invalid
from licman.resolvers.user import end_sessions_and_tokens, viewer
from licman.security.passwords import (
    PasswordPolicyError,
    hash_password,
    verify_password,
)
from licman.security.permissions import Action
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
    attempt = await throttle.begin(user.email, ip)  # counted before checked: see throttle
    verdict = attempt.verdict
    if not verdict.allowed:
        raise DomainError(
            ErrorCode.TOO_MANY_ATTEMPTS,
            f"Too many wrong passwords; try again in {verdict.retry_after_seconds} seconds.",
            "oldPassword",
        )
    if not await verify_password(user.password_hash, old_password):
        await throttle.failed(attempt)
        raise DomainError(ErrorCode.INVALID, "The current password is not right.", "oldPassword")
    await throttle.succeeded(attempt)
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
