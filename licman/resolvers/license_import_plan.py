"""Deciding, row by row, what an import does: which license a record matches (its external
id, or its vendor, product, name and secret), whether it creates, updates or leaves it alone,
whether the importing user may do that (the permission engine, per row), and the problems
that stop it. The same decisions serve the dry run and the applied import."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from licman.models import LicenseStatus
from licman.resolvers.errors import DomainError
from licman.resolvers.imports.records import LicenseRecord, Problem, Term
from licman.resolvers.imports.records import folded as fold
from licman.resolvers.license_guards import check_owner_given
from licman.resolvers.license_import_catalog import NEW, Catalog
from licman.resolvers.license_import_match import COLUMNS, extras_of, load_matches, match_key
from licman.security.permissions import Action, ObjectChecker, object_checker, role_allows
from licman.security.principal import Principal
from licman.security.secrets import keyring


@dataclass
class Plan:
    record: LicenseRecord
    key: bytes
    action: str = "create"  # create, update, unchanged, error
    problems: list[Problem] = field(default_factory=list)
    current: dict[str, Any] | None = None  # the matched license's columns
    changes: dict[str, Any] = field(default_factory=dict)  # license columns to write
    secret: str | None = None  # a new secret to store (plaintext, in memory only)
    tag_keys: list[str] = field(default_factory=list)  # tags to link
    holders: list[int] = field(default_factory=list)  # users who get a seat
    terms: list[Term] = field(default_factory=list)
    seats_only: bool = False  # a Snipe-IT row repeating a license: it adds seats only

    def fail(self, column: str, message: str, code: str = "INVALID") -> None:
        self.problems.append(Problem(column, message, code))


@dataclass
class Planner:
    principal: Principal
    catalog: Catalog
    by_external_id: bool
    merge_repeated: bool  # Snipe-IT: a repeated license adds seats instead of clashing
    seen: dict[bytes, int] = field(default_factory=dict)  # key -> first row in the file
    added: list[bytes] = field(default_factory=list)  # keys first seen in the last batch

    _roles: dict[Action, bool] = field(default_factory=dict)

    def role(self, action: Action) -> bool:
        """role_allows, asked once per action for the whole job (the principal is fixed)."""
        if action not in self._roles:
            self._roles[action] = role_allows(self.principal, action)
        return self._roles[action]

    def forget_batch(self) -> None:
        """Undo the last batch's additions to `seen` (its transaction was rolled back)."""
        for key in self.added:
            self.seen.pop(key, None)
        self.added = []

    async def plan(self, records: list[LicenseRecord], *, lock: bool) -> list[Plan]:
        self.added = []
        await self.catalog.load(records)
        matches = await load_matches(records, self.catalog, self.by_external_id, lock=lock)
        matched_ids = [m["id"] for m in matches.values()]
        tags, seats, terms = await extras_of(matched_ids)
        grants = await object_checker(self.principal)
        plans: list[Plan] = []
        in_batch: dict[bytes, Plan] = {}
        for record in records:
            plan = Plan(record, match_key(record, self.by_external_id))
            if self.by_external_id and not record.external_id:
                plan.fail(
                    record.column("externalId"),
                    "External id: empty; rows are matched "
                    "on it (or choose to match on vendor, product and name)",
                )
            first = self.seen.get(plan.key)
            if first is not None and not self.merge_repeated:
                plan.fail(
                    record.column("externalId"),
                    f"this license already appears on row {first}; each license must appear once",
                )
            elif first is not None:
                plan.seats_only = True
            else:
                self.seen[plan.key] = record.row
                self.added.append(plan.key)
            current = matches.get(plan.key)
            owner = in_batch.get(plan.key)
            self._decide(plan, current, owner, tags, seats, terms, grants)
            await self._owner_given(plan)
            if plan.action == "create" and not plan.problems:
                in_batch[plan.key] = plan
            plans.append(plan)
        return plans

    async def _owner_given(self, plan: Plan) -> None:
        """Giving a license an owner is a grant (owners may reveal its secret): the same rule
        as licenseCreate and licenseUpdate, so an import gives nobody more than by hand."""
        if plan.problems or "owner_id" not in plan.changes or plan.changes["owner_id"] is None:
            return
        current = plan.current or {}
        vendor_id = current.get("product__vendor_id")
        if vendor_id is None and plan.record.vendor:
            vendor_id = self.catalog.vendors.get(fold(plan.record.vendor)) or None
        try:
            await check_owner_given(
                self.principal,
                license_id=current.get("id"),
                vendor_id=vendor_id,
                current_owner_id=current.get("owner_id"),
                new_owner_id=plan.changes["owner_id"],
            )
        except DomainError as exc:
            plan.fail(plan.record.column("owner"), exc.message, "FORBIDDEN")
            plan.action = "error"

    def _users(self, plan: Plan, emails: list[str], column: str) -> list[int]:
        ids = []
        for email in emails:
            user_id = self.catalog.users.get(fold(email), NEW)
            if user_id == NEW:
                plan.fail(column, f"no active Licman user has the e-mail {email!r}", "NOT_FOUND")
            else:
                ids.append(user_id)
        return ids

    def _decide(
        self,
        plan: Plan,
        current: dict[str, Any] | None,
        batch_owner: Plan | None,
        tags: set[Any],
        seats: set[Any],
        terms: set[Any],
        grants: ObjectChecker,
    ) -> None:
        record = plan.record
        holders = self._users(plan, record.holders, record.column("seatHolders"))
        if plan.seats_only:
            # Snipe-IT: one row per seat. Only the person's seat counts; the rest repeats.
            target = current
            if target is None and batch_owner is not None:
                new = [h for h in holders if h not in batch_owner.holders]
                batch_owner.holders.extend(new)
                plan.action = "update" if new else "unchanged"
                return
            new = [h for h in holders if target is None or (target["id"], h) not in seats]
            plan.current, plan.holders = target, new
            plan.action = "update" if new else "unchanged"
            if (
                target is not None
                and new
                and not grants(
                    Action.LICENSE_ASSIGN,
                    license_id=target["id"],
                    vendor_id=target["product__vendor_id"],
                    owner_id=target["owner_id"],
                )
            ):
                plan.fail(
                    record.column("seatHolders"),
                    "you may not assign seats of this license",
                    "FORBIDDEN",
                )
            return
        owner_id = None
        if record.owner:
            found = self._users(plan, [record.owner], record.column("owner"))
            owner_id = found[0] if found else None
        if current is None:
            self._create(plan, holders, owner_id)
        else:
            self._update(plan, current, holders, owner_id, tags, seats, terms, grants)
        if plan.problems:
            plan.action = "error"

    def _create(self, plan: Plan, holders: list[int], owner_id: int | None) -> None:
        record, catalog = plan.record, self.catalog
        plan.action = "create"
        if not self.role(Action.LICENSE_CREATE):
            plan.fail(
                "", "this row matches no license, and you may not create licenses", "FORBIDDEN"
            )
        if not record.vendor or not record.product:
            missing = "Vendor" if not record.vendor else "Product"
            plan.fail(
                record.column(missing.lower()),
                f"{missing}: empty; a new license needs a vendor and a product",
            )
            return
        vendor_id = catalog.vendors.get(fold(record.vendor), NEW)
        product_id = catalog.products.get((fold(record.vendor), fold(record.product)), NEW)
        may_add = self.role(Action.CATALOG_CHANGE)
        if vendor_id == NEW and not may_add:
            plan.fail(
                record.column("vendor"),
                f"no vendor is named {record.vendor!r}, and you may not add vendors",
                "FORBIDDEN",
            )
        elif product_id == NEW and not may_add:
            plan.fail(
                record.column("product"),
                f"{record.vendor!r} has no product {record.product!r}, "
                "and you may not add products",
                "FORBIDDEN",
            )
        if vendor_id in catalog.archived_vendors or product_id in catalog.archived_products:
            plan.fail(
                record.column("product"), "the product or its vendor is archived; restore it first"
            )
        new_tags = [t for t in record.tags if catalog.tags.get(fold(t), NEW) == NEW]
        if new_tags and not may_add:
            plan.fail(
                record.column("tags"),
                f"no tag is named {new_tags[0]!r}, and you may not add tags",
                "FORBIDDEN",
            )
        if holders and not self.role(Action.LICENSE_ASSIGN):
            plan.fail(record.column("seatHolders"), "you may not assign seats", "FORBIDDEN")
        plan.changes = {COLUMNS[k]: v for k, v in record.values.items() if k in COLUMNS}
        plan.changes["external_id"] = record.external_id or None
        plan.changes["metadata"] = dict(record.metadata)
        plan.changes["owner_id"] = owner_id
        plan.secret = record.secret
        plan.tag_keys = [fold(t) for t in record.tags]
        plan.holders = holders
        plan.terms = list(record.renewals)
        self._check_final(plan, plan.changes, used=0)

    def _update(
        self,
        plan: Plan,
        current: dict[str, Any],
        holders: list[int],
        owner_id: int | None,
        tags: set[Any],
        seats: set[Any],
        terms: set[Any],
        grants: ObjectChecker,
    ) -> None:
        record = plan.record
        plan.action, plan.current = "update", current
        lid = current["id"]
        changes = {
            COLUMNS[k]: v
            for k, v in record.values.items()
            if k in COLUMNS and current[COLUMNS[k]] != v
        }
        if record.metadata and any(
            current["metadata"].get(k) != v for k, v in record.metadata.items()
        ):
            changes["metadata"] = {**current["metadata"], **record.metadata}
        if record.external_id and record.external_id != current["external_id"]:
            changes["external_id"] = record.external_id
        if owner_id is not None and owner_id != current["owner_id"]:
            changes["owner_id"] = owner_id
        if record.secret and keyring().fingerprint(record.secret) != current["secret_fingerprint"]:
            plan.secret = record.secret
        plan.changes = changes
        plan.tag_keys = [
            fold(t) for t in record.tags if (lid, self.catalog.tags.get(fold(t), NEW)) not in tags
        ]
        plan.holders = [h for h in holders if (lid, h) not in seats]
        plan.terms = [t for t in record.renewals if (lid, t.starts_on, t.ends_on) not in terms]
        if not (changes or plan.secret or plan.tag_keys or plan.holders or plan.terms):
            plan.action = "unchanged"
            return
        where = {
            "license_id": lid,
            "vendor_id": current["product__vendor_id"],
            "owner_id": current["owner_id"],
        }
        if (changes or plan.secret or plan.tag_keys or plan.terms) and not grants(
            Action.LICENSE_CHANGE, **where
        ):
            plan.fail("", "this row matches a license you may not change", "FORBIDDEN")
        if plan.holders and not grants(Action.LICENSE_ASSIGN, **where):
            plan.fail(
                record.column("seatHolders"),
                "you may not assign seats of this license",
                "FORBIDDEN",
            )
        if (
            plan.tag_keys
            and any(self.catalog.tags.get(k, NEW) == NEW for k in plan.tag_keys)
            and not self.role(Action.CATALOG_CHANGE)
        ):
            plan.fail(
                record.column("tags"), "a tag does not exist, and you may not add tags", "FORBIDDEN"
            )
        if plan.holders and (
            current["archived_at"] is not None or current["status"] == LicenseStatus.REVOKED
        ):
            plan.fail(
                record.column("seatHolders"),
                "the license is archived or revoked; seats cannot be assigned",
            )
        self._check_final(plan, {**current, **changes}, used=current["seats_used"])

    def _check_final(self, plan: Plan, final: dict[str, Any], used: int) -> None:
        record = plan.record
        for first, label in (
            ("starts_on", "startsOn"),
            ("cancel_by", "cancelBy"),
            ("purchased_on", "purchasedOn"),
        ):
            if final.get(first) and final.get("expires_on") and final[first] > final["expires_on"]:
                plan.fail(record.column(label), f"{label} is after expiresOn")
        limit = final.get("seats")
        if limit is not None and used + len(plan.holders) > limit:
            plan.fail(
                record.column("seatHolders") if plan.holders else record.column("seats"),
                f"{used + len(plan.holders)} seats would be in use but the license has {limit}",
            )
        if final.get("cost_micros") is not None and not final.get("currency"):
            plan.fail(record.column("cost"), "Cost: no currency")
