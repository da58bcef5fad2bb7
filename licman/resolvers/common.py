"""Helpers every domain operation uses: the caller check, snapshots for the audit trail,
optimistic locking, and turning database refusals into field errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.models import Model
from tortoise.transactions import in_transaction

from licman.resolvers.audit import audit_record
from licman.resolvers.errors import (
    DomainError,
    ErrorCode,
    conflict,
    forbidden,
    not_found,
    unauthenticated,
)
from licman.security.permissions import (
    Action,
    is_signed_in,
    may_name_in_catalog,
    role_allows,
    scope_needed,
)
from licman.security.principal import Principal

M = TypeVar("M", bound=Model)
# "Not given" in a partial update, as opposed to None ("set to nothing").
UNSET: Any = type("Unset", (), {"__repr__": lambda self: "UNSET", "__bool__": lambda self: False})()


def now() -> datetime:
    return datetime.now(UTC)


def require_signed_in(principal: Principal) -> None:
    if not is_signed_in(principal):
        raise unauthenticated()


def require(principal: Principal, action: Action, what: str) -> None:
    if not is_signed_in(principal):
        raise unauthenticated()
    if not role_allows(principal, action):
        raise forbidden(what, scope_needed(principal, action))


def require_scope(principal: Principal, action: Action, what: str) -> None:
    """Refuse, naming the scope, when the caller's token scopes leave the action out (the
    role and grants are checked elsewhere, object by object)."""
    if not is_signed_in(principal):
        raise unauthenticated()
    missing = scope_needed(principal, action)
    if missing:
        raise forbidden(what, missing)


def snapshot(model: Model) -> dict[str, Any]:
    """Field values for the audit trail (sensitive ones are redacted by audit_record)."""
    return {name: getattr(model, name) for name in model._meta.db_fields}


@asynccontextmanager
async def unique_as(field: str, message: str, column: str | None = None) -> AsyncIterator[None]:
    """A unique-constraint violation inside the block becomes a DUPLICATE error on `field`;
    with `column`, only a violation whose message names that column (every database names
    the column or its constraint, which Tortoise names after the column)."""
    try:
        yield
    except IntegrityError as exc:
        text = str(exc).lower()
        is_unique = "unique" in text or "duplicate" in text
        if is_unique and (column is None or column in text):
            raise DomainError(ErrorCode.DUPLICATE, message, field) from None
        raise


async def found(model: type[M], obj_id: int, kind: str) -> M:
    """The row with this id, or NOT_FOUND naming `kind` ("No such vendor, ...")."""
    obj = await model.get_or_none(id=obj_id)
    if obj is None:
        raise not_found(kind)
    return obj


async def locked(model: type[M], obj_id: int, kind: str, field: str = "id") -> M:
    """The row, locked until the end of the transaction (call inside one), or NOT_FOUND
    naming `kind` on `field`."""
    obj = await model.select_for_update().get_or_none(id=obj_id)
    if obj is None:
        raise not_found(kind, field)
    return obj


@asynccontextmanager
async def exists_as(field: str, kind: str, column: str) -> AsyncIterator[None]:
    """A foreign-key violation on `column` inside the block becomes NOT_FOUND on `field`: the
    row it points to was checked, then deleted by a transaction that committed before this
    write (as if the deletion had come first; the caller's transaction rolls back). Every
    database names the column or its constraint, which is named after the column."""
    try:
        yield
    except IntegrityError as exc:
        text = str(exc).lower()
        if "foreign key" in text and column in text:
            raise not_found(kind, field) from None
        raise


async def update_versioned(
    model: type[M], obj_id: int, version: int, changes: dict[str, Any], kind: str
) -> None:
    """UPDATE ... WHERE id = ? AND version = ?: a stale version changes nothing -> CONFLICT."""
    changes = {**changes, "version": F("version") + 1, "updated_at": now()}
    updated = await model.filter(id=obj_id, version=version).update(**changes)
    if updated == 0:
        raise conflict(kind)


async def set_archived(
    principal: Principal, model: type[M], obj_id: int, archived: bool, kind: str
) -> M:
    """Archive or restore a versioned catalogue row (vendor, product), locked while it
    changes so a concurrent rename is not overwritten; one audit event with before/after."""
    async with in_transaction():
        obj = await locked(model, obj_id, kind)
        if (obj.archived_at is not None) != archived:  # type: ignore[attr-defined]
            before = snapshot(obj)
            obj.archived_at = now() if archived else None
            obj.version += 1  # type: ignore[attr-defined]
            obj.updated_by = principal.user
            await obj.save(update_fields=["archived_at", "version", "updated_by_id", "updated_at"])
            action = f"{kind}.archive" if archived else f"{kind}.restore"
            await audit_record(principal, action, kind, obj_id, before=before, after=snapshot(obj))
    return obj


async def versioned_change(
    principal: Principal,
    model: type[M],
    kind: str,
    before: M,
    version: int,
    fields: dict[str, Any],
    duplicate: str,
    column: str | None = None,
) -> M:
    """Write checked fields to a locked, versioned row and record `<kind>.update` with before
    and after. With nothing to change a stale version is still CONFLICT, and nothing is
    recorded. A unique clash becomes DUPLICATE on `name`."""
    if not fields:
        if before.version != version:  # type: ignore[attr-defined]
            raise conflict(kind)
        return before
    user_id = principal.user.id if principal.user else None
    async with unique_as("name", duplicate, column):
        await update_versioned(
            model, before.pk, version, {**fields, "updated_by_id": user_id}, kind
        )
    after = await model.get(pk=before.pk)
    await audit_record(
        principal, f"{kind}.update", kind, before.pk, before=snapshot(before), after=snapshot(after)
    )
    return after


def check_catalog_name(principal: Principal, kind: str, naming: bool) -> None:
    """FORBIDDEN on `name` for a caller who may change the catalogue but not see it, before
    any uniqueness check could answer DUPLICATE (see permissions.may_name_in_catalog)."""
    if naming and not may_name_in_catalog(principal):
        raise DomainError(
            ErrorCode.FORBIDDEN,
            f"Naming a {kind} needs the right to see the catalogue (a token also needs "
            f"licenses:read), since {kind} names are unique across all of them.",
            "name",
        )


def counted(n: int, noun: str) -> str:
    """ "1 license", "12 licenses": a count with its noun, for messages."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
