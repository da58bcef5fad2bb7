"""The benchmark data generator writes consistent, realistic data on every backend."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from bench.seed import COLUMNS, SeedReport, seed
from licman.models import (
    License,
    LicenseStatus,
    Product,
    RenewalTerm,
    SeatAssignment,
    Tag,
    User,
    Vendor,
)
from licman.security.secrets import KeyRing, KeyRingError, SecretError, activate, keyring
from tests.backends import TestDatabase


@pytest.fixture(autouse=True)
async def _no_stale_license_tags(db: TestDatabase) -> None:
    # The `db` fixture's truncate_all_models() leaves many-to-many tables alone on SQLite and
    # MariaDB (it deletes with foreign keys off, so nothing cascades): old license_tag rows
    # would clash with the new licenses, which reuse the ids.
    await connections.get("default").execute_script("DELETE FROM license_tag")


LICENSES = 300
MODELS = {
    "user": User,
    "vendor": Vendor,
    "product": Product,
    "tag": Tag,
    "license": License,
    "renewal_term": RenewalTerm,
    "seat_assignment": SeatAssignment,
}


@pytest.fixture
def ring() -> Iterator[KeyRing]:
    try:
        previous: KeyRing | None = keyring()
    except KeyRingError:
        previous = None
    ring = KeyRing.generate(None)
    activate(ring)
    yield ring
    activate(previous)


@pytest.fixture
async def report(ring: KeyRing) -> SeedReport:
    return await seed(LICENSES, progress=None)


async def test_the_generator_writes_every_required_column() -> None:
    # It inserts with its own column lists; a new NOT NULL column must be added there too.
    for table, model in MODELS.items():
        projection = model._meta.fields_db_projection
        required = {
            column for name, column in projection.items() if not model._meta.fields_map[name].null
        }
        missing = required - set(COLUMNS[table])
        assert not missing, f"bench/seed.py: add {sorted(missing)} to COLUMNS[{table!r}]"
        assert set(COLUMNS[table]) <= set(projection.values())


async def test_counts_are_as_requested(report: SeedReport) -> None:
    assert await License.all().count() == LICENSES
    assert await Vendor.all().count() == 20  # at least 20, else one per 100 licenses
    assert await User.all().count() == 15  # one per 20 licenses
    assert await Tag.all().count() == 30
    assert 20 <= await Product.all().count() <= 8 * 20
    assert LICENSES <= await RenewalTerm.all().count() <= 3 * LICENSES
    assert report.counts["license"] == LICENSES
    assert report.counts["seat_assignment"] == await SeatAssignment.all().count()
    assert report.seconds > 0
    assert "write license" in report.phases
    # Real vendors come first.
    assert await Vendor.filter(name="Adobe").exists()
    roles = {u["role"] for u in await User.all().values("role")}
    assert roles == {"admin", "manager", "member", "auditor"}


async def test_seats_used_is_the_number_of_active_assignments(report: SeedReport) -> None:
    active: Counter[int] = Counter()
    for row in await SeatAssignment.all().values("license_id", "user_id", "active_holder"):
        if row["active_holder"] is not None:
            assert row["active_holder"] == row["user_id"]
            active[row["license_id"]] += 1
    assert await SeatAssignment.filter(active_holder=None, revoked_at=None).count() == 0

    licenses = await License.all().values("id", "seats", "seats_used")
    for row in licenses:
        assert row["seats_used"] == active[row["id"]], row
        assert row["seats"] is None or row["seats_used"] <= row["seats"], row
    assert any(row["seats_used"] > 0 for row in licenses)
    assert any(row["seats"] is None for row in licenses)  # unlimited


async def test_every_secret_decrypts_for_its_own_license_only(
    report: SeedReport, ring: KeyRing
) -> None:
    rows = await License.filter(secret_ciphertext__not_isnull=True).values(
        "id", "secret_ciphertext", "secret_fingerprint"
    )
    assert 0.55 * LICENSES <= len(rows) <= 0.85 * LICENSES
    for row in rows:
        value = ring.decrypt(row["id"], row["secret_ciphertext"])
        assert value
        assert ring.fingerprint(value) == row["secret_fingerprint"]
    with pytest.raises(SecretError):
        ring.decrypt(rows[0]["id"] + 1, rows[0]["secret_ciphertext"])

    repeats = Counter(row["secret_fingerprint"] for row in rows)
    assert sum(n - 1 for n in repeats.values()) == report.duplicate_secrets >= 1


async def test_dates_and_renewal_terms_are_in_order(report: SeedReport) -> None:
    terms = defaultdict(list)
    for term in await RenewalTerm.all().order_by("starts_on").values():
        terms[term["license_id"]].append(term)
    today = datetime.now(UTC).date()
    licenses = await License.all().values()

    for lic in licenses:
        history = terms[lic["id"]]
        assert 1 <= len(history) <= 3, lic["id"]
        assert lic["purchased_on"] <= lic["starts_on"] == history[0]["starts_on"]
        for older, newer in pairwise(history):
            assert older["ends_on"] + timedelta(days=1) == newer["starts_on"]
        for term in history:
            assert term["starts_on"] <= term["ends_on"]
            assert (term["cost_micros"] is None) == (term["currency"] is None)
        if lic["expires_on"] is not None:
            assert lic["starts_on"] <= lic["expires_on"] == history[-1]["ends_on"]
        assert (lic["cost_micros"] is None) == (lic["currency"] is None)
        assert lic["created_at"] <= lic["updated_at"]

    statuses = {lic["status"] for lic in licenses}
    assert {LicenseStatus.ACTIVE, LicenseStatus.EXPIRED, LicenseStatus.TRIAL} <= statuses
    assert {"USD", "EUR"} <= {lic["currency"] for lic in licenses}
    expiring = [
        lic
        for lic in licenses
        if lic["expires_on"] and today <= lic["expires_on"] <= today + timedelta(days=90)
    ]
    assert expiring
    assert any(lic["expires_on"] and lic["expires_on"] < today for lic in licenses)


async def test_same_seed_same_data_and_the_app_can_still_create_rows(ring: KeyRing) -> None:
    fields = ("kind", "status", "seats", "seats_used", "cost_micros", "currency", "expires_on")
    first = await seed(LICENSES, seed=7, progress=None)
    first_rows = await License.all().order_by("id").values_list(*fields)

    # Seeding again appends after the existing rows, without clashing names or ids.
    second = await seed(LICENSES, seed=7, progress=None)
    assert second.counts["license"] == first.counts["license"]
    assert second.counts["tag"] == 0  # the existing tags are reused
    rows = await License.all().order_by("id").values_list(*fields)
    assert rows[LICENSES:] == first_rows

    other = await seed(LICENSES, seed=8, progress=None)
    assert other.counts["license"] == LICENSES
    rows = await License.all().order_by("id").values_list(*fields)
    assert rows[2 * LICENSES :] != first_rows

    # Ids were set explicitly: the next ordinary inserts must still get free ids.
    async with in_transaction():
        vendor = await Vendor.create(name="Brand New Vendor")
        product = await Product.create(vendor=vendor, name="Thing")
        created = await License.create(product=product)
    assert created.id == 3 * LICENSES + 1
