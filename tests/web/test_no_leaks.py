"""After a full scenario against a real server, no plaintext secret, password or token
appears in the server's log, the audit trail, the API request log, or any answer except
the one reveal a permitted user asked for."""

from __future__ import annotations

import json
import secrets
import time

import httpx

from tests.live import LiveServer

SECRET = f"LEAK-CANARY-{secrets.token_hex(8)}"
WRONG_PASSWORD = f"wrong-{secrets.token_hex(8)}"


def test_a_full_scenario_leaks_no_secret_password_or_token(live_server: LiveServer) -> None:
    answers: list[str] = []
    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        # A failed and a successful sign-in.
        answers.append(
            client.post(
                "/auth/login", json={"email": live_server.admin_email, "password": WRONG_PASSWORD}
            ).text
        )
        answers.append(
            client.post(
                "/auth/login",
                json={"email": live_server.admin_email, "password": live_server.admin_password},
            ).text
        )
        csrf = {"x-csrf-token": client.cookies["licman_csrf"]}

        def gql(query: str, **variables: object) -> dict[str, object]:
            response = client.post(
                "/graphql", json={"query": query, "variables": variables}, headers=csrf
            )
            answers.append(response.text)
            return response.json()  # type: ignore[no-any-return]

        token = gql('mutation { apiTokenCreate(input: {name: "leak-test"}) { token } }')
        token_value = token["data"]["apiTokenCreate"]["token"]  # type: ignore[index]
        answers.pop()  # the one answer that must show the token
        vendor = gql('mutation { vendorCreate(input: {name: "Leak Vendor"}) { vendor { id } } }')
        vid = vendor["data"]["vendorCreate"]["vendor"]["id"]  # type: ignore[index]
        product = gql(
            'mutation($v: ID!) { productCreate(input: {vendorId: $v, name: "P"}) '
            "{ product { id } } }",
            v=vid,
        )
        pid = product["data"]["productCreate"]["product"]["id"]  # type: ignore[index]
        created = gql(
            "mutation($p: ID!, $s: String!) { licenseCreate(input: {productId: $p, "
            "secret: $s}) { license { id } } }",
            p=pid,
            s=SECRET,
        )
        lid = created["data"]["licenseCreate"]["license"]["id"]  # type: ignore[index]
        gql(
            'mutation($id: ID!) { licenseUpdate(input: {id: $id, version: 1, notes: "n"}) '
            "{ license { id } } }",
            id=lid,
        )
        # A refused mutation and a query that errors, with the secret in their variables.
        gql(
            "mutation($p: ID!, $s: String!) { licenseCreate(input: {productId: $p, secret: $s, "
            "seats: -1}) { errors { field message } } }",
            p=pid,
            s=SECRET,
        )
        gql(
            "query($s: String!) { licenses(first: 1, search: $s) { edges { node { id } } } }",
            s=SECRET,
        )
        # The token used as a bearer, and a mangled one refused.
        answers.append(
            httpx.post(
                f"{live_server.url}/graphql",
                json={"query": "{ me { email } }"},
                headers={"authorization": f"Bearer {token_value}"},
            ).text
        )
        answers.append(
            httpx.post(
                f"{live_server.url}/graphql",
                json={"query": "{ me { email } }"},
                headers={"authorization": f"Bearer {token_value}x"},
            ).text
        )
        # The one permitted reveal: its answer is the only place the secret may appear.
        reveal = client.post(
            "/graphql",
            headers=csrf,
            json={
                "query": "query($id: ID!) { license(id: $id) { secret } }",
                "variables": {"id": lid},
            },
        )
        assert reveal.json()["data"]["license"]["secret"] == SECRET
        time.sleep(1.5)  # let the API request log flush its buffer
        audit = gql("{ auditEvents(first: 100) { edges { node { action changes actorLabel } } } }")
        api = gql(
            "{ apiRequests(first: 100) { edges { node { operationName outcome userAgent } } } }"
        )
    actions = [e["node"]["action"] for e in audit["data"]["auditEvents"]["edges"]]  # type: ignore[index]
    assert "license.reveal" in actions
    assert api["data"]["apiRequests"]["edges"]  # type: ignore[index]

    haystacks = {
        "server log": live_server.log(),
        "audit trail": json.dumps(audit),
        "api request log": json.dumps(api),
        "other answers": "\n".join(answers),
    }
    for where, text in haystacks.items():
        for needle in (SECRET, live_server.admin_password, WRONG_PASSWORD, token_value):
            assert needle not in text, f"{needle[:12]}... found in the {where}"
