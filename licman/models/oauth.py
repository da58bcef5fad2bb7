"""OAuth2 clients (third-party integrations), their authorization codes and tokens."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from licman.models.user import Role, User


class OAuthClient(Model):
    # A registered integration. Confidential clients have a secret (only its SHA-256 is
    # stored); public ones (browser or native apps) have none and rely on PKCE alone.

    id = fields.IntField(primary_key=True)
    client_id = fields.CharField(max_length=64, unique=True)
    # SHA-256 of the client secret; null for public clients (which must use PKCE).
    client_secret_hash = fields.CharField(max_length=64, null=True)
    name = fields.CharField(max_length=200)
    redirect_uris = fields.JSONField[list[str]](default=list)
    grant_types = fields.JSONField[list[str]](default=list)
    scopes = fields.JSONField[list[str]](default=list, description="Scopes it may ask for.")
    # The role it acts with under client credentials (it has no user); null without that grant.
    service_role = fields.CharEnumField(Role, max_length=16, null=True)
    owner: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    # When it was disabled (null: enabled). A disabled client gets no tokens and its tokens
    # stop working at once.
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "oauth_client"


class OAuthAuthorizationCode(Model):
    id = fields.IntField(primary_key=True)
    code_hash = fields.CharField(max_length=64, unique=True)
    client: fields.ForeignKeyRelation[OAuthClient] = fields.ForeignKeyField(
        "licman.OAuthClient", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, on_delete=fields.CASCADE
    )
    redirect_uri = fields.CharField(max_length=2048)
    scope = fields.CharField(max_length=1000, default="")
    code_challenge = fields.CharField(max_length=128, null=True)
    code_challenge_method = fields.CharField(max_length=8, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    # Set by the one redemption that wins; a second redemption finds it set and revokes the
    # tokens the first one got (RFC 6749 4.1.2).
    used_at = fields.DatetimeField(null=True)

    client_id: int
    user_id: int

    class Meta:
        table = "oauth_authorization_code"


class OAuthToken(Model):
    id = fields.IntField(primary_key=True)
    client: fields.ForeignKeyRelation[OAuthClient] = fields.ForeignKeyField(
        "licman.OAuthClient", related_name=False, on_delete=fields.CASCADE
    )
    # Null when the client acts for itself (client credentials).
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "licman.User", related_name=False, null=True, on_delete=fields.CASCADE
    )
    access_token_hash = fields.CharField(max_length=64, unique=True)
    refresh_token_hash = fields.CharField(max_length=64, null=True, unique=True)
    scope = fields.CharField(max_length=1000, default="")
    # Every token of one authorization (a code and the refreshes after it) shares a family;
    # reusing a spent refresh token, or a code twice, revokes the whole family.
    family = fields.CharField(max_length=64, db_index=True, default="")
    issued_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    # Refreshed after inactivity: each rotation starts a new window.
    refresh_expires_at = fields.DatetimeField(null=True)
    # When its refresh token was spent (exchanged for the next one).
    rotated_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    client_id: int
    user_id: int | None

    class Meta:
        table = "oauth_token"
