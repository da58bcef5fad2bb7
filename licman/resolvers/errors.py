"""Domain errors with machine-readable codes; the GraphQL layer converts them in one place."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    DUPLICATE = "DUPLICATE"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NO_SEATS_LEFT = "NO_SEATS_LEFT"


class DomainError(Exception):
    def __init__(self, code: ErrorCode, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def invalid(field: str, message: str) -> DomainError:
    return DomainError(ErrorCode.INVALID, message, field)


def unauthenticated() -> DomainError:
    return DomainError(ErrorCode.UNAUTHENTICATED, "Sign in to do this.")


def forbidden(what: str) -> DomainError:
    return DomainError(ErrorCode.FORBIDDEN, f"You may not {what}.")
