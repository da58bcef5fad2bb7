"""Reading the audit log and the API request log: filters, keyset pages newest first, and
who may read them, on every database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from licman.models import ApiRequest, AuditEvent, Role, User
from licman.resolvers.audit import audit_record
from licman.resolvers.audit_query import (
    ApiOutcome,
    ApiRequestFilter,
    AuditEventFilter,
    api_request_page,
    audit_event_page,
)
from licman.resolvers.errors import DomainError, ErrorCode
from licman.security.principal import Principal, PrincipalKind, anonymous
from tests.resolvers.conftest import user_id

pytestmark = pytest.mark.usefixtures("db")

ACTIONS = [
    ("license.create", "license", 1),
    ("license.reveal", "license", 1),
    ("license.view_cost", "license", 2),
    ("licenseXseat.assign", "licenseXseat", 3),  # "_" in a prefix must not match any letter
    ("license_seat.assign", "license_seat", 3),
    ("vendor.create", "vendor", 7),
    ("tag.create", "tag", 7),
]


async def record_events(actor: Principal) -> list[AuditEvent]:
    for action, object_type, object_id in ACTIONS:
        await audit_record(actor, action, object_type, object_id, after={"secret": "s3cr3t"})
    return await AuditEvent.all().order_by("id")


async def actions(principal: Principal, **filters: object) -> list[str]:
    flt = AuditEventFilter(**filters)  # type: ignore[arg-type]
    page = await audit_event_page(principal, first=100, flt=flt)
    return [row.values["action"] for row in page.rows]


async def test_events_come_newest_first_a_page_at_a_time(auditor: Principal) -> None:
    events = await record_events(auditor)
    newest_first = [e.id for e in reversed(events)]

    seen: list[int] = []
    after = None
    pages = 0
    while True:
        page = await audit_event_page(auditor, first=3, after=after, want_total=True)
        pages += 1
        assert page.total_count == len(events)
        assert page.has_previous_page is (after is not None)
        seen += [row.values["id"] for row in page.rows]
        if not page.has_next_page:
            break
        after = page.rows[-1].cursor

    assert seen == newest_first
    assert pages == 3  # 3 + 3 + 1


async def test_a_row_carries_what_the_audit_trail_recorded(admin: Principal) -> None:
    await record_events(admin)
    page = await audit_event_page(admin, first=1)
    newest = page.rows[0].values
    assert newest["action"] == "tag.create"
    assert newest["actor_user_id"] == user_id(admin)
    assert newest["actor_label"] == "admin@example.com"
    assert newest["changes"] == {"after": {"secret": "[redacted]"}}
    assert len(newest["hash"]) == 64
    assert len(newest["prev_hash"]) == 64
    assert page.total_count is None  # not asked for: not counted


async def test_action_filter_is_exact_or_a_prefix_ending_in_a_dot(auditor: Principal) -> None:
    await record_events(auditor)
    assert await actions(auditor, action="license.reveal") == ["license.reveal"]
    assert await actions(auditor, action="license.") == [
        "license.view_cost",
        "license.reveal",
        "license.create",
    ]
    assert await actions(auditor, action="license_seat.") == ["license_seat.assign"]
    assert await actions(auditor, action="license") == []  # no dot: exact only


async def test_filters_by_actor_object_and_time(admin: Principal, auditor: Principal) -> None:
    events = await record_events(admin)
    await audit_record(auditor, "license.reveal", "license", 1)
    assert await actions(admin, actor_user_id=user_id(auditor)) == ["license.reveal"]
    assert await actions(admin, object_type="license", object_id="1") == [
        "license.reveal",
        "license.reveal",
        "license.create",
    ]
    assert await actions(admin, object_id="7") == ["tag.create", "vendor.create"]

    middle = events[3].occurred_at
    later = await actions(admin, occurred_after=middle, actor_user_id=user_id(admin))
    assert later == [a for a, _, _ in reversed(ACTIONS[3:])]
    assert await actions(admin, occurred_before=middle) == [a for a, _, _ in reversed(ACTIONS[:3])]
    # A time without a zone is UTC, like every stored time.
    naive = middle.astimezone(UTC).replace(tzinfo=None)
    assert await actions(admin, occurred_before=naive) == [a for a, _, _ in reversed(ACTIONS[:3])]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"after": "not-a-cursor"}, "after"),
        ({"flt": AuditEventFilter(action="License.Reveal")}, "filter.action"),
        ({"flt": AuditEventFilter(action="license.%")}, "filter.action"),
        ({"flt": AuditEventFilter(object_id="9" * 65)}, "filter.objectId"),
    ],
)
async def test_bad_arguments_are_invalid(
    auditor: Principal, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(DomainError) as refused:
        await audit_event_page(auditor, **kwargs)  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, field)


async def test_a_cursor_of_the_other_log_is_refused(auditor: Principal) -> None:
    await ApiRequest.create(occurred_at=datetime.now(UTC), principal_kind="token", outcome="ok")
    page = await api_request_page(auditor, first=1)
    with pytest.raises(DomainError) as refused:
        await audit_event_page(auditor, after=page.rows[0].cursor)
    assert refused.value.field == "after"


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MANAGER])
async def test_members_and_managers_may_not_read_either_log(role: Role) -> None:
    user = await User.create(email=f"{role.value}@example.com", role=role)
    caller = Principal(PrincipalKind.SESSION, user=user)
    for read in (audit_event_page, api_request_page):
        with pytest.raises(DomainError) as refused:
            await read(caller)
        assert refused.value.code is ErrorCode.FORBIDDEN


async def test_anonymous_callers_must_sign_in() -> None:
    with pytest.raises(DomainError) as refused:
        await audit_event_page(anonymous())
    assert refused.value.code is ErrorCode.UNAUTHENTICATED


async def test_a_token_without_the_audit_scope_cannot_read_the_log(admin: Principal) -> None:
    narrowed = Principal(
        PrincipalKind.TOKEN, user=admin.user, scopes=frozenset({"licenses:read"}), api_token_id=1
    )
    with pytest.raises(DomainError) as refused:
        await audit_event_page(narrowed)
    assert refused.value.code is ErrorCode.FORBIDDEN
    allowed = Principal(
        PrincipalKind.TOKEN, user=admin.user, scopes=frozenset({"audit:read"}), api_token_id=1
    )
    await audit_event_page(allowed)


# --- the API request log ------------------------------------------------------------------

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


async def seed_requests(alice: int, bob: int) -> None:
    plan = [
        (alice, "Tags", "query", "ok", 200),
        (alice, "TagCreate", "mutation", "ok", 200),
        (bob, "AuditLog", "query", "denied", 200),
        (None, "", "", "denied", 401),
        (bob, "Broken", "query", "invalid", 200),
        (alice, "Tags", "query", "error", 200),
    ]
    for minute, (uid, name, kind, outcome, status) in enumerate(plan):
        await ApiRequest.create(
            occurred_at=START + timedelta(minutes=minute),
            principal_kind="token" if uid else "anonymous",
            user_id=uid,
            api_token_id=uid,
            ip="192.0.2.7",
            request_id=f"req-{minute}",
            operation_name=name,
            operation_type=kind,
            duration_ms=3,
            outcome=outcome,
            status_code=status,
        )


async def request_ids(principal: Principal, **filters: object) -> list[str]:
    flt = ApiRequestFilter(**filters)  # type: ignore[arg-type]
    page = await api_request_page(principal, flt=flt, want_total=True)
    assert page.total_count == len(page.rows)
    return [row.values["request_id"] for row in page.rows]


async def test_api_requests_filter_by_user_operation_outcome_and_time(
    auditor: Principal, admin: Principal
) -> None:
    alice, bob = user_id(admin), user_id(auditor)
    await seed_requests(alice, bob)
    assert await request_ids(auditor) == [f"req-{n}" for n in (5, 4, 3, 2, 1, 0)]
    assert await request_ids(auditor, user_id=bob) == ["req-4", "req-2"]
    assert await request_ids(auditor, operation_name="Tags") == ["req-5", "req-0"]
    assert await request_ids(auditor, outcome=ApiOutcome.DENIED) == ["req-3", "req-2"]
    window = {
        "occurred_after": START + timedelta(minutes=1),
        "occurred_before": START.replace(minute=4),
    }
    assert await request_ids(auditor, **window) == ["req-3", "req-2", "req-1"]
    assert await request_ids(auditor, user_id=alice, outcome=ApiOutcome.OK, **window) == ["req-1"]


async def test_api_requests_page_by_keyset(admin: Principal) -> None:
    await seed_requests(user_id(admin), user_id(admin))
    first = await api_request_page(admin, first=4)
    assert first.has_next_page
    rest = await api_request_page(admin, first=4, after=first.rows[-1].cursor)
    assert not rest.has_next_page
    assert rest.has_previous_page
    ids = [r.values["id"] for r in first.rows + rest.rows]
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == 6
