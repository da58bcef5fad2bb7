"""Licenses: what a team owns, its secret (encrypted), seats and renewal history (tags have
their own module)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from licman.models.base import TimestampedModel
from licman.models.product import Product
from licman.models.tag import Tag
from licman.models.user import User


class LicenseKind(StrEnum):
    SERIAL_KEY = "serial_key"
    API_KEY = "api_key"
    CREDENTIAL = "credential"
    SUBSCRIPTION = "subscription"
    ENTITLEMENT = "entitlement"
    OTHER = "other"


class LicenseStatus(StrEnum):
    ACTIVE = "active"
    TRIAL = "trial"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    REVOKED = "revoked"


class BillingPeriod(StrEnum):
    ONE_TIME = "one_time"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    MULTI_YEAR = "multi_year"


class License(TimestampedModel):
    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "licman.Product", related_name="licenses", on_delete=fields.RESTRICT, db_index=True
    )
    name = fields.CharField(max_length=200, default="", description="Optional display name.")
    kind = fields.CharEnumField(LicenseKind, max_length=16, default=LicenseKind.OTHER)
    # Fernet token of {"license": id, "field": "secret", "value": ...}; see security/secrets.
    secret_ciphertext = fields.TextField(null=True)
    # HMAC-SHA256 of the normalised secret under a site key: finds duplicates without decrypting.
    secret_fingerprint = fields.CharField(max_length=64, null=True, db_index=True)
    seats = fields.IntField(null=True, description="Null means unlimited.")
    # Active seat assignments, kept by the assign/unassign operations in the same statement
    # that checks the limit, so two racing assignments for the last seat cannot both win.
    seats_used = fields.IntField(default=0)
    # Money is stored as integer millionths of the currency unit ("micros"): exact, sortable
    # and summable in SQL on every database (SQLite has no exact decimal type).
    cost_micros = fields.BigIntField(null=True)
    currency = fields.CharField(max_length=3, null=True, description="ISO 4217 code.")
    billing_period = fields.CharEnumField(BillingPeriod, max_length=16, null=True)
    purchased_on = fields.DateField(null=True)
    starts_on = fields.DateField(null=True)
    expires_on = fields.DateField(null=True, db_index=True)
    cancel_by = fields.DateField(null=True)
    auto_renew = fields.BooleanField(default=False)
    status = fields.CharEnumField(LicenseStatus, max_length=16, default=LicenseStatus.ACTIVE)
    owner: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User",
        related_name="owned_licenses",
        null=True,
        on_delete=fields.SET_NULL,
        db_index=True,
    )
    notes = fields.TextField(default="")
    remind_seat_holders = fields.BooleanField(
        default=False, description="Seat holders get expiry reminders too (owners always do)."
    )
    metadata = fields.JSONField[dict[str, Any]](default=dict, description="Custom fields.")
    external_id = fields.CharField(max_length=255, null=True, unique=True)
    archived_at = fields.DatetimeField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    version = fields.IntField(default=1, description="Optimistic lock, +1 on every change.")

    # Foreign key columns, set by Tortoise; declared for the type checker.
    product_id: int
    owner_id: int | None
    created_by_id: int | None
    updated_by_id: int | None

    tags: fields.ManyToManyRelation[Tag] = fields.ManyToManyField(
        "licman.Tag", related_name="licenses", through="license_tag", on_delete=fields.CASCADE
    )
    assignments: fields.ReverseRelation[SeatAssignment]
    renewals: fields.ReverseRelation[RenewalTerm]

    class Meta:
        table = "license"
        constraints = [
            CheckConstraint(check="seats IS NULL OR seats >= 0", name="license_seats_nonnegative"),
            CheckConstraint(
                check="seats_used >= 0 AND (seats IS NULL OR seats_used <= seats)",
                name="license_seats_used_within_seats",
            ),
            CheckConstraint(
                check="cost_micros IS NULL OR cost_micros >= 0", name="license_cost_nonnegative"
            ),
            CheckConstraint(
                check="starts_on IS NULL OR expires_on IS NULL OR starts_on <= expires_on",
                name="license_start_before_expiry",
            ),
            CheckConstraint(check="version >= 1", name="license_version_positive"),
        ]


class SeatAssignment(Model):
    # One user holding one seat of a license, from assignment until revoked or ended.

    id = fields.IntField(primary_key=True)
    license: fields.ForeignKeyRelation[License] = fields.ForeignKeyField(
        "licman.License", related_name="assignments", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name="seats", on_delete=fields.RESTRICT, db_index=True
    )
    assigned_at = fields.DatetimeField(auto_now_add=True)
    assigned_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    ends_on = fields.DateField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    revoked_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    revoke_reason = fields.CharField(max_length=500, default="")
    # The user's id while the seat is active, NULL once revoked: unique with the license, so
    # a user holds at most one active seat of a license (NULLs never clash, on every database).
    active_holder = fields.IntField(null=True)
    license_id: int
    user_id: int

    class Meta:
        table = "seat_assignment"
        unique_together = (("license", "active_holder"),)


class RenewalTerm(Model):
    # One period of a license and what it cost: the renewal history.

    id = fields.IntField(primary_key=True)
    license: fields.ForeignKeyRelation[License] = fields.ForeignKeyField(
        "licman.License", related_name="renewals", on_delete=fields.CASCADE, db_index=True
    )
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    cost_micros = fields.BigIntField(null=True)
    currency = fields.CharField(max_length=3, null=True)
    note = fields.CharField(max_length=500, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )

    license_id: int

    class Meta:
        table = "renewal_term"
        constraints = [
            CheckConstraint(check="starts_on <= ends_on", name="renewal_term_dates_in_order"),
            CheckConstraint(
                check="cost_micros IS NULL OR cost_micros >= 0", name="renewal_term_cost_nonneg"
            ),
        ]
