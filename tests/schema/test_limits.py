"""The request-limit analysis (licman/schema/limits.py) on its own: what it measures, that
it visits each fragment once however often it is spread, and that its cache keys on the
variables that give page sizes. No database, no server: the figures are a pure function
of the schema, the document and the page-size variables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Visitor,
    get_introspection_query,
    parse,
    visit,
)

from licman.schema import limits
from licman.schema.limits import NESTING_CEILING, analyse
from licman.schema.limits_cache import AnalysisCache
from licman.schema.refusals import refusals
from licman.schema.root import build_schema
from licman.settings import Settings

CLIENT_GQL = Path(__file__).parents[2] / "client" / "src" / "gql" / "gql.ts"


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema()._schema


def fragment_bomb(n: int) -> str:
    """N fragments, each selecting the next twice (once through an inline fragment with a
    directive), with an aliased field and a directive at every level: 2^N of everything
    once expanded."""
    parts = [
        f"fragment F{i} on Query {{ a{i}: version @include(if: true) ...F{i + 1} "
        f"... on Query @skip(if: false) {{ ...F{i + 1} }} }}"
        for i in range(n)
    ]
    parts.append(f"fragment F{n} on Query {{ last: version }}")
    return "query Bomb { ...F0 } " + " ".join(parts)


class _Count(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.selections = 0

    def enter(self, node: object, *_: object) -> None:
        if isinstance(node, FieldNode | FragmentSpreadNode | InlineFragmentNode):
            self.selections += 1


def selections_in(text: str) -> int:
    counter = _Count()
    visit(parse(text), counter)
    return counter.selections


@pytest.mark.parametrize(
    ("n", "cost"),
    [(40, "2,199,023,255,551"), (200, "at least 1,000,000,000,000,000")],  # 2^41 - 1; capped
)
def test_a_fragment_bomb_is_measured_with_one_visit_per_fragment(
    schema: GraphQLSchema, n: int, cost: str
) -> None:
    # Given a document that expands to 2^N fields
    text = fragment_bomb(n)

    # When
    measured = analyse(schema, parse(text))

    # Then every figure is huge, yet each fragment was measured once and each selection
    # was seen twice (once to find the fragments, once to measure)
    figures = measured.figures
    assert figures.aliases >= 2**40
    assert figures.directives >= 2**40
    assert figures.duplicates >= 2**40
    assert figures.cost >= 2**40
    assert measured.stats.fragments == n + 1
    assert measured.stats.selections == 2 * selections_in(text)
    # ...and the refusal names each limit it breaks
    errors = refusals(figures, Settings())
    assert [e.extensions["limit"] for e in errors if e.extensions] == [
        "aliases",
        "duplicates",
        "directives",
        "cost",
    ]
    assert errors[-1].message == f"Query cost {cost} is over the limit of 20,000."


def test_the_cache_answers_a_repeated_document_without_visiting_it(schema: GraphQLSchema) -> None:
    cache = AnalysisCache(size=4)
    text = fragment_bomb(40)
    before = limits.VISITS.fragments

    first = cache.measure(schema, text, parse(text), None, None)
    again = cache.measure(schema, text, parse(text), None, None)

    assert first.stats.fragments == 41
    assert again.stats.fragments == 0
    assert again.figures == first.figures
    assert limits.VISITS.fragments - before == 41


def test_page_size_variables_are_part_of_the_cache_key(schema: GraphQLSchema) -> None:
    cache = AnalysisCache(size=4)
    text = "query($n: Int = 7) { licenses(first: $n) { nodes { secret } } }"
    document = parse(text)

    def reveals(variables: dict[str, object] | None) -> tuple[int, int]:
        measured = cache.measure(schema, text, document, variables, None)
        return measured.figures.reveals, measured.stats.analyses

    assert reveals({"n": 3}) == (3, 1)
    assert reveals({"n": 50}) == (50, 1)  # not the cached 3
    assert reveals({"n": 3}) == (3, 0)  # cached
    assert reveals(None) == (7, 1)  # the variable's default
    assert reveals({"n": "x"}) == (100, 1)  # not a number: the largest page
    assert reveals({"n": 10_000}) == (100, 0)  # over the page limit: the resolver says so


def test_fragments_that_spread_each_other_end(schema: GraphQLSchema) -> None:
    text = """{ ...A }
    fragment A on Query { version ...B }
    fragment B on Query { version ...A }"""

    measured = analyse(schema, parse(text))

    assert measured.stats.fragments == 2
    assert measured.figures.cost == 2


def test_nesting_deeper_than_any_depth_limit_stops_the_walk(schema: GraphQLSchema) -> None:
    # graphql-core's parser refuses documents nested 200 deep; a document built another way
    # (a stored one, say) is still walked with bounded recursion.
    selections = parse("{ version }").definitions[0].selection_set  # type: ignore[attr-defined]
    for _ in range(250):
        selections = SelectionSetNode(selections=(InlineFragmentNode(selection_set=selections),))
    document = DocumentNode(
        definitions=(
            OperationDefinitionNode(operation=OperationType.QUERY, selection_set=selections),
        )
    )

    measured = analyse(schema, document)

    assert measured.figures.too_nested
    assert measured.figures.depth > NESTING_CEILING
    assert refusals(measured.figures, Settings())[0].message == (
        f"Query nests more than {NESTING_CEILING} levels; the depth limit is 10."
    )


@pytest.mark.parametrize(
    ("document", "cost"),
    [
        ("{ version }", 1),
        ("{ me { name } }", 2),
        # Lists with no page size count 10 rows: 1 + 10 x (1 + 10 x 1)
        ("{ vendors { products { name } } }", 111),
        # A page of 50: licenses 1 + totalCount 1 + edges 1 + 50 x (node 1 + id 1 +
        # tags 1 + 10 x name 1)
        ("{ licenses(first: 50) { totalCount edges { node { id tags { name } } } } }", 653),
        # Without first/last a connection counts the largest page (100); a null one is absent
        ("{ auditEvents { nodes { id } } }", 102),
        ("{ licenses(first: null, last: 2) { nodes { id } } }", 4),
        # Each secret costs 100
        ('{ license(id: "x") { secret } }', 101),
    ],
)
def test_the_cost_model(schema: GraphQLSchema, document: str, cost: int) -> None:
    assert analyse(schema, parse(document)).figures.cost == cost


def test_reveals_count_aliases_fragments_and_whole_pages(schema: GraphQLSchema) -> None:
    text = """{
      a: license(id: "1") { secret }
      b: license(id: "2") { ...S }
      licenses(first: 5) { nodes { ...S } edges { node { secret } } }
      node(id: "3") { ... on License { secret } }
    }
    fragment S on License { secret }"""

    assert analyse(schema, parse(text)).figures.reveals == 1 + 1 + 5 + 5 + 1


def test_what_counts_as_a_repeated_selection(schema: GraphQLSchema) -> None:
    def duplicates(text: str) -> int:
        return analyse(schema, parse(text)).figures.duplicates

    assert duplicates("{ version version }") == 1
    assert duplicates("{ version ... on Query { version } }") == 1
    assert duplicates("{ ...F ...F } fragment F on Query { version __typename }") == 2
    # Legitimate shapes are not repeats: other types' fields, and a field that a
    # fragment also selects (clients' fragments overlap on ids all the time)
    assert duplicates('{ node(id: "x") { ... on License { id } ... on Vendor { id } } }') == 0
    assert duplicates("{ version ...F } fragment F on Query { version }") == 0


def test_depth_counts_fields_below_the_root_and_skips_introspection(
    schema: GraphQLSchema,
) -> None:
    def depth(text: str) -> int:
        return analyse(schema, parse(text)).figures.depth

    assert depth("{ version }") == 0
    assert depth("{ licenses(first: 1) { edges { node { vendor { name } } } } }") == 4
    assert depth("{ me { ...U } } fragment U on User { id }") == 1
    assert depth("{ __schema { types { fields { type { ofType { name } } } } } }") == 0


def test_the_explorers_introspection_query_is_within_the_limits(schema: GraphQLSchema) -> None:
    figures = analyse(schema, parse(get_introspection_query())).figures

    assert refusals(figures, Settings()) == []
    assert 2000 < figures.cost < 2500


def _client_documents() -> dict[str, str]:
    """Every operation of the web client with the fragments it spreads, from the generated
    client/src/gql/gql.ts (its keys are the documents' source text)."""
    source = CLIENT_GQL.read_text(encoding="utf-8")
    texts = [
        t.encode().decode("unicode_escape")
        for t in re.findall(r'^\s+"(\\n\s+(?:query|mutation|fragment) .*?)": typeof', source, re.M)
    ]
    fragments = {
        re.search(r"fragment (\w+)", t).group(1): t for t in texts if "fragment " in t[:20]
    }  # type: ignore[union-attr]
    documents = {}
    for text in texts:
        match = re.match(r"\s*(query|mutation) (\w+)", text)
        if match is None:
            continue
        needed: dict[str, str] = {}
        pending = re.findall(r"\.\.\.(\w+)", text)
        while pending:
            name = pending.pop()
            if name in fragments and name not in needed:
                needed[name] = fragments[name]
                pending.extend(re.findall(r"\.\.\.(\w+)", fragments[name]))
        documents[match.group(2)] = text + "\n".join(needed.values())
    return documents


def test_every_web_client_document_is_within_the_default_limits(schema: GraphQLSchema) -> None:
    documents = _client_documents()
    variables = {"withCost": True, "withUsers": True, "editing": True, "first": 100}

    over = {
        name: [
            e.message for e in refusals(analyse(schema, parse(text), variables).figures, Settings())
        ]
        for name, text in documents.items()
    }

    assert len(documents) > 40
    assert {name: errors for name, errors in over.items() if errors} == {}
