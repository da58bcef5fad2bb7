"""PostgreSQL's search through one trigram index: `license.search_text` (migration 0014).

A license's search text holds its name, notes and external id as `UPPER` gives them and the
folded names of its product, vendor and tags, so any license a term matches holds the term
upper-cased or folded: `search_text LIKE '%TERM%' OR search_text LIKE '%term%'` selects a
superset of the matches, cheaply (one column of the row, one GIN index). The search keeps its
exact conditions beside it, checked on those candidates only, so what it finds is unchanged.

Per term, the planner's estimate of its candidates decides how the page is read
(search_plan, an `EXPLAIN`: about a millisecond; the column's statistics are fine-grained,
migration 0014): a term with few candidates reads them through the index and fetches those
rows (RareCandidatesQ); a term with many walks the page's order, where its matches are dense
enough to fill a page after a few rows. The estimate of a term is kept PLAN_SECONDS (PLANS).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cachetools import TTLCache
from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Criterion, Field, Parameterizer, Term, ValueWrapper
from tortoise import connections
from tortoise.expressions import Q, ResolveContext
from tortoise.query_utils import QueryModifier

from licman.models import License
from licman.models.base import fold

# A term the planner expects on fewer licenses than this reads its candidates through the
# index (about this many rows at most, whatever the page's order); one on more walks the
# page's order (about 50 x licenses / matches rows tested, each a LIKE on one column). On
# 1,000,000 licenses (bench/RESULTS.md, runs 8 and 9) a term on 7,218 licenses took 52 ms by
# the walk and 96 ms through the index (each candidate read twice: the index's recheck, then
# by TID; only the page's rows are joined since run 9); one on 1,336, 16-24 ms through the
# index. The index's cost is bounded, the walk's is not: matches that all sort last
# (licenses that never expire) are found after every other one.
RARE_SEARCH = 5_000
# pg_trgm finds a LIKE pattern's candidates from its runs of three letters or digits; a term
# without one would make the index read all of itself.
_TRIGRAM = re.compile(r"[^\W_]{3}")


def like_pattern(value: str) -> str:
    """`%value%` for LIKE … ESCAPE '\\', its wildcards taken literally (as Tortoise escapes)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def exact_in_search_text(term: str) -> bool:
    """Whether the search text alone decides this term's matches, with no other check. True
    for ASCII terms (without the separator): UPPER turns every ASCII letter into a capital
    and folding into a small letter, so a term with a letter finds its upper-cased form only
    in the upper-cased parts and its folded form only in the folded ones, exactly as the
    separate conditions would; a term without one is the same string in both forms. Beyond
    ASCII, UPPER and Python's casefold differ (sharp s, dotless i, ligatures): the exact
    conditions stay."""
    return term.isascii() and "\x1f" not in term


def indexable(term: str) -> bool:
    """Whether the trigram index can narrow this term's candidates."""
    return _TRIGRAM.search(term) is not None


class _SearchTextLike(Criterion):
    def __init__(self, column: Term, term: str) -> None:
        super().__init__()
        self.column = column
        self.upper = ValueWrapper(like_pattern(term))
        self.folded = ValueWrapper(like_pattern(fold(term)))

    def get_sql(self, ctx: SqlContext) -> str:
        column = self.column.get_sql(ctx)
        # UPPER on the server, as `icontains` does: the text holds PostgreSQL's UPPER of
        # the name, notes and external id.
        upper, folded = self.upper.get_sql(ctx), self.folded.get_sql(ctx)
        return f"({column} LIKE UPPER({upper}) ESCAPE '\\' OR {column} LIKE {folded} ESCAPE '\\')"


class CriterionQ(Q):
    """A `Q` made of one SQL criterion (negated as `~q` asks): subclasses give `criterion`."""

    def criterion(self, table: Any) -> Any:
        raise NotImplementedError

    def resolve(self, resolve_context: ResolveContext) -> QueryModifier:
        criterion = self.criterion(resolve_context.table)
        if self._is_negated:
            criterion = criterion.negate()
        return QueryModifier(where_criterion=criterion)


class SearchTextQ(CriterionQ):
    """`Q` for the licenses whose search text holds `term` (PostgreSQL, migration 0014): a
    superset of the term's matches, to AND with the exact conditions."""

    def __init__(self, term: str) -> None:
        super().__init__()
        self.term = term

    def criterion(self, table: Any) -> Any:
        column = Field("search_text", table=table)
        return _SearchTextLike(column, self.term)


class _Fixed(Term):
    """A fixed piece of SQL (an identifier written here, never input)."""

    def __init__(self, sql: str) -> None:
        super().__init__()
        self.sql = sql

    def get_sql(self, ctx: SqlContext) -> str:
        return self.sql


class _RareCandidates(Criterion):
    def __init__(self, table: Any, term: str) -> None:
        super().__init__()
        self.table = table
        self.holds = _SearchTextLike(_Fixed('"candidate"."search_text"'), term)

    def get_sql(self, ctx: SqlContext) -> str:
        ctid = Field("ctid", table=self.table).get_sql(ctx)
        holds = self.holds.get_sql(ctx)
        inner = f'SELECT "candidate"."ctid" FROM "license" "candidate" WHERE {holds}'  # noqa: S608
        return f"{ctid} = ANY(ARRAY({inner}))"


class RareCandidatesQ(CriterionQ):
    """`Q` for a rare term's candidates: `ctid = ANY(ARRAY(SELECT ctid FROM license WHERE
    search text holds the term))`. ARRAY(…) is read once, through the trigram index, before
    the page's scan (an InitPlan), and the page fetches those rows by their place in the
    table (a TID scan, no index): as a plain subquery or filter, PostgreSQL could instead walk
    the page's order testing each license, the whole table for a term that matches nothing
    (and a prepared statement's generic plan, blind to the term, would)."""

    def __init__(self, term: str) -> None:
        super().__init__()
        self.term = term

    def criterion(self, table: Any) -> Any:
        return _RareCandidates(table, self.term)


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """How a search term is read on PostgreSQL: `rare` through the index (else by walking
    the page's order); `estimate`: the planner's figure for its candidates."""

    term: str
    rare: bool
    estimate: int


# The planner's estimate of a term's candidates, kept this long: it changes only when the
# license table is analysed again, and a stale one only picks the other path (the answer is
# the same either way). The pages after the first, the `totalCount` beside a page and the
# next keystroke's request then cost no `EXPLAIN`.
PLAN_SECONDS = 30.0
PLAN_CACHE_SIZE = 256


def plan_cache(timer: Callable[[], float] = time.monotonic) -> TTLCache[str, int]:
    """Search term -> the planner's estimate, the least recently used first out, each kept
    PLAN_SECONDS (cachetools' TTLCache; `timer` for the tests). In-process: one per process,
    nothing shared; used from the event loop only (cachetools is not thread-safe)."""
    return TTLCache(maxsize=PLAN_CACHE_SIZE, ttl=PLAN_SECONDS, timer=timer)


PLANS = plan_cache()


async def _estimate(term: str) -> int:
    """The planner's estimate of the licenses whose search text holds `term`: one `EXPLAIN`
    (no rows read)."""
    query = License.filter(SearchTextQ(term)).values("id")
    query._choose_db_if_not_chosen()
    query._make_query()
    parameters = Parameterizer()
    ctx = query.query.QUERY_CLS.SQL_CONTEXT.copy(parameterizer=parameters)
    sql = query.query.get_sql(ctx)  # every value a bound parameter
    rows = await connections.get("default").execute_query_dict(
        f"EXPLAIN (FORMAT JSON) {sql}", parameters.values
    )
    document = rows[0]["QUERY PLAN"]
    if isinstance(document, str):
        document = json.loads(document)
    return int(document[0]["Plan"]["Plan Rows"])


async def search_plan(term: str) -> SearchPlan | None:
    """On PostgreSQL, for a term the trigram index can narrow, how to read it: the planner's
    estimate of its candidates (an `EXPLAIN`, or PLANS' copy of one at most PLAN_SECONDS
    old). None elsewhere, and for a term too short for trigrams (it walks: a term of one or
    two letters is on many licenses)."""
    if str(connections.get("default").capabilities.dialect) != "postgres" or not indexable(term):
        return None
    estimate = PLANS.get(term)
    if estimate is None:
        estimate = await _estimate(term)
        PLANS[term] = estimate
    return SearchPlan(term, estimate < RARE_SEARCH, estimate)


# --- a common term's walk along the expiry order (migration 0015) -------------------------

# The live licenses whose search text is at most this many bytes are in `license_search_walk`
# ((expires_on, id) INCLUDE search_text): a B-tree entry holds at most 2,704 bytes. The others
# (notes near their 10,000 characters) are in `license_search_walk_long`, without the text.
# Keep in step with licman/migrations/0015_search_walk.py.
WALK_TEXT_BYTES = 2000


class _TextLength(Criterion):
    def __init__(self, table: Any, short: bool) -> None:
        super().__init__()
        self.table = table
        self.short = short

    def get_sql(self, ctx: SqlContext) -> str:
        column = Field("search_text", table=self.table).get_sql(ctx)
        op = "<=" if self.short else ">"
        return f"octet_length({column}) {op} {WALK_TEXT_BYTES}"


class TextLengthQ(CriterionQ):
    """`Q` for the licenses whose search text is at most WALK_TEXT_BYTES long (`short`), or
    longer: exactly the partial indexes' conditions, so PostgreSQL can read each through its
    index."""

    def __init__(self, short: bool) -> None:
        super().__init__()
        self.short = short

    def criterion(self, table: Any) -> Any:
        return _TextLength(table, self.short)


def _subquery_sql(query: Any, ctx: SqlContext) -> str:
    """A queryset's SQL inside another statement, its values bound parameters of `ctx`."""
    query._choose_db_if_not_chosen()
    query._make_query()
    sql: str = query.query.get_parameterized_sql(ctx)[0]
    if sql.startswith("(") and sql.endswith(")"):
        sql = sql[1:-1]
    return sql


class _EitherPage(Criterion):
    def __init__(self, table: Any, short: Any, long: Any) -> None:
        super().__init__()
        self.table = table
        self.short = short
        self.long = long

    def get_sql(self, ctx: SqlContext) -> str:
        ident = Field("id", table=self.table).get_sql(ctx)
        short, long = _subquery_sql(self.short, ctx), _subquery_sql(self.long, ctx)
        return f"{ident} IN (({short}) UNION ALL ({long}))"


class EitherPageQ(CriterionQ):
    """`Q` for `id IN ((short page's ids) UNION ALL (long page's ids))`: each a page's ids,
    ordered and limited, one read through `license_search_walk` (index-only), the other
    through `license_search_walk_long`; the outer statement sorts and limits them again."""

    def __init__(self, short: Any, long: Any) -> None:
        super().__init__()
        self.short = short
        self.long = long

    def criterion(self, table: Any) -> Any:
        return _EitherPage(table, self.short, self.long)
