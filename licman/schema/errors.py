"""The one place where domain errors become GraphQL errors, and unexpected ones are masked."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from graphql import GraphQLError

from licman.resolvers.errors import DomainError, ErrorCode

INTERNAL_ERROR = "Internal error"

ErrorCodeEnum = strawberry.enum(ErrorCode, name="ErrorCode", description="Why it was refused.")


@strawberry.type(description="Why a mutation changed nothing: which input field, and the rule.")
class UserError:
    field: str | None = strawberry.field(
        description="The input field at fault (camelCase), or null for the request as a whole."
    )
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation.")


def user_errors(exc: DomainError) -> list[UserError]:
    return [UserError(field=e.field, code=e.code, message=e.message) for e in exc.errors]


def domain_error(exc: DomainError) -> GraphQLError:
    """For queries and fields: a GraphQL error with the code (and field) in extensions."""
    extensions: dict[str, Any] = {"code": str(exc.code)}
    if exc.field:
        extensions["field"] = exc.field
    if exc.scope:
        extensions["scope"] = exc.scope
    return GraphQLError(exc.message, extensions=extensions)


def should_mask(error: GraphQLError) -> bool:
    """Mask only unexpected exceptions; validation, limit and domain errors stay readable."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)


def enum_value(value: Enum | str) -> str:
    return value.value if isinstance(value, Enum) else value
