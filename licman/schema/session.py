"""Browser sessions over GraphQL: your live sessions, ending one."""

from __future__ import annotations

from datetime import datetime

import strawberry

from licman import models
from licman.resolvers import session as ops
from licman.schema.account import IdInput, RevokePayload
from licman.schema.context import Info
from licman.schema.ids import decode_id, global_id
from licman.schema.mutation import attempt


@strawberry.type(description="A signed-in browser session.")
class Session:
    id: strawberry.ID
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime = strawberry.field(description="Absolute end, whatever the activity.")
    ip: str
    user_agent: str
    current: bool = strawberry.field(description="The session making this request.")

    @classmethod
    def from_model(cls, row: models.Session, current_id: int | None) -> Session:
        return cls(
            id=global_id("Session", row.id),
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            expires_at=row.expires_at,
            ip=row.ip,
            user_agent=row.user_agent,
            current=row.id == current_id,
        )


@strawberry.type
class SessionQuery:
    @strawberry.field(description="Your live sessions, most recent first.")
    async def my_sessions(self, info: Info) -> list[Session]:
        principal = info.context.principal
        rows = await ops.my_sessions(principal, info.context.settings.session_idle_minutes)
        return [Session.from_model(r, principal.session_id) for r in rows]


@strawberry.type
class SessionMutation:
    @strawberry.mutation(description="End a session (yours; admins: anyone's).")
    async def session_revoke(self, info: Info, input: IdInput) -> RevokePayload:
        done, errors = await attempt(
            lambda: ops.session_revoke(info.context.principal, decode_id(input.id, "Session", "id"))
        )
        return RevokePayload(revoked_id=input.id if done else None, errors=errors)
