"""Resolve a request's credentials (session cookie or bearer token) to one Principal."""

from __future__ import annotations

from datetime import timedelta

from licman.models import ApiToken, CalendarFeed, OAuthToken, Role
from licman.security import sessions, tokens
from licman.security.permissions import CALENDAR_SCOPES
from licman.security.principal import Origin, Principal, PrincipalKind, anonymous
from licman.settings import Settings

TOKEN_TOUCH_INTERVAL = timedelta(seconds=60)


class AuthenticationError(Exception):
    """Credentials were presented but are not valid (a 401, not an anonymous request)."""


async def principal_for_oauth_token(token: str, origin: Origin) -> Principal:
    """An OAuth2 access token: the client acting for its user (authorization code) or for
    itself with the role an admin gave it (client credentials). A disabled client, an
    inactive user or a revoked grant stops it at the next request."""
    row = await OAuthToken.get_or_none(
        access_token_hash=tokens.token_hash(token), revoked_at=None
    ).select_related("client", "user")
    current = sessions.now()
    if row is None or row.client.revoked_at is not None:
        raise AuthenticationError("invalid token")
    if row.user is not None and not row.user.is_active:
        raise AuthenticationError("invalid token")
    if row.expires_at <= current:
        raise AuthenticationError("token expired")
    if row.last_used_at is None or current - row.last_used_at >= TOKEN_TOUCH_INTERVAL:
        row.last_used_at = current
        await row.save(update_fields=["last_used_at"])
    client = row.client
    return Principal(
        PrincipalKind.OAUTH_USER if row.user is not None else PrincipalKind.OAUTH_CLIENT,
        user=row.user,
        # Never None: an OAuth token with no scopes may do nothing, not everything.
        scopes=frozenset(row.scope.split()),
        oauth_client_id=client.client_id,
        oauth_client_name=client.name,
        service_role=Role(client.service_role) if client.service_role else None,
        origin=origin,
    )


async def principal_for_token(token: str, origin: Origin) -> Principal:
    if tokens.looks_valid(token, tokens.OAUTH_ACCESS_PREFIX):
        return await principal_for_oauth_token(token, origin)
    if not tokens.looks_valid(token):
        raise AuthenticationError("invalid token")
    row = await ApiToken.get_or_none(
        token_hash=tokens.token_hash(token), revoked_at=None
    ).select_related("user")
    current = sessions.now()
    if row is None or not row.user.is_active:
        raise AuthenticationError("invalid token")
    if row.expires_at is not None and row.expires_at <= current:
        raise AuthenticationError("token expired")
    if row.last_used_at is None or current - row.last_used_at >= TOKEN_TOUCH_INTERVAL:
        row.last_used_at = current
        await row.save(update_fields=["last_used_at"])
    return Principal(
        PrincipalKind.TOKEN,
        user=row.user,
        scopes=frozenset(row.scopes) if row.scopes else None,
        api_token_id=row.id,
        origin=origin,
    )


async def principal_for_calendar(token: str, origin: Origin) -> Principal:
    """A calendar feed URL's token: its user, reading licenses only (CALENDAR_SCOPES). A
    revoked or regenerated token, or an inactive user, is AuthenticationError."""
    if not tokens.looks_valid(token, tokens.CALENDAR_PREFIX):
        raise AuthenticationError("unknown calendar")
    row = await CalendarFeed.get_or_none(token_hash=tokens.token_hash(token)).select_related("user")
    if row is None or not row.user.is_active:
        raise AuthenticationError("unknown calendar")
    current = sessions.now()
    if row.last_used_at is None or current - row.last_used_at >= TOKEN_TOUCH_INTERVAL:
        await CalendarFeed.filter(id=row.id).update(last_used_at=current)
    return Principal(PrincipalKind.TOKEN, user=row.user, scopes=CALENDAR_SCOPES, origin=origin)


async def authenticate(
    authorization: str | None, session_key: str | None, origin: Origin, settings: Settings
) -> Principal:
    """A bearer token wins over a cookie; neither gives the anonymous principal."""
    if authorization:
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() != "bearer" or not credentials.strip():
            raise AuthenticationError("use Authorization: Bearer <token>")
        return await principal_for_token(credentials.strip(), origin)
    if session_key:
        session = await sessions.find_session(session_key, settings)
        if session is not None:
            return Principal(
                PrincipalKind.SESSION, user=session.user, session_id=session.id, origin=origin
            )
    return anonymous(origin)
