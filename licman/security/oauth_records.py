"""What Licman's OAuth2 server and its store hand each other: clients, users, codes and
tokens as plain, immutable values (safe to read from Authlib's worker thread), the store's
interface, and the rule for matching redirect URIs."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6749.models import AuthorizationCodeMixin, TokenMixin

from licman.security import tokens
from licman.security.permissions import SCOPES
from licman.security.principal import Origin

CODE = "authorization_code"
REFRESH = "refresh_token"
CLIENT_CREDENTIALS = "client_credentials"
GRANT_TYPES = (CODE, CLIENT_CREDENTIALS)  # what a client may be registered for
CODE_SECONDS = 60  # RFC 9700 wants codes short-lived; a redirect takes well under a second
SECRET_METHODS = ["client_secret_basic", "client_secret_post"]
_LOOPBACK = re.compile(r"(127\.0\.0\.1|\[::1\]|localhost)(:\d{1,5})?")


def redirect_uri_matches(registered: str, given: str) -> bool:
    """Exact string match, except that a registered http loopback URI accepts any port
    (RFC 8252 7.3: native apps listen on whatever port is free)."""
    if given == registered:
        return True
    try:
        reg, got = urlsplit(registered), urlsplit(given)
    except ValueError:
        return False
    reg_host, got_host = _LOOPBACK.fullmatch(reg.netloc), _LOOPBACK.fullmatch(got.netloc)
    if reg.scheme != "http" or reg_host is None or got_host is None:
        return False
    return (got.scheme, got_host.group(1), got.path, got.query, got.fragment) == (
        "http",
        reg_host.group(1),
        reg.path,
        reg.query,
        reg.fragment,
    )


@dataclass(frozen=True, eq=False)
class ClientRecord(ClientMixin):  # type: ignore[misc]
    pk: int
    client_id: str
    name: str
    secret_hash: str | None
    redirect_uris: tuple[str, ...]
    grant_types: frozenset[str]
    scopes: tuple[str, ...]

    @property
    def confidential(self) -> bool:
        return self.secret_hash is not None

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        # Only when there is no choice to make; otherwise the request must name one.
        return self.redirect_uris[0] if len(self.redirect_uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str | None:
        """Asked for nothing: every scope it is registered for. Asked for a scope it is not
        registered for: None, which Authlib answers with invalid_scope."""
        wanted = scope.split() if scope else list(self.scopes)
        if not set(wanted) <= set(self.scopes):
            return None
        return " ".join(s for s in SCOPES if s in wanted)  # a stable order

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return any(redirect_uri_matches(r, redirect_uri) for r in self.redirect_uris)

    def check_client_secret(self, client_secret: str) -> bool:
        if self.secret_hash is None:
            return False
        return secrets.compare_digest(tokens.token_hash(client_secret), self.secret_hash)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in SECRET_METHODS if self.confidential else method == "none"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and CODE in self.grant_types

    def check_grant_type(self, grant_type: str) -> bool:
        if grant_type == REFRESH:
            return CODE in self.grant_types  # refresh tokens come with the code grant
        if grant_type == CLIENT_CREDENTIALS:
            return self.confidential and grant_type in self.grant_types
        return grant_type in self.grant_types


@dataclass(frozen=True)
class UserRecord:
    id: int
    email: str
    name: str


@dataclass(frozen=True)
class CodeRecord(AuthorizationCodeMixin):  # type: ignore[misc]
    pk: int
    client_pk: int
    user_id: int
    redirect_uri: str  # as the authorization request gave it ("" if it named none)
    scope: str
    code_challenge: str | None
    code_challenge_method: str | None
    family: str
    used: bool
    expired: bool

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope


@dataclass(frozen=True)
class TokenRecord(TokenMixin):  # type: ignore[misc]
    pk: int
    kind: str  # "access_token" or "refresh_token": which of the row's two was presented
    client_pk: int
    client_id: str
    user_id: int | None
    username: str | None
    scope: str
    family: str
    active: bool  # not expired, revoked, spent, nor of a disabled client or inactive user
    spent: bool  # a refresh token already exchanged for the next one
    issued_at: datetime
    expires_at: datetime | None

    def check_client(self, client: ClientRecord) -> bool:
        return self.client_pk == client.pk

    def get_scope(self) -> str:
        return self.scope

    def is_expired(self) -> bool:
        return not self.active

    def is_revoked(self) -> bool:
        return not self.active


@dataclass(frozen=True)
class NewToken:
    access_token: str
    refresh_token: str | None
    scope: str
    expires_in: int

    @classmethod
    def of(cls, token: Mapping[str, Any]) -> NewToken:
        return cls(
            token["access_token"], token.get("refresh_token"), token.get("scope", ""),
            int(token["expires_in"]),
        )  # fmt: skip


@dataclass(frozen=True)
class NewCode:
    code: str
    client: ClientRecord
    user: UserRecord
    redirect_uri: str
    scope: str
    code_challenge: str
    code_challenge_method: str


class OAuthStore(Protocol):
    """The database side of the server. Each call is one transaction that also writes its
    audit event."""

    async def client(self, client_id: str) -> ClientRecord | None: ...
    async def user(self, user_id: int) -> UserRecord | None: ...
    async def code_save(self, new: NewCode, origin: Origin) -> None: ...
    async def code_find(self, code: str, client: ClientRecord) -> CodeRecord | None: ...
    async def code_redeem(self, code: CodeRecord, token: NewToken, origin: Origin) -> bool: ...
    async def code_replayed(self, code: CodeRecord, origin: Origin) -> None: ...
    async def refresh_find(self, refresh_token: str) -> TokenRecord | None: ...
    async def refresh_rotate(self, old: TokenRecord, new: NewToken, origin: Origin) -> bool: ...
    async def refresh_reused(self, old: TokenRecord, origin: Origin) -> None: ...
    async def client_token_save(
        self, client: ClientRecord, new: NewToken, origin: Origin
    ) -> None: ...
    async def token_find(self, token: str, hint: str | None) -> TokenRecord | None: ...
    async def token_revoke(self, token: TokenRecord, origin: Origin) -> None: ...
    async def refused(
        self,
        endpoint: str,
        client_id: str | None,
        error: str,
        detail: str,
        origin: Origin,
        user_id: int | None = None,
    ) -> None: ...
