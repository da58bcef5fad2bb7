"""`passwordChange` is no password oracle: a wrong current password counts as a failed
sign-in, every aliased attempt of one request counts, and a locked account is refused both
at sign-in and in passwordChange, even with the right password."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from licman.models import User
from licman.resolvers.api_token import api_token_create
from licman.security.passwords import hash_password, verify_password
from licman.security.principal import system

pytestmark = pytest.mark.usefixtures("db")

EMAIL = "ivy@example.com"
PASSWORD = "correct horse battery"
NEW_PASSWORD = "staple in the stable"
LIMIT = 10  # login_max_failures_per_account, by default


def change(alias: str, old: str) -> str:
    return (
        f'{alias}: passwordChange(input: {{oldPassword: "{old}", newPassword: "{NEW_PASSWORD}"}})'
        " { ok errors { field code message } }"
    )


async def ivy_with_token() -> tuple[User, str]:
    user = await User.create(email=EMAIL, name="Ivy", password_hash=await hash_password(PASSWORD))
    token, _ = await api_token_create(system(), user=user, name="laptop")
    return user, token


async def graphql(http: httpx.AsyncClient, token: str, document: str) -> dict[str, Any]:
    response = await http.post(
        "/graphql", json={"query": document}, headers={"authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body["errors"]
    return body


async def sign_in(http: httpx.AsyncClient, password: str) -> httpx.Response:
    return await http.post("/auth/login", json={"email": EMAIL, "password": password})


async def password_is_unchanged(user: User) -> bool:
    stored = await User.get(id=user.id)
    return await verify_password(stored.password_hash, PASSWORD)


async def test_aliased_guesses_each_count_and_lock_the_account(http: httpx.AsyncClient) -> None:
    # Given Ivy's token in someone else's hands
    user, token = await ivy_with_token()
    guesses = LIMIT + 2

    # When one request guesses her current password twelve times, through aliases
    document = "mutation {" + " ".join(change(f"g{n}", f"guess {n}") for n in range(guesses)) + "}"
    body = await graphql(http, token, document)

    # Then every guess was counted: the first ten are wrong, after that the account is locked
    results = [body["data"][f"g{n}"] for n in range(guesses)]
    assert [r["errors"][0]["code"] for r in results] == ["INVALID"] * LIMIT + [
        "TOO_MANY_ATTEMPTS"
    ] * 2
    assert all(r["ok"] is False and r["errors"][0]["field"] == "oldPassword" for r in results)
    # ... so even the right password no longer changes it
    right = (await graphql(http, token, f"mutation {{ {change('right', PASSWORD)} }}"))["data"]
    assert right["right"]["ok"] is False
    assert right["right"]["errors"][0]["code"] == "TOO_MANY_ATTEMPTS"
    assert await password_is_unchanged(user)
    # ... and signing in is locked too
    refused = await sign_in(http, PASSWORD)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "TOO_MANY_ATTEMPTS"


async def test_failed_sign_ins_lock_password_change(http: httpx.AsyncClient) -> None:
    # Given ten failed sign-ins of Ivy's account
    user, token = await ivy_with_token()
    for n in range(LIMIT):
        assert (await sign_in(http, f"guess {n}")).status_code == 401

    # When her token asks to change the password, with the right current one
    body = await graphql(http, token, f"mutation {{ {change('c', PASSWORD)} }}")

    # Then it is refused while the account is locked
    assert body["data"]["c"]["ok"] is False
    assert body["data"]["c"]["errors"][0]["code"] == "TOO_MANY_ATTEMPTS"
    assert await password_is_unchanged(user)


async def test_a_right_password_change_under_the_limit_still_works(
    http: httpx.AsyncClient,
) -> None:
    user, token = await ivy_with_token()
    document = "mutation {" + change("wrong", "guess") + " " + change("right", PASSWORD) + "}"

    data = (await graphql(http, token, document))["data"]

    assert data["wrong"]["errors"][0]["code"] == "INVALID"
    assert data["right"] == {"ok": True, "errors": []}
    assert not await password_is_unchanged(user)
    assert (await sign_in(http, NEW_PASSWORD)).status_code == 200
