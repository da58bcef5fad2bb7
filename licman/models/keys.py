"""Product keys pooled per license (stored encrypted, handed out one at a time) and the
signed checkpoints that audit-log retention leaves where it purged."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from licman.models.license import License
from licman.models.user import User


class LicenseKeyStatus(StrEnum):
    AVAILABLE = "available"
    ISSUED = "issued"


class LicenseKey(Model):
    # One product key of a license's pool: generated from a CSPRNG, encrypted with the key
    # ring (bound to its license), with a keyed fingerprint so that no key exists twice.
    id = fields.IntField(primary_key=True)
    license: fields.ForeignKeyRelation[License] = fields.ForeignKeyField(
        "licman.License", related_name=False, on_delete=fields.CASCADE, db_index=True
    )
    ciphertext = fields.TextField(description="Fernet token of the key, bound to the license.")
    fingerprint = fields.CharField(max_length=64, unique=True, description="HMAC of the key.")
    status = fields.CharEnumField(
        LicenseKeyStatus, max_length=16, default=LicenseKeyStatus.AVAILABLE, db_index=True
    )
    licensee = fields.CharField(max_length=254, default="", description="Who it was issued to.")
    issued_at = fields.DatetimeField(null=True)
    issued_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    license_id: int
    issued_by_id: int | None

    class Meta:
        table = "license_key"


class AuditCheckpoint(Model):
    # Left by a purge of old audit events, in the purge's transaction, before the events go:
    # the last purged event's id and hash, signed with the site key. `licman audit verify`
    # starts the chain from the newest checkpoint. Append-only, like the events.
    id = fields.IntField(primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    through_event_id = fields.BigIntField(unique=True)
    through_hash = fields.CharField(max_length=64)
    events_purged = fields.BigIntField(default=0)
    document = fields.TextField(description="The signed checkpoint (licman-signed-v1 JSON).")

    class Meta:
        table = "audit_checkpoint"
