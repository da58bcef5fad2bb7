"""Expiry reminders: each user's choices (lead times, opt-out), the ledger of reminders
claimed and sent (one row per user, license, date and lead time, never two), and each
user's secret calendar feed."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from licman.models.license import License
from licman.models.user import User

DEFAULT_LEAD_DAYS = [90, 30, 7]


class ReminderEvent(StrEnum):
    EXPIRY = "expiry"  # the license's expires_on
    CANCEL_BY = "cancel_by"  # the last day to cancel the current term before it renews


class ReminderState(StrEnum):
    CLAIMED = "claimed"  # taken by a digest run, which is about to send it
    SENT = "sent"  # the SMTP server accepted the e-mail that listed it


class ReminderPreference(Model):
    # A user without a row gets the defaults: reminders on, 90 / 30 / 7 days ahead.
    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "licman.User", related_name=False, on_delete=fields.CASCADE
    )
    enabled = fields.BooleanField(default=True, description="False: the user opted out.")
    lead_days = fields.JSONField[list[int]](
        default=list, description="Days ahead, e.g. [90, 30, 7]."
    )
    updated_at = fields.DatetimeField(auto_now=True)

    user_id: int

    class Meta:
        table = "reminder_preference"


class ReminderSent(Model):
    # The unique key is the promise: a digest inserts this row (its claim) BEFORE it sends,
    # so a second run, or a run after a crash, finds it and never sends the same reminder.
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, on_delete=fields.CASCADE
    )
    license: fields.ForeignKeyRelation[License] = fields.ForeignKeyField(
        "licman.License", related_name=False, on_delete=fields.CASCADE, db_index=True
    )
    event = fields.CharEnumField(ReminderEvent, max_length=16)
    due_on = fields.DateField(description="The expiry or cancel-by date reminded of.")
    lead_days = fields.IntField(description="The lead time this reminder is for.")
    state = fields.CharEnumField(ReminderState, max_length=16, default=ReminderState.CLAIMED)
    claim_token = fields.CharField(max_length=36, db_index=True, description="The digest run.")
    claimed_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    job_id = fields.IntField(null=True, description="The digest job that claimed it.")

    user_id: int
    license_id: int

    class Meta:
        table = "reminder_sent"
        unique_together = (("user", "license", "event", "due_on", "lead_days"),)


class CalendarFeed(Model):
    # A user's iCalendar feed: the URL holds a random token, only its SHA-256 is stored.
    # Revoking deletes the row (the old URL answers 404); regenerating replaces the hash.
    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "licman.User", related_name=False, on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)

    user_id: int

    class Meta:
        table = "calendar_feed"
