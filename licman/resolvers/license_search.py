"""PostgreSQL's search through one trigram index: `license.search_text` (migration 0014).

A license's search text holds its name, notes and external id as `UPPER` gives them and the
folded names of its product, vendor and tags, so any license a term matches holds the term
upper-cased or folded: `search_text LIKE '%TERM%' OR search_text LIKE '%term%'` selects a
superset of the matches, cheaply (one column of the row, one GIN index). The search keeps its
exact conditions beside it, checked on those candidates only, so what it finds is unchanged.

Per term, one probe through the index decides how the page is read (search_matches): a term
with few candidates gives their ids, looked up by key; a term with many is found by walking
the page's order, where its matches are dense enough to fill a page after a few rows.
"""

from __future__ import annotations

import re
from typing import Any

from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Criterion, Field, Term, ValueWrapper
from tortoise.expressions import Q, ResolveContext
from tortoise.query_utils import QueryModifier

from licman.models.base import fold

# A term with fewer candidates than this is read by key: the probe returns their ids.
RARE_SEARCH = 5000
# pg_trgm finds a LIKE pattern's candidates from its runs of three letters or digits; a term
# without one would make the index read all of itself.
_TRIGRAM = re.compile(r"[^\W_]{3}")


def like_pattern(value: str) -> str:
    """`%value%` for LIKE … ESCAPE '\\', its wildcards taken literally (as Tortoise escapes)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


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


class SearchTextQ(Q):
    """`Q` for the licenses whose search text holds `term` (PostgreSQL, migration 0014): a
    superset of the term's matches, to AND with the exact conditions."""

    def __init__(self, term: str) -> None:
        super().__init__()
        self.term = term

    def resolve(self, resolve_context: ResolveContext) -> QueryModifier:
        column = Field("search_text", table=resolve_context.table)
        criterion: Any = _SearchTextLike(column, self.term)
        if self._is_negated:
            criterion = criterion.negate()
        return QueryModifier(where_criterion=criterion)
