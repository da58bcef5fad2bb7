"""The audit log and the API request log over GraphQL: `auditEvents` and `apiRequests`,
newest first, a page at a time, for admins and auditors."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from licman.resolvers import audit_query as query
from licman.resolvers.audit_history import (
    CURSOR_KIND,
    HistoryKey,
    apply_history_rules,
    page_size,
    people_named,
)
from licman.resolvers.audit_query import ApiOutcome, decode_cursor
from licman.schema.context import Info
from licman.schema.ids import decode_id, global_id
from licman.schema.license import PageInfo
from licman.schema.selection import selected_paths
from licman.schema.user import User

strawberry.enum(ApiOutcome, name="ApiRequestOutcome", description="How a request ended.")

First = Annotated[
    int | None, strawberry.argument(description=f"Page size: 1 to {query.MAX_PAGE}, default 50.")
]
After = Annotated[
    str | None, strawberry.argument(description="endCursor of the previous page (older rows).")
]


def _maybe_id(type_name: str, pk: int | None) -> strawberry.ID | None:
    return None if pk is None else global_id(type_name, pk)


@strawberry.type(description="One change or secret reveal, chained to the one before by hash.")
class AuditEvent:
    id: strawberry.ID
    occurred_at: datetime
    actor_kind: str = strawberry.field(
        description="session, token, oauth_user, oauth_client or system."
    )
    actor_user_id: strawberry.ID | None = strawberry.field(
        description="Global id of the acting user (who may since have been removed); null "
        "for the system and for OAuth clients acting for themselves."
    )
    actor_label: str = strawberry.field(description="The actor's e-mail (or client id) then.")
    ip: str = strawberry.field(
        description="Where the actor acted from; in an object's history [hidden] (with "
        "userAgent) except to audit log readers and on your own events."
    )
    user_agent: str
    request_id: str = strawberry.field(
        description="The X-Request-Id response header of the request that made the change."
    )
    action: str = strawberry.field(description="What was done, e.g. license.reveal.")
    object_type: str = strawberry.field(description="e.g. license, vendor, tag.")
    object_id: str = strawberry.field(description="The object's database id.")
    changes: JSON = strawberry.field(description="Before and after; secrets are redacted.")
    hash: str = strawberry.field(
        description="SHA-256 over this event and prevHash; [hidden] (with prevHash) to a "
        "reader from whom a value is hidden, as it would confirm a guess of that value."
    )
    prev_hash: str

    @classmethod
    def from_values(cls, v: dict[str, Any]) -> AuditEvent:
        return cls(
            id=global_id("AuditEvent", v["id"]),
            occurred_at=v["occurred_at"],
            actor_kind=v["actor_kind"],
            actor_user_id=_maybe_id("User", v["actor_user_id"]),
            actor_label=v["actor_label"],
            ip=v["ip"],
            user_agent=v["user_agent"],
            request_id=v["request_id"],
            action=v["action"],
            object_type=v["object_type"],
            object_id=v["object_id"],
            changes=v["changes"],
            hash=v["hash"],
            prev_hash=v["prev_hash"],
        )


@strawberry.type(description="One GraphQL request: who, from where, what, how long, how it ended.")
class ApiRequest:
    id: strawberry.ID
    occurred_at: datetime
    principal_kind: str = strawberry.field(
        description="anonymous, session, token, oauth_user or oauth_client."
    )
    user_id: strawberry.ID | None = strawberry.field(description="Global id of the user, if any.")
    api_token_id: strawberry.ID | None = strawberry.field(
        description="Global id of the personal API token used, if any."
    )
    oauth_client_id: str | None = strawberry.field(description="The OAuth client, if any.")
    ip: str
    user_agent: str
    request_id: str = strawberry.field(description="The X-Request-Id response header.")
    operation_name: str = strawberry.field(description="Empty for anonymous operations.")
    operation_type: str = strawberry.field(
        description="query or mutation; empty when refused before parsing."
    )
    duration_ms: int
    outcome: ApiOutcome
    status_code: int = strawberry.field(description="The HTTP status of the response.")

    @classmethod
    def from_values(cls, v: dict[str, Any]) -> ApiRequest:
        return cls(
            id=global_id("ApiRequest", v["id"]),
            occurred_at=v["occurred_at"],
            principal_kind=v["principal_kind"],
            user_id=_maybe_id("User", v["user_id"]),
            api_token_id=_maybe_id("ApiToken", v["api_token_id"]),
            oauth_client_id=v["oauth_client_id"],
            ip=v["ip"],
            user_agent=v["user_agent"],
            request_id=v["request_id"],
            operation_name=v["operation_name"],
            operation_type=v["operation_type"],
            duration_ms=v["duration_ms"],
            outcome=ApiOutcome(v["outcome"]),
            status_code=v["status_code"],
        )


@strawberry.input(description="Every given condition must hold.")
class AuditEventFilter:
    actor_user_id: strawberry.ID | None = None
    action: str | None = strawberry.field(
        default=None,
        description='One action ("license.reveal"), or all under a prefix ending in "." '
        '("license.").',
    )
    object_type: str | None = None
    object_id: str | None = strawberry.field(default=None, description="As in AuditEvent.")
    occurred_after: datetime | None = strawberry.field(default=None, description="At or after.")
    occurred_before: datetime | None = strawberry.field(default=None, description="Before.")

    def to_domain(self) -> query.AuditEventFilter:
        return query.AuditEventFilter(
            actor_user_id=decode_id(self.actor_user_id, "User", "filter.actorUserId")
            if self.actor_user_id is not None else None,
            action=self.action,
            object_type=self.object_type,
            object_id=self.object_id,
            occurred_after=self.occurred_after,
            occurred_before=self.occurred_before,
        )  # fmt: skip


@strawberry.input(description="Every given condition must hold.")
class ApiRequestFilter:
    user_id: strawberry.ID | None = None
    operation_name: str | None = None
    outcome: ApiOutcome | None = None
    occurred_after: datetime | None = strawberry.field(default=None, description="At or after.")
    occurred_before: datetime | None = strawberry.field(default=None, description="Before.")

    def to_domain(self) -> query.ApiRequestFilter:
        return query.ApiRequestFilter(
            user_id=decode_id(self.user_id, "User", "filter.userId")
            if self.user_id is not None
            else None,
            operation_name=self.operation_name,
            outcome=self.outcome,
            occurred_after=self.occurred_after,
            occurred_before=self.occurred_before,
        )


@strawberry.type
class AuditEventEdge:
    cursor: str
    node: AuditEvent


@strawberry.type(description="A page of audit events, newest first.")
class AuditEventConnection:
    edges: list[AuditEventEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="All events that match, on every page.")
    people_ids: strawberry.Private[list[int]] = dataclasses.field(default_factory=list)

    @strawberry.field(description="The events of this page (the same as edges' nodes).")
    def nodes(self) -> list[AuditEvent]:
        return [edge.node for edge in self.edges]

    @strawberry.field(
        description="The people this page's events name (who acted, seat holders, owners), "
        "so that a reader can show names instead of ids. Users removed since are left out; "
        "e-mail addresses as User.email allows."
    )
    async def people(self, info: Info) -> list[User]:
        users = await info.context.loaders.users_by_id.load_many(self.people_ids)
        return [User.from_model(u) for u in users if u is not None]


@strawberry.type
class ApiRequestEdge:
    cursor: str
    node: ApiRequest


@strawberry.type(description="A page of API requests, newest first.")
class ApiRequestConnection:
    edges: list[ApiRequestEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="All requests that match, on every page.")

    @strawberry.field(description="The requests of this page (the same as edges' nodes).")
    def nodes(self) -> list[ApiRequest]:
        return [edge.node for edge in self.edges]


def _page_info(page: query.Page) -> PageInfo:
    return PageInfo(
        has_next_page=page.has_next_page,
        has_previous_page=page.has_previous_page,
        start_cursor=page.rows[0].cursor if page.rows else None,
        end_cursor=page.rows[-1].cursor if page.rows else None,
    )


def _connection(page: query.Page) -> AuditEventConnection:
    return AuditEventConnection(
        edges=[AuditEventEdge(cursor=r.cursor, node=AuditEvent.from_values(r.values))
               for r in page.rows],
        page_info=_page_info(page),
        total_count=page.total_count or 0,
        people_ids=people_named(page.rows),
    )  # fmt: skip


async def object_history(
    info: Info,
    object_type: str,
    object_id: int,
    first: int | None,
    after: str | None,
    *,
    may_see_costs: bool,
    may_issue_keys: bool = True,
) -> AuditEventConnection:
    """One object's history (License.history, Vendor.history): the caller sees the object.
    Histories asked for side by side (a page of licenses) load together."""
    page_size(first)  # refused here, not inside the batch every other object shares
    if after:
        decode_cursor(CURSOR_KIND, after)
    key = HistoryKey(object_type, object_id, first, after, "totalCount" in selected_paths(info))
    page = await info.context.loaders.history.load(key)
    rules = apply_history_rules(
        info.context.principal, page, may_see_costs=may_see_costs, may_issue_keys=may_issue_keys
    )
    return _connection(rules)


@strawberry.type
class AuditQuery:
    # Nullable: a FORBIDDEN error nulls this field only, not every other root field asked for.
    @strawberry.field(
        description="The audit log, newest first. Admins and auditors only (others: FORBIDDEN)."
    )
    async def audit_events(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: AuditEventFilter | None = None,
    ) -> AuditEventConnection | None:
        page = await query.audit_event_page(
            info.context.principal,
            first=first,
            after=after,
            flt=filter.to_domain() if filter else None,
            want_total="totalCount" in selected_paths(info),
        )
        return _connection(page)

    @strawberry.field(
        description="The API request log (one row per GraphQL request), newest first. "
        "Admins and auditors only (others: FORBIDDEN)."
    )
    async def api_requests(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: ApiRequestFilter | None = None,
    ) -> ApiRequestConnection | None:
        page = await query.api_request_page(
            info.context.principal,
            first=first,
            after=after,
            flt=filter.to_domain() if filter else None,
            want_total="totalCount" in selected_paths(info),
        )
        return ApiRequestConnection(
            edges=[ApiRequestEdge(cursor=r.cursor, node=ApiRequest.from_values(r.values))
                   for r in page.rows],
            page_info=_page_info(page),
            total_count=page.total_count or 0,
        )  # fmt: skip
