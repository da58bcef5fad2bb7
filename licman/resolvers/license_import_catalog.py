"""What an import refers to by name (vendors, products, tags, users by e-mail), looked up in
bulk once per batch and remembered for the whole job, and created when an applied import
needs them (as the importing user, with the same audit events as one by one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from licman.models import Product, Tag, User, Vendor
from licman.resolvers.audit import PendingEvent
from licman.resolvers.common import snapshot
from licman.resolvers.imports.records import LicenseRecord
from licman.resolvers.imports.records import folded as fold
from licman.security.principal import Principal

NEW = 0  # an id of 0: the name is not in the database (an applied import creates it)


@dataclass
class Catalog:
    vendors: dict[str, int] = field(default_factory=dict)  # name key -> id (NEW)
    products: dict[tuple[str, str], int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)  # e-mail key -> active user id (NEW)
    archived_vendors: set[int] = field(default_factory=set)
    archived_products: set[int] = field(default_factory=set)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, key) -> as typed

    async def load(self, records: list[LicenseRecord]) -> None:
        """Look up every name the records use that is not known yet, a query per kind."""
        vendor_keys: set[str] = set()
        product_keys: set[tuple[str, str]] = set()
        tag_keys: set[str] = set()
        emails: set[str] = set()
        for record in records:
            if record.vendor:
                vendor_keys.add(fold(record.vendor))
                self.names.setdefault(("vendor", fold(record.vendor)), record.vendor)
                if record.product:
                    product_keys.add((fold(record.vendor), fold(record.product)))
                    self.names.setdefault(("product", fold(record.product)), record.product)
            for tag in record.tags:
                tag_keys.add(fold(tag))
                self.names.setdefault(("tag", fold(tag)), tag.strip())
            emails.update(fold(e) for e in [*record.holders, record.owner] if e)
        await self._vendors(vendor_keys - set(self.vendors))
        await self._products(product_keys - set(self.products))
        await self._tags(tag_keys - set(self.tags))
        await self._users(emails - set(self.users))

    async def _vendors(self, keys: set[str]) -> None:
        if not keys:
            return
        found = await Vendor.filter(name_key__in=keys).values("id", "name_key", "archived_at")
        for row in found:
            self.vendors[row["name_key"]] = row["id"]
            if row["archived_at"] is not None:
                self.archived_vendors.add(row["id"])
        self.vendors.update({k: NEW for k in keys if k not in self.vendors})

    async def _products(self, keys: set[tuple[str, str]]) -> None:
        known = {k for k in keys if self.vendors.get(k[0])}
        if known:
            by_vendor = {self.vendors[v]: v for v, _ in known}
            rows = await Product.filter(
                vendor_id__in=list(by_vendor), name_key__in={p for _, p in known}
            ).values("id", "vendor_id", "name_key", "archived_at")
            for row in rows:
                key = (by_vendor[row["vendor_id"]], row["name_key"])
                if key in keys:
                    self.products[key] = row["id"]
                    if row["archived_at"] is not None:
                        self.archived_products.add(row["id"])
        self.products.update({k: NEW for k in keys if k not in self.products})

    async def _tags(self, keys: set[str]) -> None:
        if keys:
            for row in await Tag.filter(name_key__in=keys).values("id", "name_key"):
                self.tags[row["name_key"]] = row["id"]
            self.tags.update({k: NEW for k in keys if k not in self.tags})

    async def _users(self, keys: set[str]) -> None:
        if keys:
            rows = await User.filter(email_key__in=keys, is_active=True).values("id", "email_key")
            for row in rows:
                self.users[row["email_key"]] = row["id"]
            self.users.update({k: NEW for k in keys if k not in self.users})

    # --- creating what an applied import needs ---------------------------------------------

    async def create_missing(
        self, principal: Principal, plans: list[Any], events: list[PendingEvent]
    ) -> None:
        """Create the vendors, products and tags the plans need (inside the batch's
        transaction), recording one audit event each."""
        user = principal.user
        for plan in plans:
            record: LicenseRecord = plan.record
            if plan.action == "create":
                await self._create_product(record, user, events)
            for tag in record.tags:
                if self.tags.get(fold(tag)) == NEW:
                    created = await _get_or_create(
                        Tag, {"name_key": fold(tag)}, {"name": tag.strip()}, events
                    )
                    self.tags[fold(tag)] = created.id

    async def _create_product(
        self, record: LicenseRecord, user: Any, events: list[PendingEvent]
    ) -> None:
        """The vendor and product a new license names, if they do not exist yet."""
        if record.vendor and self.vendors.get(fold(record.vendor)) == NEW:
            vendor = await _get_or_create(
                Vendor,
                {"name_key": fold(record.vendor)},
                {"name": record.vendor, "created_by": user, "updated_by": user},
                events,
            )
            self.vendors[fold(record.vendor)] = vendor.id
        if record.vendor and record.product:
            key = (fold(record.vendor), fold(record.product))
            if self.products.get(key) == NEW:
                product = await _get_or_create(
                    Product,
                    {"vendor_id": self.vendors[key[0]], "name_key": key[1]},
                    {"name": record.product, "created_by": user, "updated_by": user},
                    events,
                )
                self.products[key] = product.id


async def _get_or_create(
    model: Any, keys: dict[str, Any], values: dict[str, Any], events: list[PendingEvent]
) -> Any:
    found = await model.filter(**keys).first()
    if found is not None:
        return found
    kind = model._meta.db_table
    try:
        async with in_transaction():  # a savepoint: losing a race must not end the batch
            created = await model.create(**keys, **values)
    except IntegrityError:
        return await model.filter(**keys).first()
    events.append(PendingEvent(f"{kind}.create", kind, created.id, after=snapshot(created)))
    return created
