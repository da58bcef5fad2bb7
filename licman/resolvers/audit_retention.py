"""Retention for the audit log and the API request log (`licman audit purge`).

Audit events older than the cutoff go, but the chain stays verifiable: in one transaction,
a checkpoint signed with the site's key (the last purged event's id and hash, how many went)
is written first, then the events up to it are deleted; the append-only triggers allow a
DELETE only of events a checkpoint covers. `licman audit verify` then starts from the newest
checkpoint. The chain is verified before anything is deleted: a purge never erases the
evidence of tampering. API requests carry no chain and are simply deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from licman.models import ApiRequest, AuditChainHead, AuditCheckpoint, AuditEvent
from licman.resolvers.audit import audit_record
from licman.resolvers.audit_verify import audit_verify
from licman.resolvers.common import now
from licman.resolvers.errors import DomainError, ErrorCode, forbidden
from licman.security.principal import Principal, PrincipalKind
from licman.security.signing import canonical, signing_key


@dataclass(frozen=True, slots=True)
class PurgeReport:
    events_purged: int
    through_event_id: int | None  # the newest purged event (None: nothing was old enough)
    api_requests_purged: int


def _require_system(principal: Principal) -> None:
    if principal.kind is not PrincipalKind.SYSTEM:
        raise forbidden("purge the audit log")


async def audit_purge(
    principal: Principal,
    *,
    events_before: datetime | None,
    api_requests_before: datetime | None = None,
) -> PurgeReport:
    """Delete audit events that occurred before `events_before` (a prefix of the chain: up to
    the newest such event) behind a signed checkpoint, and API requests before
    `api_requests_before`. The command line only (the system principal)."""
    _require_system(principal)
    purged, through = 0, None
    if events_before is not None:
        purged, through = await _purge_events(principal, events_before)
    api = 0
    if api_requests_before is not None:
        api = await ApiRequest.filter(occurred_at__lt=api_requests_before).delete()
    return PurgeReport(purged, through, api)


async def _purge_events(principal: Principal, before: datetime) -> tuple[int, int | None]:
    key = signing_key()
    check = await audit_verify(public_key=key.public)
    if check.problem is not None:
        raise DomainError(
            ErrorCode.CONFLICT,
            "the audit log fails verification (run `licman audit verify`): nothing was purged, "
            "so the evidence stays",
        )
    async with in_transaction():
        # Locking the chain head orders this purge with appends and with another purge.
        await AuditChainHead.select_for_update().get_or_none(id=1)
        newest = (
            await AuditEvent.filter(occurred_at__lt=before)
            .order_by("-id")
            .limit(1)
            .values("id", "hash")
        )
        if not newest:
            return 0, None
        through_id, through_hash = newest[0]["id"], newest[0]["hash"]
        count = await AuditEvent.filter(id__lte=through_id).count()
        if not count:
            return 0, None
        previous = await AuditCheckpoint.all().order_by("-through_event_id").first()
        signed = {
            "kind": "audit_checkpoint",
            "through_event_id": through_id,
            "through_hash": through_hash,
            "events_purged": count,
            "occurred_before": before.isoformat(),
            "previous_checkpoint_event_id": previous.through_event_id if previous else 0,
            "created_at": now().isoformat(timespec="seconds"),
        }
        document = canonical(key.sign(signed)).decode()
        await AuditCheckpoint.create(
            through_event_id=through_id,
            through_hash=through_hash,
            events_purged=count,
            document=document,
        )  # first: the triggers allow deleting only what a checkpoint covers
        deleted = await AuditEvent.filter(id__lte=through_id).delete()
        await audit_record(
            principal,
            "audit.purge",
            "audit_checkpoint",
            through_id,
            extra={
                "events_purged": deleted,
                "through_event_id": through_id,
                "through_hash": through_hash,
                "occurred_before": before.isoformat(),
            },
        )
    return deleted, through_id
