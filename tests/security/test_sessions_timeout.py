"""Browser sessions end on their own: after the idle timeout, at the absolute timeout, and on
logout; a session in use slides its idle window forward (writing at most once a minute)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from licman.models import AuditEvent, Session, User
from licman.resolvers.errors import DomainError, ErrorCode
from licman.resolvers.session import session_close, session_open
from licman.security.passwords import hash_password
from licman.security.principal import Origin, Principal, PrincipalKind
from licman.security.sessions import TOUCH_INTERVAL, _key_hash, find_session, open_session
from licman.settings import Settings

pytestmark = pytest.mark.usefixtures("db")

PASSWORD = "correct horse battery"
ORIGIN = Origin(ip="192.0.2.7", user_agent="Firefox")


def limits(idle_minutes: int = 30) -> Settings:
    """Built inside the test, so the isolated Licman home (no stray .env) applies."""
    return Settings(session_idle_minutes=idle_minutes, session_absolute_hours=12)


def now() -> datetime:
    return datetime.now(UTC)


async def started(settings: Settings | None = None) -> tuple[str, Session]:
    user = await User.create(email="ivy@example.com", name="Ivy")
    return await open_session(user, ORIGIN, settings or limits())


async def backdate(session: Session, **ago: timedelta) -> None:
    """Move the session's clock fields into the past, as if time had passed."""
    await Session.filter(id=session.id).update(
        **{name: now() - delta for name, delta in ago.items()}
    )


async def stored(session: Session) -> Session:
    return await Session.get(id=session.id)


async def test_a_new_session_is_found_and_only_its_hash_is_stored() -> None:
    # When
    key, session = await started()

    # Then the cookie value carries 256 random bits, and the database never sees it
    assert len(key) == 43
    found = await find_session(key, limits())
    assert found is not None
    assert (found.id, found.user.email) == (session.id, "ivy@example.com")
    row = await stored(session)
    assert row.key_hash == _key_hash(key)
    assert key not in row.key_hash
    assert (row.ip, row.user_agent) == ("192.0.2.7", "Firefox")
    absolute = row.expires_at - row.created_at
    assert timedelta(hours=12) - timedelta(seconds=5) < absolute <= timedelta(hours=12, seconds=5)


async def test_a_session_idle_longer_than_the_limit_is_ended() -> None:
    # Given a session last used 31 minutes ago (limit: 30)
    key, session = await started()
    await backdate(session, last_seen_at=timedelta(minutes=31))

    # When its cookie comes back
    found = await find_session(key, limits())

    # Then it is refused and ended for good, even if it looked fresh again afterwards
    assert found is None
    assert (await stored(session)).revoked_at is not None
    await backdate(session, last_seen_at=timedelta(0))
    assert await find_session(key, limits()) is None


async def test_the_idle_limit_comes_from_the_settings() -> None:
    strict = limits(idle_minutes=5)
    key, session = await started(strict)
    await backdate(session, last_seen_at=timedelta(minutes=6))

    assert await find_session(key, limits()) is not None  # 6 minutes is fine with 30
    await backdate(session, last_seen_at=timedelta(minutes=6))
    assert await find_session(key, strict) is None


async def test_a_session_past_its_absolute_end_is_ended_however_active() -> None:
    # Given a session in constant use whose absolute end has just passed
    key, session = await started()
    await backdate(session, last_seen_at=timedelta(seconds=1), expires_at=timedelta(seconds=1))

    # When
    found = await find_session(key, limits())

    # Then
    assert found is None
    assert (await stored(session)).revoked_at is not None


async def test_a_session_used_within_the_idle_window_is_extended() -> None:
    # Given a session last used 29 minutes ago
    key, session = await started()
    await backdate(session, last_seen_at=timedelta(minutes=29))
    before = now()

    # When it is used
    assert await find_session(key, limits()) is not None

    # Then its idle window starts again now, so another 29 quiet minutes do not end it
    assert (await stored(session)).last_seen_at >= before - timedelta(seconds=1)
    await backdate(session, last_seen_at=timedelta(minutes=29))
    assert await find_session(key, limits()) is not None
    assert (await stored(session)).revoked_at is None


async def test_last_seen_is_written_at_most_once_per_touch_interval() -> None:
    # Given a session last written half a touch interval ago
    key, session = await started()
    await backdate(session, last_seen_at=TOUCH_INTERVAL / 2)
    recent = (await stored(session)).last_seen_at

    # When it is used (twice)
    assert await find_session(key, limits()) is not None
    assert await find_session(key, limits()) is not None

    # Then nothing was written; once the interval has passed, the next use writes
    assert (await stored(session)).last_seen_at == recent
    await backdate(session, last_seen_at=TOUCH_INTERVAL + timedelta(seconds=1))
    before = now()
    assert await find_session(key, limits()) is not None
    assert (await stored(session)).last_seen_at >= before - timedelta(seconds=1)


async def test_logout_ends_the_session() -> None:
    # Given a signed-in user
    await User.create(
        email="ivy@example.com", name="Ivy", password_hash=await hash_password(PASSWORD)
    )
    key, user = await session_open(
        email="IVY@example.com", password=PASSWORD, origin=ORIGIN, settings=limits()
    )
    assert await find_session(key, limits()) is not None

    principal = Principal(PrincipalKind.SESSION, user=user, origin=ORIGIN)

    # When
    ended = await session_close(principal, key)

    # Then the cookie is worthless, closing again changes nothing, and both ends are audited
    assert ended is True
    assert await find_session(key, limits()) is None
    assert await Session.filter(user_id=user.id, revoked_at=None).count() == 0
    assert await session_close(principal, key) is False
    actions = await AuditEvent.all().order_by("id").values_list("action", flat=True)
    assert list(actions) == ["session.open", "session.close"]


async def test_a_wrong_password_opens_no_session() -> None:
    await User.create(
        email="ivy@example.com", name="Ivy", password_hash=await hash_password(PASSWORD)
    )

    with pytest.raises(DomainError) as refused:
        await session_open(
            email="ivy@example.com", password="not the password", origin=ORIGIN, settings=limits()
        )

    assert refused.value.code is ErrorCode.UNAUTHENTICATED
    assert await Session.all().count() == 0


async def test_a_deactivated_users_session_is_not_found() -> None:
    key, _ = await started()
    await User.filter(email_key="ivy@example.com").update(is_active=False)

    assert await find_session(key, limits()) is None


@pytest.mark.parametrize("key", ["", "x" * 43, "x" * 129], ids=["empty", "unknown", "too-long"])
async def test_a_key_that_matches_no_session_finds_nothing(key: str) -> None:
    await started()

    assert await find_session(key, limits()) is None
