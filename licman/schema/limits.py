"""One linear pass over a parsed GraphQL document that measures what the request limits
check: depth, aliases, duplicated selections, directives, cost and secret reveals.

Each named fragment is measured once and its figures are reused at every spread, so a
document of N fragments that each spread the next twice (2^N fields once expanded) costs
N fragment visits, not 2^N. Fragments are measured in dependency order with an explicit
stack, so a long chain of fragments does not recurse either. limits_cache.py caches the results
by document text and the values of the variables that give page sizes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from licman.schema import cost
from licman.schema.numbers import BadNumber, literal

CAP = 10**15  # figures saturate here: far above any limit, and the numbers stay small
NESTING_CEILING = 200  # nested selection sets; graphql_max_depth cannot exceed 100


@dataclass(frozen=True, slots=True)
class Figures:
    """What the limits check, for the operation a request runs."""

    depth: int  # fields nested below the root field (Strawberry's depth: `{ a { b } }` is 1)
    aliases: int
    duplicates: int  # the same field or named fragment selected twice in one selection set
    directives: int
    cost: int
    reveals: int  # secrets the request could reveal, pages counted at their full size
    too_nested: bool = False  # deeper than NESTING_CEILING: depth is at least that
    number: BadNumber | None = None  # a number literal too large: nothing else was measured


@dataclass(slots=True)
class Stats:
    """Work done by the analysis: what the tests count instead of timing it."""

    fragments: int = 0  # named fragments measured
    selections: int = 0  # fields, spreads and inline fragments visited (twice each: scan, measure)
    analyses: int = 0  # documents analysed (cache misses)

    def add(self, other: Stats) -> None:
        self.fragments += other.fragments
        self.selections += other.selections
        self.analyses += other.analyses


VISITS = Stats()  # totals for the process


@dataclass(slots=True)
class Measurement:
    figures: Figures
    stats: Stats  # this call's work: all zero when the answer came from the cache
    # Besides the text, the figures depend only on these variables (page sizes) and the
    # defaults the document gives them.
    page_variables: tuple[str, ...] = ()
    defaults: dict[str, object] = field(default_factory=dict)


def _cap(value: int) -> int:
    return value if value < CAP else CAP


@dataclass(slots=True)
class _Tally:
    """The figures of one selection set, as it merges into the set around it."""

    depth: int = 0
    aliases: int = 0
    duplicates: int = 0
    directives: int = 0
    fields: int = 0  # fields it adds to the enclosing selection set (fragments included)
    cost: int = 0  # what the set costs once...
    row_cost: int = 0  # ...plus this for every row of the list it sits in
    reveals: int = 0
    row_reveals: int = 0
    too_nested: bool = False

    def merge(self, other: _Tally) -> None:
        self.depth = max(self.depth, other.depth)
        self.aliases = _cap(self.aliases + other.aliases)
        self.duplicates = _cap(self.duplicates + other.duplicates)
        self.directives = _cap(self.directives + other.directives)
        self.fields = _cap(self.fields + other.fields)
        self.cost = _cap(self.cost + other.cost)
        self.row_cost = _cap(self.row_cost + other.row_cost)
        self.reveals = _cap(self.reveals + other.reveals)
        self.row_reveals = _cap(self.row_reveals + other.row_reveals)
        self.too_nested = self.too_nested or other.too_nested


_EMPTY = _Tally()


class _Walker:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: dict[str, object]
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.measured: dict[str, _Tally] = {}
        self.page_variables: set[str] = set()
        self.stats = Stats()
        self.nesting = 0

    # --- scan: which fragments a selection set spreads (no recursion into fragments) ------

    def _spreads(self, selection_set: SelectionSetNode) -> list[str]:
        names: list[str] = []
        pending = [selection_set]
        while pending:
            for selection in pending.pop().selections:
                self.stats.selections += 1
                if isinstance(selection, FragmentSpreadNode):
                    names.append(selection.name.value)
                elif isinstance(selection, FieldNode | InlineFragmentNode) and (
                    selection.selection_set is not None
                ):
                    pending.append(selection.selection_set)
        return names

    def measure_fragments(self, selection_set: SelectionSetNode) -> None:
        """Measure every fragment the set reaches, each once, the ones it spreads first.
        A fragment that spreads itself (a cycle, which validation refuses) sees the open
        one as empty."""
        open_: set[str] = set()
        stack: list[tuple[str, list[str]]] = []
        for root in self._spreads(selection_set):
            if root in self.measured or root not in self.fragments:
                continue
            open_.add(root)
            stack.append((root, self._spreads(self.fragments[root].selection_set)))
            while stack:
                name, children = stack[-1]
                if not children:
                    stack.pop()
                    open_.discard(name)
                    self._measure_fragment(name)
                    continue
                child = children.pop()
                if child in self.measured or child in open_ or child not in self.fragments:
                    continue
                open_.add(child)
                stack.append((child, self._spreads(self.fragments[child].selection_set)))

    def _measure_fragment(self, name: str) -> None:
        definition = self.fragments[name]
        self.stats.fragments += 1
        parent = self.schema.get_type(definition.type_condition.name.value)
        tally = self.selection_set(definition.selection_set, parent)
        tally.directives = _cap(tally.directives + len(definition.directives or ()))
        self.measured[name] = tally

    # --- measure ------------------------------------------------------------------------

    def selection_set(self, node: SelectionSetNode, parent: GraphQLNamedType | None) -> _Tally:
        tally = _Tally()
        self._scope(node, parent, tally, set(), set())
        return tally

    def _scope(
        self,
        node: SelectionSetNode,
        parent: GraphQLNamedType | None,
        tally: _Tally,
        keys: set[str],
        spread: set[str],
    ) -> None:
        if self.nesting >= NESTING_CEILING:
            tally.too_nested = True
            return
        self.nesting += 1
        for selection in node.selections:
            self.stats.selections += 1
            tally.directives = _cap(tally.directives + len(selection.directives or ()))
            if isinstance(selection, FieldNode):
                self._field(selection, parent, tally, keys)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.measured.get(name, _EMPTY)
                if name in spread:  # spread twice here: every field of it again
                    tally.duplicates = _cap(tally.duplicates + fragment.fields)
                spread.add(name)
                tally.merge(fragment)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = parent if condition is None else self.schema.get_type(condition.name.value)
                if inner is parent:  # merges into this set: repeats across it are duplicates
                    self._scope(selection.selection_set, parent, tally, keys, spread)
                else:  # another type's fields: `... on A { name } ... on B { name }` is fine
                    self._scope(selection.selection_set, inner, tally, set(), set())
        self.nesting -= 1

    def _field(
        self, node: FieldNode, parent: GraphQLNamedType | None, tally: _Tally, keys: set[str]
    ) -> None:
        name = node.name.value
        key = node.alias.value if node.alias else name
        if key in keys:
            tally.duplicates = _cap(tally.duplicates + 1)
        keys.add(key)
        if node.alias:
            tally.aliases = _cap(tally.aliases + 1)
        tally.fields = _cap(tally.fields + 1)
        kind = cost.field_kind(self.schema, parent, name)
        page = 0
        if kind.paged:
            page = cost.page_size(node, self.variables)
            self.page_variables.update(cost.page_variables(node))
        value_cost, value_reveals = 0, int(kind.reveals)
        if node.selection_set is not None:
            child = self.selection_set(node.selection_set, kind.type)
            if not name.startswith("__"):  # introspection does not count, as in Strawberry
                tally.depth = max(tally.depth, 1 + child.depth)
            tally.aliases = _cap(tally.aliases + child.aliases)
            tally.duplicates = _cap(tally.duplicates + child.duplicates)
            tally.directives = _cap(tally.directives + child.directives)
            tally.too_nested = tally.too_nested or child.too_nested
            # A connection's edges/nodes hold a page; any other list inside holds LIST_SIZE.
            rows = page if kind.paged and not kind.is_list else cost.LIST_SIZE
            value_cost = _cap(child.cost + rows * child.row_cost)
            value_reveals = _cap(child.reveals + rows * child.row_reveals)
        own = kind.cost
        if kind.is_list and not kind.paged:  # the enclosing field says how many rows
            tally.cost = _cap(tally.cost + own)
            tally.row_cost = _cap(tally.row_cost + value_cost)
            tally.row_reveals = _cap(tally.row_reveals + value_reveals)
        else:
            times = page if kind.is_list else 1
            tally.cost = _cap(tally.cost + own + times * value_cost)
            tally.reveals = _cap(tally.reveals + times * value_reveals)

    def operation(self, node: OperationDefinitionNode) -> Figures:
        self.measure_fragments(node.selection_set)
        root = self.schema.get_root_type(node.operation)
        tally = self.selection_set(node.selection_set, root)
        directives = len(node.directives or ()) + sum(
            len(v.directives or ()) for v in node.variable_definitions or ()
        )
        # The root is one row: lists directly under it (vendors, tags) hold LIST_SIZE rows.
        return Figures(
            depth=NESTING_CEILING + 1 if tally.too_nested else tally.depth,
            aliases=tally.aliases,
            duplicates=tally.duplicates,
            directives=_cap(tally.directives + directives),
            cost=_cap(tally.cost + cost.LIST_SIZE * tally.row_cost),
            reveals=_cap(tally.reveals + cost.LIST_SIZE * tally.row_reveals),
            too_nested=tally.too_nested,
        )


_NONE = Figures(depth=0, aliases=0, duplicates=0, directives=0, cost=0, reveals=0)


def _worst(figures: list[Figures]) -> Figures:
    if len(figures) == 1:
        return figures[0]
    return Figures(
        depth=max(f.depth for f in figures),
        aliases=max(f.aliases for f in figures),
        duplicates=max(f.duplicates for f in figures),
        directives=max(f.directives for f in figures),
        cost=max(f.cost for f in figures),
        reveals=max(f.reveals for f in figures),
        too_nested=any(f.too_nested for f in figures),
    )


def _operations(document: DocumentNode, name: str | None) -> list[OperationDefinitionNode]:
    """The operation the request runs; all of them when that is not clear yet (execution
    will then refuse the request, but only after the limits have looked at each)."""
    found = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    named = [d for d in found if name is not None and d.name and d.name.value == name]
    return named or found


def _defaults(operations: list[OperationDefinitionNode]) -> dict[str, object]:
    return {
        v.variable.name.value: int(v.default_value.value)
        for operation in operations
        for v in operation.variable_definitions or ()
        if isinstance(v.default_value, IntValueNode)
    }


def analyse(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
) -> Measurement:
    """Measure a document (uncached: limits_cache.py keeps the answers). A document with a
    number literal too large (numbers.py) is not measured: converting it could fail."""
    number = literal(document)
    if number is not None:
        VISITS.analyses += 1
        return Measurement(replace(_NONE, number=number), Stats(analyses=1))
    operations = _operations(document, operation_name)
    defaults = _defaults(operations)
    walker = _Walker(schema, document, {**defaults, **(variables or {})})
    figures = _worst([walker.operation(op) for op in operations]) if operations else _NONE
    walker.stats.analyses = 1
    VISITS.add(walker.stats)
    pages = tuple(sorted(walker.page_variables))
    return Measurement(
        figures, walker.stats, pages, {k: defaults[k] for k in pages if k in defaults}
    )
