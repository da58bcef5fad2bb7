"""Your expiry reminders over GraphQL: `me { reminders }`, choosing lead times or opting
out, and your calendar feed URL (created, replaced, revoked)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from licman.resolvers import reminder_settings as ops
from licman.resolvers.reminder_due import DEFAULT_CHOICES
from licman.schema.context import Info
from licman.schema.errors import UserError
from licman.schema.mutation import attempt, given


@strawberry.type(description="Your calendar feed (its URL is shown only when created).")
class CalendarFeed:
    created_at: datetime
    last_used_at: datetime | None = strawberry.field(
        description="Last fetched by a calendar app (to the minute)."
    )


@strawberry.type(description="Your expiry reminders: the daily e-mail and the calendar feed.")
class ReminderSettings:
    enabled: bool = strawberry.field(description="False: you opted out of reminder e-mails.")
    lead_days: list[int] = strawberry.field(
        description="How many days ahead you are reminded of an expiry or cancel-by date, "
        "largest first; each lead time at most once per date."
    )
    default_lead_days: list[int] = strawberry.field(description="What new users get.")
    calendar_feed: CalendarFeed | None = strawberry.field(
        description="Your calendar feed, if you created one."
    )

    @classmethod
    def from_domain(cls, found: ops.ReminderSettings) -> ReminderSettings:
        feed = (
            CalendarFeed(created_at=found.feed_created_at, last_used_at=found.feed_last_used_at)
            if found.feed_created_at is not None
            else None
        )
        return cls(
            enabled=found.enabled,
            lead_days=found.lead_days,
            default_lead_days=list(DEFAULT_CHOICES.lead_days),
            calendar_feed=feed,
        )


@strawberry.input(description="Change your reminders; fields left out stay as they are.")
class ReminderSettingsUpdateInput:
    enabled: bool | None = strawberry.field(
        default=strawberry.UNSET, description="False: no more reminder e-mails."
    )
    lead_days: list[int] | None = strawberry.field(
        default=strawberry.UNSET,
        description=f"1 to {ops.MAX_LEAD_TIMES} different numbers of days, 0 to "
        f"{ops.MAX_LEAD_DAYS} (0: on the day).",
    )


@strawberry.type
class ReminderSettingsPayload:
    reminders: ReminderSettings | None
    errors: list[UserError]


@strawberry.type
class CalendarFeedCreatePayload:
    url: str | None = strawberry.field(
        description="The feed's secret address, shown this once: subscribe to it in a "
        "calendar app. Anyone with it sees your licenses' dates; revoke it if it leaks."
    )
    reminders: ReminderSettings | None
    errors: list[UserError]


async def my_reminders(info: Info, user_id: int) -> ReminderSettings:
    return ReminderSettings.from_domain(
        await ops.reminder_settings(info.context.principal, user_id)
    )


@strawberry.type
class ReminderMutation:
    @strawberry.mutation(description="Choose your reminder lead times, or opt out (or in).")
    async def reminder_settings_update(
        self, info: Info, input: ReminderSettingsUpdateInput
    ) -> ReminderSettingsPayload:
        found, errors = await attempt(
            lambda: ops.reminder_settings_update(
                info.context.principal,
                enabled=given(input.enabled),
                lead_days=given(input.lead_days),
            )
        )
        return ReminderSettingsPayload(
            reminders=ReminderSettings.from_domain(found) if found else None, errors=errors
        )

    @strawberry.mutation(
        description="Create your calendar feed URL, or replace it (the old URL stops working)."
    )
    async def calendar_feed_create(self, info: Info) -> CalendarFeedCreatePayload:
        result, errors = await attempt(lambda: ops.calendar_feed_create(info.context.principal))
        if result is None:
            return CalendarFeedCreatePayload(url=None, reminders=None, errors=errors)
        token, found = result
        url = f"{info.context.settings.issuer}/calendar/{token}.ics"
        return CalendarFeedCreatePayload(
            url=url, reminders=ReminderSettings.from_domain(found), errors=[]
        )

    @strawberry.mutation(description="Revoke your calendar feed URL: it answers 404 from now on.")
    async def calendar_feed_revoke(self, info: Info) -> ReminderSettingsPayload:
        found, errors = await attempt(lambda: ops.calendar_feed_revoke(info.context.principal))
        return ReminderSettingsPayload(
            reminders=ReminderSettings.from_domain(found) if found else None, errors=errors
        )
