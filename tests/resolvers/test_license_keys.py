"""Product keys and signed license files on every database: the format and randomness,
storage (encrypted, bound, unique), issuing one at a time, permissions (permissions.py),
the audit trail without the keys, and license files that the documented snippet accepts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from licman.models import AuditEvent, Grant, GrantRight, License, LicenseKey, Role
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.license import LicenseInput, license_create
from licman.resolvers.license_keys import (
    ALPHABET,
    KEY_RE,
    LicenseFileInput,
    license_file_issue,
    license_key_issue,
    license_key_pool,
    license_keys_generate,
    new_key,
)
from licman.resolvers.product import ProductInput, product_create
from licman.resolvers.vendor import VendorInput, vendor_create
from licman.security import signing
from licman.security.principal import Principal
from licman.security.secrets import keyring
from licman.security.signing import SigningKey, verify_document
from tests.backends import TestDatabase
from tests.resolvers.conftest import signed_in
from tests.test_keys_snippet import documented_check


@pytest.fixture(autouse=True)
def site_key() -> Iterator[SigningKey]:
    before, key = signing._active, SigningKey.generate()
    signing.activate(key)
    yield key
    signing.activate(before)


async def a_license(admin: Principal) -> License:
    vendor = await vendor_create(admin, VendorInput(name="Acme"))
    product = await product_create(admin, ProductInput(vendor_id=vendor.id, name="Studio"))
    return await license_create(admin, LicenseInput(product_id=product.id, name="Resale"))


def test_keys_are_grouped_unambiguous_and_random() -> None:
    keys = {new_key() for _ in range(2000)}
    assert len(keys) == 2000
    assert all(KEY_RE.match(k) for k in keys)
    assert not set("01OIL") & set(ALPHABET)
    # Every character of the alphabet turns up in every position (a fair draw would).
    for position in (0, 12, 28):
        assert {k[position] for k in keys} == set(ALPHABET)


async def test_generate_then_issue_one_at_a_time(db: TestDatabase, admin: Principal) -> None:
    license_ = await a_license(admin)
    pool = await license_keys_generate(admin, license_.id, 3)
    assert (pool.available, pool.issued) == (3, 0)
    rows = await LicenseKey.filter(license_id=license_.id).order_by("id")
    # Stored encrypted and bound to the license; fingerprints unique.
    assert all(r.ciphertext.startswith("gAAAAA") for r in rows)  # Fernet tokens
    assert len({r.fingerprint for r in rows}) == 3
    issued = [(await license_key_issue(admin, license_.id, f"Buyer {n}")).key for n in range(3)]
    assert len(set(issued)) == 3
    assert all(KEY_RE.match(k) for k in issued)
    ring = keyring()
    assert [
        ring.decrypt_blob(f"license_key:{license_.id}", r.ciphertext.encode()).decode()
        for r in rows
    ] == issued  # oldest first
    with pytest.raises(DomainError) as empty:
        await license_key_issue(admin, license_.id, "One too many")
    assert (empty.value.code, empty.value.field) == (ErrorCode.CONFLICT, "licenseId")
    counts = await license_key_pool(admin, license_.id)
    assert (counts.available, counts.issued) == (0, 3)
    taken = await LicenseKey.get(id=rows[0].id)
    assert (taken.status, taken.licensee, taken.issued_by_id) == (
        "issued",
        "Buyer 0",
        admin.user.id if admin.user else None,
    )

    # Audited, never with a key in it.
    events = await AuditEvent.filter(action__startswith="license_key.").order_by("id")
    assert [e.action for e in events] == ["license_key.generate"] + ["license_key.issue"] * 3
    assert events[1].changes == {"license_key_id": rows[0].id, "licensee": "Buyer 0"}
    text = json.dumps([e.changes for e in await AuditEvent.all()])
    assert not any(k in text for k in issued)


async def test_who_may_generate_and_issue(db: TestDatabase, admin: Principal) -> None:
    license_ = await a_license(admin)
    await license_keys_generate(admin, license_.id, 2)
    auditor = await signed_in(Role.AUDITOR)
    member = await signed_in(Role.MEMBER)
    manager = await signed_in(Role.MANAGER)
    # A manager changes and assigns every license: may do both.
    await license_keys_generate(manager, license_.id, 1)
    assert (await license_key_issue(manager, license_.id, "M")).key
    # An auditor sees the license but changes nothing and hands nothing out.
    with pytest.raises(DomainError) as refused:
        await license_keys_generate(auditor, license_.id, 1)
    assert refused.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(DomainError) as refused:
        await license_key_issue(auditor, license_.id, "A")
    assert refused.value.code is ErrorCode.FORBIDDEN
    # A member who cannot see it: NOT_FOUND. With an ASSIGN grant: may issue, not generate.
    with pytest.raises(DomainError) as hidden:
        await license_key_issue(member, license_.id, "X")
    assert hidden.value.code is ErrorCode.NOT_FOUND
    assert member.user is not None
    await Grant.create(license_id=license_.id, user_id=member.user.id, rights=[GrantRight.ASSIGN])
    member.cache.clear()
    assert (await license_key_issue(member, license_.id, "Granted")).key
    with pytest.raises(DomainError) as refused:
        await license_keys_generate(member, license_.id, 1)
    assert refused.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(DomainError) as bad:
        await license_keys_generate(admin, license_.id, 0)
    assert bad.value.field == "count"
    counts = await license_key_pool(admin, license_.id)
    assert (counts.available, counts.issued) == (1, 2)


async def test_a_signed_license_file_verifies_offline(
    db: TestDatabase, admin: Principal, site_key: SigningKey
) -> None:
    license_ = await a_license(admin)
    await license_keys_generate(admin, license_.id, 1)
    expires = date.today() + timedelta(days=365)
    document = await license_file_issue(
        admin,
        license_.id,
        LicenseFileInput(licensee="Example Ltd", seats=25, expires_on=expires, with_key=True),
    )
    facts = verify_document(document, site_key.public, kind="license")
    assert (facts["product"], facts["licensee"], facts["seats"]) == (
        "Acme Studio",
        "Example Ltd",
        25,
    )
    assert facts["expires_on"] == expires.isoformat()
    assert KEY_RE.match(facts["license_key"])
    # The documented snippet, as a product would run it.
    text = json.dumps(document, indent=2, ensure_ascii=False)
    assert documented_check()(text, site_key.public_pem().encode())["serial"] == facts["serial"]
    event = await AuditEvent.get(action="license_file.issue")
    assert event.changes["serial"] == facts["serial"]
    assert facts["license_key"] not in json.dumps(event.changes)
    assert (await license_key_pool(admin, license_.id)).issued == 1


async def test_bad_license_file_input_is_refused_by_field(
    db: TestDatabase, admin: Principal
) -> None:
    license_ = await a_license(admin)
    with pytest.raises(DomainError) as refused:
        await license_file_issue(
            admin,
            license_.id,
            LicenseFileInput(licensee=" ", seats=0, expires_on=date.today() - timedelta(days=1)),
        )
    assert {e.field for e in refused.value.errors} == {"licensee", "seats", "expiresOn"}
    assert not await AuditEvent.filter(action="license_file.issue").exists()


async def test_concurrent_issues_never_hand_out_a_key_twice(
    db: TestDatabase, admin: Principal
) -> None:
    import asyncio

    license_ = await a_license(admin)
    await license_keys_generate(admin, license_.id, 6)
    results = await asyncio.gather(
        *(license_key_issue(admin, license_.id, f"Buyer {n}") for n in range(8)),
        return_exceptions=True,
    )
    keys = [r.key for r in results if not isinstance(r, BaseException)]
    refusals = [r for r in results if isinstance(r, DomainError)]
    assert len(keys) == len(set(keys)) == 6
    assert [e.code for e in refusals] == [ErrorCode.CONFLICT] * 2
    assert await LicenseKey.filter(license_id=license_.id, status="issued").count() == 6
    assert await AuditEvent.filter(action="license_key.issue").count() == 6
