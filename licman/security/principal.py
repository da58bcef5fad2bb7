"""Who is acting: resolved once per request (or job) and passed to every resolver first."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from licman.models import Role, User


class PrincipalKind(StrEnum):
    ANONYMOUS = "anonymous"
    SESSION = "session"  # a user signed in through the browser
    TOKEN = "token"  # noqa: S105 - a user's personal API token
    OAUTH_USER = "oauth_user"  # an OAuth2 client acting for a user (authorization code)
    OAUTH_CLIENT = "oauth_client"  # an OAuth2 client acting for itself (client credentials)
    SYSTEM = "system"  # the CLI and background jobs


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a request came from, for the audit and API logs."""

    ip: str = ""
    user_agent: str = ""
    request_id: str = ""


@dataclass(frozen=True, slots=True)
class Principal:
    kind: PrincipalKind
    user: User | None = None
    # None: no narrowing. A set: token or OAuth scopes, which only ever narrow the user's rights.
    scopes: frozenset[str] | None = None
    session_id: int | None = None
    api_token_id: int | None = None
    oauth_client_id: str | None = None
    # The role a client-credentials client acts with (chosen by an admin at registration).
    service_role: Role | None = None
    oauth_client_name: str = ""
    origin: Origin = field(default_factory=Origin)
    # Per-request memo (the permission engine keeps the caller's grants here).
    cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.kind is not PrincipalKind.ANONYMOUS

    @property
    def role(self) -> Role | None:
        if self.kind is PrincipalKind.SYSTEM:
            return Role.ADMIN
        if self.kind is PrincipalKind.OAUTH_CLIENT:
            return self.service_role
        return Role(self.user.role) if self.user is not None else None

    @property
    def label(self) -> str:
        """A human-readable name for logs and the audit trail."""
        if self.user is not None:
            return self.user.email
        if self.oauth_client_id:
            return f"oauth client {self.oauth_client_name or self.oauth_client_id}"
        return self.kind.value


def anonymous(origin: Origin | None = None) -> Principal:
    return Principal(PrincipalKind.ANONYMOUS, origin=origin or Origin())


def system(reason: str = "cli") -> Principal:
    return Principal(PrincipalKind.SYSTEM, origin=Origin(user_agent=f"licman-{reason}"))
