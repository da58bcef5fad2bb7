"""Password guessing throttle: failures counted per account and per client IP in a sliding
window. Wrong passwords at sign-in and wrong current passwords in `passwordChange` count
together, so an account locked by one is locked for the other. Counters live in Redis when
it is configured (shared by every API node; in the database while Redis is away), in the
database otherwise. Both e-mails that exist and e-mails that do not are counted the same way,
so the answer never tells which accounts exist.

Counting first makes it hold under concurrency: each attempt adds its failure *before* it
checks the count (`LoginThrottle.begin`), and the count includes it. N parallel guesses then
each see every guess started before them, so at most the limit of them get a password
checked; a check-then-count let all N through before any was counted. A refused attempt
takes its entry back; a successful one removes it (and clears the account's failures)."""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

import redis.asyncio as aioredis
import structlog
from redis.exceptions import RedisError

from licman.models import LoginFailure
from licman.models.base import fold
from licman.security.sessions import now
from licman.settings import Settings


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    retry_after_seconds: int = 0


@dataclass(frozen=True, slots=True)
class Attempt:
    """A password check under way: its verdict and the failure entries it counted first."""

    verdict: Verdict
    account: str
    entries: tuple[tuple[str, str], ...]  # (counter key, entry) added by `begin`


class FailureCounter(Protocol):
    async def count(self, key: str) -> tuple[int, float]:
        """(failures in the window, seconds until the oldest one leaves it)."""

    async def add(self, key: str) -> str:
        """Count one failure now; return the entry, for `remove`."""

    async def remove(self, key: str, entry: str) -> None: ...

    async def clear(self, key: str) -> None: ...


class DatabaseCounter:
    def __init__(self, window: timedelta) -> None:
        self.window = window

    async def count(self, key: str) -> tuple[int, float]:
        since = now() - self.window
        await LoginFailure.filter(failed_at__lt=since).delete()  # keep the table small
        rows = await LoginFailure.filter(key=key, failed_at__gte=since).order_by("failed_at")
        if not rows:
            return 0, 0.0
        return len(rows), (rows[0].failed_at + self.window - now()).total_seconds()

    async def add(self, key: str) -> str:
        # Its own statement, committed at once: parallel attempts count each other.
        row = await LoginFailure.create(key=key[:300], failed_at=now())
        return str(row.id)

    async def remove(self, key: str, entry: str) -> None:
        await LoginFailure.filter(id=int(entry)).delete()

    async def clear(self, key: str) -> None:
        await LoginFailure.filter(key=key[:300]).delete()


class RedisCounter:
    """A sorted set per key, scored by time: a true sliding window."""

    def __init__(self, client: aioredis.Redis, window: timedelta) -> None:
        self.client = client
        self.window = window.total_seconds()

    def _key(self, key: str) -> str:
        return f"licman:login-failures:{key}"

    async def count(self, key: str) -> tuple[int, float]:
        name, current = self._key(key), time.time()
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(name, 0, current - self.window)
            pipe.zrange(name, 0, 0, withscores=True)
            pipe.zcard(name)
            _, oldest, total = await pipe.execute()
        total = int(total)
        wait = float(oldest[0][1]) + self.window - current if oldest else 0.0
        return total, wait

    async def add(self, key: str) -> str:
        name, current = self._key(key), time.time()
        # A random suffix: two failures in the same microsecond are still two.
        entry = f"{current:.6f}:{secrets.token_hex(4)}"
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.zadd(name, {entry: current})
            pipe.expire(name, math.ceil(self.window))
            await pipe.execute()
        return entry

    async def remove(self, key: str, entry: str) -> None:
        await self.client.zrem(self._key(key), entry)

    async def clear(self, key: str) -> None:
        await self.client.delete(self._key(key))


log = structlog.get_logger(__name__)


class RedisWithDatabaseFallback:
    """Redis counters that keep counting in the database while Redis is away: sign-in goes on
    working, and still throttled (the database is shared by every node too). A count is the
    sum of both stores, so failures recorded during an outage still count once Redis is back."""

    def __init__(self, primary: RedisCounter, fallback: DatabaseCounter) -> None:
        self.primary = primary
        self.fallback = fallback

    async def count(self, key: str) -> tuple[int, float]:
        total, wait = await self.fallback.count(key)
        try:
            more, more_wait = await self.primary.count(key)
        except RedisError as exc:
            log.warning("sign-in throttle: Redis unavailable, counting in the database",
                        error=str(exc))  # fmt: skip
            return total, wait
        return total + more, max(wait, more_wait)

    async def add(self, key: str) -> str:
        # The entry names its store ("r:" Redis, "d:" database), for `remove`.
        try:
            return "r:" + await self.primary.add(key)
        except RedisError as exc:
            log.warning("sign-in throttle: Redis unavailable, counting in the database",
                        error=str(exc))  # fmt: skip
            return "d:" + await self.fallback.add(key)

    async def remove(self, key: str, entry: str) -> None:
        store, _, raw = entry.partition(":")
        if store == "d":
            await self.fallback.remove(key, raw)
            return
        try:
            await self.primary.remove(key, raw)
        except RedisError as exc:
            log.warning("sign-in throttle: Redis unavailable, entry not removed", error=str(exc))

    async def clear(self, key: str) -> None:
        await self.fallback.clear(key)
        try:
            await self.primary.clear(key)
        except RedisError as exc:
            log.warning("sign-in throttle: Redis unavailable, not cleared there", error=str(exc))


class LoginThrottle:
    def __init__(self, settings: Settings, counter: FailureCounter) -> None:
        self.settings = settings
        self.counter = counter

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginThrottle:
        window = timedelta(minutes=settings.login_window_minutes)
        if settings.redis_url:
            client = aioredis.Redis.from_url(
                settings.redis_url, socket_connect_timeout=2, socket_timeout=2
            )
            counter = RedisWithDatabaseFallback(
                RedisCounter(client, window), DatabaseCounter(window)
            )
            return cls(settings, counter)
        return cls(settings, DatabaseCounter(window))

    @staticmethod
    def _keys(email: str, ip: str) -> tuple[str, str]:
        return f"account:{fold(email)[:254]}", f"ip:{ip}"

    def _limits(self, email: str, ip: str) -> tuple[tuple[str, int], tuple[str, int]]:
        account, address = self._keys(email, ip)
        return (
            (account, self.settings.login_max_failures_per_account),
            (address, self.settings.login_max_failures_per_ip),
        )

    async def check(self, email: str, ip: str) -> Verdict:
        """Whether another attempt would be allowed now (counts nothing; `begin` decides)."""
        for key, limit in self._limits(email, ip):
            failures, wait = await self.counter.count(key)
            if failures >= limit:
                return Verdict(False, max(1, math.ceil(wait)))
        return Verdict(True)

    async def begin(self, email: str, ip: str) -> Attempt:
        """Count this attempt as a failure first, then check: allowed while the counts, this
        attempt included, stay within the limits. Refused: the entries are taken back (a
        refusal checks no password, so it is no failure). Allowed: call `failed` or
        `succeeded` once the password is checked."""
        limits = self._limits(email, ip)
        entries = tuple([(key, await self.counter.add(key)) for key, _ in limits])
        for key, limit in limits:
            failures, wait = await self.counter.count(key)
            if failures > limit:
                for counted, entry in entries:
                    await self.counter.remove(counted, entry)
                return Attempt(Verdict(False, max(1, math.ceil(wait))), limits[0][0], ())
        return Attempt(Verdict(True), limits[0][0], entries)

    async def failed(self, attempt: Attempt) -> None:
        """The password was wrong: the entries `begin` added stay, as its failures."""

    async def succeeded(self, attempt: Attempt) -> None:
        """The password was right: it was no failure, and the account starts afresh."""
        for key, entry in attempt.entries:
            await self.counter.remove(key, entry)
        await self.counter.clear(attempt.account)
