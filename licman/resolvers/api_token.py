"""Personal API tokens: create (the token is shown once), list, revoke.

A token made with a token is its child: it never outranks its parent (its scopes are a
subset of the parent's) and never outlives it (it expires when the parent does, or before)."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from licman.models import ApiToken, User
from licman.resolvers.audit import audit_record
from licman.resolvers.common import require
from licman.resolvers.errors import forbidden, invalid, not_found
from licman.resolvers.user import viewer
from licman.security import tokens
from licman.security.permissions import (
    SCOPES,
    Action,
    acts_through_app,
    may_manage_credentials_of,
    scopes_beyond_own,
)
from licman.security.principal import Principal


def _child_scopes(principal: Principal, scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise invalid("scopes", f"unknown scope {unknown[0]!r}; use {', '.join(sorted(SCOPES))}")
    if scopes_beyond_own(principal, set(scopes)):
        raise invalid("scopes", "a token cannot create a token with more scopes than its own")
    if not scopes and principal.scopes is not None:
        scopes = sorted(principal.scopes)  # "all of my rights" means all of the parent's
    return sorted(set(scopes))


async def _child_expiry(principal: Principal, expires_at: datetime | None) -> datetime | None:
    if expires_at is not None and expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)  # a time without a zone is taken as UTC
    if expires_at is not None and expires_at <= datetime.now(UTC):
        raise invalid("expiresAt", "expiresAt must be in the future")
    if principal.api_token_id is None:
        return expires_at
    parent = await ApiToken.get_or_none(id=principal.api_token_id)
    ends = parent.expires_at if parent is not None else None
    if ends is None:
        return expires_at
    if expires_at is None:
        return ends  # no expiry asked for: the parent's
    if expires_at > ends:
        raise invalid(
            "expiresAt",
            f"expiresAt must be on or before {ends.astimezone(UTC).isoformat()}, when the "
            "token creating it expires",
        )
    return expires_at


async def api_token_create(
    principal: Principal,
    *,
    user: User,
    name: str,
    expires_at: datetime | None = None,
    scopes: list[str] | None = None,
) -> tuple[str, ApiToken]:
    """Create a token for `user`; returns the token (never stored) and its row."""
    if acts_through_app(principal):
        raise forbidden("create personal API tokens through an OAuth2 app")
    if not may_manage_credentials_of(principal, user.id):
        raise forbidden("create tokens for another user")
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise invalid("name", "must be 1 to 100 characters")
    chosen = _child_scopes(principal, scopes or [])
    expires_at = await _child_expiry(principal, expires_at)
    token = tokens.new_token()
    row = await ApiToken.create(
        user=user,
        name=name,
        prefix=tokens.display_prefix(token),
        token_hash=tokens.token_hash(token),
        scopes=chosen,
        expires_at=expires_at,
    )
    return token, row


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
