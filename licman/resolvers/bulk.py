"""Writing many rows at once through Tortoise's own connection, on all three databases:
ids reserved up front (a secret is encrypted bound to its license's id, so the id must be
known before the row is written), then one COPY (PostgreSQL) or executemany per table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient


def quoted(dialect: str, name: str) -> str:
    return f"`{name}`" if dialect == "mysql" else f'"{name}"'


def insert_sql(dialect: str, table: str, columns: Sequence[str]) -> str:
    if dialect == "postgres":
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    else:
        marks = ", ".join(["%s" if dialect == "mysql" else "?"] * len(columns))
    names = ", ".join(quoted(dialect, c) for c in columns)
    return f"INSERT INTO {quoted(dialect, table)} ({names}) VALUES ({marks})"  # noqa: S608


def placeholder(dialect: str, index: int) -> str:
    """The `index`-th (1-based) parameter marker of the dialect."""
    if dialect == "postgres":
        return f"${index}"
    return "%s" if dialect == "mysql" else "?"


async def reserve_ids(conn: BaseDBAsyncClient, table: str, count: int) -> list[int]:
    """`count` ids no other writer will use. PostgreSQL takes them from the table's sequence.
    SQLite and MariaDB continue after the largest id: inside the caller's transaction, and a
    writer that raced us makes the INSERT fail on the primary key, so the caller retries."""
    if count == 0:
        return []
    dialect = conn.capabilities.dialect
    if dialect == "postgres":
        sequence = f"pg_get_serial_sequence('\"{table}\"', 'id')"
        rows = await conn.execute_query_dict(
            f"SELECT nextval({sequence}) AS id FROM generate_series(1, $1)",  # noqa: S608
            [count],
        )
        return [int(r["id"]) for r in rows]
    lock = " FOR UPDATE" if dialect == "mysql" else ""
    rows = await conn.execute_query_dict(
        f"SELECT COALESCE(MAX(id), 0) AS top FROM {quoted(dialect, table)}{lock}"  # noqa: S608
    )
    top = int(rows[0]["top"])
    return list(range(top + 1, top + 1 + count))


async def insert_rows(
    conn: BaseDBAsyncClient, table: str, columns: Sequence[str], rows: list[list[Any]]
) -> None:
    if not rows:
        return
    dialect = conn.capabilities.dialect
    if dialect == "postgres":
        # Binary COPY on the transaction's own connection: several times faster than
        # executemany for thousands of rows.
        conn.log.debug("COPY %s (%d rows)", table, len(rows))  # counted like the others
        async with conn.acquire_connection() as raw:
            await raw.copy_records_to_table(table, records=rows, columns=list(columns))
        return
    await conn.execute_many(insert_sql(dialect, table, columns), rows)
