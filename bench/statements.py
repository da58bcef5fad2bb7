"""Counting the SQL statements Tortoise sends (its debug log of each statement), for the
benchmark and for the tests that pin how many statements a request costs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

# COPY: resolvers/bulk.py logs each COPY on PostgreSQL to the same logger, one per table.
# EXPLAIN: a list's totalCount past its exact range asks the planner (license_count.py).
VERBS = {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "COPY", "EXPLAIN"}


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().lstrip()
        if message.split(" ", 1)[0].upper() in VERBS:
            self.statements.append(message)


@contextmanager
def count_statements() -> Iterator[list[str]]:
    """The statements sent while the block runs, as Tortoise logged them."""
    logger = logging.getLogger("tortoise.db_client")
    handler, level = _Counter(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.statements
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
