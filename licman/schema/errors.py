"""The one place where domain errors become GraphQL errors, and unexpected ones are masked."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from licman.resolvers.errors import DomainError

INTERNAL_ERROR = "Internal error"


def domain_error(exc: DomainError) -> GraphQLError:
    extensions: dict[str, Any] = {"code": str(exc.code)}
    if exc.field:
        extensions["field"] = exc.field
    return GraphQLError(exc.message, extensions=extensions)


def should_mask(error: GraphQLError) -> bool:
    """Mask only unexpected exceptions; validation, limit and domain errors stay readable."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)
