"""The lean route: a POST of a read the compiled fast path covers, answered without Strawberry's
view machinery and its schema extensions, with the same checks, side effects and bytes.

`GraphQLView._respond` has already done everything before GraphQL runs (body and encoding
limits, CSRF for cookie sessions, authentication through the token cache, the upload rule);
the middleware around the route (request id, outage, API log timing) is unchanged. Here the
steps of Strawberry's `execute` and of Licman's extensions are done directly, in their order:

1. the body as one JSON operation (`parse_json`, `operation_of`);
2. the document from Strawberry's own parser cache (the same node, so the same plans), with
   the token limit; exactly one query operation, whose root fields the fast path knows;
3. the request limits (the cached figures), validation (the cached rules, with the
   introspection gate and the storable-text rule as the extensions add them), the
   variables' coercion, the caller's cost budget (`spend_once`: charged once per request),
   the variables' storable text;
4. execution by `FastPathExecutor` (its plan; graphql-core for what the plan leaves);
5. field errors processed as the schema does (`_process_errors`), the API log's notes
   (`ApiLogExtension`'s), and the response made by the view's own `process_result` and
   `create_response`.

Anything else - another operation, a refusal at any step, a budget exhausted, any exception
before the fields run - returns None, and the normal route answers from the start: the same
Request (its body is cached), the budget's decision reused. Once fields have run, the answer
is this route's, whatever errors they raised (masked as the masking extension masks them):
a read may record something (a secret's reveal is an audit event), so it never runs twice.
`graphql_lean_route = false`, or `graphql_fast_path = false`, turns it off;
tests/web/test_lean_route.py checks both routes give the same bytes and log rows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import structlog
from cachetools import LRUCache
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    execute,
    specified_rules,
)
from graphql.execution.middleware import MiddlewareManager
from graphql.validation import NoSchemaIntrospectionCustomRule
from starlette.responses import Response
from strawberry.execution import optimized_is_awaitable
from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.http.parse_content_type import parse_content_type
from strawberry.types import ExecutionResult
from strawberry.utils.await_maybe import await_maybe

from licman import __version__
from licman.schema.api_log import STATE_KEY, ApiCall, answered_outcome
from licman.schema.errors import should_mask
from licman.schema.extensions import (
    _ANALYSES,
    MaskUnexpectedErrors,
    _validate,
    _variable_errors,
    spend_once_in,
)
from licman.schema.fast_path import ROOT_FIELDS, FastPathExecutor
from licman.schema.refusals import refusals
from licman.schema.storable_text import StorableTextRule, _variable_problems
from licman.security.budget import app_budget
from licman.security.permissions import is_signed_in
from licman.web.graphql_http import JSON, operation_of, parse_json

if TYPE_CHECKING:
    from starlette.requests import Request

    from licman.web.graphql import GraphQLView

log = structlog.get_logger(__name__)
PARSER_CACHE_SIZE = 256  # the schema's ParserCache(maxsize=256): the same shared cache
_parse = _get_parse_cache(PARSER_CACHE_SIZE)
_RULES = (*specified_rules, StorableTextRule)
_GATED_RULES = (*specified_rules, NoSchemaIntrospectionCustomRule, StorableTextRule)
_LEAN_ROOT = ROOT_FIELDS | {"__typename"}
# Root fields whose answer is fixed for the process: Query.version returns __version__.
CONSTANT_FIELDS: dict[str, str] = {"version": __version__, "__typename": "Query"}
EXECUTED = "lean_executed"  # in the request's state: the fields ran on this route
_MASK = MaskUnexpectedErrors()  # the schema's masking, for errors of fields run here


def _operation(document: Any, name: str | None) -> OperationDefinitionNode | None:
    """The document's one operation, when it is a query of root fields the fast path knows
    (no fragment at the root) and the operation name, if any, is its own."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1:
        return None
    operation = operations[0]
    if operation.operation is not OperationType.QUERY:
        return None
    if name is not None and (operation.name is None or operation.name.value != name):
        return None
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode) or selection.name.value not in _LEAN_ROOT:
            return None
    return operation


@functools.lru_cache(maxsize=64)  # clients send the same few Content-Type headers
def _media_type(content_type: str) -> str:
    return parse_content_type(content_type)[0]


async def respond(view: GraphQLView, request: Request) -> Response | None:
    """The answer on the lean route, or None: the normal route answers instead. Reading the
    body may raise what the normal route would (too large): the caller handles it the same."""
    if request.method != "POST":
        return None
    if _media_type(request.headers.get("content-type") or "") != JSON:
        return None
    body = await request.body()  # cached on the Request: the normal route reads it again
    try:
        return await _respond(view, request, body)
    except Exception:  # the normal route answers, and words any error, instead
        if getattr(request.state, EXECUTED, False):
            raise  # fields ran: running them again could repeat what a read records
        log.debug("lean route: handed to the normal route", exc_info=True)
        return None


@dataclass(slots=True, frozen=True)
class Prepared:
    """What the steps before the budget made of one body: all pure functions of the body,
    the schema, the settings and whether the introspection gate applies."""

    document: DocumentNode
    operation: OperationDefinitionNode
    name: str | None
    variables: dict[str, Any] | None
    extensions: dict[str, Any] | None
    cost: int
    constant: bytes | None  # `{ version }`: the encoded answer


@dataclass(slots=True, frozen=True)
class PreparedDocument:
    """What the steps before the budget made of one document, whatever the variables: the
    document (parsed, with the token limit), its one query operation of the lean root
    fields, and its validation passed. Pure functions of the text, the operation name, the
    schema, the settings and the introspection gate."""

    document: DocumentNode
    operation: OperationDefinitionNode
    name: str | None


class PreparedBodies:
    """Prepared requests by (body, gated), for bodies without variables (a variable's value
    would be shared by requests) of at most MAX_BODY bytes: a repeated `{ version }` or
    first page skips parsing the JSON, the document's cache look-ups, the limits and
    validation. And prepared documents by (query, operation name, gated), for bodies with
    variables (`license(id: $id)`): those skip the document's look-ups and validation, and
    the limits (which depend on the variables, e.g. `first: $n`), the variables' coercion
    and their text are checked on every request. One per view (its settings decide the
    limits)."""

    MAX_BODY = 4096

    def __init__(self, size: int = PARSER_CACHE_SIZE) -> None:
        self.size = size
        self._entries: LRUCache[tuple[bytes, bool], Prepared] = LRUCache(size)
        self._documents: LRUCache[tuple[str, str | None, bool], PreparedDocument] = LRUCache(size)

    def get(self, key: tuple[bytes, bool]) -> Prepared | None:
        return self._entries.get(key)

    def put(self, key: tuple[bytes, bool], prepared: Prepared) -> None:
        if prepared.variables or len(key[0]) > self.MAX_BODY:
            return
        self._entries[key] = prepared

    def document(self, key: tuple[str, str | None, bool]) -> PreparedDocument | None:
        return self._documents.get(key)

    def put_document(self, key: tuple[str, str | None, bool], prepared: PreparedDocument) -> None:
        if len(key[0]) > self.MAX_BODY:
            return
        self._documents[key] = prepared


def _prepare_document(
    view: GraphQLView, query: str, operation_name: str | None
) -> PreparedDocument | None:
    """The document (the parser cache, with the token limit) and its one query operation of
    the lean root fields; None: the normal route answers. Remembered once validated."""
    document = _parse(query, max_tokens=view.settings.graphql_max_tokens)
    operation = _operation(document, operation_name)
    if operation is None:
        return None
    # Strawberry's execution context names the operation from the document when the
    # request does not: the analysis cache, validation and the log see that name.
    name = operation.name.value if operation.name is not None else None
    return PreparedDocument(document, operation, name)


def _prepare(view: GraphQLView, body: bytes, gated: bool) -> Prepared | None:
    """The steps before the budget, or None (the normal route answers): the body as one JSON
    operation, the prepared document (`_prepare_document`, remembered), the limits for these
    variables, the variables' coercion and text."""
    data = operation_of(parse_json(body))
    query, variables = data.query, data.variables
    assert query is not None
    key = (query, data.operation_name, gated)
    prepared = view.prepared_bodies.document(key)
    known = prepared is not None
    if prepared is None:
        prepared = _prepare_document(view, query, data.operation_name)
        if prepared is None:
            return None
    document, operation, name = prepared.document, prepared.operation, prepared.name
    schema = view.schema._schema  # type: ignore[attr-defined]
    # The limits first, then validation (the extensions' order): a document over the limits
    # is never validated. The limits are checked for each request's variables.
    measurement = _ANALYSES.measure(schema, query, document, variables, name)
    if refusals(measurement.figures, view.settings):
        return None
    if not known:
        # Validation (the cached rules, with the introspection gate and the storable-text
        # rule as the extensions add them) depends on the document alone: done once.
        if _validate(schema, document, _GATED_RULES if gated else _RULES):
            return None
        view.prepared_bodies.put_document(key, prepared)
    if operation.variable_definitions and _variable_errors(schema, document, variables, name):
        return None  # (with no variable defined, coercion has nothing to refuse)
    if variables and any(True for _ in _variable_problems(variables)):
        return None
    constant = _constant(operation)
    encoded = None if constant is None else view.encode_json(process_result_of(constant))
    return Prepared(
        document, operation, name, variables, data.extensions, measurement.figures.cost, encoded
    )


def process_result_of(data: dict[str, Any]) -> Any:
    """What the view's process_result makes of data without errors, in either media type."""
    return {"data": data}


async def _respond(view: GraphQLView, request: Request, body: bytes) -> Response | None:
    settings = view.settings
    principal = request.state.principal
    gated = settings.production and not is_signed_in(principal)
    key = (body, gated)
    prepared = view.prepared_bodies.get(key)
    if prepared is None:
        prepared = _prepare(view, body, gated)
        if prepared is None:
            return None
        view.prepared_bodies.put(key, prepared)
    name = prepared.name
    budget = app_budget(request.app.state, settings)
    if budget is not None:
        spent = await spend_once_in(request.scope, principal, budget, prepared.cost)
        if not spent.allowed:
            return None  # the normal route words the 429 from the same decision
    call = _call(request)
    if call is not None:
        call.executed = True
    if prepared.constant is not None:  # `{ version }`: nothing to resolve, nothing to plan
        if call is not None:
            call.operation_name = name[:200] if name is not None else ""
            call.operation_type = "query"
            call.outcome = answered_outcome(None, None, True)
        # The view's create_response for this data: 200, its bytes, the media type.
        return Response(prepared.constant, media_type=request.state.media_type)
    sub_response = await view.get_sub_response(request)
    context = await view.get_context(request, sub_response)
    schema = view.schema._schema  # type: ignore[attr-defined]
    setattr(request.state, EXECUTED, True)
    result = await await_maybe(
        execute(
            schema,
            prepared.document,
            root_value=None,
            middleware=MiddlewareManager(),
            variable_values=prepared.variables,
            operation_name=name,
            context_value=context,
            executor_class=FastPathExecutor,
            is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
            operation_extensions=prepared.extensions,
        )
    )
    errors: list[GraphQLError] | None = result.errors
    if errors:
        if any(e.path is None for e in errors):
            return None  # a request error: raised before any resolver ran
        # Never handed back once resolvers ran: a read may have done something that must
        # happen once (License.secret records each reveal in the audit log). Errors are
        # processed (logged, an outage noted), the API log's notes taken, then unexpected
        # ones masked: the order of the schema's process_errors and its extensions' exits.
        view.schema._process_errors(errors, SimpleNamespace(context=context))  # type: ignore[arg-type]
    if call is not None:
        call.operation_name = name[:200] if name is not None else ""
        call.operation_type = "query"
        call.outcome = answered_outcome(errors, None, True)
    if errors and any(should_mask(e) for e in errors):
        errors = _MASK._process_errors(errors)
    answer = await view.process_result(request, ExecutionResult(data=result.data, errors=errors))
    return view.create_response(answer, sub_response)


def _constant(operation: OperationDefinitionNode) -> dict[str, Any] | None:
    """The data of a document of `version` and `__typename` only (aliases allowed; no
    directive, argument or sub-selection), which never change while the process runs:
    what graphql-core would answer, without building an executor. None for anything else."""
    data: dict[str, Any] = {}
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode) or selection.directives or selection.arguments:
            return None
        field = selection.name.value
        if field not in CONSTANT_FIELDS or selection.selection_set is not None:
            return None
        key = selection.alias.value if selection.alias is not None else field
        data[key] = CONSTANT_FIELDS[field]
    return data


def _call(request: Request) -> ApiCall | None:
    call = (request.scope.get("state") or {}).get(STATE_KEY)
    return call if isinstance(call, ApiCall) else None


__all__ = ["respond"]
