"""`licman oauth client ...`: register OAuth2 clients for scripts and CI from a shell. Every
command prints JSON on stdout (the secret only once, when it is made)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from licman.cli import fail, friendly_errors, run, with_db
from licman.models import OAuthClient, Role
from licman.resolvers import oauth_client as ops
from licman.security.principal import system
from licman.settings import load_settings

oauth_app = typer.Typer(help="OAuth2 clients (integrations).", no_args_is_help=True)
client_app = typer.Typer(help="Register and manage OAuth2 clients.", no_args_is_help=True)
oauth_app.add_typer(client_app, name="client")


class Grant(StrEnum):
    authorization_code = "authorization_code"
    client_credentials = "client_credentials"


def _describe(row: OAuthClient, secret: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "client_id": row.client_id,
        "name": row.name,
        "confidential": row.client_secret_hash is not None,
        "grant_types": list(row.grant_types),
        "redirect_uris": list(row.redirect_uris),
        "scopes": list(row.scopes),
        "service_role": row.service_role.value if row.service_role else None,
        "disabled": row.revoked_at is not None,
    }
    if secret is not None:
        out["client_secret"] = secret
    return out


def _echo(data: object) -> None:
    typer.echo(json.dumps(data, indent=2))


@client_app.command("create")
@friendly_errors
def client_create_command(
    name: Annotated[str, typer.Option(help="Shown to users on the consent page.")],
    grant: Annotated[list[Grant], typer.Option(help="A grant it may use (repeat for both).")],
    scope: Annotated[list[str], typer.Option(help="A scope it may ask for (repeat for more).")],
    redirect_uri: Annotated[
        list[str] | None,
        typer.Option(help="Where users return after consent (authorization_code; repeatable)."),
    ] = None,
    public: Annotated[
        bool, typer.Option("--public", help="No secret: a browser or desktop app (PKCE only).")
    ] = False,
    role: Annotated[
        Role | None,
        typer.Option(help="For client_credentials: the role it acts with (default member)."),
    ] = None,
) -> None:
    """Register a client. Prints its id and, for a confidential client, its secret (once)."""
    settings = load_settings()
    spec = ops.ClientSpec.new(name, [g.value for g in grant], scope, redirect_uri or [], role)

    async def work() -> tuple[str | None, OAuthClient]:
        return await ops.oauth_client_create(system(), spec, confidential=not public)

    secret, row = run(with_db(settings, work))
    _echo(_describe(row, secret))


@client_app.command("list")
@friendly_errors
def client_list_command() -> None:
    """Every client, as a JSON list (no secrets: only their hashes are stored)."""
    settings = load_settings()

    async def work() -> list[OAuthClient]:
        return await ops.oauth_client_list(system())

    _echo([_describe(row) for row in run(with_db(settings, work))])


async def _by_client_id(client_id: str) -> OAuthClient:
    row = await OAuthClient.get_or_none(client_id=client_id)
    if row is None:
        fail(f"no OAuth client with the id {client_id}")
    return row


@client_app.command("disable")
@friendly_errors
def client_disable_command(
    client_id: Annotated[str, typer.Argument(help="The client's client_id.")],
) -> None:
    """Disable a client: its tokens stop working at once."""
    settings = load_settings()

    async def work() -> OAuthClient:
        row = await _by_client_id(client_id)
        return await ops.oauth_client_set_enabled(system(), row.id, False)

    _echo(_describe(run(with_db(settings, work))))


@client_app.command("delete")
@friendly_errors
def client_delete_command(
    client_id: Annotated[str, typer.Argument(help="The client's client_id.")],
) -> None:
    """Delete a client with its tokens."""
    settings = load_settings()

    async def work() -> None:
        row = await _by_client_id(client_id)
        await ops.oauth_client_delete(system(), row.id)

    run(with_db(settings, work))
    _echo({"client_id": client_id, "deleted": True})
