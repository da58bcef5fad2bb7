"""A user's own reminder choices (lead times, opt-out) and calendar feed URL: read,
change, create (or replace) and revoke. Only one's own (`may_manage_reminders_of`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from licman.models import CalendarFeed, ReminderPreference
from licman.resolvers.audit import audit_record
from licman.resolvers.common import UNSET, require_signed_in
from licman.resolvers.errors import forbidden, invalid
from licman.resolvers.reminder_due import DEFAULT_CHOICES, choices_from
from licman.resolvers.user import viewer
from licman.security import tokens
from licman.security.permissions import Action, is_self, may_manage_reminders_of, scope_needed
from licman.security.principal import Principal

MAX_LEAD_TIMES = 6
MAX_LEAD_DAYS = 730


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    user_id: int
    enabled: bool
    lead_days: list[int]  # descending
    feed_created_at: datetime | None
    feed_last_used_at: datetime | None


async def reminder_settings(principal: Principal, user_id: int) -> ReminderSettings:
    """One's own reminder choices (nobody else's, not even an admin's)."""
    require_signed_in(principal)
    if not is_self(principal, user_id):
        raise forbidden("see another user's reminder settings")
    choices = choices_from(await ReminderPreference.get_or_none(user_id=user_id))
    feed = await CalendarFeed.get_or_none(user_id=user_id)
    return ReminderSettings(
        user_id=user_id,
        enabled=choices.enabled,
        lead_days=list(choices.lead_days),
        feed_created_at=feed.created_at if feed else None,
        feed_last_used_at=feed.last_used_at if feed else None,
    )


def _check_manage(principal: Principal, user_id: int, what: str) -> None:
    require_signed_in(principal)
    if not may_manage_reminders_of(principal, user_id):
        raise forbidden(what, scope_needed(principal, Action.ACCOUNT_MANAGE))


def check_lead_days(lead_days: list[int]) -> list[int]:
    if not 1 <= len(lead_days) <= MAX_LEAD_TIMES:
        raise invalid(
            "leadDays",
            f"leadDays: give 1 to {MAX_LEAD_TIMES} lead times (to stop reminders, turn "
            "them off with enabled: false)",
        )
    for days in lead_days:
        if not 0 <= days <= MAX_LEAD_DAYS:
            raise invalid("leadDays", f"leadDays: {days} is not 0 to {MAX_LEAD_DAYS} days")
    if len(set(lead_days)) != len(lead_days):
        raise invalid("leadDays", "leadDays: each lead time may be given once")
    return sorted(lead_days, reverse=True)


async def reminder_settings_update(
    principal: Principal, *, enabled: bool = UNSET, lead_days: list[int] = UNSET
) -> ReminderSettings:
    """Change one's own lead times or opt out (or in). Audited."""
    user = await viewer(principal)
    _check_manage(principal, user.id, "change reminder settings")
    changes: dict[str, Any] = {}
    if lead_days is not UNSET:
        changes["lead_days"] = check_lead_days(list(lead_days))
    if enabled is not UNSET:
        if enabled is None:
            raise invalid("enabled", "enabled: give true or false")
        changes["enabled"] = bool(enabled)
    async with in_transaction():
        row = await ReminderPreference.get_or_none(user_id=user.id)
        if row is None:
            row = await ReminderPreference.create(
                user_id=user.id,
                enabled=changes.get("enabled", DEFAULT_CHOICES.enabled),
                lead_days=changes.get("lead_days", list(DEFAULT_CHOICES.lead_days)),
            )
        elif changes:
            await ReminderPreference.filter(id=row.id).update(**changes)
        await audit_record(principal, "reminder.settings_update", "user", user.id, extra=changes)
    return await reminder_settings(principal, user.id)


async def calendar_feed_create(principal: Principal) -> tuple[str, ReminderSettings]:
    """A new secret feed token for the caller, replacing any earlier one (whose URL stops
    working). The token is returned this once; only its SHA-256 is kept."""
    user = await viewer(principal)
    _check_manage(principal, user.id, "create a calendar feed")
    token = tokens.new_token(tokens.CALENDAR_PREFIX)
    async with in_transaction():
        await CalendarFeed.filter(user_id=user.id).delete()
        await CalendarFeed.create(user_id=user.id, token_hash=tokens.token_hash(token))
        await audit_record(principal, "calendar_feed.create", "user", user.id)
    return token, await reminder_settings(principal, user.id)


async def calendar_feed_revoke(principal: Principal) -> ReminderSettings:
    """Revoke the caller's feed URL: it answers 404 from now on."""
    user = await viewer(principal)
    _check_manage(principal, user.id, "revoke a calendar feed")
    async with in_transaction():
        removed = await CalendarFeed.filter(user_id=user.id).delete()
        if removed:
            await audit_record(principal, "calendar_feed.revoke", "user", user.id)
    return await reminder_settings(principal, user.id)
