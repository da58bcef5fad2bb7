"""Per-request DataLoaders, created on first use and kept on the context."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader
from tortoise.functions import Count

from licman.models import License, Product
from licman.resolvers.product import products_of_vendors
from licman.security.permissions import license_scope
from licman.security.principal import Principal


async def _count_by(principal: Principal, group: str, keys: Sequence[int]) -> list[int]:
    rows = (
        await License.filter(await license_scope(principal), **{f"{group}__in": list(keys)})
        .annotate(n=Count("id", distinct=True))
        .group_by(group)
        .values_list(group, "n")
    )
    counts: dict[int, int] = dict(rows)
    return [counts.get(key, 0) for key in keys]


@dataclass
class Loaders:
    principal: Principal
    _cache: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)

    def get(self, name: str, load: Any) -> DataLoader[Any, Any]:
        """The request's loader called `name`, created from `load` on first use."""
        if name not in self._cache:
            self._cache[name] = DataLoader(load_fn=load)
        return self._cache[name]

    @property
    def license_count_by_vendor(self) -> DataLoader[int, int]:
        return self.get(
            "vendor", lambda keys: _count_by(self.principal, "product__vendor_id", keys)
        )

    @property
    def license_count_by_product(self) -> DataLoader[int, int]:
        return self.get("product", lambda keys: _count_by(self.principal, "product_id", keys))

    @property
    def license_count_by_tag(self) -> DataLoader[int, int]:
        return self.get("tag", lambda keys: _count_by(self.principal, "tags__id", keys))

    @property
    def products_by_vendor(self) -> DataLoader[int, list[Product]]:
        async def load(keys: Sequence[int]) -> list[list[Product]]:
            grouped = await products_of_vendors(self.principal, keys)
            return [grouped[key] for key in keys]

        return self.get("products_by_vendor", load)
