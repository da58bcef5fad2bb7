"""No plaintext secret anywhere in the database: 100 licenses are stored and revealed, then
every table is dumped and searched (the audit log included), on every backend."""

from __future__ import annotations

import logging
import secrets
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from tortoise import connections

from licman.models import License, Role
from licman.resolvers.license import LicenseInput, license_create, license_reveal_secret
from licman.resolvers.product import ProductInput, product_create
from licman.resolvers.vendor import VendorInput, vendor_create
from tests.backends import TestDatabase
from tests.resolvers.conftest import signed_in

COUNT = 100


def _bytes_of(path: Path) -> bytes:
    """A file's bytes, read by a child process. Never open the live database file in this
    process: closing any handle on a file drops every POSIX lock this process holds on it,
    Tortoise's connection's included, without SQLite knowing. The next process to close the
    database then believes it is the last one and deletes the -wal and -shm files this
    process still writes to, and every later write of the test process goes into a deleted
    file that the live servers of tests/web/test_lean_route.py never see."""
    return subprocess.run(["cat", str(path)], capture_output=True, check=True).stdout


def sqlite_dump(database: TestDatabase) -> str:
    """The file's bytes (with any journal beside it) and `iterdump()`, as one text."""
    path = Path(database.url.removeprefix("sqlite://"))
    raw = b"".join(
        _bytes_of(candidate)
        for candidate in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-journal"),
        )
        if candidate.exists()
    )
    with closing(sqlite3.connect(path)) as conn:
        dump = "\n".join(conn.iterdump())
    return raw.decode("latin-1") + "\n" + dump


async def server_dump(database: TestDatabase) -> str:
    """Every column of every table, cast to text by the database itself."""
    conn = connections.get("default")
    if database.backend == "postgres":
        schema = "current_schema()"
        cast = '"{}"::text'
        quote = '"{}"'
    else:
        schema = "DATABASE()"
        cast = "CAST(`{}` AS CHAR)"
        quote = "`{}`"
    columns = await conn.execute_query_dict(
        "SELECT table_name AS t, column_name AS c FROM information_schema.columns "
        f"WHERE table_schema = {schema} ORDER BY table_name, ordinal_position"
    )
    tables: dict[str, list[str]] = {}
    for row in columns:
        tables.setdefault(row["t"], []).append(row["c"])
    assert {"license", "audit_event"} <= set(tables)
    out: list[str] = []
    for table, names in tables.items():
        select = ", ".join(f"{cast.format(n)} AS {quote.format(n)}" for n in names)
        for row in await conn.execute_query_dict(f"SELECT {select} FROM {quote.format(table)}"):
            out.append(" | ".join(str(v) for v in row.values()))
    return "\n".join(out)


async def test_no_plaintext_secret_is_stored_anywhere(
    db: TestDatabase, caplog: pytest.LogCaptureFixture
) -> None:
    # Given: 100 licenses with recognisable secrets, each revealed once
    caplog.set_level(logging.DEBUG)
    admin = await signed_in(Role.ADMIN)
    vendor = await vendor_create(admin, VendorInput(name="Vendor"))
    product = await product_create(admin, ProductInput(vendor_id=vendor.id, name="Product"))
    plaintexts: dict[int, str] = {}
    for n in range(COUNT):
        secret = f"SECRET-{n}-{secrets.token_hex(12)}"
        license_ = await license_create(
            admin, LicenseInput(product_id=product.id, name=f"License {n}", secret=secret)
        )
        plaintexts[license_.id] = secret
    for license_id, secret in plaintexts.items():
        assert await license_reveal_secret(admin, license_id) == secret

    # When: the whole database is dumped
    dump = sqlite_dump(db) if db.backend == "sqlite" else await server_dump(db)

    # Then: no secret appears, not even its random part, and neither in the logs
    assert "license.reveal" in dump  # the dump does reach the audit log
    rows = await License.filter(secret_ciphertext__not_isnull=True).values_list(
        "id", "secret_ciphertext"
    )
    stored = [str(token) for _, token in rows]
    assert len(stored) == COUNT
    assert all(token in dump for token in stored)  # and the ciphertexts
    logged = caplog.text
    for secret in plaintexts.values():
        random_part = secret.rsplit("-", 1)[1]
        assert random_part not in dump
        assert random_part not in logged
