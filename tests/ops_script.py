"""Run in a subprocess by the operations tests (the Licman home and database come from the
environment, like every `licman` command): `seed SECRET` stores a license with that secret
and a tag and prints its id; `reveal ID` prints the secret as an admin reveals it."""

from __future__ import annotations

import asyncio
import sys

from licman.db import connected
from licman.models import Product, Role, User, Vendor
from licman.resolvers.license import LicenseInput, license_create, license_reveal_secret
from licman.resolvers.tag import TagInput, tag_create
from licman.security.keyring_setup import prepare_keyring
from licman.security.principal import Principal, PrincipalKind
from licman.settings import load_settings


async def _admin() -> Principal:
    user = await User.filter(role=Role.ADMIN).order_by("id").first()
    assert user is not None, "run licman init first"
    return Principal(PrincipalKind.SESSION, user=user)


async def main(action: str, argument: str) -> None:
    settings = load_settings()
    async with connected(settings):
        await prepare_keyring(settings)
        admin = await _admin()
        if action == "seed":
            count = await Vendor.all().count()
            vendor = await Vendor.create(name=f"Vendor {count}")
            product = await Product.create(vendor=vendor, name="Suite")
            tag = await tag_create(admin, TagInput(name=f"tag-{count}"))
            created = await license_create(
                admin, LicenseInput(product_id=product.id, secret=argument, tag_ids=[tag.id])
            )
            print(created.id)
        elif action == "reveal":
            print(await license_reveal_secret(admin, int(argument)))
        else:
            raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
