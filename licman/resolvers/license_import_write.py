"""Writing one planned batch of an applied import inside the batch's transaction: new
licenses in bulk (ids reserved first, each secret encrypted bound to its id), changed ones
with their version raised, tags, seats, renewal terms, and one audit event per license."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F, Q

from licman.models import License
from licman.resolvers.audit import PendingEvent
from licman.resolvers.bulk import insert_rows, reserve_ids
from licman.resolvers.imports.records import folded as fold
from licman.resolvers.license_import_catalog import Catalog
from licman.resolvers.license_import_plan import Plan
from licman.security.principal import Principal
from licman.security.secrets import keyring

LICENSE_COLUMNS = (
    "id",
    "product_id",
    "name",
    "kind",
    "secret_ciphertext",
    "secret_fingerprint",
    "seats",
    "seats_used",
    "cost_micros",
    "currency",
    "billing_period",
    "purchased_on",
    "starts_on",
    "expires_on",
    "cancel_by",
    "auto_renew",
    "remind_seat_holders",
    "status",
    "owner_id",
    "notes",
    "metadata",
    "external_id",
    "archived_at",
    "created_by_id",
    "updated_by_id",
    "version",
    "created_at",
    "updated_at",
)
DEFAULTS: dict[str, Any] = {
    "name": "",
    "kind": "other",
    "auto_renew": False,
    "remind_seat_holders": False,
    "status": "active",
    "notes": "",
}
SEAT_COLUMNS = (
    "license_id",
    "user_id",
    "assigned_at",
    "assigned_by_id",
    "revoke_reason",
    "active_holder",
)
TERM_COLUMNS = (
    "license_id",
    "starts_on",
    "ends_on",
    "cost_micros",
    "currency",
    "note",
    "created_at",
    "created_by_id",
)


_NOT_AUDITED = frozenset({"created_at", "updated_at", "created_by_id", "updated_by_id", "version"})


class SeatsTaken(Exception):
    """Seats of a matched license were taken meanwhile; the batch is planned again."""


async def write_batch(
    conn: BaseDBAsyncClient,
    principal: Principal,
    catalog: Catalog,
    plans: list[Plan],
    job_id: int,
    events: list[PendingEvent],
) -> None:
    user_id = principal.user.id if principal.user else None
    moment = datetime.now(UTC)
    ring = keyring()
    # Updates may add tags that do not exist yet: those are created too (not vendors or
    # products: an update keeps its license's product).
    changing = [p for p in plans if p.action in ("create", "update")]
    await catalog.create_missing(principal, changing, events)
    creates = [p for p in plans if p.action == "create"]
    ids = await reserve_ids(conn, "license", len(creates))
    rows: list[list[Any]] = []
    links: list[Any] = []
    seats: list[Any] = []
    terms: list[Any] = []
    for plan, license_id in zip(creates, ids, strict=True):
        record = plan.record
        columns = {**DEFAULTS, **plan.changes}
        columns["product_id"] = catalog.products[
            (fold(record.vendor or ""), fold(record.product or ""))
        ]
        columns["seats_used"] = len(plan.holders)
        if plan.secret:
            columns["secret_ciphertext"] = ring.encrypt(license_id, plan.secret)
            columns["secret_fingerprint"] = ring.fingerprint(plan.secret)
        columns.update(
            id=license_id,
            created_by_id=user_id,
            updated_by_id=user_id,
            version=1,
            created_at=moment,
            updated_at=moment,
        )
        # (The model enums are StrEnums: every driver takes them as the text they are.)
        row = [columns.get(name) for name in LICENSE_COLUMNS]
        row[LICENSE_COLUMNS.index("metadata")] = orjson.dumps(
            columns.get("metadata") or {}
        ).decode()
        rows.append(row)
        plan.current = {"id": license_id}
        _extras(plan, license_id, catalog, links, seats, terms, user_id, moment)
        if (
            not plan.terms
            and columns.get("cost_micros") is not None
            and columns.get("starts_on")
            and columns.get("expires_on")
        ):
            terms.append(
                [
                    license_id,
                    columns["starts_on"],
                    columns["expires_on"],
                    columns["cost_micros"],
                    columns.get("currency"),
                    "initial term",
                    moment,
                    user_id,
                ]
            )
        # The values the row set (what a reader of the trail wants), not every default.
        after = {k: v for k, v in columns.items() if v is not None and k not in _NOT_AUDITED}
        if plan.secret:
            after["secret"] = "set"  # noqa: S105 - a marker, not a secret
        events.append(
            PendingEvent(
                "license.create",
                "license",
                license_id,
                extra=_added({"import_job": job_id, "row": record.row}, plan, catalog),
                after=after,
            )
        )
    await insert_rows(conn, "license", LICENSE_COLUMNS, rows)
    for plan in plans:
        if plan.action == "update" and plan.current is not None:
            await _update(plan, catalog, links, seats, terms, user_id, moment, job_id, events)
    await insert_rows(conn, "license_tag", ("license_id", "tag_id"), links)
    await insert_rows(conn, "seat_assignment", SEAT_COLUMNS, seats)
    await insert_rows(conn, "renewal_term", TERM_COLUMNS, terms)


def _added(extra: dict[str, Any], plan: Plan, catalog: Catalog) -> dict[str, Any]:
    """What a row added besides columns, for its audit event (created or updated alike): who
    got a seat (user ids), which tags, how many renewal terms."""
    if plan.holders:
        extra["seats_added"] = list(plan.holders)
    if plan.tag_keys:
        extra["tags_added"] = [catalog.tags[k] for k in plan.tag_keys]
    if plan.terms:
        extra["terms_added"] = len(plan.terms)
    return extra


def _extras(
    plan: Plan,
    license_id: int,
    catalog: Catalog,
    links: list[Any],
    seats: list[Any],
    terms: list[Any],
    user_id: int | None,
    moment: datetime,
) -> None:
    links.extend([license_id, catalog.tags[key]] for key in dict.fromkeys(plan.tag_keys))
    seats.extend([license_id, h, moment, user_id, "", h] for h in plan.holders)
    terms.extend(
        [
            license_id,
            t.starts_on,
            t.ends_on,
            t.cost_micros,
            t.currency,
            t.note or "imported",
            moment,
            user_id,
        ]
        for t in plan.terms
    )


async def _update(
    plan: Plan,
    catalog: Catalog,
    links: list[Any],
    seats: list[Any],
    terms: list[Any],
    user_id: int | None,
    moment: datetime,
    job_id: int,
    events: list[PendingEvent],
) -> None:
    current = plan.current or {}
    license_id = current["id"]
    changes = dict(plan.changes)
    if plan.secret:
        ring = keyring()
        changes["secret_ciphertext"] = ring.encrypt(license_id, plan.secret)
        changes["secret_fingerprint"] = ring.fingerprint(plan.secret)
    query = License.filter(id=license_id)
    if plan.holders:
        # Checked and counted in one statement, as license_assign does.
        k = len(plan.holders)
        query = query.filter(Q(seats__isnull=True) | Q(seats__gte=F("seats_used") + k))
        changes["seats_used"] = F("seats_used") + k
    if "seats" in changes and changes["seats"] is not None and not plan.holders:
        query = query.filter(seats_used__lte=changes["seats"])
    changes.update(version=F("version") + 1, updated_at=moment, updated_by_id=user_id)
    if await query.update(**changes) == 0:
        raise SeatsTaken(plan.record.row)
    _extras(plan, license_id, catalog, links, seats, terms, user_id, moment)
    before = {k: current.get(k) for k in plan.changes}
    after = {k: v for k, v in plan.changes.items()}
    if plan.secret:
        before["secret"], after["secret"] = "old", "new"
    extra = _added({"import_job": job_id, "row": plan.record.row}, plan, catalog)
    events.append(
        PendingEvent(
            "license.update",
            "license",
            license_id,
            extra=extra,
            before=before,
            after=after,
        )
    )
