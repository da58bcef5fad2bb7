"""The compiled fast path for hot reads: the license list, one license, and what they select.

graphql-core completes every field of every row on its own (resolve info, awaitable checks,
a path, a completion step per leaf: about 500 for a page of 50 licenses), which cost more
than the SQL. Here the selection is compiled once per (document, operation, values of the
variables in @include/@skip) into a tree of steps, with graphql-core's own field collection
(so fragments, aliases, type conditions, merging and directives behave exactly as the spec
and the normal executor say); the root field's own resolver runs as usual (arguments coerced
by graphql-core, the permission filter in its SQL), and its finished objects are turned into
the response dict straight from their attributes, each leaf serialised by its GraphQL type.

Covered: query operations whose root fields are in ROOT_FIELDS, selecting only fields that
read an attribute, `id` of Node types, `__typename`, the sync resolvers in SYNC_FIELDS and the
permission-checked fields in PERMISSION_FIELDS (a refusal is null plus a FORBIDDEN error at
that path, as the normal executor gives it). Anything else - another field, @defer, a
resolver or a non-null field that fails - runs on the normal executor instead, from the
start (these reads change nothing, so running again is safe). `graphql_fast_path = false`
turns it off; tests/schema/test_fast_path.py checks both ways give the same bytes. While a
root resolver runs here, `Context.plan_rows` lets it hand over `LicenseRowView`s (attributes
made from the row as the plan reads them). licman/web/lean.py runs this executor without
Strawberry's view and extensions.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog
from cachetools import LRUCache
from graphql import (
    DirectiveNode,
    FieldNode,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
    OperationType,
    Undefined,
)
from graphql.execution.collect_fields import FieldDetailsList, collect_fields
from graphql.execution.executor import CollectedErrors
from graphql.execution.values import get_argument_values
from graphql.language import OperationDefinitionNode, VariableNode, Visitor, visit
from graphql.pyutils import Path

from licman.schema.errors import DomainErrorExecutor
from licman.schema.ids import global_id

log = structlog.get_logger(__name__)
ROOT_FIELDS = frozenset({"licenses", "license", "version"})
SYNC_FIELDS = frozenset({"License.seatsFree", "LicenseConnection.nodes"})
PERMISSION_FIELDS = frozenset({"License.cost", "License.canRevealSecret"})
PLAN_CACHE_SIZE = 256

TYPENAME, ATTRIBUTE, NODE_ID, SYNC, PERMISSION, ROOT = range(6)
Maker = Callable[[dict[str, Any], Any], Any]
# Row views (licman/schema/license.py's LicenseRowView) by GraphQL type: their class and how
# each attribute is made from the row (`row.values`, `row`). The plan makes a selected
# attribute from the row itself, without the view's __getattr__ (the same function).
ROW_VIEWS: dict[str, tuple[type, dict[str, Maker]]] = {}
_ROW_VIEW_CLASSES: set[type] = set()


@dataclass(slots=True, frozen=True)
class Nested:
    """An object field of a row view whose object its maker builds from the row's values
    alone, each of `fields` (its attributes, which are GraphQL fields of the same name) the
    value under `prefix + name` as it is: `License.product` from `product__name`... or, with
    `many`, a list of such objects, one per dict `many(row)` gives (`License.tags`). When
    every field the plan selects of it is one of these (or `id`, `__typename`), the plan
    reads them from the row without building the objects: the same values, the same bytes."""

    prefix: str
    fields: frozenset[str]
    many: Callable[[Any], list[dict[str, Any]]] | None = None


NESTED: dict[tuple[str, str], Nested] = {}


def row_view(
    type_name: str, cls: type, makers: dict[str, Maker], nested: dict[str, Nested] | None = None
) -> None:
    """Register a row view: instances of `cls` hold their row as `_row`. A maker that only
    reads one column has that column's name as its `column` attribute (the plan reads it
    itself)."""
    ROW_VIEWS[type_name] = (cls, makers)
    _ROW_VIEW_CLASSES.add(cls)
    for attr, found in (nested or {}).items():
        NESTED[(type_name, attr)] = found


class NotCovered(Exception):
    """The fast path does not take this operation: the normal executor answers it."""


@dataclass(slots=True, eq=False)
class Step:
    key: str  # the response name (alias or field name)
    kind: int
    type_: GraphQLOutputType | None  # the field's type, wrappers included
    nodes: list[FieldNode]
    typename: str  # the parent type's name (for __typename and global ids)
    attr: str = ""
    func: Callable[..., Any] | None = None
    children: list[Step] | None = None  # for fields of an object type
    details: FieldDetailsList | None = None  # for resolve info, arguments and errors
    make: Maker | None = None  # the attribute made from a row view's row
    # A scalar or enum, not in a list: its type's serialize, and whether it is non-null.
    leaf: Callable[[Any], Any] | None = None
    non_null: bool = False
    # Whether a permission-checked field is at or under this one: only then is its path
    # (for an error) built as the answer is.
    paths: bool = False
    column: str | None = None  # the row's column a plain column's maker reads
    nested: Nested | None = None  # read from the row's values (Nested), children by column
    # The Python type a leaf's serialize returns as it is (String and ID: str), checked
    # first: no call for most leaves.
    same: type | None = None


def _finish(step: Step) -> Step:
    type_ = step.type_
    if type_ is not None:
        step.non_null = isinstance(type_, GraphQLNonNull)
        inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        if step.kind != PERMISSION and step.children is None and hasattr(inner, "serialize"):
            step.leaf = inner.serialize
            if inner is GraphQLString or inner is GraphQLID:
                step.same = str  # serialize_string and serialize_id return a str as it is
    step.paths = step.kind == PERMISSION or any(c.paths for c in step.children or ())
    return step


@dataclass(slots=True)
class _Info:
    """What the permission-checked fields read of their `info`: the context."""

    context: Any


# --- compiling ------------------------------------------------------------------------------


def _directive_variables(
    operation: OperationDefinitionNode, fragments: dict[str, Any]
) -> tuple[str, ...]:
    """Names of the variables @include/@skip read: the only inputs, besides the document,
    that change which fields are collected."""
    names: set[str] = set()

    class Finder(Visitor):
        def enter_directive(self, node: DirectiveNode, *_args: Any) -> None:
            if node.name.value in ("include", "skip"):
                for argument in node.arguments or ():
                    if isinstance(argument.value, VariableNode):
                        names.add(argument.value.name.value)

    visit(operation, Finder())
    for details in fragments.values():
        visit(details.definition, Finder())
    return tuple(sorted(names))


class PlanCache:
    """Plans by (operation node, values of the directive variables). The parser cache hands
    out the same node for the same text; each entry keeps its node alive, so its id is not
    reused while the entry exists."""

    def __init__(self, size: int = PLAN_CACHE_SIZE) -> None:
        self.size = size
        self._variables: LRUCache[int, tuple[OperationDefinitionNode, tuple[str, ...]]] = LRUCache(
            size
        )
        self._plans: LRUCache[tuple[Any, ...], tuple[OperationDefinitionNode, Any]] = LRUCache(size)

    def plan(self, executor: Any) -> list[Step] | None:
        operation: OperationDefinitionNode = executor.operation
        found = self._variables.get(id(operation))
        if found is None or found[0] is not operation:
            names = _directive_variables(operation, executor.fragments)
            self._variables[id(operation)] = (operation, names)
        else:
            names = found[1]
        coerced = executor.variable_values.coerced
        key = (id(operation), *(repr(coerced.get(name)) for name in names))
        cached = self._plans.get(key)
        if cached is not None and cached[0] is operation:
            plan: list[Step] | None = cached[1]
            return plan
        try:
            plan = _compile(executor)
        except NotCovered as exc:
            log.debug("fast path: not covered", operation=operation.name, field=str(exc))
            plan = None
        self._plans[key] = (operation, plan)
        return plan


def _compile(executor: Any) -> list[Step]:
    operation: OperationDefinitionNode = executor.operation
    if operation.operation is not OperationType.QUERY:
        raise NotCovered
    schema = executor.schema
    root_type = schema.query_type
    collected = collect_fields(
        schema,
        executor.fragments,
        executor.variable_values,
        root_type,
        operation,
        executor.hide_suggestions,
    )
    if collected.new_defer_usages:
        raise NotCovered
    steps = []
    for key, details in collected.grouped_field_set.items():
        _check_details(details)
        name = details[0].node.name.value
        if name == "__typename":
            steps.append(Step(key, TYPENAME, None, _nodes(details), root_type.name))
            continue
        if name not in ROOT_FIELDS:
            raise NotCovered
        field_def = schema.get_field(root_type, name)
        if field_def is None or field_def.resolve is None:
            raise NotCovered
        step = Step(key, ROOT, field_def.type, _nodes(details), root_type.name)
        step.func = field_def.resolve
        step.details = details
        step.children = _children(executor, field_def.type, details)
        steps.append(_finish(step))
    return steps


def _nodes(details: FieldDetailsList) -> list[FieldNode]:
    return [d.node for d in details]


def _check_details(details: FieldDetailsList) -> None:
    for d in details:
        if d.defer_usage is not None or d.fragment_variable_values is not None:
            raise NotCovered


def _object_type(type_: GraphQLOutputType) -> GraphQLObjectType | None:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    if isinstance(type_, GraphQLObjectType):
        return type_
    if hasattr(type_, "serialize"):
        return None  # a scalar or an enum
    raise NotCovered  # an interface or a union: the normal executor resolves the type


def _children(
    executor: Any, type_: GraphQLOutputType, details: FieldDetailsList
) -> list[Step] | None:
    object_type = _object_type(type_)
    if object_type is None:
        return None
    collected = executor.collect_subfields(object_type, details)
    if collected.new_defer_usages:
        raise NotCovered
    return [
        _step(executor, object_type, key, sub) for key, sub in collected.grouped_field_set.items()
    ]


def _step(executor: Any, parent: GraphQLObjectType, key: str, details: FieldDetailsList) -> Step:
    _check_details(details)
    node = details[0].node
    name = node.name.value
    nodes = _nodes(details)
    if name == "__typename":
        return Step(key, TYPENAME, None, nodes, parent.name)
    field_def = executor.schema.get_field(parent, name)
    if field_def is None or field_def.args or node.arguments:
        raise NotCovered
    definition = field_def.extensions.get("strawberry-definition")
    if definition is None:
        raise NotCovered
    qualified = f"{parent.name}.{name}"
    resolver = definition.base_resolver
    step = Step(key, ATTRIBUTE, field_def.type, nodes, parent.name, details=details)
    makers = ROW_VIEWS.get(parent.name, (None, {}))[1]
    if name == "id" and any(i.name == "Node" for i in parent.interfaces):
        step.kind = NODE_ID
        step.make = makers.get("id")
    elif resolver is None:
        step.attr = definition.python_name
        step.make = makers.get(step.attr)
        step.column = getattr(step.make, "column", None)
    elif qualified in SYNC_FIELDS and not resolver.is_async:
        step.kind, step.func = SYNC, resolver.wrapped_func
    elif qualified in PERMISSION_FIELDS and resolver.is_async:
        step.kind, step.func = PERMISSION, resolver.wrapped_func
    else:
        raise NotCovered(qualified)
    step.children = _children(executor, field_def.type, details)
    _finish(step)
    if step.kind == ATTRIBUTE and step.make is not None:
        step.nested = _nested(parent.name, step)
    return step


def _nested(type_name: str, step: Step) -> Nested | None:
    """The step's Nested, when every field it selects is read from the row as it is."""
    nested = NESTED.get((type_name, step.attr))
    if nested is None or step.children is None or step.paths:
        return None
    inner = step.type_
    if isinstance(inner, GraphQLNonNull):
        inner = inner.of_type
    if isinstance(inner, GraphQLList) != (nested.many is not None):
        return None
    if isinstance(inner, GraphQLList):  # one level, of objects that are never null
        item = inner.of_type
        if not isinstance(item, GraphQLNonNull) or not isinstance(item.of_type, GraphQLObjectType):
            return None
    for child in step.children:
        if child.kind == TYPENAME:
            continue
        name = "id" if child.kind == NODE_ID else child.attr
        if child.kind not in (ATTRIBUTE, NODE_ID) or name not in nested.fields:
            return None
        if child.kind == ATTRIBUTE and (child.leaf is None or child.children is not None):
            return None
        child.column = nested.prefix + name
    return nested


# --- running --------------------------------------------------------------------------------


def _path(keys: tuple[Any, ...]) -> Path:
    path = None
    for key in keys:
        path = Path(path, key, None)
    assert path is not None
    return path


class _Run:
    """One operation's answer: the data, and the permission-checked fields still to decide."""

    def __init__(self, executor: Any) -> None:
        self.executor = executor
        self.pending: list[tuple[dict[str, Any], Step, Any, tuple[Any, ...]]] = []

    def fields(self, obj: Any, steps: list[Step], path: tuple[Any, ...] | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        row = obj._row if type(obj) in _ROW_VIEW_CLASSES else None
        for step in steps:
            kind = step.kind
            if kind == ATTRIBUTE:
                if row is not None:
                    column = step.column
                    if column is not None:
                        value = row.values[column]
                    elif step.nested is not None:
                        out[step.key] = self.nested(row, step, step.nested)
                        continue
                    else:
                        make = step.make
                        value = (
                            make(row.values, row) if make is not None else getattr(obj, step.attr)
                        )
                else:
                    value = getattr(obj, step.attr)
            elif kind == TYPENAME:
                out[step.key] = step.typename
                continue
            elif kind == NODE_ID:  # the ID type serialises a GlobalID as its text
                make = step.make
                pk = make(row.values, row) if make is not None and row is not None else obj.id
                value = global_id(step.typename, pk)
            elif kind == SYNC:
                assert step.func is not None
                value = step.func(obj)
            else:  # PERMISSION: decided after the page is built, in order
                out[step.key] = None
                assert path is not None  # (its parents' steps have `paths`)
                self.pending.append((out, step, obj, (*path, step.key)))
                continue
            leaf = step.leaf
            if leaf is not None:  # what complete() does for a scalar, without the walk
                if type(value) is step.same:
                    out[step.key] = value
                    continue
                if value is None:
                    if step.non_null:
                        raise NotCovered  # null propagation: the normal executor words it
                    out[step.key] = None
                    continue
                serialized = leaf(value)
                if serialized is None or serialized is Undefined:
                    raise NotCovered
                out[step.key] = serialized
                continue
            assert step.type_ is not None
            out[step.key] = self.complete(
                value, step.type_, step, (*path, step.key) if path and step.paths else None
            )
        return out

    def nested(self, row: Any, step: Step, nested: Nested) -> Any:
        """A Nested field's answer from the row (the objects its maker would build, and the
        fields the plan would read of them)."""
        children = step.children
        assert children is not None
        if nested.many is None:
            return self.plain(row.values, children)
        return [self.plain(item, children) for item in nested.many(row)]

    @staticmethod
    def plain(values: dict[str, Any], steps: list[Step]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for step in steps:
            kind = step.kind
            if kind == TYPENAME:
                out[step.key] = step.typename
                continue
            value = values[step.column]  # type: ignore[index]
            if kind == NODE_ID:
                out[step.key] = global_id(step.typename, value)
                continue
            if type(value) is step.same:
                out[step.key] = value
                continue
            if value is None:
                if step.non_null:
                    raise NotCovered  # null propagation: the normal executor words it
                out[step.key] = None
                continue
            serialized = step.leaf(value)  # type: ignore[misc]
            if serialized is None or serialized is Undefined:
                raise NotCovered
            out[step.key] = serialized
        return out

    def complete(
        self, value: Any, type_: GraphQLOutputType, step: Step, path: tuple[Any, ...] | None
    ) -> Any:
        if isinstance(type_, GraphQLNonNull):
            if value is None:
                raise NotCovered  # null propagation: the normal executor words the error
            type_ = type_.of_type
        if value is None:
            return None
        if isinstance(type_, GraphQLList):
            inner = type_.of_type
            if not isinstance(value, list | tuple):
                raise NotCovered
            if path is None:
                return [self.complete(item, inner, step, None) for item in value]
            return [self.complete(item, inner, step, (*path, i)) for i, item in enumerate(value)]
        if step.children is not None:
            return self.fields(value, step.children, path)
        serialized = type_.serialize(value)  # type: ignore[union-attr]
        if serialized is None or serialized is Undefined:
            raise NotCovered
        return serialized

    async def decide(self) -> None:
        """The permission-checked fields, in the order the normal executor completes them.
        A refusal (or any error) becomes null and an error at the field's path, through the
        executor's own handle_field_error (DomainErrorExecutor: the one place that turns
        domain errors into GraphQL errors)."""
        info = _Info(self.executor.context_value)
        for out, step, obj, path in self.pending:
            assert step.func is not None
            assert step.type_ is not None
            try:
                value = await step.func(obj, info)
            except Exception as exc:
                if isinstance(step.type_, GraphQLNonNull):
                    raise NotCovered(step.key) from None  # the error nulls the parent
                self.executor.handle_field_error(exc, step.type_, step.details, _path(path))
                continue
            out[step.key] = self.complete(value, step.type_, step, path)


async def run(executor: Any, plan: list[Step]) -> dict[str, Any]:
    """The operation's data (its field errors go to the executor's collected errors);
    NotCovered, or any exception a root resolver raised, means: answer with the normal
    executor instead."""
    run_ = _Run(executor)
    data: dict[str, Any] = {}
    root_type = executor.schema.query_type
    for step in plan:
        if step.kind == TYPENAME:
            data[step.key] = step.typename
            continue
        details = step.details
        assert details is not None
        assert step.func is not None
        assert step.type_ is not None
        node = details[0].node
        field_def = executor.schema.get_field(root_type, node.name.value)
        info = executor.build_resolve_info(
            field_def, step.nodes, root_type, Path(None, step.key, root_type.name)
        )
        args = (
            get_argument_values(
                field_def,
                node,
                executor.variable_values,
                details[0].fragment_variable_values,
                executor.hide_suggestions,
            )
            if field_def.args or node.arguments
            else {}
        )
        context = executor.context_value
        context.plan_rows = True  # the resolver may hand over rows the plan reads lazily
        try:
            value = step.func(executor.root_value, info, **args)
            if inspect.isawaitable(value):
                value = await value
        finally:
            context.plan_rows = False
        path = (step.key,) if step.paths else None
        data[step.key] = run_.complete(value, step.type_, step, path)
    await run_.decide()
    return data


PLANS = PlanCache()


class FastPathExecutor(DomainErrorExecutor):
    """The executor of Licman's schema: the compiled plan when the operation is covered and
    the setting allows it, graphql-core's own execution otherwise."""

    def execute_operation(self, serially: bool | None = None) -> Any:
        context = self.context_value
        settings = getattr(context, "settings", None)
        if (
            settings is None
            or not settings.graphql_fast_path
            or serially
            or self.abort_signal is not None
            or self.operation.operation is not OperationType.QUERY
        ):
            return super().execute_operation(serially)
        plan = PLANS.plan(self)
        if plan is None:
            return super().execute_operation(serially)
        return self._run_plan(plan, serially)

    async def _run_plan(self, plan: list[Step], serially: bool | None) -> Any:
        try:
            data = await run(self, plan)
        except Exception:  # the normal executor answers (and words any error) instead
            self.collected_errors = CollectedErrors()
            result = super().execute_operation(serially)
            return await result if inspect.isawaitable(result) else result
        return self.build_response(data)
