"""Ownership is a grant: giving a license an owner (or moving it under another vendor's
grants) needs every right that this gives. Regression tests for the outside review's
findings: a manager, or a member holding only CHANGE, made themselves owner with
`licenseUpdate`, read the secret, handed REVEAL to others and kept it after losing the grant."""

from __future__ import annotations

import httpx
import pytest

from licman.models import Grant, License, Product, Role, User, Vendor
from licman.schema.ids import global_id
from licman.security.secrets import keyring
from tests.schema.conftest import Gql, _caller

pytestmark = pytest.mark.usefixtures("db")

Caller = tuple[User, Gql]
SECRET = "OWNED-0001-serial"

SET_OWNER = """
mutation SetOwner($id: ID!, $owner: ID) {
  licenseUpdate(input: {id: $id, version: 1, ownerId: $owner}) {
    license { id owner { id } } errors { field code message }
  }
}
"""

MOVE = """
mutation Move($id: ID!, $product: ID!) {
  licenseUpdate(input: {id: $id, version: 1, productId: $product}) {
    license { id vendor { name } } errors { field code message }
  }
}
"""

CREATE = """
mutation Create($product: ID!, $owner: ID) {
  licenseCreate(input: {productId: $product, ownerId: $owner, secret: "typed-by-me"}) {
    license { id owner { id } } errors { field code message }
  }
}
"""

SECRET_OF = "query($id: ID!) { license(id: $id) { secret } }"

GRANT_REVEAL = """
mutation($license: ID!, $user: ID!) {
  grantCreate(input: {licenseId: $license, userId: $user, rights: [REVEAL]}) {
    grant { id } errors { field code message }
  }
}
"""


async def _license(vendor: str = "Vault Co", product: str = "Vault") -> License:
    v = await Vendor.get_or_none(name=vendor) or await Vendor.create(name=vendor)
    p = await Product.create(vendor=v, name=product)
    row = await License.create(product=p, name="Prod DB password")
    row.secret_ciphertext = keyring().encrypt(row.id, SECRET)
    row.secret_fingerprint = keyring().fingerprint(SECRET)
    await row.save(update_fields=["secret_ciphertext", "secret_fingerprint"])
    return row


def _errors(body: dict[str, object], name: str) -> list[dict[str, str]]:
    data = body["data"]
    assert isinstance(data, dict), body
    payload = data[name]
    assert isinstance(payload, dict)
    errors = payload["errors"]
    assert isinstance(errors, list)
    return errors


async def test_a_manager_cannot_make_themselves_owner_to_read_the_secret(
    manager: Caller,
) -> None:
    user, gql = manager
    row = await _license()
    lid = global_id("License", row.id)

    body = await gql(SET_OWNER, id=lid, owner=global_id("User", user.id))

    errors = _errors(body, "licenseUpdate")
    assert [(e["field"], e["code"]) for e in errors] == [("ownerId", "FORBIDDEN")]
    assert "license.reveal" in errors[0]["message"]
    assert (await License.get(id=row.id)).owner_id is None
    read = await gql(SECRET_OF, id=lid)
    assert SECRET not in str(read)


async def test_a_member_with_change_cannot_take_ownership_and_keep_it_after_revocation(
    http: httpx.AsyncClient, admin: Caller
) -> None:
    member, gql = await _caller(http, Role.MEMBER, "changer@example.com")
    friend = await User.create(email="friend@example.com", role=Role.MEMBER)
    row = await _license()
    lid = global_id("License", row.id)
    grant = await Grant.create(license=row, user=member, rights=["change"])

    took = await gql(SET_OWNER, id=lid, owner=global_id("User", member.id))
    shared = await gql(GRANT_REVEAL, license=lid, user=global_id("User", friend.id))
    await grant.delete()
    after = await gql(SECRET_OF, id=lid)

    assert [e["code"] for e in _errors(took, "licenseUpdate")] == ["FORBIDDEN"]
    assert (await License.get(id=row.id)).owner_id is None
    assert [e["code"] for e in _errors(shared, "grantCreate")] == ["FORBIDDEN"]
    assert not await Grant.exists(user_id=friend.id)
    assert SECRET not in str(after)
    assert after["data"]["license"] is None  # the grant is gone: not even visible


async def test_a_member_with_change_cannot_give_the_license_to_someone_else(
    http: httpx.AsyncClient,
) -> None:
    member, gql = await _caller(http, Role.MEMBER, "changer@example.com")
    friend = await User.create(email="friend@example.com", role=Role.MEMBER)
    row = await _license()
    await Grant.create(license=row, user=member, rights=["change", "reveal"])

    body = await gql(SET_OWNER, id=global_id("License", row.id), owner=global_id("User", friend.id))

    # REVEAL and CHANGE are held, but an owner also manages the license's grants.
    errors = _errors(body, "licenseUpdate")
    assert [(e["field"], e["code"]) for e in errors] == [("ownerId", "FORBIDDEN")]
    assert "grant.manage" in errors[0]["message"]
    assert (await License.get(id=row.id)).owner_id is None


async def test_the_owner_and_admins_may_give_the_license_another_owner(
    http: httpx.AsyncClient, admin: Caller
) -> None:
    owner, owner_gql = await _caller(http, Role.MEMBER, "owner@example.com")
    heir = await User.create(email="heir@example.com", role=Role.MEMBER)
    row = await _license()
    lid = global_id("License", row.id)
    await License.filter(id=row.id).update(owner_id=owner.id)
    await Grant.create(license=row, user=owner, rights=["change"])  # licenseUpdate needs it

    handed = await owner_gql(SET_OWNER, id=lid, owner=global_id("User", heir.id))
    assert _errors(handed, "licenseUpdate") == []
    assert (await License.get(id=row.id)).owner_id == heir.id

    _, admin_gql = admin
    back = await admin_gql(
        SET_OWNER.replace("version: 1", "version: 2"), id=lid, owner=global_id("User", owner.id)
    )
    assert _errors(back, "licenseUpdate") == []
    assert (await License.get(id=row.id)).owner_id == owner.id


async def test_a_manager_may_take_the_owner_away(manager: Caller) -> None:
    # Clearing the owner gives nobody anything.
    _, gql = manager
    row = await _license()
    owner = await User.create(email="owner@example.com", role=Role.MEMBER)
    await License.filter(id=row.id).update(owner_id=owner.id)

    body = await gql(SET_OWNER, id=global_id("License", row.id), owner=None)

    assert _errors(body, "licenseUpdate") == []
    assert (await License.get(id=row.id)).owner_id is None


async def test_a_manager_cannot_create_a_license_owned_by_anyone(manager: Caller) -> None:
    user, gql = manager
    product = await Product.create(vendor=await Vendor.create(name="Acme"), name="Anvil")
    other = await User.create(email="other@example.com", role=Role.MEMBER)
    for owner in (user, other):
        body = await gql(
            CREATE, product=global_id("Product", product.id), owner=global_id("User", owner.id)
        )
        errors = _errors(body, "licenseCreate")
        assert [(e["field"], e["code"]) for e in errors] == [("ownerId", "FORBIDDEN")]
    assert await License.all().count() == 0
    plain = await gql(CREATE, product=global_id("Product", product.id), owner=None)
    assert _errors(plain, "licenseCreate") == []


async def test_an_admin_may_create_a_license_with_an_owner(admin: Caller) -> None:
    _, gql = admin
    product = await Product.create(vendor=await Vendor.create(name="Acme"), name="Anvil")
    owner = await User.create(email="owner@example.com", role=Role.MEMBER)
    body = await gql(
        CREATE, product=global_id("Product", product.id), owner=global_id("User", owner.id)
    )
    assert _errors(body, "licenseCreate") == []
    assert (await License.get()).owner_id == owner.id


async def test_moving_a_license_under_a_vendor_where_you_hold_more_rights_is_refused(
    http: httpx.AsyncClient,
) -> None:
    # CHANGE on the license, REVEAL on every license of another vendor: moving the license
    # there would reveal its secret.
    member, gql = await _caller(http, Role.MEMBER, "mover@example.com")
    row = await _license()
    elsewhere = await Vendor.create(name="Elsewhere")
    target = await Product.create(vendor=elsewhere, name="Landing")
    await Grant.create(license=row, user=member, rights=["change"])
    await Grant.create(vendor=elsewhere, user=member, rights=["reveal"])

    body = await gql(MOVE, id=global_id("License", row.id), product=global_id("Product", target.id))

    errors = _errors(body, "licenseUpdate")
    assert [(e["field"], e["code"]) for e in errors] == [("productId", "FORBIDDEN")]
    assert "license.reveal" in errors[0]["message"]
    assert (await License.get(id=row.id)).product_id != target.id
    assert SECRET not in str(await gql(SECRET_OF, id=global_id("License", row.id)))


async def test_a_manager_cannot_move_a_license_to_where_others_would_read_its_secret(
    manager: Caller,
) -> None:
    _, gql = manager
    row = await _license()
    elsewhere = await Vendor.create(name="Elsewhere")
    target = await Product.create(vendor=elsewhere, name="Landing")
    peeker = await User.create(email="peeker@example.com", role=Role.MEMBER)
    await Grant.create(vendor=elsewhere, user=peeker, rights=["reveal"])

    body = await gql(MOVE, id=global_id("License", row.id), product=global_id("Product", target.id))

    assert [(e["field"], e["code"]) for e in _errors(body, "licenseUpdate")] == [
        ("productId", "FORBIDDEN")
    ]
    # Within the same vendor, or to a vendor whose grants give only what a manager holds,
    # moving is fine.
    home = (await Product.get(id=row.product_id)).vendor_id
    sibling = await Product.create(vendor_id=home, name="Sibling")
    ok = await gql(MOVE, id=global_id("License", row.id), product=global_id("Product", sibling.id))
    assert _errors(ok, "licenseUpdate") == []


MOVE_PRODUCT = """
mutation($id: ID!, $vendor: ID!) {
  productUpdate(input: {id: $id, version: 1, vendorId: $vendor}) {
    product { id vendorId } errors { field code message }
  }
}
"""


async def test_moving_a_product_under_another_vendors_grants_is_checked_the_same_way(
    http: httpx.AsyncClient,
) -> None:
    # A manager with a REVEAL grant on vendor B moves product P (of vendor A) to B: every
    # license of P would become revealable to them.
    user, gql = await _caller(http, Role.MANAGER, "shifter@example.com")
    row = await _license()
    b = await Vendor.create(name="B")
    await Grant.create(vendor=b, user=user, rights=["reveal"])

    body = await gql(
        MOVE_PRODUCT, id=global_id("Product", row.product_id), vendor=global_id("Vendor", b.id)
    )

    errors = _errors(body, "productUpdate")
    assert [(e["field"], e["code"]) for e in errors] == [("vendorId", "FORBIDDEN")]
    assert (await Product.get(id=row.product_id)).vendor_id != b.id
    assert SECRET not in str(await gql(SECRET_OF, id=global_id("License", row.id)))
