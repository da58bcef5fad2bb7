"""How many licenses the caller sees per vendor, product or tag (the catalogue's counts)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from tortoise.functions import Count

from licman.models import License
from licman.security.permissions import license_scope
from licman.security.principal import Principal

CountBy = Literal["vendor", "product", "tag"]
_GROUP: dict[CountBy, str] = {
    "vendor": "product__vendor_id",
    "product": "product_id",
    "tag": "tags__id",
}


async def license_counts(principal: Principal, by: CountBy, keys: Sequence[int]) -> list[int]:
    """For each key, in order, the licenses P may see with that vendor, product or tag: one
    statement for all keys, the permission filter inside it (0 for a caller who sees none)."""
    group = _GROUP[by]
    rows = (
        await License.filter(await license_scope(principal), **{f"{group}__in": list(keys)})
        .annotate(n=Count("id", distinct=True))
        .group_by(group)
        .values_list(group, "n")
    )
    counts: dict[int, int] = dict(rows)
    return [counts.get(key, 0) for key in keys]
