"""Licman's OAuth2 authorization server: Authlib's generic (sync) server, bridged to the
async app, with the defaults RFC 9700 asks to tighten.

Authlib has no async server. The web layer runs Authlib's entry points in a worker thread
(`anyio.to_thread.run_sync`), and every hook that needs the database calls the async
`OAuthStore` back on the event loop (`anyio.from_thread.run`), one store call per
transaction. The store is passed in (resolvers/oauth_flow.py) and speaks in the values of
security/oauth_records.py, so this module never imports the resolvers.

Tightened against Authlib's defaults: PKCE with S256 for every client (plain, a missing
challenge and a verifier without a challenge are refused); refresh tokens rotate on every
use and a spent one revokes its family; a code is marked used in the same transaction that
stores its tokens, so of concurrent redemptions exactly one wins; access tokens live an
hour (a setting), not ten days; redirect URIs match exactly (loopback ports excepted).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import anyio.from_thread
from authlib.oauth2.rfc6749 import (
    AuthorizationServer,
    InvalidGrantError,
    InvalidRequestError,
    OAuth2Payload,
    OAuth2Request,
)
from authlib.oauth2.rfc6749 import grants as rfc6749_grants
from authlib.oauth2.rfc6749.util import extract_basic_authorization
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7662 import IntrospectionEndpoint

from licman.security import tokens
from licman.security.oauth_records import (
    CLIENT_CREDENTIALS,
    CODE,
    REFRESH,
    SECRET_METHODS,
    ClientRecord,
    CodeRecord,
    NewCode,
    NewToken,
    OAuthStore,
    TokenRecord,
    UserRecord,
)
from licman.security.permissions import SCOPES
from licman.security.principal import Origin
from licman.settings import Settings

T = TypeVar("T")


# --- requests and responses ---------------------------------------------------------------


class _Payload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._datalist: dict[str, list[str]] = {}
        for key, value in pairs:
            self._datalist.setdefault(key, []).append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> dict[str, list[str]]:
        return self._datalist


class LicmanRequest(OAuth2Request):  # type: ignore[misc]
    """A request already read by the async web layer: Authlib never touches the socket.
    `params` are the OAuth parameters (the query of an authorization request, the form
    body of a token request)."""

    def __init__(
        self,
        method: str,
        uri: str,
        headers: Mapping[str, str],
        params: list[tuple[str, str]],
        origin: Origin,
        endpoint: str,
    ) -> None:
        super().__init__(method, uri, headers=headers)
        self.payload = _Payload(params)
        self.origin = origin
        self.endpoint = endpoint

    @property
    def args(self) -> dict[str, str]:
        return dict(self.payload.data)

    @property
    def form(self) -> dict[str, str]:
        return dict(self.payload.data)


@dataclass
class OAuthReply:
    status: int
    body: Any
    headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def location(self) -> str | None:
        return next((v for k, v in self.headers if k.lower() == "location"), None)


# --- grants and endpoints -----------------------------------------------------------------


def _server(obj: Any) -> LicmanAuthorizationServer:
    server: LicmanAuthorizationServer = obj.server
    return server


class S256Only(CodeChallenge):  # type: ignore[misc]
    """PKCE for every client, S256 only (RFC 9700 2.1.1)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send code_challenge (S256).")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("code_challenge_method must be S256.")
        super().validate_code_challenge(grant, redirect_uri)

    def validate_code_verifier(self, grant: Any, result: Any) -> None:
        request = grant.request
        if not self.get_authorization_code_challenge(request.authorization_code):
            raise InvalidRequestError("This code was issued without a code_challenge.")
        if not request.form.get("code_verifier"):
            raise InvalidRequestError("Missing 'code_verifier'.")
        super().validate_code_verifier(grant, result)


class CodeGrant(rfc6749_grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = [*SECRET_METHODS, "none"]

    @staticmethod
    def validate_authorization_redirect_uri(request: LicmanRequest, client: ClientRecord) -> str:
        # As Authlib's, without quoting the (attacker-chosen) URI back in the description.
        given: str | None = request.payload.redirect_uri
        if given:
            if not client.check_redirect_uri(given):
                raise InvalidRequestError("The redirect_uri is not registered for this client.")
            return given
        default = client.get_default_redirect_uri()
        if not default:
            raise InvalidRequestError("Send redirect_uri: this client has several.")
        return default

    def generate_authorization_code(self) -> str:
        return tokens.new_token(tokens.OAUTH_CODE_PREFIX)

    def save_authorization_code(self, code: str, request: LicmanRequest) -> None:
        data = request.payload.data
        new = NewCode(
            code, request.client, request.user, data.get("redirect_uri") or "", request.scope,
            data["code_challenge"], data["code_challenge_method"],
        )  # fmt: skip
        _server(self).call(_server(self).store.code_save, new, request.origin)

    def query_authorization_code(self, code: str, client: ClientRecord) -> CodeRecord | None:
        server = _server(self)
        record = server.call(server.store.code_find, code, client)
        if record is not None and record.used:
            server.call(server.store.code_replayed, record, self.request.origin)
            return None
        return None if record is None or record.expired else record

    def authenticate_user(self, code: CodeRecord) -> UserRecord | None:
        return _server(self).call(_server(self).store.user, code.user_id)

    def create_token_response(self) -> tuple[int, dict[str, Any], list[tuple[str, str]]]:
        # Authlib stores the tokens, then deletes the code: two steps, so two concurrent
        # redemptions could both succeed. Here the code is claimed in the same transaction.
        server, code = _server(self), self.request.authorization_code
        user = self.authenticate_user(code)
        if user is None:
            raise InvalidGrantError("The user of this code can no longer sign in.")
        self.request.user = user
        token = self.generate_token(
            user=user, scope=code.get_scope(),
            include_refresh_token=self.request.client.check_grant_type(REFRESH),
        )  # fmt: skip
        if not server.call(server.store.code_redeem, code, NewToken.of(token), self.request.origin):
            raise InvalidGrantError("The code was already used; its tokens are revoked.")
        return 200, token, self.TOKEN_RESPONSE_HEADER


class RefreshGrant(rfc6749_grants.RefreshTokenGrant):  # type: ignore[misc]
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation (RFC 9700 4.14.2)
    TOKEN_ENDPOINT_AUTH_METHODS = [*SECRET_METHODS, "none"]

    def authenticate_refresh_token(self, refresh_token: str) -> TokenRecord | None:
        server = _server(self)
        record = server.call(server.store.refresh_find, refresh_token)
        if record is None or not record.check_client(self.request.client):
            return None
        if record.spent:
            server.call(server.store.refresh_reused, record, self.request.origin)
            return None
        return record if record.active else None

    def authenticate_user(self, token: TokenRecord) -> UserRecord | None:
        if token.user_id is None:
            return None
        return _server(self).call(_server(self).store.user, token.user_id)

    def create_token_response(self) -> tuple[int, dict[str, Any], list[tuple[str, str]]]:
        server, old = _server(self), self.request.refresh_token
        user = self.authenticate_user(old)
        if user is None:
            raise InvalidGrantError("The user of this token can no longer sign in.")
        self.request.user = user
        token = self.issue_token(user, old)
        if not server.call(
            server.store.refresh_rotate, old, NewToken.of(token), self.request.origin
        ):
            raise InvalidGrantError("The refresh token was already used; its family is revoked.")
        return 200, token, self.TOKEN_RESPONSE_HEADER


class ClientCredentials(rfc6749_grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = SECRET_METHODS


class Revocation(RevocationEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS = [*SECRET_METHODS, "none"]  # public clients revoke their own too

    def query_token(self, token: str, hint: str | None) -> TokenRecord | None:
        return _server(self).call(_server(self).store.token_find, token, hint)

    def revoke_token(self, token: TokenRecord, request: LicmanRequest) -> None:
        _server(self).call(_server(self).store.token_revoke, token, request.origin)


class Introspection(IntrospectionEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS = SECRET_METHODS  # RFC 7662 2.1: the caller must authenticate

    def query_token(self, token: str, hint: str | None) -> TokenRecord | None:
        return _server(self).call(_server(self).store.token_find, token, hint)

    def check_permission(self, token: TokenRecord, client: ClientRecord, request: Any) -> bool:
        return token.check_client(client)  # a client learns about its own tokens only

    def introspect_token(self, token: TokenRecord) -> dict[str, Any]:
        body: dict[str, Any] = {
            "active": True,
            "client_id": token.client_id,
            "scope": token.scope,
            "token_type": "Bearer" if token.kind == "access_token" else "refresh_token",
            "iat": int(token.issued_at.timestamp()),
            "iss": _server(self).settings.issuer,
            "sub": f"user:{token.user_id}" if token.user_id else f"client:{token.client_id}",
        }
        if token.expires_at is not None:
            body["exp"] = int(token.expires_at.timestamp())
        if token.username:
            body["username"] = token.username
        return body


class LicmanAuthorizationServer(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, store: OAuthStore, settings: Settings) -> None:
        super().__init__(scopes_supported=list(SCOPES))
        self.store = store
        self.settings = settings
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                lambda **_: tokens.new_token(tokens.OAUTH_ACCESS_PREFIX),
                lambda **_: tokens.new_token(tokens.OAUTH_REFRESH_PREFIX),
                lambda client, grant_type: settings.oauth_access_token_minutes * 60,
            ),
        )
        self.register_grant(CodeGrant, [S256Only()])
        self.register_grant(RefreshGrant)
        self.register_grant(ClientCredentials)
        self.register_endpoint(Revocation)
        self.register_endpoint(Introspection)

    def call(self, func: Callable[..., Coroutine[Any, Any, T]], *args: Any) -> T:
        """From Authlib's worker thread: run one async store call on the event loop."""
        return anyio.from_thread.run(func, *args)

    def query_client(self, client_id: str) -> ClientRecord | None:
        if not client_id or len(client_id) > 64:
            return None
        return self.call(self.store.client, client_id)

    def save_token(self, token: dict[str, Any], request: LicmanRequest) -> None:
        # Only client credentials get here: the code and refresh grants save atomically.
        self.call(self.store.client_token_save, request.client, NewToken.of(token), request.origin)

    def create_oauth2_request(self, request: LicmanRequest) -> LicmanRequest:
        return request

    def create_json_request(self, request: Any) -> Any:
        raise NotImplementedError("Licman takes no JSON OAuth requests")

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> OAuthReply:
        return OAuthReply(status, body, list(headers))

    def handle_error_response(self, request: LicmanRequest, error: Any) -> OAuthReply:
        """Every refusal is an audit event, with the client it named."""
        client = request.client.client_id if request.client else request.payload.client_id
        client = client or extract_basic_authorization(request.headers)[0]
        user_id = request.user.id if isinstance(request.user, UserRecord) else None
        self.call(
            self.store.refused, request.endpoint, client, error.error,
            error.get_error_description() or "", request.origin, user_id,
        )  # fmt: skip
        reply: OAuthReply = super().handle_error_response(request, error)
        return reply

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass  # the store writes the audit events


def metadata(settings: Settings) -> dict[str, Any]:
    """RFC 8414 authorization server metadata; the issuer is exactly the configured one."""
    issuer = settings.issuer
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/oauth/authorize",
        "token_endpoint": f"{issuer}/oauth/token",
        "revocation_endpoint": f"{issuer}/oauth/revoke",
        "introspection_endpoint": f"{issuer}/oauth/introspect",
        "scopes_supported": list(SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": [CODE, REFRESH, CLIENT_CREDENTIALS],
        "token_endpoint_auth_methods_supported": [*SECRET_METHODS, "none"],
        "revocation_endpoint_auth_methods_supported": [*SECRET_METHODS, "none"],
        "introspection_endpoint_auth_methods_supported": SECRET_METHODS,
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": True,
    }
