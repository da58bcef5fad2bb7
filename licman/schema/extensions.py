"""Schema extensions: masking unexpected errors (with the request id) and closing
introspection to anonymous callers in production."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import structlog
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from licman.schema.context import Context
from licman.schema.errors import INTERNAL_ERROR, should_mask
from licman.settings import Settings


class MaskUnexpectedErrors(MaskErrors):
    """The client sees "Internal error" and the request id to quote; the log has the trace.
    Domain, validation, limit and permission errors stay readable."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=should_mask, error_message=INTERNAL_ERROR)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = structlog.contextvars.get_contextvars().get("request_id", "")
        return GraphQLError(
            message=f"{INTERNAL_ERROR} (request id {request_id})",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": "INTERNAL", "requestId": request_id},
        )


class IntrospectionGate(SchemaExtension):
    """In production, anonymous callers may not introspect the schema; signed-in users keep
    the explorer. The validation cache keys on the rule set, so the two never mix."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if (
            isinstance(context, Context)
            and context.settings.production
            and not context.principal.is_authenticated
        ):
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield


_SUGGESTION = re.compile(r"\s*Did you mean .*\?$")


@functools.lru_cache(maxsize=8)
def _limit_rules(max_depth: int, max_aliases: int) -> tuple[Any, ...]:
    """The same rule classes for the same limits, so the validation cache keeps hitting."""
    return (
        *QueryDepthLimiter(max_depth=max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules,
    )


class RequestLimits(SchemaExtension):
    """Depth, alias and token limits from the settings of the app serving the request, and
    no "Did you mean ...?" hints in any validation error (they map the schema for anyone)."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        settings = context.settings if isinstance(context, Context) else Settings()
        self.execution_context.parse_options["max_tokens"] = settings.graphql_max_tokens
        self.execution_context.validation_rules = (
            *self.execution_context.validation_rules,
            *_limit_rules(settings.graphql_max_depth, settings.graphql_max_aliases),
        )
        yield

    def on_validate(self) -> Iterator[None]:
        yield
        for error in self.execution_context.pre_execution_errors or []:
            error.message = _SUGGESTION.sub("", error.message)
