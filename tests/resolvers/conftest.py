"""Callers of the domain operations, one fixture per role, and checks on the audit trail."""

from __future__ import annotations

import pytest
import pytest_asyncio

from licman.models import AuditEvent, Role, User
from licman.resolvers.audit import GENESIS_HASH, event_hash
from licman.security.principal import Principal, PrincipalKind
from tests.backends import TestDatabase


async def signed_in(role: Role) -> Principal:
    """A user with the role, signed in through the browser."""
    user = await User.create(email=f"{role.value}@example.com", name=role.value.title(), role=role)
    return Principal(PrincipalKind.SESSION, user=user)


def user_id(principal: Principal) -> int:
    assert principal.user is not None
    return principal.user.id


@pytest_asyncio.fixture(loop_scope="session")
async def admin(db: TestDatabase) -> Principal:
    return await signed_in(Role.ADMIN)


@pytest_asyncio.fixture(loop_scope="session")
async def manager(db: TestDatabase) -> Principal:
    return await signed_in(Role.MANAGER)


@pytest_asyncio.fixture(loop_scope="session")
async def member(db: TestDatabase) -> Principal:
    return await signed_in(Role.MEMBER)


@pytest_asyncio.fixture(loop_scope="session")
async def auditor(db: TestDatabase) -> Principal:
    return await signed_in(Role.AUDITOR)


@pytest_asyncio.fixture(loop_scope="session", params=[Role.MEMBER, Role.AUDITOR], ids=str)
async def reader(request: pytest.FixtureRequest, db: TestDatabase) -> Principal:
    """A member or an auditor: may look at the catalogue, may not change it."""
    role: Role = request.param
    return await signed_in(role)


async def audit_events() -> list[AuditEvent]:
    return await AuditEvent.all().order_by("id")


async def event_count() -> int:
    return await AuditEvent.all().count()


async def one_new_event(since: int) -> AuditEvent:
    """The single event written after the first `since` (fails unless there is exactly one)."""
    new = (await audit_events())[since:]
    assert len(new) == 1, f"expected one new audit event, got {[e.action for e in new]}"
    return new[0]


async def assert_chain_intact() -> None:
    """Every event links to the one before it, and its hash still matches what is stored."""
    events = await audit_events()
    assert events, "no audit events were written"
    previous = GENESIS_HASH
    for event in events:
        assert event.prev_hash == previous, f"event {event.id} ({event.action}) breaks the chain"
        assert event_hash(event) == event.hash, f"event {event.id} ({event.action}) was altered"
        previous = event.hash
