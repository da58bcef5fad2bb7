"""The database side of the OAuth2 server (the `OAuthStore` of security/oauth_server.py):
clients, codes and tokens. Each call is one transaction with its audit event, and every
check-then-change is a guarded UPDATE, so concurrent requests cannot both win."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from licman.models import OAuthAuthorizationCode, OAuthClient, OAuthToken, Role, User
from licman.resolvers.audit import audit_record
from licman.security import tokens
from licman.security.authn import forget_tokens
from licman.security.oauth_records import (
    CODE_SECONDS,
    ClientRecord,
    CodeRecord,
    NewCode,
    NewToken,
    TokenRecord,
    UserRecord,
)
from licman.security.principal import Origin, Principal, PrincipalKind
from licman.settings import Settings

ACCESS, REFRESH = "access_token", "refresh_token"


def now() -> datetime:
    return datetime.now(UTC)


def client_record(row: OAuthClient) -> ClientRecord:
    return ClientRecord(
        pk=row.id,
        client_id=row.client_id,
        name=row.name,
        secret_hash=row.client_secret_hash,
        redirect_uris=tuple(row.redirect_uris),
        grant_types=frozenset(row.grant_types),
        scopes=tuple(row.scopes),
    )


async def revoke_family(family: str) -> int:
    """End every token of one authorization at once."""
    ended = await OAuthToken.filter(family=family, revoked_at=None).update(revoked_at=now())
    forget_tokens()
    return ended


async def _actor(
    client_pk: int, user_id: int | None, origin: Origin, kind: PrincipalKind | None = None
) -> Principal:
    """Who the audit trail names: the client acting for the user, or for itself."""
    client = await OAuthClient.get_or_none(id=client_pk)
    user = await User.get_or_none(id=user_id) if user_id is not None else None
    if kind is None:
        kind = PrincipalKind.OAUTH_USER if user is not None else PrincipalKind.OAUTH_CLIENT
    return Principal(
        kind,
        user=user,
        oauth_client_id=client.client_id if client else None,
        oauth_client_name=client.name if client else "",
        service_role=Role(client.service_role) if client and client.service_role else None,
        origin=origin,
    )


class OAuthFlowStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def client(self, client_id: str) -> ClientRecord | None:
        row = await OAuthClient.get_or_none(client_id=client_id, revoked_at=None)
        return client_record(row) if row is not None else None

    async def user(self, user_id: int) -> UserRecord | None:
        row = await User.get_or_none(id=user_id, is_active=True)
        return UserRecord(row.id, row.email, row.name) if row is not None else None

    async def code_save(self, new: NewCode, origin: Origin) -> None:
        async with in_transaction():
            await OAuthAuthorizationCode.create(
                code_hash=tokens.token_hash(new.code),
                client_id=new.client.pk,
                user_id=new.user.id,
                redirect_uri=new.redirect_uri,
                scope=new.scope,
                code_challenge=new.code_challenge,
                code_challenge_method=new.code_challenge_method,
                expires_at=now() + timedelta(seconds=CODE_SECONDS),
            )
            actor = await _actor(new.client.pk, new.user.id, origin, PrincipalKind.SESSION)
            await audit_record(
                actor, "oauth.authorize", "oauth_client", new.client.pk,
                extra={"client_id": new.client.client_id, "scope": new.scope},
            )  # fmt: skip

    async def code_find(self, code: str, client: ClientRecord) -> CodeRecord | None:
        if not tokens.looks_valid(code, tokens.OAUTH_CODE_PREFIX):
            return None
        row = await OAuthAuthorizationCode.get_or_none(
            code_hash=tokens.token_hash(code), client_id=client.pk
        )
        if row is None:
            return None
        return CodeRecord(
            pk=row.id,
            client_pk=row.client_id,
            user_id=row.user_id,
            redirect_uri=row.redirect_uri,
            scope=row.scope,
            code_challenge=row.code_challenge,
            code_challenge_method=row.code_challenge_method,
            family=row.code_hash,  # the tokens of a code share its (unique) hash as family
            used=row.used_at is not None,
            expired=row.expires_at <= now(),
        )

    async def code_redeem(self, code: CodeRecord, token: NewToken, origin: Origin) -> bool:
        """Claim the code and store its tokens in one transaction; the loser of a race (or a
        replay) revokes whatever the winner got."""
        async with in_transaction():
            current = now()
            won = await OAuthAuthorizationCode.filter(
                id=code.pk, used_at=None, expires_at__gt=current
            ).update(used_at=current)
            if not won:
                if await OAuthAuthorizationCode.filter(id=code.pk, used_at__isnull=False).exists():
                    await self._family_ended(code, origin)
                return False
            row = await self._create(code.client_pk, code.user_id, token, code.family)
            actor = await _actor(code.client_pk, code.user_id, origin)
            await audit_record(
                actor, "oauth.token", "oauth_token", row.id,
                extra={"grant": "authorization_code", "scope": row.scope},
            )  # fmt: skip
        return True

    async def code_replayed(self, code: CodeRecord, origin: Origin) -> None:
        async with in_transaction():
            await self._family_ended(code, origin)

    async def _family_ended(self, code: CodeRecord, origin: Origin) -> None:
        revoked = await revoke_family(code.family)
        actor = await _actor(code.client_pk, code.user_id, origin)
        await audit_record(
            actor, "oauth.code_replay", "oauth_client", code.client_pk,
            extra={"tokens_revoked": revoked},
        )  # fmt: skip

    async def _create(
        self, client_pk: int, user_id: int | None, token: NewToken, family: str
    ) -> OAuthToken:
        issued = now()
        refresh = token.refresh_token
        idle = timedelta(days=self.settings.oauth_refresh_token_idle_days)
        return await OAuthToken.create(
            client_id=client_pk,
            user_id=user_id,
            access_token_hash=tokens.token_hash(token.access_token),
            refresh_token_hash=tokens.token_hash(refresh) if refresh else None,
            scope=token.scope,
            family=family,
            issued_at=issued,
            expires_at=issued + timedelta(seconds=token.expires_in),
            refresh_expires_at=issued + idle if refresh else None,
        )

    async def refresh_find(self, refresh_token: str) -> TokenRecord | None:
        return await self.token_find(refresh_token, REFRESH)

    async def refresh_rotate(self, old: TokenRecord, new: NewToken, origin: Origin) -> bool:
        async with in_transaction():
            current = now()
            won = await OAuthToken.filter(
                id=old.pk, rotated_at=None, revoked_at=None, refresh_expires_at__gt=current
            ).update(rotated_at=current)
            if not won:  # spent by a concurrent request a moment ago: a reuse all the same
                await self._reused(old, origin)
                return False
            row = await self._create(old.client_pk, old.user_id, new, old.family)
            actor = await _actor(old.client_pk, old.user_id, origin)
            await audit_record(
                actor, "oauth.refresh", "oauth_token", row.id,
                extra={"scope": row.scope, "replaces": old.pk},
            )  # fmt: skip
        return True

    async def refresh_reused(self, old: TokenRecord, origin: Origin) -> None:
        async with in_transaction():
            await self._reused(old, origin)

    async def _reused(self, old: TokenRecord, origin: Origin) -> None:
        revoked = await revoke_family(old.family)
        actor = await _actor(old.client_pk, old.user_id, origin)
        await audit_record(
            actor, "oauth.refresh_reuse", "oauth_token", old.pk,
            extra={"tokens_revoked": revoked},
        )  # fmt: skip

    async def client_token_save(self, client: ClientRecord, new: NewToken, origin: Origin) -> None:
        async with in_transaction():
            row = await self._create(client.pk, None, new, secrets.token_hex(16))
            actor = await _actor(client.pk, None, origin)
            await audit_record(
                actor, "oauth.token", "oauth_token", row.id,
                extra={"grant": "client_credentials", "scope": row.scope},
            )  # fmt: skip

    async def token_find(self, token: str, hint: str | None) -> TokenRecord | None:
        """Either kind of token; its prefix says which (the hint is only a hint)."""
        digest = tokens.token_hash(token)
        if tokens.looks_valid(token, tokens.OAUTH_ACCESS_PREFIX):
            kind, query = ACCESS, OAuthToken.filter(access_token_hash=digest)
        elif tokens.looks_valid(token, tokens.OAUTH_REFRESH_PREFIX):
            kind, query = REFRESH, OAuthToken.filter(refresh_token_hash=digest)
        else:
            return None
        row = await query.select_related("client", "user").first()
        return token_record(row, kind) if row is not None else None

    async def token_revoke(self, token: TokenRecord, origin: Origin) -> None:
        """RFC 7009: revoking either token ends the whole authorization it belongs to."""
        async with in_transaction():
            revoked = await revoke_family(token.family)
            actor = await _actor(token.client_pk, token.user_id, origin)
            await audit_record(
                actor, "oauth.revoke", "oauth_token", token.pk,
                extra={"token_type": token.kind, "tokens_revoked": revoked},
            )  # fmt: skip

    async def refused(
        self,
        endpoint: str,
        client_id: str | None,
        error: str,
        detail: str,
        origin: Origin,
        user_id: int | None = None,
    ) -> None:
        client = await OAuthClient.get_or_none(client_id=client_id) if client_id else None
        user = await User.get_or_none(id=user_id) if user_id is not None else None
        actor = Principal(
            PrincipalKind.SESSION if user is not None else PrincipalKind.ANONYMOUS,
            user=user,
            oauth_client_id=client.client_id if client else None,
            oauth_client_name=client.name if client else "",
            origin=origin,
        )
        extra = {"endpoint": endpoint, "error": error, "detail": detail[:300]}
        if client is None and client_id:
            extra["claimed_client_id"] = client_id[:100]  # unknown: kept as given, cut short
        async with in_transaction():
            await audit_record(
                actor, "oauth.refuse", "oauth_client", client.id if client else None, extra=extra
            )


def token_record(row: OAuthToken, kind: str) -> TokenRecord:
    current = now()
    client: OAuthClient = row.client
    user: User | None = row.user
    expires: datetime | None
    if kind == ACCESS:
        alive, expires = row.expires_at > current, row.expires_at
    else:
        expires = row.refresh_expires_at
        alive = expires is not None and expires > current and row.rotated_at is None
    usable = row.revoked_at is None and client.revoked_at is None
    usable = usable and (user is None or user.is_active)
    return TokenRecord(
        pk=row.id,
        kind=kind,
        client_pk=client.id,
        client_id=client.client_id,
        user_id=user.id if user else None,
        username=user.email if user else None,
        scope=row.scope,
        family=row.family,
        active=alive and usable,
        spent=kind == REFRESH and row.rotated_at is not None and row.revoked_at is None,
        issued_at=row.issued_at,
        expires_at=expires,
    )
