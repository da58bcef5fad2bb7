"""Seats and terms of a license: assign, unassign, revoke, renew."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from licman.models import License, LicenseStatus, RenewalTerm, SeatAssignment, User
from licman.resolvers.audit import audit_record
from licman.resolvers.common import now, require_signed_in, update_versioned
from licman.resolvers.errors import DomainError, ErrorCode, invalid, not_found
from licman.resolvers.license import visible_license
from licman.resolvers.retry import retry_deadlocks
from licman.resolvers.validation import Checker
from licman.security.permissions import Action
from licman.security.principal import Principal


async def license_assign(
    principal: Principal, license_id: int, user_id: int, until: date | None = None
) -> SeatAssignment:
    """Give the user a seat. Refused with NO_SEATS_LEFT when every seat is taken, and with
    ALREADY_ASSIGNED when the user already holds one."""
    if until is not None and until < date.today():
        raise invalid("until", "until must be today or later")
    return await retry_deadlocks(lambda: _assign(principal, license_id, user_id, until))


async def _assign(
    principal: Principal, license_id: int, user_id: int, until: date | None
) -> SeatAssignment:
    async with in_transaction():
        # The license row is locked first, by every seat change: two of them on one license
        # then run one after the other instead of locking seats and license in opposite
        # orders (which deadlocked).
        license_ = await visible_license(principal, license_id, Action.LICENSE_ASSIGN, lock=True)
        if license_.archived_at is not None or license_.status == LicenseStatus.REVOKED:
            raise invalid(
                "licenseId", "The license is archived or revoked; seats cannot be assigned."
            )
        if not await User.exists(id=user_id, is_active=True):
            raise not_found("active user", "userId")
        # The limit is checked and the count raised in one statement: when two assignments
        # race for the last seat, the database lets exactly one of them through.
        taken = await License.filter(
            Q(id=license_id),
            Q(seats__isnull=True) | Q(seats__gt=F("seats_used")),
            ~Q(status=LicenseStatus.REVOKED),
            archived_at__isnull=True,
        ).update(seats_used=F("seats_used") + 1)
        if taken == 0:
            # Revoked or archived meanwhile (the UPDATE waited for that transaction)?
            now_ = (await License.filter(id=license_id).values("status", "archived_at"))[0]
            if now_["archived_at"] is not None or now_["status"] == LicenseStatus.REVOKED:
                raise invalid(
                    "licenseId", "The license is archived or revoked; seats cannot be assigned."
                )
            raise DomainError(
                ErrorCode.NO_SEATS_LEFT,
                f"All {license_.seats} seats of this license are assigned.",
                "licenseId",
            )
        try:
            async with in_transaction():
                assignment = await SeatAssignment.create(
                    license_id=license_id,
                    user_id=user_id,
                    assigned_by=principal.user,
                    ends_on=until,
                    active_holder=user_id,
                )
        except IntegrityError:
            raise DomainError(
                ErrorCode.ALREADY_ASSIGNED,
                "The user already holds a seat of this license.",
                "userId",
            ) from None
        await audit_record(
            principal,
            "license.assign",
            "license",
            license_id,
            extra={"user_id": user_id, "until": until, "assignment_id": assignment.id},
        )
    return assignment


async def _release(principal: Principal, assignments: list[SeatAssignment], reason: str) -> None:
    when = now()
    for assignment in assignments:
        assignment.revoked_at = when
        assignment.revoked_by = principal.user
        assignment.revoke_reason = reason
        assignment.active_holder = None
        await assignment.save(
            update_fields=["revoked_at", "revoked_by_id", "revoke_reason", "active_holder"]
        )


async def license_unassign(
    principal: Principal, license_id: int, user_id: int, note: str = ""
) -> SeatAssignment:
    """Take the user's seat back; it becomes free for someone else. The ended seat is kept
    (License.pastAssignments) with `note`, why it ended (up to 500 characters)."""
    check = Checker()
    note = check.text("note", note, max_length=500) or ""
    check.done()
    return await retry_deadlocks(lambda: _unassign(principal, license_id, user_id, note))


async def _unassign(
    principal: Principal, license_id: int, user_id: int, note: str
) -> SeatAssignment:
    async with in_transaction():
        await visible_license(principal, license_id, Action.LICENSE_ASSIGN, lock=True)
        assignment = (
            await SeatAssignment.filter(license_id=license_id, active_holder=user_id)
            .select_for_update()
            .first()
        )
        if assignment is None:
            raise not_found("seat of this user on this license", "userId")
        await _release(principal, [assignment], note)
        await License.filter(id=license_id).update(seats_used=F("seats_used") - 1)
        extra: dict[str, object] = {"user_id": user_id}
        if note:
            extra["note"] = note
        await audit_record(principal, "license.unassign", "license", license_id, extra=extra)
    return assignment


async def license_revoke(principal: Principal, license_id: int, reason: str) -> License:
    """Revoke the license: every seat is released and the status becomes REVOKED."""
    require_signed_in(principal)
    check = Checker()
    reason = check.text("reason", reason, max_length=500, required=True) or ""
    check.done()
    async with in_transaction():
        license_ = await visible_license(principal, license_id, Action.LICENSE_CHANGE, lock=True)
        active = await SeatAssignment.filter(
            license_id=license_id, active_holder__isnull=False
        ).select_for_update()
        await _release(principal, list(active), reason)
        await License.filter(id=license_id).update(
            seats_used=0, status=LicenseStatus.REVOKED, version=F("version") + 1, updated_at=now()
        )
        await audit_record(
            principal,
            "license.revoke",
            "license",
            license_id,
            extra={
                "reason": reason,
                "seats_released": len(active),
                "status_before": license_.status,
            },
        )
    return await License.get(id=license_id)


async def license_renew(
    principal: Principal,
    license_id: int,
    version: int,
    *,
    starts_on: date,
    ends_on: date,
    cost: Decimal | None = None,
    currency: str | None = None,
    note: str = "",
) -> License:
    """Add a term to the license's history and make it the current one (new expiry, cost)."""
    require_signed_in(principal)
    check = Checker()
    check.dates_in_order("startsOn", starts_on, "endsOn", ends_on)
    cost_micros = check.money("cost", cost)
    code = check.currency("currency", currency)
    if cost_micros is not None and code is None:
        check.fail("currency", "currency is required when cost is set")
    note = check.text("note", note, max_length=500) or ""
    check.done()
    async with in_transaction():
        license_ = await visible_license(principal, license_id, Action.LICENSE_CHANGE)
        if license_.status == LicenseStatus.REVOKED:
            raise invalid("licenseId", "A revoked license cannot be renewed.")
        term = await RenewalTerm.create(
            license_id=license_id,
            starts_on=starts_on,
            ends_on=ends_on,
            cost_micros=cost_micros,
            currency=code,
            note=note,
            created_by=principal.user,
        )
        changes: dict[str, object] = {"expires_on": ends_on}
        if license_.starts_on is None or license_.starts_on > starts_on:
            changes["starts_on"] = starts_on
        if cost_micros is not None:
            changes.update(cost_micros=cost_micros, currency=code)
        if license_.status == LicenseStatus.EXPIRED:
            changes["status"] = LicenseStatus.ACTIVE
        if license_.cancel_by is not None:
            changes["cancel_by"] = None  # it belonged to the term that just ended
        await update_versioned(License, license_id, version, changes, "license")
        await audit_record(
            principal,
            "license.renew",
            "license",
            license_id,
            extra={
                "term_id": term.id,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "cost_micros": cost_micros,
                "currency": code,
                "expires_on_before": license_.expires_on,
            },
        )
    return await License.get(id=license_id)
