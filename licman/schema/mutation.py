"""Running a mutation: domain errors become typed payload errors, in one place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry

from licman.resolvers.common import UNSET
from licman.resolvers.errors import DomainError
from licman.schema.errors import UserError, user_errors

T = TypeVar("T")


async def attempt(call: Callable[[], Awaitable[T]]) -> tuple[T | None, list[UserError]]:
    """Run the domain operation; on refusal return its errors (nothing was changed)."""
    try:
        return await call(), []
    except DomainError as exc:
        return None, user_errors(exc)


def given(value: Any, convert: Callable[[Any], Any] | None = None) -> Any:
    """Strawberry's UNSET (field left out) becomes the resolvers' UNSET; None stays None."""
    if value is strawberry.UNSET:
        return UNSET
    if value is None or convert is None:
        return value
    return convert(value)
