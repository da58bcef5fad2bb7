"""Per-request DataLoaders, created on first use and kept on the context. Each loads through
a resolver function, so the permission checks are the resolvers' own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader

from licman.models import Product, User
from licman.resolvers.audit_history import HistoryKey, history_pages, users_by_id
from licman.resolvers.audit_query import Page
from licman.resolvers.license_count import CountBy, license_counts
from licman.resolvers.product import products_of_vendors
from licman.security.principal import Principal


@dataclass
class Loaders:
    principal: Principal
    _cache: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)

    def get(self, name: str, load: Any) -> DataLoader[Any, Any]:
        """The request's loader called `name`, created from `load` on first use."""
        if name not in self._cache:
            self._cache[name] = DataLoader(load_fn=load)
        return self._cache[name]

    def _counts(self, by: CountBy) -> DataLoader[int, int]:
        return self.get(by, lambda keys: license_counts(self.principal, by, keys))

    @property
    def license_count_by_vendor(self) -> DataLoader[int, int]:
        return self._counts("vendor")

    @property
    def license_count_by_product(self) -> DataLoader[int, int]:
        return self._counts("product")

    @property
    def license_count_by_tag(self) -> DataLoader[int, int]:
        return self._counts("tag")

    @property
    def products_by_vendor(self) -> DataLoader[int, list[Product]]:
        async def load(keys: Sequence[int]) -> list[list[Product]]:
            grouped = await products_of_vendors(self.principal, keys)
            return [grouped[key] for key in keys]

        return self.get("products_by_vendor", load)

    @property
    def users_by_id(self) -> DataLoader[int, User | None]:
        """Users by id, for naming the people audit events mention."""
        return self.get("users_by_id", users_by_id)

    @property
    def history(self) -> DataLoader[HistoryKey, Page]:
        """Objects' histories (audit events, newest first), the field rules not applied."""
        return self.get("history", history_pages)
