"""The permission engine: one function answers "may P do A (on this object)?", one restricts
a query to what P may see. Every resolver and GraphQL field asks these, nothing else.

Roles: admin (everything), manager (all licenses, vendors and assignments; no secrets),
member (the licenses they own or hold a seat of; their own secrets), auditor (read
everything but secrets). Per-object grants and token/OAuth scopes come with the
access-control work and plug in here.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise.expressions import Q, Subquery

from licman.models import License, Role, SeatAssignment
from licman.security.principal import Principal


class Action(StrEnum):
    LICENSE_VIEW = "license.view"
    LICENSE_CREATE = "license.create"
    LICENSE_CHANGE = "license.change"
    LICENSE_ASSIGN = "license.assign"
    LICENSE_REVEAL = "license.reveal"
    LICENSE_DELETE = "license.delete"
    LICENSE_VIEW_COST = "license.view_cost"
    CATALOG_VIEW = "catalog.view"  # vendors, products, tags
    CATALOG_CHANGE = "catalog.change"
    CATALOG_DELETE = "catalog.delete"
    DASHBOARD_VIEW = "dashboard.view"


_ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.MANAGER: frozenset(Action) - {Action.LICENSE_REVEAL},
    Role.AUDITOR: frozenset(
        {Action.LICENSE_VIEW, Action.LICENSE_VIEW_COST, Action.CATALOG_VIEW, Action.DASHBOARD_VIEW}
    ),
    Role.MEMBER: frozenset({Action.LICENSE_VIEW, Action.CATALOG_VIEW, Action.DASHBOARD_VIEW}),
}
# What a member may do on a license they own (beyond viewing it).
_OWNER_ACTIONS = frozenset({Action.LICENSE_VIEW, Action.LICENSE_REVEAL})


def role_allows(principal: Principal, action: Action) -> bool:
    """The action is allowed on every object of its kind (no object check needed)."""
    role = principal.role
    return role is not None and action in _ROLE_ACTIONS[role]


def license_scope(principal: Principal) -> Q:
    """The licenses P may see, as a filter to put inside the SQL of any license query."""
    role = principal.role
    if role is None:
        return Q(id__in=[])
    if role is not Role.MEMBER:
        return Q()
    user_id = principal.user.id if principal.user else -1
    held = SeatAssignment.filter(user_id=user_id, active_holder__isnull=False).values("license_id")
    return Q(owner_id=user_id) | Q(id__in=Subquery(held))


def may(principal: Principal, action: Action, license: License | None = None) -> bool:
    """May P do the action, on this license if given?"""
    if role_allows(principal, action):
        return True
    if license is None or principal.role is not Role.MEMBER or principal.user is None:
        return False
    return action in _OWNER_ACTIONS and license.owner_id == principal.user.id
