"""How many licenses the caller sees: per vendor, product or tag (the catalogue's counts), and
in all for a list (its totalCount)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pypika_tortoise.terms import Parameterizer
from tortoise import connections
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from licman.models import License
from licman.security.permissions import license_scope
from licman.security.principal import Principal

CountBy = Literal["vendor", "product", "tag"]
_GROUP: dict[CountBy, str] = {
    "vendor": "product__vendor_id",
    "product": "product_id",
    "tag": "tags__id",
}


async def license_counts(principal: Principal, by: CountBy, keys: Sequence[int]) -> list[int]:
    """For each key, in order, the licenses P may see with that vendor, product or tag: one
    statement for all keys, the permission filter inside it (0 for a caller who sees none)."""
    group = _GROUP[by]
    rows = (
        await License.filter(await license_scope(principal), **{f"{group}__in": list(keys)})
        .annotate(n=Count("id", distinct=True))
        .group_by(group)
        .values_list(group, "n")
    )
    counts: dict[int, int] = dict(rows)
    return [counts.get(key, 0) for key in keys]


# --- a list's totalCount -----------------------------------------------------------------------

# A list's totalCount is exact up to this many licenses. Past it, on PostgreSQL, it is the
# planner's estimate for the same query (never below this + 1), and the connection says so:
# counting a million rows exactly costs a walk over all of them on every request.
EXACT_COUNT_UP_TO = 10_000


@dataclass(frozen=True, slots=True)
class TotalCount:
    count: int
    estimate: bool = False  # True: `count` is PostgreSQL's estimate, above EXACT_COUNT_UP_TO


def _sql_of(query: QuerySet[Any]) -> tuple[str, list[Any]]:
    """The query's SQL, every value a bound parameter in this database's placeholders."""
    values = query.values("id")
    values._choose_db_if_not_chosen()
    values._make_query()
    parameters = Parameterizer()
    ctx = values.query.QUERY_CLS.SQL_CONTEXT.copy(parameterizer=parameters)
    return values.query.get_sql(ctx), parameters.values


async def _planned(sql: str, parameters: list[Any]) -> int:
    connection = connections.get("default")
    plan = await connection.execute_query_dict(f"EXPLAIN (FORMAT JSON) {sql}", parameters)
    document = plan[0]["QUERY PLAN"]
    if isinstance(document, str):
        document = json.loads(document)
    return int(document[0]["Plan"]["Plan Rows"])


async def total_count(
    query: QuerySet[Any], *, estimate: bool = True, likely_large: bool = False
) -> TotalCount:
    """How many rows `query` selects: exact on SQLite and MariaDB, and on PostgreSQL up to
    EXACT_COUNT_UP_TO (a count that stops there); past it, the planner's estimate if
    `estimate`, else an exact count. The planner's figure comes from statistics of the whole
    table, not of what the caller may see: only a caller who sees every license may get it
    (a member's estimate would tell how many licenses there are that it cannot see).

    `likely_large` (a common search term): the estimate first, and no count at all when it
    is at least twice EXACT_COUNT_UP_TO: counting 10,001 matches of a term on 2 % of
    1,000,000 licenses reads half of them."""
    connection = connections.get("default")
    if str(connection.capabilities.dialect) != "postgres":
        return TotalCount(await query.count())
    sql, parameters = _sql_of(query)
    planned = None
    if estimate and likely_large:
        planned = await _planned(sql, parameters)
        if planned >= 2 * EXACT_COUNT_UP_TO:
            return TotalCount(planned, estimate=True)
    capped = f"SELECT COUNT(*) AS n FROM ({sql} LIMIT {EXACT_COUNT_UP_TO + 1}) AS counted"  # noqa: S608
    rows = await connection.execute_query_dict(capped, parameters)
    exact = int(rows[0]["n"])
    if exact <= EXACT_COUNT_UP_TO:
        return TotalCount(exact)
    if not estimate:
        return TotalCount(await query.count())
    if planned is None:
        planned = await _planned(sql, parameters)
    return TotalCount(max(planned, EXACT_COUNT_UP_TO + 1), estimate=True)
