"""What one GraphQL request did, for the API request log: the `ApiCall` notes that the HTTP
wrapper (`licman.web.api_log.ApiLogged`) starts for each request, and `ApiLogExtension`, the
schema extension that notes the operation's name, type and outcome on them.

The notes live in the ASGI scope's state under `STATE_KEY`, so the HTTP layer and the schema
share them without importing each other's code (web imports schema, never the reverse).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from licman.resolvers.audit_query import ApiOutcome
from licman.resolvers.errors import ErrorCode

STATE_KEY = "api_call"  # where a request's notes live in scope["state"]
REFUSAL_CODES = frozenset({ErrorCode.FORBIDDEN.value, ErrorCode.UNAUTHENTICATED.value})


@dataclass(slots=True)
class ApiCall:
    """What one request did, noted as it goes."""

    occurred_at: datetime
    started: float
    status: int = 0
    operation_name: str = ""
    operation_type: str = ""
    executed: bool = False  # passed parsing and validation
    outcome: ApiOutcome | None = None  # from GraphQL's answer; None: no operation ran


def outcome_of(status: int, answered: ApiOutcome | None) -> ApiOutcome:
    if status in (401, 403):
        return ApiOutcome.DENIED
    if 400 <= status < 500:
        return ApiOutcome.INVALID
    if status >= 500:
        return ApiOutcome.ERROR
    return answered or ApiOutcome.OK


def _codes(errors: list[GraphQLError]) -> set[str]:
    return {str((e.extensions or {}).get("code", "")) for e in errors}


def _payload_codes(data: dict[str, Any] | None) -> set[str] | None:
    """Codes of typed errors in mutation payloads (`tagCreate { errors { code } }`), or
    None when no payload carries errors. Only the clients that ask for them are seen."""
    found: set[str] | None = None
    for payload in (data or {}).values():
        errors = payload.get("errors") if isinstance(payload, dict) else None
        if isinstance(errors, list) and errors:
            found = (found or set()) | {
                str(e.get("code", "")) for e in errors if isinstance(e, dict)
            }
    return found


def answered_outcome(
    errors: list[GraphQLError] | None, data: dict[str, Any] | None, executed: bool
) -> ApiOutcome:
    if errors and not executed:
        return ApiOutcome.INVALID  # syntax, validation, depth/alias/token limits
    codes = _codes(errors) if errors else None
    payload = _payload_codes(data)
    if payload is not None:
        codes = (codes or set()) | payload
    if codes is None:
        return ApiOutcome.OK
    return ApiOutcome.DENIED if codes & REFUSAL_CODES else ApiOutcome.ERROR


def _call_of(context: Any) -> ApiCall | None:
    request = getattr(context, "request", None)
    state = getattr(request, "scope", {}).get("state") or {}
    call = state.get(STATE_KEY)
    return call if isinstance(call, ApiCall) else None


class ApiLogExtension(SchemaExtension):
    """Notes the operation's name, type and outcome on the request's ApiCall."""

    def on_execute(self) -> Iterator[None]:
        call = _call_of(self.execution_context.context)
        if call is not None:
            call.executed = True
        yield

    def on_operation(self) -> Iterator[None]:
        try:
            yield
        except Exception:
            # ParserCache parses inside its hook, so a syntax error comes through here.
            self._note(failed=True)
            raise
        self._note(failed=False)

    def _note(self, *, failed: bool) -> None:
        context = self.execution_context
        call = _call_of(context.context)
        if call is None:
            return
        document = context.graphql_document
        if document is not None:
            # Only a name that the parsed document declares: the client's operationName
            # field is free text and must not reach the log unchecked.
            names = {
                d.name.value
                for d in document.definitions
                if isinstance(d, OperationDefinitionNode) and d.name is not None
            }
            name = context.operation_name
            call.operation_name = name[:200] if name in names else ""
            with suppress(RuntimeError, ValueError):
                call.operation_type = context.operation_type.value
        if failed:
            call.outcome = ApiOutcome.ERROR if call.executed else ApiOutcome.INVALID
            return
        result = context.result
        errors = result.errors if result is not None else context.pre_execution_errors
        data = result.data if result is not None and call.operation_type == "mutation" else None
        call.outcome = answered_outcome(errors, data, call.executed)
