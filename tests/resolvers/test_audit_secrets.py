"""The audit diff of a change shows that a secret changed, was added or was removed, and
never the secret, its ciphertext or its fingerprint."""

from __future__ import annotations

import json
from typing import Any

import pytest

from licman.models import AuditEvent, License, Product, Vendor
from licman.resolvers.license import LicenseInput, license_create, license_update
from licman.security.principal import Principal
from licman.security.secrets import keyring

pytestmark = pytest.mark.usefixtures("db")


async def a_license_with_secret(admin: Principal, secret: str) -> License:
    vendor = await Vendor.create(name="Adobe")
    product = await Product.create(vendor=vendor, name="Photoshop")
    return await license_create(admin, LicenseInput(product_id=product.id, secret=secret))


async def last_change() -> dict[str, Any]:
    event = await AuditEvent.all().order_by("-id").first()
    assert event is not None
    assert event.action == "license.update"
    return event.changes


async def test_a_changed_secret_shows_as_changed_and_nothing_more(admin: Principal) -> None:
    # Given
    license_ = await a_license_with_secret(admin, "OLD-SECRET-1111")
    stored = await License.get(id=license_.id)

    # When the secret is replaced
    await license_update(admin, license_.id, 1, LicenseInput(secret="NEW-SECRET-2222"))

    # Then the diff says which secret fields changed, both sides redacted
    changes = await last_change()
    assert changes["secrets_changed"] == ["secret_ciphertext", "secret_fingerprint"]
    assert changes["before"]["secret_ciphertext"] == "[redacted]"
    assert changes["after"]["secret_ciphertext"] == "[redacted]"
    logged = json.dumps(changes)
    for hidden in (
        "OLD-SECRET-1111",
        "NEW-SECRET-2222",
        str(stored.secret_ciphertext),
        keyring().fingerprint("OLD-SECRET-1111"),
        keyring().fingerprint("NEW-SECRET-2222"),
    ):
        assert hidden not in logged


async def test_a_removed_secret_shows_as_gone(admin: Principal) -> None:
    license_ = await a_license_with_secret(admin, "OLD-SECRET-1111")

    await license_update(admin, license_.id, 1, LicenseInput(secret=None))

    changes = await last_change()
    assert changes["secrets_changed"] == ["secret_ciphertext", "secret_fingerprint"]
    assert changes["before"]["secret_ciphertext"] == "[redacted]"
    assert changes["after"]["secret_ciphertext"] is None


async def test_a_change_that_keeps_the_secret_does_not_mention_it(admin: Principal) -> None:
    license_ = await a_license_with_secret(admin, "OLD-SECRET-1111")

    await license_update(admin, license_.id, 1, LicenseInput(notes="renewed by phone"))

    changes = await last_change()
    assert "secrets_changed" not in changes
    assert changes["after"]["notes"] == "renewed by phone"
