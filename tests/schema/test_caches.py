"""The in-process caches (all cachetools' LRUCache or TTLCache): each keeps its bound, drops
the least recently used entry first, and the search plans expire after PLAN_SECONDS."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from cachetools import LRUCache
from graphql import FieldNode, GraphQLSchema, NameNode, parse

from licman.resolvers import license_search
from licman.resolvers.statements import Statement, StatementCache
from licman.schema import selection
from licman.schema.fast_path import PlanCache
from licman.schema.limits_cache import AnalysisCache
from licman.schema.root import build_schema
from licman.web.lean import Prepared, PreparedBodies


def _statement(sql: str) -> Statement:
    return Statement(sql, (), (), ())


def test_statements_keep_the_most_recently_used() -> None:
    cache = StatementCache(size=2)
    cache.put("a", _statement("A"))
    cache.put("b", _statement("B"))
    assert cache.get("a") is not None  # a is now the most recent
    cache.put("c", _statement("C"))  # b goes
    assert cache.get("b") is None
    assert [cache.get(k).sql for k in ("a", "c")] == ["A", "C"]  # type: ignore[union-attr]
    cache.put(None, _statement("X"))  # an unkeyable query is not kept
    cache.put("d", None)
    assert cache.get(None) is None
    assert cache.get("d") is None


def _prepared(variables: dict[str, Any] | None = None) -> Prepared:
    document = parse("{ version }")
    return Prepared(document, document.definitions[0], None, variables, None, 1, None)  # type: ignore[arg-type]


def test_prepared_bodies_are_bounded_and_skip_variables_and_large_bodies() -> None:
    bodies = PreparedBodies(size=2)
    bodies.put((b"1", False), _prepared())
    bodies.put((b"2", False), _prepared())
    assert bodies.get((b"1", False)) is not None
    bodies.put((b"3", True), _prepared())
    assert bodies.get((b"2", False)) is None  # the least recently used went
    assert bodies.get((b"1", False)) is not None
    assert bodies.get((b"3", True)) is not None
    bodies.put((b"4", False), _prepared({"id": "x"}))  # a variable would be shared: not kept
    bodies.put((b"x" * (PreparedBodies.MAX_BODY + 1), False), _prepared())
    assert bodies.get((b"4", False)) is None
    assert bodies.get((b"x" * (PreparedBodies.MAX_BODY + 1), False)) is None


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema()._schema


def test_selected_paths_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selection, "_PATHS", LRUCache(2))
    operation = parse("{ a { b } c { d } e { f } }").definitions[0]
    fields: list[FieldNode] = list(operation.selection_set.selections)  # type: ignore[attr-defined]
    assert [selection.paths_below((f,), {}) for f in fields] == [{"b"}, {"d"}, {"f"}]
    assert len(selection._PATHS) == 2
    assert (id(fields[0]),) not in selection._PATHS  # the oldest went
    # An id reused by another node is not taken for the node it was
    other = FieldNode(name=NameNode(value="z"), selection_set=None)
    selection._PATHS[(id(other),)] = ((fields[1],), frozenset({"stale"}))
    assert selection.paths_below((other,), {}) == frozenset()


def test_the_analysis_cache_drops_the_least_recently_used(schema: GraphQLSchema) -> None:
    cache = AnalysisCache(size=2)
    texts = ["{ version }", "{ viewer { id } }", "{ vendors(first: 1) { nodes { id } } }"]

    def analyses(text: str) -> int:
        return cache.measure(schema, text, parse(text), None, None).stats.analyses

    assert [analyses(t) for t in texts[:2]] == [1, 1]
    assert analyses(texts[0]) == 0  # the first is now the most recent
    assert analyses(texts[2]) == 1  # the second goes
    assert [analyses(texts[0]), analyses(texts[2]), analyses(texts[1])] == [0, 0, 1]


def test_search_plans_expire_and_are_bounded() -> None:
    now = [0.0]
    plans = license_search.plan_cache(lambda: now[0])
    plans["widget"] = 3
    now[0] = license_search.PLAN_SECONDS - 0.5
    assert plans.get("widget") == 3
    now[0] = license_search.PLAN_SECONDS  # as old as PLAN_SECONDS: asked again
    assert plans.get("widget") is None
    for n in range(license_search.PLAN_CACHE_SIZE + 1):
        plans[f"t{n}"] = n
    assert len(plans) == license_search.PLAN_CACHE_SIZE
    assert "t0" not in plans
    assert plans.get("t1") == 1


def test_fast_path_plans_are_bounded_by_operation_node() -> None:
    plans = PlanCache(size=2)
    documents = [parse(f"mutation M{n} {{ x }}") for n in range(3)]  # never covered: None

    def executor(n: int) -> Any:
        return SimpleNamespace(
            operation=documents[n].definitions[0],
            fragments={},
            variable_values=SimpleNamespace(coerced={}),
        )

    assert [plans.plan(executor(n)) for n in range(3)] == [None, None, None]
    assert len(plans._plans) == 2
    assert len(plans._variables) == 2
    assert (id(documents[0].definitions[0]),) not in plans._plans
    assert (id(documents[2].definitions[0]),) in plans._plans
