"""Schema extensions: masking unexpected errors (with the request id), closing introspection
to anonymous callers in production, and the request limits (limits.py measures, limits_cache.py
remembers, refusals.py words the answer, security/budget.py keeps each caller's cost budget)."""

from __future__ import annotations

import functools
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import structlog
from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    get_operation_ast,
)
from graphql.execution.values import get_variable_values
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.schema.schema import validate_document

from licman.schema.context import Context
from licman.schema.errors import INTERNAL_ERROR, should_mask
from licman.schema.limits import analyse
from licman.schema.limits_cache import AnalysisCache
from licman.schema.refusals import refusals
from licman.security.budget import CostBudget, Spend, app_budget, caller_key
from licman.security.permissions import is_signed_in
from licman.security.principal import Principal
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
            and not is_signed_in(context.principal)
        ):
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield


# graphql-core's hints: " Did you mean 'a', 'b', or 'c'?" at the end of a message or in its
# middle ("... unknown field 'x'. Did you mean 'y'? Found: ..."). Names hold no "?".
_SUGGESTION = re.compile(r"\s*Did you mean\b[^?]*\?")


def without_suggestions(message: str) -> str:
    """The message with every "Did you mean ...?" hint taken out, wherever it stands."""
    return _SUGGESTION.sub("", message)


_ANALYSES = AnalysisCache(size=256)  # by document text, like the parser cache


@functools.lru_cache(maxsize=256)
def _validate(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ASTValidationRule], ...]
) -> list[GraphQLError]:
    """Validation by document (the parser cache hands out the same node for the same text),
    with no "Did you mean ...?" hints (they map the schema for anyone)."""
    errors = validate_document(schema, document, rules)
    for error in errors:
        error.message = without_suggestions(error.message)
    return errors


def _budget(context: Context) -> CostBudget | None:
    """The app's budget, made on its first request (it belongs to the app, like its settings:
    two apps in one process never share one)."""
    return app_budget(context.request.app.state, context.settings)


class RequestLimits(SchemaExtension):
    """Three checks before anything runs, each only if the one before passed: the document's
    figures against the limits (one linear pass, cached by text), validation (cached), then
    the caller's cost budget. They run here rather than as validation rules because graphql-
    core runs all rules in one pass, so a rule cannot stop the others from walking a hostile
    document, and because the cost depends on the variables, which rules never see."""

    def on_operation(self) -> Iterator[None]:
        self.execution_context.parse_options["max_tokens"] = self._settings().graphql_max_tokens
        yield

    def _settings(self) -> Settings:
        context = self.execution_context.context
        return context.settings if isinstance(context, Context) else _default_settings()

    async def on_validate(self) -> AsyncIterator[None]:
        execution = self.execution_context
        schema = execution.schema._schema
        document = execution.graphql_document
        assert document is not None  # parsed: on_validate only runs after a good parse
        measurement = (
            _ANALYSES.measure(
                schema, execution.query, document, execution.variables, execution.operation_name
            )
            if execution.query is not None
            else analyse(schema, document, execution.variables, execution.operation_name)
        )
        errors = refusals(measurement.figures, self._settings())
        if not errors:
            errors = list(_validate(schema, document, execution.validation_rules))
        if not errors:
            errors = _variable_errors(
                schema, document, execution.variables, execution.operation_name
            )
        context = execution.context
        if not errors and isinstance(context, Context):
            errors = await _spend(context, measurement.figures.cost)
        execution.pre_execution_errors = errors
        yield


def _variable_errors(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
) -> list[GraphQLError]:
    """The errors execution would stop at before running anything: no such operation, or
    variables that do not coerce to their types. Found here, before the budget is charged,
    so a request that never runs costs nothing (execution coerces them again)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        if operation_name:
            return [GraphQLError(f"Unknown operation named '{operation_name}'.")]
        return [GraphQLError("Must provide operation name if query contains multiple operations.")]
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), variables or {}, max_errors=50
    )
    return coerced if isinstance(coerced, list) else []


SPENT_KEY = "cost_spent"  # in scope["state"]: the request's one spend, (cost, Spend)


async def spend_once(context: Context, budget: CostBudget, cost: int) -> Spend:
    """Charge the caller's budget once per request: a request the lean route hands back to
    the normal one (licman/web/lean.py) was charged already, and gets the same decision."""
    return await spend_once_in(context.request.scope, context.principal, budget, cost)


async def spend_once_in(scope: Any, principal: Principal, budget: CostBudget, cost: int) -> Spend:
    """spend_once for a request's ASGI scope and caller (the lean route's constant answers
    make no Context)."""
    state = scope.setdefault("state", {})
    found = state.get(SPENT_KEY)
    if found is not None and found[0] == cost:
        spent: Spend = found[1]
        return spent
    spent = await budget.spend(caller_key(principal), cost)
    state[SPENT_KEY] = (cost, spent)
    return spent


async def _spend(context: Context, cost: int) -> list[GraphQLError]:
    budget = _budget(context)
    if budget is None:
        return []
    spent = await spend_once(context, budget, cost)
    if spent.allowed:
        return []
    wait = spent.retry_after_seconds
    context.response.status_code = 429
    context.response.headers["retry-after"] = str(wait)
    message = (
        f"Query cost {cost:,} is over what is left of your budget of {budget.budget:,} "
        f"every {budget.seconds} s. Try again in {wait} s."
    )
    extensions = {"code": "RATE_LIMITED", "cost": cost, "retryAfter": wait}
    return [GraphQLError(message, extensions=extensions)]


@functools.cache
def _default_settings() -> Settings:
    return Settings()
