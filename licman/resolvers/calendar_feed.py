"""A user's calendar feed: the expiry and cancel-by dates of the licenses the user may see
(`license_scope`, read through the feed token as a `licenses:read` credential)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from tortoise.expressions import Q

from licman.models import License, LicenseStatus, ReminderEvent, User
from licman.resolvers.errors import not_found
from licman.resolvers.reminder_due import title_of
from licman.security.authn import AuthenticationError, principal_for_calendar
from licman.security.permissions import license_scope
from licman.security.principal import Origin

# A year back (what just lapsed) and everything ahead; calendar apps fetch the whole feed.
HISTORY = timedelta(days=365)
MAX_LICENSES = 5000
QUIET_STATUSES = (LicenseStatus.CANCELLED, LicenseStatus.REVOKED)


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    license_id: int
    title: str
    event: ReminderEvent
    day: date
    auto_renew: bool
    updated_at: datetime


async def calendar_entries(token: str, origin: Origin) -> tuple[User, list[CalendarEntry]]:
    """The feed's user and entries; NOT_FOUND for a token that is unknown or revoked (or
    whose user was deactivated), the same answer whichever."""
    try:
        principal = await principal_for_calendar(token, origin)
    except AuthenticationError:
        raise not_found("calendar") from None
    assert principal.user is not None
    since = datetime.now(UTC).date() - HISTORY
    rows = (
        await License.filter(await license_scope(principal), archived_at__isnull=True)
        .exclude(status__in=QUIET_STATUSES)
        .filter(Q(expires_on__gte=since) | Q(cancel_by__gte=since))
        .order_by("id")
        .limit(MAX_LICENSES)
        .values(
            "id", "name", "expires_on", "cancel_by", "auto_renew", "updated_at",
            "product__name", "product__vendor__name",
        )
    )  # fmt: skip
    entries: list[CalendarEntry] = []
    for row in rows:
        for event, day in (
            (ReminderEvent.EXPIRY, row["expires_on"]),
            (ReminderEvent.CANCEL_BY, row["cancel_by"]),
        ):
            if day is not None and day >= since:
                entries.append(
                    CalendarEntry(
                        license_id=row["id"],
                        title=title_of(row),
                        event=event,
                        day=day,
                        auto_renew=bool(row["auto_renew"]),
                        updated_at=row["updated_at"],
                    )
                )
    entries.sort(key=lambda e: (e.day, e.license_id, e.event.value))
    return principal.user, entries
