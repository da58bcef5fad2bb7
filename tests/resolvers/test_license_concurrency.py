"""Concurrent seat and tag changes on the same licenses never fail with a database error
(deadlock, duplicate key): each one either happens or is refused with a domain error, and
the counters and tag sets stay right. Run on PostgreSQL and MariaDB, where transactions run
side by side (SQLite has one writer at a time)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from licman.models import License, Product, SeatAssignment, Tag, User, Vendor
from licman.resolvers.errors import DomainError
from licman.resolvers.license import licenses_tag, licenses_untag
from licman.resolvers.license_seats import license_assign, license_unassign
from licman.security.principal import Principal
from tests.backends import TestDatabase
from tests.resolvers.conftest import assert_chain_intact

ROUNDS = 50


@pytest.fixture(autouse=True)
def _servers_only(db: TestDatabase) -> None:
    if db.backend == "sqlite":
        pytest.skip("SQLite runs one write transaction at a time: nothing to race")


async def run_together(calls: list[Callable[[], Awaitable[Any]]]) -> list[BaseException]:
    """Start every call at once; the exceptions that were not domain refusals."""

    async def one(call: Callable[[], Awaitable[Any]]) -> BaseException | None:
        try:
            await call()
        except DomainError:
            return None  # a refusal with a reason (NOT_FOUND, ALREADY_ASSIGNED...) is fine
        except Exception as exc:  # what the test is looking for
            return exc
        return None

    results = await asyncio.gather(*(one(c) for c in calls))
    return [r for r in results if r is not None]


async def catalogue() -> Product:
    vendor = await Vendor.create(name="Adobe")
    return await Product.create(vendor=vendor, name="Photoshop")


async def test_concurrent_assign_and_unassign_never_fail_inside(admin: Principal) -> None:
    # Given two licenses and a few people
    product = await catalogue()
    licenses = [await License.create(product=product, seats=3) for _ in range(2)]
    people = [await User.create(email=f"p{n}@example.com", name=f"P{n}") for n in range(4)]
    rng = random.Random(8)  # noqa: S311 - a repeatable mix of calls, not a secret

    def call(n: int) -> Callable[[], Awaitable[Any]]:
        license_id = licenses[n % 2].id
        person = rng.choice(people).id
        if rng.random() < 0.5:
            return lambda: license_assign(admin, license_id, person)
        return lambda: license_unassign(admin, license_id, person)

    # When fifty assignments and unassignments run at once (three times over)
    failures = []
    for _ in range(3):
        failures += await run_together([call(n) for n in range(ROUNDS)])

    # Then none failed with a database error, and each seat counter matches its seats
    assert failures == [], [repr(f) for f in failures]
    for license_ in licenses:
        active = await SeatAssignment.filter(
            license_id=license_.id, active_holder__isnull=False
        ).count()
        assert (await License.get(id=license_.id)).seats_used == active <= 3
    await assert_chain_intact()


async def test_concurrent_tag_and_untag_never_fail_inside(admin: Principal) -> None:
    # Given licenses and tags that every call overlaps on
    product = await catalogue()
    licenses = [await License.create(product=product) for _ in range(4)]
    tags = [await Tag.create(name=name) for name in ("Design", "Finance", "Dev")]
    rng = random.Random(10)  # noqa: S311 - a repeatable mix of calls, not a secret

    def call() -> Callable[[], Awaitable[Any]]:
        license_ids = [lic.id for lic in rng.sample(licenses, rng.randint(1, 4))]
        tag_ids = [tag.id for tag in rng.sample(tags, rng.randint(1, 3))]
        operation = licenses_tag if rng.random() < 0.6 else licenses_untag
        return lambda: operation(admin, license_ids, tag_ids)

    # When fifty bulk tag and untag calls run at once (three times over)
    failures = []
    for _ in range(3):
        failures += await run_together([call() for _ in range(ROUNDS)])

    # Then none failed with a database error, and no pair is there twice
    assert failures == [], [repr(f) for f in failures]
    for license_ in licenses:
        names = await license_.tags.all().values_list("name", flat=True)
        assert len(names) == len(set(names))
    await assert_chain_intact()
