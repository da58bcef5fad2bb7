"""Schema extensions: masking unexpected errors (with the request id) and closing
introspection to anonymous callers in production."""

from __future__ import annotations

from collections.abc import Iterator

import structlog
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import MaskErrors, SchemaExtension

from licman.schema.context import Context
from licman.schema.errors import INTERNAL_ERROR, should_mask


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
