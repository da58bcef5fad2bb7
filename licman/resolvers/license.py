"""Licenses: create, update (optimistic locking), archive, restore, delete, bulk tagging,
and revealing the secret."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from pypika_tortoise.queries import Table
from tortoise.transactions import in_transaction

from licman.models import (
    BillingPeriod,
    License,
    LicenseKind,
    LicenseStatus,
    Product,
    RenewalTerm,
    Tag,
    User,
)
from licman.resolvers.audit import audit_record
from licman.resolvers.common import (
    UNSET,
    exists_as,
    now,
    require,
    require_scope,
    snapshot,
    unique_as,
    update_versioned,
)
from licman.resolvers.errors import ErrorCode, forbidden, invalid, not_found
from licman.resolvers.license_guards import (
    check_external_id,
    check_owner_given,
    check_vendor_move,
    vendor_of,
)
from licman.resolvers.license_query import LicenseFilter, license_match_ids
from licman.resolvers.retry import retry_deadlocks
from licman.resolvers.validation import MAX_SEATS, Checker
from licman.security.permissions import (
    Action,
    action_scope,
    license_scope,
    may,
    role_allows,
    scope_needed,
)
from licman.security.principal import Principal
from licman.security.secrets import keyring

MAX_SECRET_LENGTH = 10_000
MAX_BULK = 100
# "Select all N matching": at most this many licenses change in one request.
MAX_MATCHING = 1000
NOT_NULL = {
    "product_id": "productId",
    "kind": "kind",
    "status": "status",
    "auto_renew": "autoRenew",
    "remind_seat_holders": "remindSeatHolders",
}


@dataclass
class LicenseInput:
    """What a caller may set. Fields left UNSET are not changed (or take defaults on create)."""

    product_id: int = UNSET
    name: str = UNSET
    kind: LicenseKind = UNSET
    secret: str | None = UNSET
    seats: int | None = UNSET
    cost: Decimal | None = UNSET
    currency: str | None = UNSET
    billing_period: BillingPeriod | None = UNSET
    purchased_on: date | None = UNSET
    starts_on: date | None = UNSET
    expires_on: date | None = UNSET
    cancel_by: date | None = UNSET
    auto_renew: bool = UNSET
    remind_seat_holders: bool = UNSET
    status: LicenseStatus = UNSET
    owner_id: int | None = UNSET
    notes: str = UNSET
    metadata: dict[str, Any] | None = UNSET
    external_id: str | None = UNSET
    tag_ids: list[int] = UNSET

    def given(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) is not UNSET
        }


@dataclass
class CleanLicense:
    columns: dict[str, Any]  # model columns to write
    secret: str | Any | None  # UNSET, None (clear) or the new plaintext
    tag_ids: list[int] | Any  # UNSET or the full new list


def _duplicate_external_id(value: str | None) -> str:
    return f"Another license already has the external id {value!r}."


async def _clean(data: LicenseInput, current: License | None) -> CleanLicense:
    """Validate the given fields against the license as it would be after the change."""
    given = data.given()
    check = Checker()
    cols: dict[str, Any] = {}
    for name, label in NOT_NULL.items():
        if name in given and given[name] is None:
            check.fail(label, f"{label} must not be null")
            del given[name]

    if current is None and "product_id" not in given:
        check.fail("productId", "productId is required")
    if "product_id" in given:
        product = await Product.get_or_none(id=given["product_id"])
        if product is None:
            check.fail("productId", "No such product.", ErrorCode.NOT_FOUND)
        elif product.archived_at is not None and (
            current is None or current.product_id != product.id
        ):
            check.fail("productId", "The product is archived; restore it first.")
        cols["product_id"] = given["product_id"]
    for name, limit in (("name", 200), ("notes", 10_000)):
        if name in given:
            cols[name] = check.text(name, given[name] or "", max_length=limit)
    if "external_id" in given:
        value = check.text("externalId", given["external_id"], max_length=255)
        cols["external_id"] = value or None
    for name in ("kind", "status", "billing_period", "auto_renew", "remind_seat_holders"):
        if name in given:
            cols[name] = given[name]
    if "seats" in given:
        in_range = check.whole("seats", given["seats"], 0, MAX_SEATS)
        used = current.seats_used if current is not None else 0
        if in_range and given["seats"] is not None and given["seats"] < used:
            check.fail("seats", f"{used} seats are assigned; unassign some before lowering seats")
        cols["seats"] = given["seats"]
    if "cost" in given:
        cols["cost_micros"] = check.money("cost", given["cost"])
    if "currency" in given:
        cols["currency"] = check.currency("currency", given["currency"])
    for name in ("purchased_on", "starts_on", "expires_on", "cancel_by"):
        if name in given:
            cols[name] = given[name]
    if "metadata" in given:
        cols["metadata"] = check.metadata("metadata", given["metadata"]) or {}
    if "owner_id" in given:
        owner_id = given["owner_id"]
        if owner_id is not None and not await User.exists(id=owner_id, is_active=True):
            check.fail("ownerId", "No such active user.", ErrorCode.NOT_FOUND)
        cols["owner_id"] = owner_id

    def final(name: str) -> Any:
        return cols[name] if name in cols else getattr(current, name, None)

    if final("cost_micros") is not None and not final("currency"):
        check.fail("currency", "currency is required when cost is set")
    check.dates_in_order("startsOn", final("starts_on"), "expiresOn", final("expires_on"))
    check.dates_in_order("cancelBy", final("cancel_by"), "expiresOn", final("expires_on"))
    check.dates_in_order("purchasedOn", final("purchased_on"), "expiresOn", final("expires_on"))

    secret: Any = UNSET
    if "secret" in given:
        secret = given["secret"]
        if secret is not None and len(secret) > MAX_SECRET_LENGTH:
            check.fail("secret", f"secret must be at most {MAX_SECRET_LENGTH} characters")
        if secret is not None and not secret.strip():
            check.fail("secret", "secret must not be blank; send null to remove it")
    tag_ids: Any = UNSET
    if "tag_ids" in given:
        tag_ids = sorted(set(given["tag_ids"] or []))
        if len(tag_ids) > MAX_BULK:
            check.fail("tagIds", f"at most {MAX_BULK} tags")
        elif await Tag.filter(id__in=tag_ids).count() != len(tag_ids):
            check.fail("tagIds", "One or more tags do not exist.", ErrorCode.NOT_FOUND)
    check.done()
    return CleanLicense(cols, secret, tag_ids)


def _seal(license_id: int, secret: str | None) -> dict[str, Any]:
    if secret is None:
        return {"secret_ciphertext": None, "secret_fingerprint": None}
    ring = keyring()
    return {
        "secret_ciphertext": ring.encrypt(license_id, secret),
        "secret_fingerprint": ring.fingerprint(secret),
    }


async def visible_license(
    principal: Principal, license_id: int, action: Action | None = None, *, lock: bool = False
) -> License:
    """The license if P may see it (else NOT_FOUND: its existence is not revealed), checked
    for the action if given (else FORBIDDEN)."""
    require_scope(principal, Action.LICENSE_VIEW, "see licenses")
    found = await License.filter(await license_scope(principal), id=license_id).first()
    if found is not None and lock:
        # Locked by id alone: the scope may join other tables, and PostgreSQL cannot lock
        # the nullable side of an outer join.
        found = await License.filter(id=license_id).select_for_update().first()
    if found is None:
        raise not_found("license")
    if action is not None and not await may_on(principal, action, found):
        raise forbidden(f"do this ({action}) on this license", scope_needed(principal, action))
    return found


async def may_on(principal: Principal, action: Action, license_: License) -> bool:
    if role_allows(principal, action):
        return True
    product = await Product.filter(id=license_.product_id).values("vendor_id")
    return await may(
        principal,
        action,
        license_id=license_.id,
        vendor_id=product[0]["vendor_id"] if product else None,
        owner_id=license_.owner_id,
    )


async def _snapshot(license_: License) -> dict[str, Any]:
    data = snapshot(license_)
    data["tag_ids"] = sorted(await license_.tags.all().values_list("id", flat=True))
    return data


async def license_create(principal: Principal, data: LicenseInput) -> License:
    require(principal, Action.LICENSE_CREATE, "create licenses")
    clean = await _clean(data, None)
    check_external_id(principal, clean.columns.get("external_id"), None)
    await check_owner_given(
        principal,
        license_id=None,
        vendor_id=await vendor_of(clean.columns["product_id"]),
        current_owner_id=None,
        new_owner_id=clean.columns.get("owner_id"),
    )
    user = principal.user
    async with in_transaction():
        async with (
            unique_as("externalId", _duplicate_external_id(clean.columns.get("external_id"))),
            exists_as("productId", "product", "product_id"),
        ):
            license_ = await License.create(**clean.columns, created_by=user, updated_by=user)
        if clean.secret is not UNSET and clean.secret is not None:
            sealed = _seal(license_.id, clean.secret)
            await License.filter(id=license_.id).update(**sealed)
            for key, value in sealed.items():
                setattr(license_, key, value)
        if clean.tag_ids:
            async with exists_as("tagIds", "tag", "tag_id"):
                await license_.tags.add(*await Tag.filter(id__in=clean.tag_ids))
        if license_.cost_micros is not None and license_.starts_on and license_.expires_on:
            await RenewalTerm.create(
                license=license_,
                starts_on=license_.starts_on,
                ends_on=license_.expires_on,
                cost_micros=license_.cost_micros,
                currency=license_.currency,
                note="initial term",
                created_by=user,
            )
        await audit_record(
            principal, "license.create", "license", license_.id, after=await _snapshot(license_)
        )
    return license_


async def license_update(
    principal: Principal, license_id: int, version: int, data: LicenseInput
) -> License:
    async with in_transaction():
        # Locked: the seat check below must see the seats used at the time of the write.
        current = await visible_license(principal, license_id, Action.LICENSE_CHANGE, lock=True)
        clean = await _clean(data, current)
        await _check_reach(principal, current, clean.columns)
        columns = dict(clean.columns)
        if clean.secret is not UNSET:
            columns.update(_seal(license_id, clean.secret))
        columns["updated_by_id"] = principal.user.id if principal.user else None
        before = await _snapshot(current)
        async with (
            unique_as(
                "externalId", _duplicate_external_id(columns.get("external_id")), "external_id"
            ),
            exists_as("productId", "product", "product_id"),
        ):
            await update_versioned(License, license_id, version, columns, "license")
        after = await License.get(id=license_id)
        if clean.tag_ids is not UNSET:
            await after.tags.clear()
            if clean.tag_ids:
                async with exists_as("tagIds", "tag", "tag_id"):
                    await after.tags.add(*await Tag.filter(id__in=clean.tag_ids))
        await audit_record(
            principal,
            "license.update",
            "license",
            license_id,
            before=before,
            after=await _snapshot(after),
        )
    return after


async def _check_reach(principal: Principal, current: License, columns: dict[str, Any]) -> None:
    """Refuse changes that would give people rights the caller does not hold (a new owner,
    another vendor's grants) or tell of licenses the caller cannot see (external ids)."""
    if "external_id" in columns:
        check_external_id(principal, columns["external_id"], current.external_id)
    vendor_id = await vendor_of(current.product_id)
    if "owner_id" in columns:
        await check_owner_given(
            principal,
            license_id=current.id,
            vendor_id=vendor_id,
            current_owner_id=current.owner_id,
            new_owner_id=columns["owner_id"],
        )
    if "product_id" in columns and columns["product_id"] != current.product_id:
        await check_vendor_move(
            principal,
            [(current.id, current.owner_id)],
            from_vendor_id=vendor_id,
            to_vendor_id=await vendor_of(columns["product_id"]),
            field="productId",
        )


async def _set_archived(principal: Principal, license_id: int, archived: bool) -> License:
    async with in_transaction():
        license_ = await visible_license(principal, license_id, Action.LICENSE_CHANGE)
        if (license_.archived_at is not None) != archived:
            license_.archived_at = now() if archived else None
            license_.version += 1
            await license_.save(update_fields=["archived_at", "version", "updated_at"])
            action = "license.archive" if archived else "license.restore"
            await audit_record(principal, action, "license", license_id)
    return license_


async def license_archive(principal: Principal, license_id: int) -> License:
    return await _set_archived(principal, license_id, True)


async def license_restore(principal: Principal, license_id: int) -> License:
    return await _set_archived(principal, license_id, False)


async def license_delete(principal: Principal, license_id: int) -> int:
    """Delete a license with its seats, renewal history and tags (the audit log keeps it)."""
    async with in_transaction():
        license_ = await visible_license(principal, license_id, Action.LICENSE_DELETE)
        before = await _snapshot(license_)
        await license_.delete()
        await audit_record(principal, "license.delete", "license", license_id, before=before)
    return license_id


@dataclass
class Matching:
    """Every license the list shows for this filter and search ("select all N matching")."""

    filter: LicenseFilter
    search: str | None = None

    def described(self) -> dict[str, Any]:
        """For the audit event: the conditions given, as JSON."""
        given = {
            k: [str(x) for x in v] if isinstance(v, list | tuple) else v
            for k, v in asdict(self.filter).items()
            if v not in (None, [], ())
        }
        return {"filter": given, "search": self.search}


async def _matching_ids(principal: Principal, matching: Matching) -> list[int]:
    ids = await license_match_ids(principal, matching.filter, matching.search, MAX_MATCHING + 1)
    if not ids:
        raise invalid("matching", "no license matches the filter")
    if len(ids) > MAX_MATCHING:
        raise invalid(
            "matching",
            f"more than {MAX_MATCHING:,} licenses match: narrow the filter, or change them "
            "in parts",
        )
    return ids


async def _bulk_ids(
    principal: Principal, license_ids: list[int], tag_ids: list[int], most: int = MAX_BULK
) -> tuple[list[License], list[Tag]]:
    if not 1 <= len(set(license_ids)) <= most:
        raise invalid("licenseIds", f"give 1 to {most} licenses")
    if not 1 <= len(set(tag_ids)) <= MAX_BULK:
        raise invalid("tagIds", f"give 1 to {MAX_BULK} tags")
    scope = await license_scope(principal)
    visible = await License.filter(scope, id__in=set(license_ids)).values_list("id", flat=True)
    if len(visible) != len(set(license_ids)):
        raise not_found("license", "licenseIds")
    # Locked in id order, as every change of a license locks it: concurrent bulk changes
    # then wait for each other instead of both adding the same pair (a duplicate key) or
    # locking in opposite orders (a deadlock). Locked by id alone: see visible_license.
    licenses = await License.filter(id__in=visible).order_by("id").select_for_update()
    # License by license, in one statement (action_scope gives `may`'s answer for each).
    changeable = License.filter(
        await action_scope(principal, Action.LICENSE_CHANGE), id__in=[lic.id for lic in licenses]
    )
    allowed = {int(i) for i in await changeable.values_list("id", flat=True)}  # type: ignore[call-overload]
    for license_ in licenses:
        if license_.id not in allowed:
            missing = scope_needed(principal, Action.LICENSE_CHANGE)
            raise forbidden(f"change license {license_.id}", missing)
    tags = await Tag.filter(id__in=set(tag_ids))
    if len(tags) != len(set(tag_ids)):
        raise not_found("tag", "tagIds")
    return licenses, tags


async def _add_tag_pairs(license_ids: list[int], tag_ids: list[int]) -> None:
    """Insert the (license, tag) pairs that are not there yet, with one INSERT. Call with the
    licenses locked. The pairs already there are read with a locking read: a plain read
    (what Tortoise's `add` does) shows MariaDB's snapshot from before this transaction waited
    for the locks, missing the pairs a concurrent one just added (a duplicate key)."""
    db = License._meta.db
    relation = License._meta.fields_map["tags"]
    through = Table(relation.through)  # type: ignore[attr-defined]
    keys = relation.backward_key, relation.forward_key  # type: ignore[attr-defined]
    lic, tag = through[keys[0]], through[keys[1]]
    select = (
        db.query_class.from_(through)
        .select(lic, tag)
        .where(lic.isin(license_ids) & tag.isin(tag_ids))
    )
    if db.capabilities.dialect != "sqlite":  # SQLite has one writer: nothing to lock
        select = select.for_update()
    _, rows = await db.execute_query(*select.get_parameterized_sql())
    present = {(row[keys[0]], row[keys[1]]) for row in rows}
    missing = [(li, ti) for li in license_ids for ti in tag_ids if (li, ti) not in present]
    if missing:
        insert = db.query_class.into(through).columns(lic, tag)
        for pair in missing:
            insert = insert.insert(*pair)
        await db.execute_query(*insert.get_parameterized_sql())


async def _bulk_tags(
    principal: Principal,
    license_ids: list[int] | None,
    tag_ids: list[int],
    adding: bool,
    matching: Matching | None = None,
) -> list[int]:
    require_scope(principal, Action.LICENSE_VIEW, "see licenses")
    if (license_ids is None) == (matching is None):
        raise invalid("licenseIds", "give either licenseIds or matching (a filter)")
    return await retry_deadlocks(
        lambda: _bulk_tags_once(principal, license_ids, tag_ids, adding, matching)
    )


async def _bulk_tags_once(
    principal: Principal,
    license_ids: list[int] | None,
    tag_ids: list[int],
    adding: bool,
    matching: Matching | None,
) -> list[int]:
    async with in_transaction():
        if matching is not None:  # all or nothing: every match must be changeable
            chosen = await _matching_ids(principal, matching)
            licenses, tags = await _bulk_ids(principal, chosen, tag_ids, MAX_MATCHING)
        else:
            assert license_ids is not None
            licenses, tags = await _bulk_ids(principal, license_ids, tag_ids)
        if adding:  # pairs already there are left alone
            async with exists_as("tagIds", "tag", "tag_id"):  # a tag deleted meanwhile
                await _add_tag_pairs([lic.id for lic in licenses], [t.id for t in tags])
        else:
            for license_ in licenses:
                await license_.tags.remove(*tags)
        ids = sorted(lic.id for lic in licenses)
        await audit_record(
            principal,
            "license.tag" if adding else "license.untag",
            "license",
            None,
            extra={
                "license_ids": ids,
                "tag_ids": sorted(t.id for t in tags),
                **({"matching": matching.described()} if matching else {}),
            },
        )
    return ids


async def licenses_tag(
    principal: Principal,
    license_ids: list[int] | None,
    tag_ids: list[int],
    matching: Matching | None = None,
) -> list[int]:
    """Add the tags to every license, given by id or by `matching` (tags already there are
    left alone)."""
    return await _bulk_tags(principal, license_ids, tag_ids, True, matching)


async def licenses_untag(
    principal: Principal,
    license_ids: list[int] | None,
    tag_ids: list[int],
    matching: Matching | None = None,
) -> list[int]:
    """Take the tags off every license, given by id or by `matching`."""
    return await _bulk_tags(principal, license_ids, tag_ids, False, matching)


async def license_reveal_secret(principal: Principal, license_id: int) -> str | None:
    """The plaintext secret, for those allowed to see it. Every reveal is an audit event."""
    async with in_transaction():
        license_ = await visible_license(principal, license_id)
        if not await may_on(principal, Action.LICENSE_REVEAL, license_):
            missing = scope_needed(principal, Action.LICENSE_REVEAL)
            raise forbidden("see this license's secret", missing)
        if license_.secret_ciphertext is None:
            return None
        plaintext = keyring().decrypt(license_id, license_.secret_ciphertext)
        await audit_record(principal, "license.reveal", "license", license_id)
    return plaintext
