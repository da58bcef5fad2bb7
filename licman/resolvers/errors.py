"""Domain errors with machine-readable codes; the GraphQL layer converts them in one place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    DUPLICATE = "DUPLICATE"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NO_SEATS_LEFT = "NO_SEATS_LEFT"
    ALREADY_ASSIGNED = "ALREADY_ASSIGNED"
    IN_USE = "IN_USE"
    TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS"


@dataclass(frozen=True, slots=True)
class FieldError:
    code: ErrorCode
    message: str
    field: str | None = None
    scope: str | None = None  # for FORBIDDEN: the token scope that would have allowed it


class DomainError(Exception):
    """One or more reasons why an operation was refused; nothing was changed."""

    def __init__(
        self, code: ErrorCode, message: str, field: str | None = None, scope: str | None = None
    ) -> None:
        super().__init__(message)
        self.errors = [FieldError(code, message, field, scope)]

    @classmethod
    def many(cls, errors: list[FieldError]) -> DomainError:
        first = errors[0]
        error = cls(first.code, first.message, first.field)
        error.errors = list(errors)
        return error

    @property
    def code(self) -> ErrorCode:
        return self.errors[0].code

    @property
    def message(self) -> str:
        return self.errors[0].message

    @property
    def field(self) -> str | None:
        return self.errors[0].field

    @property
    def scope(self) -> str | None:
        return self.errors[0].scope


def invalid(field: str, message: str) -> DomainError:
    return DomainError(ErrorCode.INVALID, message, field)


def not_found(kind: str, field: str = "id") -> DomainError:
    return DomainError(ErrorCode.NOT_FOUND, f"No such {kind}, or you may not see it.", field)


def unauthenticated() -> DomainError:
    return DomainError(ErrorCode.UNAUTHENTICATED, "Sign in to do this.")


def forbidden(what: str, missing_scope: str | None = None) -> DomainError:
    """FORBIDDEN; when a token's scopes are the reason, the message names the scope needed."""
    if missing_scope:
        return DomainError(
            ErrorCode.FORBIDDEN,
            f"You may not {what}: this token lacks the scope '{missing_scope}'.",
            scope=missing_scope,
        )
    return DomainError(ErrorCode.FORBIDDEN, f"You may not {what}.")


def conflict(kind: str) -> DomainError:
    return DomainError(
        ErrorCode.CONFLICT,
        f"The {kind} was changed by someone else since you loaded it; reload and try again.",
        "version",
    )
