from licman.migration_ops import CreateModelWithChecks
from tortoise import migrations
from tortoise.migrations import operations as ops
from licman.models.job import JobStatus
from licman.models.license import BillingPeriod, LicenseKind, LicenseStatus
from licman.models.user import Role
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint


class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name="ApiRequest",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "occurred_at",
                    fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False),
                ),
                ("principal_kind", fields.CharField(max_length=16)),
                ("user_id", fields.IntField(null=True, db_index=True)),
                ("api_token_id", fields.IntField(null=True)),
                ("oauth_client_id", fields.CharField(null=True, max_length=64)),
                ("ip", fields.CharField(default="", max_length=45)),
                ("user_agent", fields.CharField(default="", max_length=512)),
                ("request_id", fields.CharField(default="", max_length=64)),
                ("operation_name", fields.CharField(default="", max_length=200)),
                ("operation_type", fields.CharField(default="", max_length=16)),
                ("duration_ms", fields.IntField(default=0)),
                (
                    "outcome",
                    fields.CharField(description="ok, error, denied, invalid", max_length=16),
                ),
                ("status_code", fields.SmallIntField(default=200)),
            ],
            options={"table": "api_request", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "occurred_at",
                    fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "actor_kind",
                    fields.CharField(description="user, token, oauth, system", max_length=16),
                ),
                ("actor_user_id", fields.IntField(null=True, db_index=True)),
                ("actor_label", fields.CharField(default="", max_length=254)),
                ("api_token_id", fields.IntField(null=True)),
                ("oauth_client_id", fields.CharField(null=True, max_length=64)),
                ("ip", fields.CharField(default="", max_length=45)),
                ("user_agent", fields.CharField(default="", max_length=512)),
                ("request_id", fields.CharField(default="", max_length=64)),
                (
                    "action",
                    fields.CharField(
                        db_index=True, description="e.g. license.reveal", max_length=64
                    ),
                ),
                ("object_type", fields.CharField(default="", max_length=32)),
                ("object_id", fields.CharField(default="", max_length=64)),
                (
                    "changes",
                    fields.JSONField(
                        default=dict,
                        description="before/after, redacted",
                        encoder=JSON_DUMPS,
                        decoder=loads,
                    ),
                ),
                ("prev_hash", fields.CharField(max_length=64)),
                ("hash", fields.CharField(unique=True, max_length=64)),
            ],
            options={"table": "audit_event", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Tag",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("name", fields.CharField(max_length=64)),
                ("name_key", fields.CharField(unique=True, max_length=64)),
                ("color", fields.CharField(null=True, description="#rrggbb", max_length=7)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={"table": "tag", "app": "licman", "pk_attr": "id"},
            bases=["FoldedKeyModel"],
        ),
        ops.CreateModel(
            name="Team",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("name", fields.CharField(max_length=200)),
                ("name_key", fields.CharField(unique=True, max_length=200)),
                ("description", fields.TextField(default="", unique=False)),
            ],
            options={"table": "team", "app": "licman", "pk_attr": "id"},
            bases=["FoldedKeyModel", "TimestampedModel"],
        ),
        ops.CreateModel(
            name="User",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("email", fields.CharField(max_length=254)),
                ("email_key", fields.CharField(unique=True, max_length=254)),
                ("name", fields.CharField(default="", max_length=200)),
                (
                    "role",
                    fields.CharEnumField(
                        default=Role.MEMBER,
                        description="ADMIN: admin\nMANAGER: manager\nMEMBER: member\nAUDITOR: auditor",
                        enum_type=Role,
                        max_length=16,
                    ),
                ),
                ("password_hash", fields.CharField(null=True, max_length=255)),
                ("is_active", fields.BooleanField(default=True)),
                (
                    "last_login_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "password_changed_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={"table": "user", "app": "licman", "pk_attr": "id"},
            bases=["FoldedKeyModel", "TimestampedModel"],
        ),
        ops.CreateModel(
            name="ApiToken",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="api_tokens",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("name", fields.CharField(max_length=100)),
                ("prefix", fields.CharField(max_length=24)),
                ("token_hash", fields.CharField(unique=True, max_length=64)),
                ("scopes", fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("expires_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "last_used_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={"table": "api_token", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        CreateModelWithChecks(
            name="Job",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "kind",
                    fields.CharField(description="Task name, e.g. licenses_import.", max_length=64),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=JobStatus.QUEUED,
                        description="QUEUED: queued\nRUNNING: running\nSUCCEEDED: succeeded\nFAILED: failed",
                        enum_type=JobStatus,
                        max_length=16,
                    ),
                ),
                ("progress_done", fields.IntField(default=0)),
                ("progress_total", fields.IntField(null=True)),
                ("params", fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ("result", fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ("error", fields.TextField(default="", unique=False)),
                (
                    "task_id",
                    fields.CharField(null=True, description="Celery task id.", max_length=64),
                ),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("started_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "finished_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "job",
                "app": "licman",
                "constraints": [
                    CheckConstraint(check="progress_done >= 0", name="job_progress_nonnegative")
                ],
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="OAuthClient",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("client_id", fields.CharField(unique=True, max_length=64)),
                ("client_secret_hash", fields.CharField(null=True, max_length=64)),
                ("name", fields.CharField(max_length=200)),
                (
                    "redirect_uris",
                    fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads),
                ),
                ("grant_types", fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                (
                    "scopes",
                    fields.JSONField(
                        default=list,
                        description="Scopes it may ask for.",
                        encoder=JSON_DUMPS,
                        decoder=loads,
                    ),
                ),
                (
                    "owner",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="owner_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={"table": "oauth_client", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="OAuthAuthorizationCode",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code_hash", fields.CharField(unique=True, max_length=64)),
                (
                    "client",
                    fields.ForeignKeyField(
                        "licman.OAuthClient",
                        source_field="client_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("redirect_uri", fields.CharField(max_length=2048)),
                ("scope", fields.CharField(default="", max_length=1000)),
                ("code_challenge", fields.CharField(null=True, max_length=128)),
                ("code_challenge_method", fields.CharField(null=True, max_length=8)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("expires_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={"table": "oauth_authorization_code", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="OAuthToken",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "client",
                    fields.ForeignKeyField(
                        "licman.OAuthClient",
                        source_field="client_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="user_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("access_token_hash", fields.CharField(unique=True, max_length=64)),
                ("refresh_token_hash", fields.CharField(null=True, unique=True, max_length=64)),
                ("scope", fields.CharField(default="", max_length=1000)),
                ("issued_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("expires_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "refresh_expires_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={"table": "oauth_token", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Session",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("key_hash", fields.CharField(unique=True, max_length=64)),
                (
                    "user",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="sessions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("last_seen_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "expires_at",
                    fields.DatetimeField(
                        description="Absolute end, whatever the activity.",
                        auto_now=False,
                        auto_now_add=False,
                    ),
                ),
                ("ip", fields.CharField(default="", max_length=45)),
                ("user_agent", fields.CharField(default="", max_length=512)),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={"table": "session", "app": "licman", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="TeamMembership",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "team",
                    fields.ForeignKeyField(
                        "licman.Team",
                        source_field="team_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="memberships",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="memberships",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "team_membership",
                "app": "licman",
                "unique_together": (("team", "user"),),
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
        CreateModelWithChecks(
            name="Vendor",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("name", fields.CharField(max_length=200)),
                ("name_key", fields.CharField(unique=True, max_length=200)),
                ("website", fields.CharField(null=True, max_length=2048)),
                ("notes", fields.TextField(default="", unique=False)),
                (
                    "archived_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "updated_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="updated_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("version", fields.IntField(default=1)),
            ],
            options={
                "table": "vendor",
                "app": "licman",
                "constraints": [
                    CheckConstraint(check="version >= 1", name="vendor_version_positive")
                ],
                "pk_attr": "id",
            },
            bases=["FoldedKeyModel", "TimestampedModel"],
        ),
        CreateModelWithChecks(
            name="Product",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "vendor",
                    fields.ForeignKeyField(
                        "licman.Vendor",
                        source_field="vendor_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="products",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("name", fields.CharField(max_length=200)),
                ("name_key", fields.CharField(max_length=200)),
                ("notes", fields.TextField(default="", unique=False)),
                (
                    "archived_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "updated_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="updated_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("version", fields.IntField(default=1)),
            ],
            options={
                "table": "product",
                "app": "licman",
                "unique_together": (("vendor", "name_key"),),
                "constraints": [
                    CheckConstraint(check="version >= 1", name="product_version_positive")
                ],
                "pk_attr": "id",
            },
            bases=["FoldedKeyModel", "TimestampedModel"],
        ),
        CreateModelWithChecks(
            name="License",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "product",
                    fields.ForeignKeyField(
                        "licman.Product",
                        source_field="product_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="licenses",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "name",
                    fields.CharField(
                        default="", description="Optional display name.", max_length=200
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        default=LicenseKind.OTHER,
                        description="SERIAL_KEY: serial_key\nAPI_KEY: api_key\nCREDENTIAL: credential\nSUBSCRIPTION: subscription\nENTITLEMENT: entitlement\nOTHER: other",
                        enum_type=LicenseKind,
                        max_length=16,
                    ),
                ),
                ("secret_ciphertext", fields.TextField(null=True, unique=False)),
                ("secret_fingerprint", fields.CharField(null=True, db_index=True, max_length=64)),
                ("seats", fields.IntField(null=True, description="Null means unlimited.")),
                ("cost", fields.DecimalField(null=True, max_digits=16, decimal_places=4)),
                (
                    "currency",
                    fields.CharField(null=True, description="ISO 4217 code.", max_length=3),
                ),
                (
                    "billing_period",
                    fields.CharEnumField(
                        null=True,
                        description="ONE_TIME: one_time\nMONTHLY: monthly\nQUARTERLY: quarterly\nYEARLY: yearly\nMULTI_YEAR: multi_year",
                        enum_type=BillingPeriod,
                        max_length=16,
                    ),
                ),
                ("purchased_on", fields.DateField(null=True)),
                ("starts_on", fields.DateField(null=True)),
                ("expires_on", fields.DateField(null=True, db_index=True)),
                ("cancel_by", fields.DateField(null=True)),
                ("auto_renew", fields.BooleanField(default=False)),
                (
                    "status",
                    fields.CharEnumField(
                        default=LicenseStatus.ACTIVE,
                        description="ACTIVE: active\nTRIAL: trial\nSUSPENDED: suspended\nEXPIRED: expired\nCANCELLED: cancelled",
                        enum_type=LicenseStatus,
                        max_length=16,
                    ),
                ),
                (
                    "owner",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="owner_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="owned_licenses",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("notes", fields.TextField(default="", unique=False)),
                (
                    "metadata",
                    fields.JSONField(
                        default=dict,
                        description="Custom fields.",
                        encoder=JSON_DUMPS,
                        decoder=loads,
                    ),
                ),
                ("external_id", fields.CharField(null=True, unique=True, max_length=255)),
                (
                    "archived_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "updated_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="updated_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "version",
                    fields.IntField(default=1, description="Optimistic lock, +1 on every change."),
                ),
                (
                    "tags",
                    fields.ManyToManyField(
                        "licman.Tag",
                        unique=True,
                        db_constraint=True,
                        through="license_tag",
                        forward_key="tag_id",
                        backward_key="license_id",
                        related_name="licenses",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
            ],
            options={
                "table": "license",
                "app": "licman",
                "constraints": [
                    CheckConstraint(
                        check="seats IS NULL OR seats >= 0", name="license_seats_nonnegative"
                    ),
                    CheckConstraint(
                        check="cost IS NULL OR cost >= 0", name="license_cost_nonnegative"
                    ),
                    CheckConstraint(
                        check="starts_on IS NULL OR expires_on IS NULL OR starts_on <= expires_on",
                        name="license_start_before_expiry",
                    ),
                    CheckConstraint(check="version >= 1", name="license_version_positive"),
                ],
                "pk_attr": "id",
            },
            bases=["TimestampedModel"],
        ),
        CreateModelWithChecks(
            name="RenewalTerm",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "license",
                    fields.ForeignKeyField(
                        "licman.License",
                        source_field="license_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="renewals",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("starts_on", fields.DateField()),
                ("ends_on", fields.DateField()),
                ("cost", fields.DecimalField(null=True, max_digits=16, decimal_places=4)),
                ("currency", fields.CharField(null=True, max_length=3)),
                ("note", fields.CharField(default="", max_length=500)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
            ],
            options={
                "table": "renewal_term",
                "app": "licman",
                "constraints": [
                    CheckConstraint(
                        check="starts_on <= ends_on", name="renewal_term_dates_in_order"
                    ),
                    CheckConstraint(
                        check="cost IS NULL OR cost >= 0", name="renewal_term_cost_nonneg"
                    ),
                ],
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SeatAssignment",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "license",
                    fields.ForeignKeyField(
                        "licman.License",
                        source_field="license_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="assignments",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "user",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="user_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="seats",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("assigned_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "assigned_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="assigned_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("ends_on", fields.DateField(null=True)),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "revoked_by",
                    fields.ForeignKeyField(
                        "licman.User",
                        source_field="revoked_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("revoke_reason", fields.CharField(default="", max_length=500)),
                ("active_holder", fields.IntField(null=True)),
            ],
            options={
                "table": "seat_assignment",
                "app": "licman",
                "unique_together": (("license", "active_holder"),),
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
    ]
