"""Notices a lost database behind a GraphQL error, so the HTTP layer answers 503 instead of
masking it as an internal error with a 200."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from licman.db import is_outage

# Set on the request's state (`request.state.database_unavailable`) when any error came from it.
OUTAGE_KEY = "database_unavailable"


class DatabaseOutage(SchemaExtension):
    """Must come after the error masking in the schema's extension list: extensions leave in
    reverse order, so this one still sees the original exceptions."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        result = context.result
        errors = (result.errors if result is not None else None) or context.pre_execution_errors
        if any(e.original_error is not None and is_outage(e.original_error) for e in errors or []):
            request = getattr(context.context, "request", None)
            if request is not None:
                setattr(request.state, OUTAGE_KEY, True)
