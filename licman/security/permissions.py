"""The permission engine. `may` answers "may P do A (on this license)?"; `license_scope` turns
"what may P see?" into a filter that goes inside the SQL of every license query. Every
resolver and every protected GraphQL field asks these two, nothing else.

Roles: admin (everything); manager (all licenses, vendors and assignments; a secret only as
its owner or with a reveal grant); member (licenses they own, hold a seat of, or are granted;
their own secrets); auditor (reads everything but secrets, including the audit log).
Grants give rights on one license, or on every license of a vendor, to a user or a team.
Token and OAuth scopes only ever narrow what the user may do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tortoise.expressions import Q, Subquery

from licman.models import Grant, GrantRight, Product, Role, SeatAssignment, TeamMembership
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
    AUDIT_VIEW = "audit.view"  # the audit log and the API request log
    USER_VIEW = "user.view"  # the list of users and teams
    USER_VIEW_EMAIL = "user.view_email"
    USER_ADMIN = "user.admin"  # create, change role, deactivate, teams, OAuth2 clients
    GRANT_MANAGE = "grant.manage"  # on every object (owners manage grants on their own)
    ACCOUNT_MANAGE = "account.manage"  # one's own password, sessions and API tokens


_ALL = frozenset(Action)
_READ_ALL = frozenset(
    {
        Action.LICENSE_VIEW,
        Action.LICENSE_VIEW_COST,
        Action.CATALOG_VIEW,
        Action.DASHBOARD_VIEW,
        Action.USER_VIEW,
    }
)
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: _ALL,
    # Deleting a license (and its history) stays with admins; managers archive instead.
    Role.MANAGER: _ALL
    - {
        Action.LICENSE_REVEAL,
        Action.LICENSE_DELETE,
        Action.AUDIT_VIEW,
        Action.USER_ADMIN,
        Action.GRANT_MANAGE,
    },
    Role.AUDITOR: _READ_ALL | {Action.AUDIT_VIEW, Action.USER_VIEW_EMAIL, Action.ACCOUNT_MANAGE},
    Role.MEMBER: frozenset({Action.CATALOG_VIEW, Action.DASHBOARD_VIEW, Action.ACCOUNT_MANAGE}),
}
# What a grant right allows on its licenses (every right also allows viewing them).
RIGHT_ACTIONS: dict[str, frozenset[Action]] = {
    GrantRight.VIEW: frozenset({Action.LICENSE_VIEW}),
    GrantRight.CHANGE: frozenset(
        {Action.LICENSE_VIEW, Action.LICENSE_CHANGE, Action.LICENSE_VIEW_COST}
    ),
    GrantRight.ASSIGN: frozenset({Action.LICENSE_VIEW, Action.LICENSE_ASSIGN}),
    GrantRight.REVEAL: frozenset({Action.LICENSE_VIEW, Action.LICENSE_REVEAL}),
    GrantRight.DELETE: frozenset({Action.LICENSE_VIEW, Action.LICENSE_DELETE}),
}
# Auditors watch: they change nothing and never see a secret, even through ownership/grants.
NEVER_FOR_AUDITORS = frozenset(
    {Action.LICENSE_REVEAL, Action.LICENSE_CHANGE, Action.LICENSE_ASSIGN, Action.LICENSE_DELETE}
)
# What the owner of a license may do with it, whatever their role.
OWNER_ACTIONS = frozenset({Action.LICENSE_VIEW, Action.LICENSE_REVEAL})

# Token and OAuth scopes, and the actions each one lets through.
SCOPES: dict[str, frozenset[Action]] = {
    "licenses:read": frozenset(
        {Action.LICENSE_VIEW, Action.LICENSE_VIEW_COST, Action.CATALOG_VIEW,
         Action.DASHBOARD_VIEW, Action.USER_VIEW, Action.USER_VIEW_EMAIL}
    ),
    "licenses:write": frozenset(
        {Action.LICENSE_CREATE, Action.LICENSE_CHANGE, Action.LICENSE_ASSIGN,
         Action.LICENSE_DELETE, Action.CATALOG_CHANGE, Action.CATALOG_DELETE,
         Action.GRANT_MANAGE}
    ),
    "secrets:reveal": frozenset({Action.LICENSE_REVEAL}),
    "audit:read": frozenset({Action.AUDIT_VIEW}),
    "admin": frozenset({Action.USER_ADMIN, Action.USER_VIEW, Action.USER_VIEW_EMAIL}),
    "account": frozenset({Action.ACCOUNT_MANAGE}),
}  # fmt: skip


def scope_allows(principal: Principal, action: Action) -> bool:
    if principal.scopes is None:
        return True
    return any(action in SCOPES.get(scope, frozenset()) for scope in principal.scopes)


# --- Scopes for people: what each one lets an integration do, and naming the one a refused
# action needs. (Shown on the OAuth2 consent page and listed in docs/graphql.md.)

SCOPE_DESCRIPTIONS: dict[str, str] = {
    "licenses:read": "See licenses, vendors, products, tags, the dashboard, users and teams, "
    "with costs and e-mail addresses where your role shows them.",
    "licenses:write": "Create, change, assign, renew, archive and delete licenses and the "
    "catalogue, and manage grants, as far as your role and grants allow.",
    "secrets:reveal": "Read the license secrets you may reveal (every read is audited).",
    "audit:read": "Read the audit log and the API request log.",
    "admin": "Administer users, teams and OAuth2 clients.",
    "account": "Manage your own password, sessions, API tokens and authorised apps.",
}


def scope_needed(principal: Principal, action: Action) -> str | None:
    """The scope a token lacks for this action, or None when its scopes are not the reason
    for a refusal (no scopes at all, or one of them covers the action)."""
    if principal.scopes is None or scope_allows(principal, action):
        return None
    return next((scope for scope, actions in SCOPES.items() if action in actions), None)


def role_allows(principal: Principal, action: Action) -> bool:
    """The action is allowed on every object of its kind (no object check needed)."""
    role = principal.role
    return role is not None and action in ROLE_ACTIONS[role] and scope_allows(principal, action)


@dataclass
class Grants:
    """The rights P holds through grants (to P or P's teams), loaded once per request."""

    team_ids: list[int] = field(default_factory=list)
    on_license: dict[int, set[str]] = field(default_factory=dict)
    on_vendor: dict[int, set[str]] = field(default_factory=dict)

    def rights(self, license_id: int | None, vendor_id: int | None) -> set[str]:
        found: set[str] = set()
        if license_id is not None:
            found |= self.on_license.get(license_id, set())
        if vendor_id is not None:
            found |= self.on_vendor.get(vendor_id, set())
        return found


async def grants_of(principal: Principal) -> Grants:
    cached = principal.cache.get("grants")
    if isinstance(cached, Grants):
        return cached
    grants = Grants()
    if principal.user is not None:
        memberships = await TeamMembership.filter(user_id=principal.user.id).values("team_id")
        grants.team_ids = [row["team_id"] for row in memberships]
        rows = await Grant.filter(
            Q(user_id=principal.user.id) | Q(team_id__in=grants.team_ids or [-1])
        ).values("license_id", "vendor_id", "rights")
        for row in rows:
            target = grants.on_license if row["license_id"] else grants.on_vendor
            key = row["license_id"] or row["vendor_id"]
            target.setdefault(key, set()).update(row["rights"])
    principal.cache["grants"] = grants
    return grants


def forget_grants(principal: Principal) -> None:
    """Drop the caller's cached grants (after a change to grants or team memberships), so
    the rest of the request sees the new ones."""
    principal.cache.pop("grants", None)


def decide(
    principal: Principal,
    grants: Grants,
    action: Action,
    *,
    license_id: int | None = None,
    vendor_id: int | None = None,
    owner_id: int | None = None,
) -> bool:
    """The whole rule, without I/O: role, then ownership, then grants; scopes narrow all."""
    if not principal.is_authenticated or not scope_allows(principal, action):
        return False
    role = principal.role
    if role is Role.AUDITOR and action in NEVER_FOR_AUDITORS:
        return False  # auditors read everything but secrets, whatever they own or hold
    if role is not None and action in ROLE_ACTIONS[role]:
        return True
    if principal.user is not None and owner_id == principal.user.id and action in OWNER_ACTIONS:
        return True
    return any(action in RIGHT_ACTIONS.get(r, ()) for r in grants.rights(license_id, vendor_id))


async def may(
    principal: Principal,
    action: Action,
    *,
    license_id: int | None = None,
    vendor_id: int | None = None,
    owner_id: int | None = None,
) -> bool:
    if role_allows(principal, action):
        return True  # no need to load grants
    grants = await grants_of(principal)
    return decide(
        principal, grants, action, license_id=license_id, vendor_id=vendor_id, owner_id=owner_id
    )


async def license_scope(principal: Principal) -> Q:
    """The licenses P may see, as a filter to put inside the SQL of any license query."""
    if not principal.is_authenticated or not scope_allows(principal, Action.LICENSE_VIEW):
        return Q(id__in=[])
    if role_allows(principal, Action.LICENSE_VIEW):
        return Q()
    user_id = principal.user.id if principal.user else -1
    grants = await grants_of(principal)
    held = SeatAssignment.filter(user_id=user_id, active_holder__isnull=False).values("license_id")
    scope = Q(owner_id=user_id) | Q(id__in=Subquery(held))
    if grants.on_license:
        scope |= Q(id__in=list(grants.on_license))
    if grants.on_vendor:
        scope |= Q(product__vendor_id__in=list(grants.on_vendor))
    return scope


# --- What one caller holds on one license, and which licenses allow an action -----------------
# These only combine the rules above. Giving rights to someone (an owner, the grantees of a
# vendor a license moves to) is checked against what the giver holds; filters, orderings and
# groupings on a permission-checked field run only over the rows where the caller may read it.

# Ownership is a grant: an owner views and reveals (OWNER_ACTIONS) and manages the grants on
# the license. Giving a license an owner needs all of it.
OWNERSHIP_CONFERS = OWNER_ACTIONS | {Action.GRANT_MANAGE}
LICENSE_ACTIONS = frozenset(
    {
        Action.LICENSE_VIEW,
        Action.LICENSE_VIEW_COST,
        Action.LICENSE_CHANGE,
        Action.LICENSE_ASSIGN,
        Action.LICENSE_REVEAL,
        Action.LICENSE_DELETE,
        Action.GRANT_MANAGE,
    }
)


def manages_grants(
    principal: Principal,
    grants: Grants,
    *,
    license_id: int | None,
    vendor_id: int | None,
    owner_id: int | None,
) -> bool:
    """Whether P may manage the grants on this license: the role's grant.manage, or owning it
    (scopes narrow both; an owner's token must also be allowed to see licenses)."""
    ids = {"license_id": license_id, "vendor_id": vendor_id, "owner_id": owner_id}
    if decide(principal, grants, Action.GRANT_MANAGE, **ids):
        return True
    return (
        principal.user is not None
        and owner_id == principal.user.id
        and scope_allows(principal, Action.GRANT_MANAGE)
        and scope_allows(principal, Action.LICENSE_VIEW)
    )


def rights_held(
    principal: Principal,
    grants: Grants,
    *,
    license_id: int | None,
    vendor_id: int | None,
    owner_id: int | None,
) -> frozenset[Action]:
    """Every license action P may take on this license (license_id None: a new license of the
    vendor). A seat's view is not counted: it comes from `license_scope`."""
    ids = {"license_id": license_id, "vendor_id": vendor_id, "owner_id": owner_id}
    held = {
        a for a in LICENSE_ACTIONS - {Action.GRANT_MANAGE} if decide(principal, grants, a, **ids)
    }
    if manages_grants(principal, grants, **ids):
        held.add(Action.GRANT_MANAGE)
    return frozenset(held)


async def license_rights(
    principal: Principal, *, license_id: int | None, vendor_id: int | None, owner_id: int | None
) -> frozenset[Action]:
    grants = await grants_of(principal)
    return rights_held(
        principal, grants, license_id=license_id, vendor_id=vendor_id, owner_id=owner_id
    )


async def vendor_grant_actions(vendor_id: int) -> frozenset[Action]:
    """What the grants on a vendor give, to anyone: what a license moved under it opens up."""
    rows = await Grant.filter(vendor_id=vendor_id).values_list("rights", flat=True)
    return frozenset(a for rights in rows for r in rights for a in RIGHT_ACTIONS.get(r, ()))


def _nothing() -> Q:
    return Q(id__in=[])


async def action_scope(principal: Principal, action: Action) -> Q:
    """The licenses on which P may do `action`, as a filter for SQL: license by license the
    same answer as `may` (for license.view use `license_scope`, which also counts seats)."""
    if action is Action.LICENSE_VIEW:
        raise ValueError("use license_scope() for license.view")
    if not principal.is_authenticated or not scope_allows(principal, action):
        return _nothing()
    if principal.role is Role.AUDITOR and action in NEVER_FOR_AUDITORS:
        return _nothing()
    if role_allows(principal, action):
        return Q()
    grants = await grants_of(principal)
    giving = {right for right, actions in RIGHT_ACTIONS.items() if action in actions}
    scope = _nothing()
    if principal.user is not None and action in OWNER_ACTIONS:
        scope |= Q(owner_id=principal.user.id)
    on_license = [pk for pk, rights in grants.on_license.items() if rights & giving]
    if on_license:
        scope |= Q(id__in=on_license)
    on_vendor = [pk for pk, rights in grants.on_vendor.items() if rights & giving]
    if on_vendor:
        # A subquery rather than a join, so the filter also works inside CASE expressions.
        products = Product.filter(vendor_id__in=on_vendor).values("id")
        scope |= Q(product_id__in=Subquery(products))
    return scope


def job_visible(
    principal: Principal, started_by_id: int | None, started_by_client: str | None = None
) -> bool:
    """Who may see a job (its progress, errors by row, result and files): the user who
    started it, and admins (a scoped token of an admin needs the `admin` scope for jobs
    other people started). Jobs hold data from many rows, so nobody else sees them."""
    if not principal.is_authenticated:
        return False
    if principal.user is not None and started_by_id == principal.user.id:
        return True
    acting_for_itself = principal.user is None and started_by_client is not None
    if acting_for_itself and principal.oauth_client_id == started_by_client:
        return True
    return principal.role is Role.ADMIN and scope_allows(principal, Action.USER_ADMIN)


def job_scope(principal: Principal) -> Q:
    """`job_visible` as a filter for the SQL of job lists."""
    if not principal.is_authenticated:
        return Q(id__in=[])
    if principal.role is Role.ADMIN and scope_allows(principal, Action.USER_ADMIN):
        return Q()
    return Q(created_by_id=principal.user.id if principal.user else -1)
