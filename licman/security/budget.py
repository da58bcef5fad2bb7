"""Each caller's query cost budget over time: a caller may spend `budget` cost units every
`seconds`, refilled continuously, and a request that would overdraw it is refused with the
exact wait until enough is back.

It is GCRA (the generic cell rate algorithm, a token bucket kept as one timestamp per
caller: the "theoretical arrival time" when the caller's budget would be full again).
A spend of c moves that time c x seconds/budget later; it is allowed while the time stays
within `seconds` of now, and otherwise the wait is exactly how far past it would land.
Refused requests spend nothing. The state lives in Redis when it is configured (one key
per caller, updated by one atomic script using Redis's clock, so every API node shares
it), in the process otherwise. The `limits` library has no token bucket: its moving window
stores one entry per unit spent (a 10,000-cost request would push 10,000 list items) and
its windows cannot say when a given cost fits again."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis
import structlog
from redis.exceptions import RedisError

from licman.security.principal import Principal
from licman.settings import Settings

log = structlog.get_logger(__name__)

# KEYS[1]: the caller; ARGV: seconds per unit, the window, the cost. Returns {allowed, wait}
# with the wait as a string (Redis turns Lua numbers into integers).
_SPEND = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local per_unit, window, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local full_at = tonumber(redis.call('GET', KEYS[1]) or '0')
if full_at < now then full_at = now end
local after = full_at + cost * per_unit
local wait = after - window - now
if wait > 0 then return {0, tostring(wait)} end
redis.call('SET', KEYS[1], tostring(after), 'PX', math.ceil((after - now) * 1000) + 1000)
return {1, '0'}
"""
MAX_LOCAL_KEYS = 100_000  # callers kept in memory; full budgets are dropped first


@dataclass(frozen=True, slots=True)
class Spend:
    allowed: bool
    retry_after: float = 0.0  # seconds until the same spend would be allowed

    @property
    def retry_after_seconds(self) -> int:
        """For the Retry-After header: whole seconds, rounded up, at least 1."""
        return max(1, math.ceil(self.retry_after))


def caller_key(principal: Principal) -> str:
    """Signed-in users by id (all their sessions and tokens share one budget), OAuth clients
    acting for themselves by client id, anonymous callers by IP."""
    if principal.user is not None:
        return f"user:{principal.user.id}"
    if principal.oauth_client_id:
        return f"client:{principal.oauth_client_id}"
    return f"ip:{principal.origin.ip}"


class LocalBudget:
    """One process's budgets (with several workers each has its own: the limit multiplies)."""

    def __init__(self, budget: int, seconds: int) -> None:
        self.per_unit = seconds / budget
        self.window = float(seconds)
        self.full_at: dict[str, float] = {}

    def spend(self, key: str, cost: int, now: float | None = None) -> Spend:
        now = time.monotonic() if now is None else now
        after = max(self.full_at.get(key, now), now) + cost * self.per_unit
        wait = after - self.window - now
        if wait > 0:
            return Spend(False, wait)
        self.full_at[key] = after
        if len(self.full_at) > MAX_LOCAL_KEYS:
            self._forget(now)
        return Spend(True)

    def _forget(self, now: float) -> None:
        """Drop callers whose budget is full again (the same as not knowing them); if that
        is not enough, those closest to full."""
        kept = {k: v for k, v in self.full_at.items() if v > now}
        if len(kept) > MAX_LOCAL_KEYS // 2:
            kept = dict(sorted(kept.items(), key=lambda kv: kv[1])[-(MAX_LOCAL_KEYS // 2) :])
        self.full_at = kept


def app_budget(state: Any, settings: Settings) -> CostBudget | None:
    """The app's budget, made on its first use and kept on `state` (the app's: two apps in
    one process never share one). GraphQL and the other anonymous endpoints (the calendar
    feed) spend from it, so an IP has one budget for all of them."""
    if not hasattr(state, "cost_budget"):
        state.cost_budget = CostBudget.from_settings(settings)
    budget: CostBudget | None = state.cost_budget
    return budget


class CostBudget:
    def __init__(self, budget: int, seconds: int, client: aioredis.Redis | None) -> None:
        self.budget = budget
        self.seconds = seconds
        self.local = LocalBudget(budget, seconds)
        self.client = client
        self.script = client.register_script(_SPEND) if client is not None else None

    @classmethod
    def from_settings(cls, settings: Settings) -> CostBudget | None:
        """None when the budget is turned off (graphql_cost_budget = 0)."""
        if settings.graphql_cost_budget == 0:
            return None
        client = aioredis.Redis.from_url(settings.redis_url) if settings.redis_url else None
        return cls(settings.graphql_cost_budget, settings.graphql_cost_budget_seconds, client)

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()

    async def spend(self, key: str, cost: int) -> Spend:
        if self.script is None:
            return self.local.spend(key, cost)
        try:
            allowed, wait = await self.script(
                keys=[f"licman:cost:{key}"],
                args=[repr(self.local.per_unit), self.seconds, cost],
            )
        except RedisError as exc:
            # Keep answering while Redis is away, limited per process instead of shared.
            log.warning("cost budget: Redis unavailable, counting in-process", error=str(exc))
            return self.local.spend(key, cost)
        return Spend(bool(allowed), float(wait))
