"""A change and its audit event commit together or not at all."""

from __future__ import annotations

import pytest

import licman.resolvers.vendor as vendor_module
from licman.models import AuditEvent, Vendor
from licman.resolvers.vendor import VendorInput, vendor_create
from licman.security.principal import Principal

pytestmark = pytest.mark.usefixtures("db")


async def test_when_the_event_cannot_be_written_the_change_is_rolled_back(
    admin: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_audit(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(vendor_module, "audit_record", broken_audit)
    with pytest.raises(RuntimeError, match="audit store unavailable"):
        await vendor_create(admin, VendorInput(name="Adobe"))
    assert await Vendor.all().count() == 0
    assert await AuditEvent.all().count() == 0
