"""The one place where domain errors become GraphQL errors, and unexpected ones are masked."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLOutputType
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

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


class DomainErrorExecutor(StrawberryGraphQLCoreExecutionContext):
    """Every field may simply raise DomainError: it becomes a GraphQL error with its code
    here, where graphql-core first catches a field's exception, before any extension
    (logging, masking, the API log) sees it. No field needs its own try/except, and the
    fast path of default-resolved fields is untouched. (Strawberry's `exception_handlers`
    convert exceptions into union results only, which would change every field's type.)
    Mutations with payloads still catch DomainError themselves, in `attempt`."""

    def handle_field_error(
        self,
        raw_error: Exception,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        path: Path,
    ) -> None:
        if isinstance(raw_error, DomainError):
            raw_error = domain_error(raw_error)
        super().handle_field_error(raw_error, return_type, field_details_list, path)


def should_mask(error: GraphQLError) -> bool:
    """Mask only unexpected exceptions; validation, limit and domain errors stay readable."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)


def enum_value(value: Enum | str) -> str:
    return value.value if isinstance(value, Enum) else value
