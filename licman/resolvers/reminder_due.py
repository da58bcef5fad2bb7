"""What each user is to be reminded of on a day: the expiry and cancel-by dates of the
licenses they are reminded of (`reminded_of`), each at the tightest of their lead times it
falls within, and their choices (lead times, opt-out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.expressions import Q

from licman.models import (
    DEFAULT_LEAD_DAYS,
    License,
    LicenseStatus,
    ReminderEvent,
    ReminderPreference,
    Role,
    SeatAssignment,
    User,
)
from licman.security.permissions import reminded_of

# Reminded of: licenses that still run. Cancelled, revoked and expired ones need no action.
LIVE_STATUSES = (LicenseStatus.ACTIVE, LicenseStatus.TRIAL, LicenseStatus.SUSPENDED)


class Why:
    OWNER = "owner"
    SEAT = "seat holder"
    MANAGER = "manager"


@dataclass(frozen=True, slots=True)
class Choices:
    enabled: bool
    lead_days: tuple[int, ...]  # descending, e.g. (90, 30, 7)


DEFAULT_CHOICES = Choices(True, tuple(sorted(DEFAULT_LEAD_DAYS, reverse=True)))


@dataclass(frozen=True, slots=True)
class DueReminder:
    license_id: int
    title: str
    event: ReminderEvent
    due_on: date
    lead_days: int
    days_left: int
    auto_renew: bool
    why: str

    @property
    def key(self) -> tuple[int, str, date, int]:
        return (self.license_id, self.event.value, self.due_on, self.lead_days)


def lead_for(days_left: int, lead_days: tuple[int, ...]) -> int | None:
    """The lead time a date `days_left` away is reminded at: the tightest window it is in.
    A date 25 days away with 90 / 30 / 7 is the 30-day reminder (the 90-day one, if never
    sent, is skipped: it would say less); it falls into the 7-day one a week before."""
    inside = [lead for lead in lead_days if 0 <= days_left <= lead]
    return min(inside) if inside else None


def choices_from(row: ReminderPreference | None) -> Choices:
    if row is None:
        return DEFAULT_CHOICES
    leads = tuple(sorted(set(row.lead_days or DEFAULT_LEAD_DAYS), reverse=True))
    return Choices(row.enabled, leads)


async def choices_of(user_ids: list[int]) -> dict[int, Choices]:
    rows = await ReminderPreference.filter(user_id__in=user_ids or [-1])
    found = {row.user_id: choices_from(row) for row in rows}
    return {user_id: found.get(user_id, DEFAULT_CHOICES) for user_id in user_ids}


def title_of(row: dict[str, object]) -> str:
    parts = [str(row["product__vendor__name"]), str(row["product__name"])]
    if row.get("name"):
        parts.append(f"“{row['name']}”")
    return " ".join(p for p in parts if p)


async def due_for(user: User, choices: Choices, today: date) -> list[DueReminder]:
    """What `user` is to be reminded of on `today` (whether already sent or not)."""
    if not choices.enabled or not choices.lead_days:
        return []
    horizon = today + timedelta(days=max(choices.lead_days))
    window = Q(expires_on__gte=today, expires_on__lte=horizon) | Q(
        cancel_by__gte=today, cancel_by__lte=horizon
    )
    rows = (
        await License.filter(reminded_of(user.id, Role(user.role)), window)
        .filter(archived_at__isnull=True, status__in=LIVE_STATUSES)
        .order_by("id")
        .values(
            "id", "name", "owner_id", "expires_on", "cancel_by", "auto_renew",
            "product__name", "product__vendor__name",
        )
    )  # fmt: skip
    if not rows:
        return []
    held = set(
        await SeatAssignment.filter(
            user_id=user.id, active_holder__isnull=False, license_id__in=[r["id"] for r in rows]
        ).values_list("license_id", flat=True)
    )
    found: list[DueReminder] = []
    for row in rows:
        why = (
            Why.OWNER
            if row["owner_id"] == user.id
            else Why.SEAT
            if row["id"] in held
            else Why.MANAGER
        )
        for event, day in (
            (ReminderEvent.CANCEL_BY, row["cancel_by"]),
            (ReminderEvent.EXPIRY, row["expires_on"]),
        ):
            if day is None:
                continue
            days_left = (day - today).days
            lead = lead_for(days_left, choices.lead_days)
            if lead is None:
                continue
            found.append(
                DueReminder(
                    license_id=row["id"],
                    title=title_of(row),
                    event=event,
                    due_on=day,
                    lead_days=lead,
                    days_left=days_left,
                    auto_renew=bool(row["auto_renew"]),
                    why=why,
                )
            )
    found.sort(key=lambda d: (d.due_on, d.title, d.event.value))
    return found
