"""Password guessing throttle: failures counted per account and per client IP in a sliding
window. Wrong passwords at sign-in and wrong current passwords in `passwordChange` count
together, so an account locked by one is locked for the other. Counters live in Redis when
it is configured (shared by every API node), in the database otherwise. Both e-mails that
exist and e-mails that do not are counted the same way, so the answer never tells which
accounts exist."""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

import redis.asyncio as aioredis

from licman.models import LoginFailure
from licman.models.base import fold
from licman.security.sessions import now
from licman.settings import Settings


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    retry_after_seconds: int = 0


class FailureCounter(Protocol):
    async def count(self, key: str) -> tuple[int, float]:
        """(failures in the window, seconds until the oldest one leaves it)."""

    async def add(self, key: str) -> None: ...

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

    async def add(self, key: str) -> None:
        await LoginFailure.create(key=key[:300], failed_at=now())

    async def clear(self, key: str) -> None:
        await LoginFailure.filter(key=key).delete()


class RedisCounter:
    """A sorted set per key, scored by time: a true sliding window."""

    def __init__(self, client: aioredis.Redis, window: timedelta) -> None:
        self.client = client
        self.window = window.total_seconds()

    def _key(self, key: str) -> str:
        return f"licman:login-failures:{key}"

    async def count(self, key: str) -> tuple[int, float]:
        name, current = self._key(key), time.time()
        await self.client.zremrangebyscore(name, 0, current - self.window)
        oldest = await self.client.zrange(name, 0, 0, withscores=True)
        total = int(await self.client.zcard(name))
        wait = float(oldest[0][1]) + self.window - current if oldest else 0.0
        return total, wait

    async def add(self, key: str) -> None:
        name, current = self._key(key), time.time()
        async with self.client.pipeline(transaction=True) as pipe:
            # A random suffix: two failures in the same microsecond are still two.
            pipe.zadd(name, {f"{current:.6f}:{secrets.token_hex(4)}": current})
            pipe.expire(name, math.ceil(self.window))
            await pipe.execute()

    async def clear(self, key: str) -> None:
        await self.client.delete(self._key(key))


class LoginThrottle:
    def __init__(self, settings: Settings, counter: FailureCounter) -> None:
        self.settings = settings
        self.counter = counter

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginThrottle:
        window = timedelta(minutes=settings.login_window_minutes)
        if settings.redis_url:
            client = aioredis.Redis.from_url(settings.redis_url)
            return cls(settings, RedisCounter(client, window))
        return cls(settings, DatabaseCounter(window))

    @staticmethod
    def _keys(email: str, ip: str) -> tuple[str, str]:
        return f"account:{fold(email)[:254]}", f"ip:{ip}"

    async def check(self, email: str, ip: str) -> Verdict:
        account, address = self._keys(email, ip)
        limits = (
            (account, self.settings.login_max_failures_per_account),
            (address, self.settings.login_max_failures_per_ip),
        )
        for key, limit in limits:
            failures, wait = await self.counter.count(key)
            if failures >= limit:
                return Verdict(False, max(1, math.ceil(wait)))
        return Verdict(True)

    async def failed(self, email: str, ip: str) -> None:
        for key in self._keys(email, ip):
            await self.counter.add(key)

    async def succeeded(self, email: str, ip: str) -> None:
        account, _ = self._keys(email, ip)
        await self.counter.clear(account)
