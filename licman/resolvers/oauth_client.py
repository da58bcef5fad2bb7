"""OAuth2 clients: admins register, list, change, disable and delete them (the secret is
shown once and stored as a hash); every user sees and revokes the apps they authorised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from licman.models import OAuthClient, OAuthToken, Role
from licman.resolvers.audit import audit_record
from licman.resolvers.common import UNSET, found, locked, require, snapshot
from licman.resolvers.errors import invalid, not_found
from licman.resolvers.user import viewer
from licman.resolvers.validation import Checker
from licman.security import tokens
from licman.security.authn import forget_tokens
from licman.security.oauth_records import CLIENT_CREDENTIALS, CODE, GRANT_TYPES
from licman.security.permissions import SCOPES, Action
from licman.security.principal import Principal

MAX_REDIRECT_URIS = 10
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def now() -> datetime:
    return datetime.now(UTC)


def _redirect_uri(uri: str) -> str | None:
    """Why this redirect URI cannot be registered, or None. https only, except http on a
    loopback address (RFC 8252 native apps); no fragment, no credentials, no wildcards."""
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return f"{uri!r} is not a valid URL"
    if len(uri) > 2048:
        return "a redirect URI may be at most 2,048 characters"
    if not parts.hostname or parts.scheme not in ("https", "http"):
        return f"{uri!r} must be an absolute https:// URL"
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        return f"{uri!r} must use https (http only for 127.0.0.1, [::1] or localhost)"
    if parts.fragment or "#" in uri:
        return f"{uri!r} must not have a fragment"
    if parts.username is not None or parts.password is not None:
        return f"{uri!r} must not contain a user name or password"
    if "*" in uri:
        return f"{uri!r} must not contain wildcards: URIs match exactly"
    return None


@dataclass
class ClientSpec:
    """A client as given to create or update it (UNSET: leave as it is, in an update)."""

    name: str = UNSET
    grant_types: list[str] = UNSET
    redirect_uris: list[str] = UNSET
    scopes: list[str] = UNSET
    service_role: Role | None = UNSET

    @classmethod
    def new(
        cls,
        name: str,
        grant_types: list[str],
        scopes: list[str],
        redirect_uris: list[str] | None = None,
        service_role: Role | None = None,
    ) -> ClientSpec:
        return cls(name, grant_types, redirect_uris or [], scopes, service_role)


def _clean(spec: ClientSpec, current: OAuthClient | None) -> dict[str, Any]:
    """The checked fields to write, or INVALID errors naming every field at fault. Rules
    that span fields (a code grant needs a redirect URI) look at the client as it will be."""
    check = Checker()
    out: dict[str, Any] = {}

    def given(name: str) -> bool:
        return getattr(spec, name) is not UNSET

    def final(name: str) -> Any:
        return getattr(spec, name) if given(name) else getattr(current, name, None)

    if given("name"):
        out["name"] = check.text("name", spec.name, max_length=200, required=True)
    if given("grant_types"):
        if not spec.grant_types or not set(spec.grant_types) <= set(GRANT_TYPES):
            check.fail("grantTypes", f"give one or both of {', '.join(GRANT_TYPES)}")
        out["grant_types"] = [g for g in GRANT_TYPES if g in spec.grant_types]
    if given("scopes"):
        if not spec.scopes or not set(spec.scopes) <= set(SCOPES):
            check.fail("scopes", f"give one or more of {', '.join(SCOPES)}")
        out["scopes"] = [s for s in SCOPES if s in spec.scopes]
    if given("redirect_uris"):
        if len(spec.redirect_uris) > MAX_REDIRECT_URIS:
            check.fail("redirectUris", f"give at most {MAX_REDIRECT_URIS} redirect URIs")
        problem = next(filter(None, map(_redirect_uri, spec.redirect_uris)), None)
        if problem:
            check.fail("redirectUris", problem)
        out["redirect_uris"] = list(dict.fromkeys(spec.redirect_uris))
    grants = final("grant_types") or []
    if CODE in grants and not final("redirect_uris"):
        check.fail("redirectUris", "the authorization_code grant needs a redirect URI")
    role = final("service_role")
    if CLIENT_CREDENTIALS in grants:
        # Least privilege unless an admin chooses a role.
        out["service_role"] = Role(role) if role else Role.MEMBER
    elif given("service_role") and spec.service_role is not None:
        check.fail("serviceRole", "a service role is only used by the client_credentials grant")
    else:
        out["service_role"] = None
    check.done()
    return out


async def _end_tokens(client_pk: int) -> int:
    ended = await OAuthToken.filter(client_id=client_pk, revoked_at=None).update(revoked_at=now())
    forget_tokens()
    return ended


async def oauth_client_create(
    principal: Principal, spec: ClientSpec, *, confidential: bool
) -> tuple[str | None, OAuthClient]:
    """Register a client; returns its secret (confidential clients only, shown this once)
    and the row. Client credentials need a confidential client."""
    require(principal, Action.USER_ADMIN, "register OAuth clients")
    fields = _clean(spec, None)
    if CLIENT_CREDENTIALS in spec.grant_types and not confidential:
        raise invalid("confidential", "client_credentials needs a confidential client")
    secret = tokens.new_token(tokens.OAUTH_SECRET_PREFIX) if confidential else None
    async with in_transaction():
        row = await OAuthClient.create(
            client_id=tokens.new_client_id(),
            client_secret_hash=tokens.token_hash(secret) if secret else None,
            owner=principal.user,
            **fields,
        )
        await audit_record(
            principal, "oauth_client.create", "oauth_client", row.id, after=snapshot(row)
        )
    return secret, row


async def oauth_client_list(principal: Principal) -> list[OAuthClient]:
    require(principal, Action.USER_ADMIN, "see OAuth clients")
    return await OAuthClient.all().order_by("name", "id")


async def oauth_client_get(principal: Principal, pk: int) -> OAuthClient:
    require(principal, Action.USER_ADMIN, "see OAuth clients")
    return await found(OAuthClient, pk, "OAuth client")


async def oauth_client_by_client_id(principal: Principal, client_id: str) -> OAuthClient:
    require(principal, Action.USER_ADMIN, "see OAuth clients")
    row = await OAuthClient.get_or_none(client_id=client_id)
    if row is None:
        raise not_found("OAuth client", "clientId")
    return row


async def oauth_client_update(principal: Principal, pk: int, spec: ClientSpec) -> OAuthClient:
    """Change a client. Changing its grants, scopes or service role ends its tokens (their
    holders authorise again under the new terms); a new name or redirect URIs do not."""
    require(principal, Action.USER_ADMIN, "change OAuth clients")
    async with in_transaction():
        row = await locked(OAuthClient, pk, "OAuth client")
        fields = _clean(spec, row)
        if CLIENT_CREDENTIALS in fields.get("grant_types", []) and row.client_secret_hash is None:
            raise invalid("grantTypes", "client_credentials needs a confidential client")
        before = snapshot(row)
        changed = {k: v for k, v in fields.items() if getattr(row, k) != v}
        for key, value in changed.items():
            setattr(row, key, value)
        if not changed:
            return row
        await row.save(update_fields=list(changed))
        ended = 0
        if {"grant_types", "scopes", "service_role"} & set(changed):
            ended = await _end_tokens(row.id)
        await audit_record(
            principal, "oauth_client.update", "oauth_client", row.id,
            before=before, after=snapshot(row), extra={"tokens_revoked": ended},
        )  # fmt: skip
    return row


async def oauth_client_set_enabled(principal: Principal, pk: int, enabled: bool) -> OAuthClient:
    """Disable (its tokens stop at once, and it gets no new ones) or enable again."""
    require(principal, Action.USER_ADMIN, "disable OAuth clients")
    async with in_transaction():
        row = await locked(OAuthClient, pk, "OAuth client")
        if (row.revoked_at is None) == enabled:
            return row
        row.revoked_at = None if enabled else now()
        await row.save(update_fields=["revoked_at"])
        ended = 0 if enabled else await _end_tokens(row.id)
        action = "oauth_client.enable" if enabled else "oauth_client.disable"
        await audit_record(
            principal, action, "oauth_client", row.id,
            extra={"client_id": row.client_id, "tokens_revoked": ended},
        )  # fmt: skip
    return row


async def oauth_client_delete(principal: Principal, pk: int) -> int:
    """Delete a client with its codes and tokens (the audit trail keeps its id)."""
    require(principal, Action.USER_ADMIN, "delete OAuth clients")
    async with in_transaction():
        row = await locked(OAuthClient, pk, "OAuth client")
        before = snapshot(row)
        await row.delete()
        await audit_record(principal, "oauth_client.delete", "oauth_client", pk, before=before)
    return pk


async def oauth_client_secret_rotate(principal: Principal, pk: int) -> tuple[str, OAuthClient]:
    """A new secret, shown once; the old one stops working at once (tokens already issued
    keep working: disable the client to end those too)."""
    require(principal, Action.USER_ADMIN, "rotate OAuth client secrets")
    async with in_transaction():
        row = await locked(OAuthClient, pk, "OAuth client")
        if row.client_secret_hash is None:
            raise invalid("id", "a public client has no secret")
        secret = tokens.new_token(tokens.OAUTH_SECRET_PREFIX)
        row.client_secret_hash = tokens.token_hash(secret)
        await row.save(update_fields=["client_secret_hash"])
        await audit_record(
            principal, "oauth_client.secret_rotate", "oauth_client", row.id,
            extra={"client_id": row.client_id},
        )  # fmt: skip
    return secret, row


# --- the apps a user has authorised ----------------------------------------------------------


@dataclass(frozen=True)
class AuthorizedApp:
    client: OAuthClient
    scopes: list[str]
    authorized_at: datetime
    last_used_at: datetime | None


def _live(current: datetime) -> Q:
    return Q(revoked_at=None) & (
        Q(expires_at__gt=current) | Q(rotated_at=None, refresh_expires_at__gt=current)
    )


async def my_authorized_apps(principal: Principal) -> list[AuthorizedApp]:
    """Clients holding a live token for the caller, with the scopes they hold."""
    user = await viewer(principal)
    require(principal, Action.ACCOUNT_MANAGE, "see authorised apps with this token's scopes")
    rows = (
        await OAuthToken.filter(_live(now()), user_id=user.id)
        .select_related("client")
        .order_by("issued_at")
    )
    apps: dict[int, AuthorizedApp] = {}
    for row in rows:
        found = apps.get(row.client_id)
        scopes = sorted({*(found.scopes if found else []), *row.scope.split()})
        used = [t for t in (row.last_used_at, found and found.last_used_at) if t]
        apps[row.client_id] = AuthorizedApp(
            client=row.client,
            scopes=[s for s in SCOPES if s in scopes],
            authorized_at=found.authorized_at if found else row.issued_at,
            last_used_at=max(used) if used else None,
        )
    return sorted(apps.values(), key=lambda app: app.client.name.casefold())


async def authorized_app_revoke(principal: Principal, client_pk: int) -> int:
    """Take an app's access away: every token it holds for the caller ends at once."""
    user = await viewer(principal)
    require(principal, Action.ACCOUNT_MANAGE, "revoke authorised apps with this token's scopes")
    async with in_transaction():
        ended = await OAuthToken.filter(
            client_id=client_pk, user_id=user.id, revoked_at=None
        ).update(revoked_at=now())
        forget_tokens()
        if ended == 0:
            raise not_found("authorised app")
        await audit_record(
            principal, "oauth.app_revoke", "oauth_client", client_pk,
            extra={"tokens_revoked": ended},
        )  # fmt: skip
    return client_pk
