"""Personal API tokens: create (the token is shown once), list, revoke."""

from __future__ import annotations

from datetime import datetime

from licman.models import ApiToken, Role, User
from licman.resolvers.errors import forbidden, invalid
from licman.security import tokens
from licman.security.principal import Principal


async def api_token_create(
    principal: Principal, *, user: User, name: str, expires_at: datetime | None = None
) -> tuple[str, ApiToken]:
    """Create a token for `user`; returns the token (never stored) and its row."""
    if principal.role is not Role.ADMIN and (
        principal.user is None or principal.user.id != user.id
    ):
        raise forbidden("create tokens for another user")
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise invalid("name", "must be 1 to 100 characters")
    token = tokens.new_token()
    row = await ApiToken.create(
        user=user,
        name=name,
        prefix=tokens.display_prefix(token),
        token_hash=tokens.token_hash(token),
        expires_at=expires_at,
    )
    return token, row
