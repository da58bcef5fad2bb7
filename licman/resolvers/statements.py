"""SQL text of the hot reads, built by Tortoise once per query shape and reused.

Building a query (pypika: joins, quoting, copies of the query at each step) cost more CPU
than the database took to answer it. A `Statement` is a ValuesQuery compiled once: its SQL,
its bound parameters, and Tortoise's own converter of each column (so the rows are what
`.values()` gives, on every database). Values that change from call to call without
changing the SQL (the ids of a page, for its relations) are *slots*: the query is built once
with a sentinel in their place, and each call puts its values where the sentinels were.

The caller keys a statement by everything the SQL depends on (the dialect, the day when
the SQL holds today's date, the filter, the permission scope): `q_key` gives a hashable key
for a Q, or None when it holds something it cannot key (a subquery), and then the query is
built as before, uncached. Statements run through the same connection Tortoise would pick,
logged by its client as every statement is (the statement counts stay the same).
"""

from __future__ import annotations

import types
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache
from tortoise import connections
from tortoise.expressions import Q
from tortoise.queryset import ValuesQuery

# Stand-ins for slot values while the query is built: ints no id ever takes.
SENTINEL_BASE = -(2**62)
CACHE_SIZE = 512


@dataclass(slots=True, frozen=True)
class Statement:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int, ...]  # positions in params of the slot values, in the caller's order
    columns: tuple[tuple[str, Callable[[Any], Any]], ...]  # Tortoise's converters

    async def fetch(self, slot_values: Sequence[Any] = ()) -> list[dict[str, Any]]:
        params = list(self.params)
        for position, value in zip(self.slots, slot_values, strict=True):
            params[position] = value
        rows: list[dict[str, Any]] = await connections.get("default").execute_query_dict(
            self.sql, params
        )
        columns = self.columns
        if columns:
            for row in rows:
                for name, convert in columns:
                    row[name] = convert(row[name])
        return rows


def sentinels(count: int) -> list[int]:
    """Values to build a query with in place of `count` slot values."""
    return [SENTINEL_BASE + i for i in range(count)]


def compile_values(query: ValuesQuery[Any], slot_count: int = 0) -> Statement | None:
    """The statement of a values query built with `sentinels(slot_count)` in its slots; None
    when a sentinel is not exactly one parameter (the caller runs the query itself)."""
    query._choose_db_if_not_chosen()
    query._make_query()
    sql, params = query.query.get_parameterized_sql()
    slots = []
    for sentinel in sentinels(slot_count):
        found = [i for i, p in enumerate(params) if p == sentinel and type(p) is int]
        if len(found) != 1:
            return None
        slots.append(found[0])
    # As ValuesQuery._execute: plain functions (identity lambdas) are left out.
    columns = tuple(
        (alias, convert)
        for alias, convert in (
            (alias, query.resolve_to_python_value(query.model, name))
            for alias, name in query._fields_for_select.items()
        )
        if not isinstance(convert, types.LambdaType)
    )
    return Statement(sql, tuple(params), tuple(slots), columns)


class StatementCache:
    """Statements by key, least recently used first out."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._entries: LRUCache[Hashable, Statement] = LRUCache(size)

    def get(self, key: Hashable | None) -> Statement | None:
        if key is None:
            return None
        return self._entries.get(key)

    def put(self, key: Hashable | None, statement: Statement | None) -> None:
        if key is None or statement is None:
            return
        self._entries[key] = statement

    def clear(self) -> None:
        self._entries.clear()


STATEMENTS = StatementCache()


class _Unkeyable(Exception):
    pass


def _value_key(value: Any) -> Hashable:
    if value is None or isinstance(value, bool | int | float | str | bytes):
        return (type(value).__name__, value)
    if isinstance(value, list | tuple):  # in order: the SQL's parameters follow it
        return (type(value).__name__, tuple(_value_key(v) for v in value))
    raise _Unkeyable


def _q(q: Q) -> Hashable:
    return (
        q.join_type,
        q._is_negated,
        tuple((name, _value_key(value)) for name, value in q.filters.items()),
        tuple(_q(child) for child in q.children),
    )


def q_key(q: Q | None) -> Hashable | None:
    """A hashable key equal for Qs that give the same SQL, or None if it has a value this
    cannot key (a subquery, an expression)."""
    if q is None:
        return ("none",)
    try:
        return _q(q)
    except _Unkeyable:
        return None


def dialect() -> str:
    return str(connections.get("default").capabilities.dialect)
