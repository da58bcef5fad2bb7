"""Resolve a request's credentials (session cookie or bearer token) to one Principal."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.signals import post_delete, post_save

from licman.models import ApiToken, CalendarFeed, OAuthClient, OAuthToken, Role, User
from licman.security import sessions, tokens
from licman.security.permissions import CALENDAR_SCOPES
from licman.security.principal import Origin, Principal, PrincipalKind, anonymous
from licman.settings import Settings

TOKEN_TOUCH_INTERVAL = timedelta(seconds=60)
# How long a token's principal is reused without looking the token up again. Revoking a token,
# disabling its OAuth client or deactivating its user takes effect in every process within
# this time; in the process that made the change, at once (see forget_tokens).
TOKEN_CACHE_SECONDS = 1.0
TOKEN_CACHE_SIZE = 10_000


@dataclass(slots=True)
class _Cached:
    principal: Principal  # with an empty origin and memo: each request gets its own
    expires_at: datetime | None
    checked: float  # the clock's reading at the look-up
    generation: int


class TokenCache:
    """Bearer token (by its SHA-256) -> principal, for TOKEN_CACHE_SECONDS. In-process only:
    every process looks each token up again at least once per TOKEN_CACHE_SECONDS, so a
    change made anywhere is seen everywhere within that time with nothing shared. Changes
    made in this process call forget(), which drops every entry at once."""

    def __init__(self, seconds: float = TOKEN_CACHE_SECONDS, size: int = TOKEN_CACHE_SIZE):
        self.seconds = seconds
        self.size = size
        self.clock: Callable[[], float] = time.monotonic
        self.generation = 0
        self._entries: dict[str, _Cached] = {}
        self._pending: dict[str, tuple[int, asyncio.Event]] = {}

    def forget(self) -> None:
        self.generation += 1
        self._entries.clear()

    def _fresh(self, key: str) -> _Cached | None:
        entry = self._entries.get(key)
        if (
            entry is not None
            and self.clock() - entry.checked < self.seconds
            and entry.generation == self.generation
        ):
            if entry.expires_at is not None and entry.expires_at <= sessions.now():
                raise AuthenticationError("token expired")
            return entry
        return None

    async def principal(
        self, key: str, origin: Origin, look_up: Callable[[], Awaitable[Principal]]
    ) -> Principal:
        entry = self._fresh(key)
        if entry is None:
            # Requests with the same token that arrive while it is being looked up wait for
            # that look-up (one statement, not one per concurrent request); if it failed,
            # each looks the token up itself and gets its own answer.
            pending = self._pending.get(key)
            if pending is not None and pending[0] == self.generation:
                await pending[1].wait()
                entry = self._fresh(key)
        if entry is not None:
            return dataclasses.replace(entry.principal, origin=origin, cache={})
        generation, now = self.generation, self.clock()
        mine = (generation, asyncio.Event())
        self._pending[key] = mine
        try:
            principal = await look_up()  # raises for a bad token: nothing is cached
        finally:
            if self._pending.get(key) is mine:
                del self._pending[key]
            mine[1].set()
        if generation == self.generation:  # not forgotten while it was looked up
            if len(self._entries) >= self.size:
                self._entries.clear()  # a flood of distinct tokens: start again, stay small
            expires = principal.cache.pop(_EXPIRES_KEY, None)
            self._entries[key] = _Cached(
                dataclasses.replace(principal, origin=Origin(), cache={}),
                expires if isinstance(expires, datetime) else None,
                now,
                generation,
            )
        principal.cache.pop(_EXPIRES_KEY, None)
        return principal


_EXPIRES_KEY = "token_expires_at"
TOKENS = TokenCache()


def forget_tokens() -> None:
    """A token, OAuth client or user changed in this process: look every token up again."""
    TOKENS.forget()


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
    principal = Principal(
        PrincipalKind.OAUTH_USER if row.user is not None else PrincipalKind.OAUTH_CLIENT,
        user=row.user,
        # Never None: an OAuth token with no scopes may do nothing, not everything.
        scopes=frozenset(row.scope.split()),
        oauth_client_id=client.client_id,
        oauth_client_name=client.name,
        service_role=Role(client.service_role) if client.service_role else None,
        origin=origin,
    )
    principal.cache[_EXPIRES_KEY] = row.expires_at
    return principal


async def principal_for_token(token: str, origin: Origin) -> Principal:
    """The principal of a bearer token, from the token cache when it was looked up within
    TOKEN_CACHE_SECONDS (and nothing changed in this process since)."""
    if tokens.looks_valid(token, tokens.OAUTH_ACCESS_PREFIX):
        return await TOKENS.principal(
            tokens.token_hash(token), origin, lambda: principal_for_oauth_token(token, origin)
        )
    if not tokens.looks_valid(token):
        raise AuthenticationError("invalid token")
    return await TOKENS.principal(
        tokens.token_hash(token), origin, lambda: _principal_for_api_token(token, origin)
    )


async def _principal_for_api_token(token: str, origin: Origin) -> Principal:
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
    principal = Principal(
        PrincipalKind.TOKEN,
        user=row.user,
        scopes=frozenset(row.scopes) if row.scopes else None,
        api_token_id=row.id,
        origin=origin,
    )
    principal.cache[_EXPIRES_KEY] = row.expires_at
    return principal


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


@post_save(User, ApiToken, OAuthToken, OAuthClient)
async def _saved(
    _sender: Any, _instance: Any, _created: bool, _using_db: Any, update_fields: Any
) -> None:
    if update_fields and list(update_fields) == ["last_used_at"]:
        return  # the look-up noting a token's use: nothing that decides access changed
    forget_tokens()


@post_delete(User, ApiToken, OAuthToken, OAuthClient)
async def _deleted(*_args: Any, **_kwargs: Any) -> None:
    forget_tokens()
