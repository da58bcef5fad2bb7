"""Your reminders over GraphQL (`me { reminders }`, lead times, opt-out) and the calendar
feed: created once with its secret URL, fetched without a session and parsed back with
the icalendar library, only the licenses you may see, revoked or replaced: 404, throttled
per IP like anonymous GraphQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from icalendar import Calendar

from licman.app import create_app
from licman.models import (
    AuditEvent,
    JobStatus,
    License,
    Product,
    ReminderEvent,
    SeatAssignment,
    User,
    Vendor,
)
from licman.resolvers.reminder_mail import license_url
from licman.settings import Settings
from tests.reminders import DAY, digest, mail_settings
from tests.schema.conftest import Gql
from tests.smtp_server import smtp_server

pytestmark = pytest.mark.usefixtures("db")
Caller = tuple[User, Gql]

ME = "{ me { reminders { enabled leadDays defaultLeadDays calendarFeed { createdAt } } } }"
UPDATE = """
mutation Update($input: ReminderSettingsUpdateInput!) {
  reminderSettingsUpdate(input: $input) {
    reminders { enabled leadDays }
    errors { field code message }
  }
}
"""
FEED_CREATE = """
mutation { calendarFeedCreate {
  url reminders { calendarFeed { createdAt lastUsedAt } } errors { code message }
} }
"""
FEED_REVOKE = (
    "mutation { calendarFeedRevoke { reminders { calendarFeed { createdAt } } errors { code } } }"
)
USERS = "{ users { email reminders { enabled } } }"


def data(body: dict[str, Any], name: str) -> Any:
    assert "errors" not in body, body["errors"]
    return body["data"][name]


async def test_defaults_lead_times_and_opting_out(member: Caller) -> None:
    user, gql = member
    me = data(await gql(ME), "me")["reminders"]
    assert me == {
        "enabled": True, "leadDays": [90, 30, 7], "defaultLeadDays": [90, 30, 7],
        "calendarFeed": None,
    }  # fmt: skip

    changed = data(await gql(UPDATE, input={"leadDays": [7, 60, 14]}), "reminderSettingsUpdate")
    assert changed == {"reminders": {"enabled": True, "leadDays": [60, 14, 7]}, "errors": []}
    off = data(await gql(UPDATE, input={"enabled": False}), "reminderSettingsUpdate")
    assert off["reminders"] == {"enabled": False, "leadDays": [60, 14, 7]}
    assert data(await gql(ME), "me")["reminders"]["enabled"] is False

    for bad, message in (
        ([], "leadDays: give 1 to 6 lead times"),
        (None, "leadDays: give 1 to 6 lead times"),  # null: not a way to clear them
        ([7, 7], "leadDays: each lead time may be given once"),
        ([7, 731], "leadDays: 731 is not 0 to 730 days"),
        ([1, 2, 3, 4, 5, 6, 7], "leadDays: give 1 to 6 lead times"),
    ):
        refused = data(await gql(UPDATE, input={"leadDays": bad}), "reminderSettingsUpdate")
        assert refused["reminders"] is None
        [error] = refused["errors"]
        assert (error["field"], error["code"]) == ("leadDays", "INVALID")
        assert message in error["message"]
    assert data(await gql(ME), "me")["reminders"]["leadDays"] == [60, 14, 7]  # unchanged
    audited = await AuditEvent.filter(action="reminder.settings_update", object_id=str(user.id))
    assert len(audited) == 2


async def test_nobody_sees_or_changes_another_users_reminders(
    admin: Caller, member: Caller
) -> None:
    _, admin_gql = admin
    body = await admin_gql(USERS)
    rows = {row["email"]: row["reminders"] for row in body["data"]["users"]}
    assert rows["admin@example.com"] == {"enabled": True}
    assert rows["member@example.com"] is None
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}


async def test_an_opted_out_user_gets_no_digest(member: Caller, manager: Caller) -> None:
    user, gql = member
    vendor = await Vendor.create(name="Acme")
    product = await Product.create(vendor=vendor, name="Tool")
    await License.create(product=product, owner=user, expires_on=DAY + timedelta(days=5))
    with smtp_server() as server:
        settings = mail_settings(server.port)
        data(await gql(UPDATE, input={"enabled": False}), "reminderSettingsUpdate")
        job = await digest(settings)
        assert job.status is JobStatus.SUCCEEDED
        assert server.inbox.to("member@example.com") == []
        assert len(server.inbox.to("manager@example.com")) == 1  # managers: every license
        # Back in, with a lead time of 3 days: 5 days away is not yet inside it.
        data(await gql(UPDATE, input={"enabled": True, "leadDays": [3]}), "reminderSettingsUpdate")
        await digest(settings)
        assert server.inbox.to("member@example.com") == []
        await digest(settings, DAY + timedelta(days=2))
        [got] = server.inbox.to("member@example.com")
        assert "Expires 2026-01-06, in 3 days" in got.text


def events(body: bytes) -> list[tuple[str, date, str]]:
    calendar = Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0"
    assert "Licman" in str(calendar["PRODID"])
    found = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert event.decoded("DTEND") == start + timedelta(days=1)
        assert event["UID"]
        assert event["DTSTAMP"]
        found.append((str(event["SUMMARY"]), start, str(event["URL"])))
    return sorted(found, key=lambda e: (e[1], e[0]))


async def test_the_calendar_feed_lists_what_you_may_see_and_revoking_it_ends_it(
    http: httpx.AsyncClient, member: Caller, app_settings: Settings
) -> None:
    user, gql = member
    other = await User.create(email="other@example.com")
    vendor = await Vendor.create(name="Acme <&>")
    product = await Product.create(vendor=vendor, name="Tool")
    today = date.today()
    mine = await License.create(
        product=product, name="Mine", owner=user, expires_on=today + timedelta(days=40),
        cancel_by=today + timedelta(days=10), auto_renew=True,
    )  # fmt: skip
    seat = await License.create(
        product=product, name="Seat", expires_on=today + timedelta(days=5), seats=2, seats_used=1
    )
    await SeatAssignment.create(license=seat, user=user, active_holder=user.id)
    await License.create(product=product, name="Hidden", owner=other, expires_on=today)

    created = data(await gql(FEED_CREATE), "calendarFeedCreate")
    url: str = created["url"]
    assert created["errors"] == []
    assert created["reminders"]["calendarFeed"]["lastUsedAt"] is None
    assert url.startswith(f"{app_settings.issuer}/calendar/lcm_cal_")
    assert url.endswith(".ics")
    path = url.removeprefix(app_settings.issuer)

    response = await http.get(path)  # no cookie, no token: the URL is the credential
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"] == "private, no-store"
    base = app_settings.issuer
    assert events(response.content) == [
        ("Expires: Acme <&> Tool “Seat”", today + timedelta(days=5), license_url(base, seat.id)),
        ("Cancel by: Acme <&> Tool “Mine”", today + timedelta(days=10), license_url(base, mine.id)),
        ("Expires: Acme <&> Tool “Mine”", today + timedelta(days=40), license_url(base, mine.id)),
    ]  # fmt: skip  ("Hidden" is another user's: not in the feed)
    assert "Hidden" not in response.text
    me = data(await gql(ME), "me")["reminders"]
    assert me["calendarFeed"]["createdAt"]

    # Replaced: the old URL is dead, the new one works.
    again = data(await gql(FEED_CREATE), "calendarFeedCreate")["url"]
    assert again != url
    assert (await http.get(path)).status_code == 404
    new_path = again.removeprefix(app_settings.issuer)
    assert (await http.get(new_path)).status_code == 200

    revoked = data(await gql(FEED_REVOKE), "calendarFeedRevoke")
    assert revoked == {"reminders": {"calendarFeed": None}, "errors": []}
    gone = await http.get(new_path)
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "NOT_FOUND"
    assert (await http.get("/calendar/lcm_cal_nonsense.ics")).status_code == 404
    actions = await AuditEvent.filter(object_id=str(user.id)).values_list("action", flat=True)
    assert sorted(actions) == [
        "calendar_feed.create", "calendar_feed.create", "calendar_feed.revoke",
    ]  # fmt: skip

    # A deactivated user's feed is dead too.
    fresh = data(await gql(FEED_CREATE), "calendarFeedCreate")["url"]
    await User.filter(id=user.id).update(is_active=False)
    assert (await http.get(fresh.removeprefix(app_settings.issuer))).status_code == 404


async def test_the_feed_is_throttled_per_ip_like_anonymous_graphql(member: Caller) -> None:
    _, gql = member
    settings = Settings(graphql_max_cost=100, graphql_cost_budget=250)
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        url = data(await gql(FEED_CREATE), "calendarFeedCreate")["url"]
        path = "/calendar/" + url.rpartition("/calendar/")[2]
        assert [(await client.get(path)).status_code for _ in range(2)] == [200, 200]
        third = await client.get(path)
        assert third.status_code == 429
        assert int(third.headers["retry-after"]) >= 1
        # Guessing spends the same budget: a wrong token is refused before it is looked up.
        assert (await client.get("/calendar/lcm_cal_guess.ics")).status_code == 429


async def test_a_feed_token_cannot_be_made_with_a_token_lacking_the_account_scope(
    http: httpx.AsyncClient, member: Caller
) -> None:
    user, _ = member
    from licman.resolvers.api_token import api_token_create
    from licman.security.principal import system

    token, _ = await api_token_create(system(), user=user, name="ro", scopes=["licenses:read"])
    response = await http.post(
        "/graphql",
        json={"query": FEED_CREATE},
        headers={"authorization": f"Bearer {token}"},
    )
    result = data(response.json(), "calendarFeedCreate")
    assert result["url"] is None
    [error] = result["errors"]
    assert error["code"] == "FORBIDDEN"
    assert "'account'" in error["message"]


LICENSE_CREATE = """
mutation Create($productId: ID!) {
  licenseCreate(input: {productId: $productId, remindSeatHolders: true}) {
    license { id remindSeatHolders version } errors { field code }
  }
}
"""
LICENSE_UPDATE = """
mutation Update($id: ID!, $version: Int!) {
  licenseUpdate(input: {id: $id, version: $version, remindSeatHolders: false}) {
    license { remindSeatHolders } errors { field code }
  }
}
"""


async def test_a_license_says_whether_seat_holders_are_reminded(admin: Caller) -> None:
    _, gql = admin
    from licman.schema.ids import global_id

    vendor = await Vendor.create(name="Acme")
    product = await Product.create(vendor=vendor, name="Tool")
    made = data(
        await gql(LICENSE_CREATE, productId=global_id("Product", product.id)), "licenseCreate"
    )
    assert made["errors"] == []
    assert made["license"]["remindSeatHolders"] is True
    changed = data(
        await gql(LICENSE_UPDATE, id=made["license"]["id"], version=made["license"]["version"]),
        "licenseUpdate",
    )
    assert changed == {"license": {"remindSeatHolders": False}, "errors": []}
    assert ReminderEvent.EXPIRY.value == "expiry"


async def _feed_statements(http: httpx.AsyncClient, gql: Gql, owner: User, count: int) -> int:
    from tests.schema.test_license_query_count import count_statements

    vendor = await Vendor.create(name=f"Vendor {count}")
    product = await Product.create(vendor=vendor, name="Tool")
    for i in range(count):
        await License.create(
            product=product, name=f"L{i}", owner=owner, expires_on=date.today() + timedelta(days=i)
        )
    url = data(await gql(FEED_CREATE), "calendarFeedCreate")["url"]
    path = "/calendar/" + url.rpartition("/calendar/")[2]
    assert (await http.get(path)).status_code == 200  # warm-up: last_used_at written once
    with count_statements() as statements:
        response = await http.get(path)
    assert response.status_code == 200
    assert response.text.count("BEGIN:VEVENT") == await License.filter(owner=owner).count()
    return len(statements)


async def test_the_feed_costs_a_fixed_number_of_statements(
    http: httpx.AsyncClient, member: Caller
) -> None:
    # 1 the feed token with its user; 1 the licenses with product and vendor joined, the
    # permission filter inside (the member's ownership, seats, grants and teams as subqueries).
    user, gql = member
    few = await _feed_statements(http, gql, user, 3)
    many = await _feed_statements(http, gql, user, 40)
    assert few == many == 2
