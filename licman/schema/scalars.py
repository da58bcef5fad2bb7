"""Scalars of Licman's own: whole numbers too large for GraphQL's 32-bit Int."""

from __future__ import annotations

from typing import Any, NewType

import strawberry

# GraphQL's Int stops at 2^31 - 1, and one value past it fails the whole field (for a
# non-null field, its parent too): totals over many licenses need more room.
BigInt = NewType("BigInt", int)

SCALAR_MAP: dict[object, Any] = {
    BigInt: strawberry.scalar(
        name="BigInt",
        description="A whole number that may exceed Int's 32-bit range, sent as a JSON "
        "number. Licman's totals stay below 2^53, so JavaScript reads them exactly.",
        serialize=int,
        parse_value=int,
    )
}
