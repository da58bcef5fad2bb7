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
from typing import Any, Protocol

from tortoise import connections
from tortoise.expressions import Q, Subquery

from licman.db import UnionOf
from licman.models import (
    Grant,
    GrantRight,
    License,
    Product,
    Role,
    SeatAssignment,
    TeamMembership,
)
from licman.security.principal import Principal, PrincipalKind


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


def may_count_licenses(principal: Principal) -> bool:
    """P may be told a vendor's or product's name and how many licenses use it: P sees every
    license and the catalogue (a refusal to delete must not tell a write-only token more)."""
    return all(role_allows(principal, a) for a in (Action.LICENSE_VIEW, Action.CATALOG_VIEW))


@dataclass
class Grants:
    """The rights P holds through grants (to P or P's teams), loaded once per request."""

    on_license: dict[int, set[str]] = field(default_factory=dict)
    on_vendor: dict[int, set[str]] = field(default_factory=dict)

    def rights(self, license_id: int | None, vendor_id: int | None) -> set[str]:
        found: set[str] = set()
        if license_id is not None:
            found |= self.on_license.get(license_id, set())
        if vendor_id is not None:
            found |= self.on_vendor.get(vendor_id, set())
        return found


def _teams_of(user_id: int) -> Subquery:
    """The teams the user belongs to, as a subquery (no statement of its own)."""
    return Subquery(TeamMembership.filter(user_id=user_id).values("team_id"))


def _grants_to(user_id: int) -> Q:
    """The grants given to the user or to one of the user's teams."""
    return Q(user_id=user_id) | Q(team_id__in=_teams_of(user_id))


async def grants_of(principal: Principal) -> Grants:
    """P's grants, loaded once per request in one statement (the teams inside it)."""
    cached = principal.cache.get("grants")
    if isinstance(cached, Grants):
        return cached
    grants = Grants()
    if principal.user is not None:
        rows = await Grant.filter(_grants_to(principal.user.id)).values(
            "license_id", "vendor_id", "rights"
        )
        for row in rows:
            target = grants.on_license if row["license_id"] else grants.on_vendor
            key = row["license_id"] or row["vendor_id"]
            target.setdefault(key, set()).update(row["rights"])
    principal.cache["grants"] = grants
    return grants


async def prefetch_grants(principal: Principal) -> None:
    """Load the caller's grants now, before the fields of a page of licenses ask for them
    all at once (each would otherwise send the same statements before the first is cached).
    Not a lock around the load: a field that waited for another's load while its own
    transaction held SQLite's only connection would wait forever. Admins need none."""
    if not all(role_allows(principal, action) for action in _LICENSE_ABILITY_ACTIONS):
        await grants_of(principal)


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
    return (await license_scope_keyed(principal))[0]


async def license_scope_keyed(principal: Principal) -> tuple[Q, tuple[Any, ...]]:
    """license_scope, and a key equal for two principals exactly when their scopes' SQL is
    the same (in one database): none, every license, or one user's member_scope (its SQL
    depends on nothing but that user's id). Cached statements are keyed by it."""
    if not principal.is_authenticated or not scope_allows(principal, Action.LICENSE_VIEW):
        return Q(id__in=[]), ("none",)
    if role_allows(principal, Action.LICENSE_VIEW):
        return Q(), ("all",)
    user_id = principal.user.id if principal.user else -1
    return member_scope(user_id), ("member", user_id)


def member_scope(user_id: int) -> Q:
    """The licenses a user sees without a role's license.view: those they own, hold an
    active seat of, or were granted (any right implies view) on the license or its vendor,
    to themselves or to one of their teams. Subqueries only: the filter sends no statement
    of its own, and its SQL text depends on nothing but the user's id (a bound parameter).

    On PostgreSQL and SQLite one `id IN (… UNION ALL …)`: PostgreSQL joins the few ids a
    member sees instead of testing every license along the page's order against an OR of
    subqueries (907 ms -> 15-59 ms for a page on 1,000,000 licenses). MariaDB cannot
    materialise a UNION subquery and would run it for every license (5 s on 100,000), so
    there the same four subqueries are OR'd, each materialised once."""
    granted = Grant.filter(_grants_to(user_id))
    owned = License.filter(owner_id=user_id).values("id")
    held = SeatAssignment.filter(user_id=user_id, active_holder__isnull=False).values("license_id")
    on_license = granted.filter(license_id__isnull=False).values("license_id")
    on_vendor = Product.filter(
        vendor_id__in=Subquery(granted.filter(vendor_id__isnull=False).values("vendor_id"))
    ).values("id")
    if str(connections.get("default").capabilities.dialect) == "mysql":
        return (
            Q(owner_id=user_id)
            | Q(id__in=Subquery(held))
            | Q(id__in=Subquery(on_license))
            | Q(product_id__in=Subquery(on_vendor))
        )
    of_vendor = License.filter(product_id__in=Subquery(on_vendor)).values("id")
    return Q(id__in=UnionOf(owned, held, on_license, of_vendor, all=True))


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


# --- Rules about people, credentials and grant management ------------------------------------
# Kept apart from the role table above: each is a named question a resolver asks, so no other
# module compares user ids or roles to decide anything.


def is_signed_in(principal: Principal) -> bool:
    return principal.is_authenticated


def is_self(principal: Principal, user_id: int | None) -> bool:
    """Whether the user `user_id` is the caller (never true for the system or a client)."""
    return user_id is not None and principal.user is not None and principal.user.id == user_id


def may_see_user(principal: Principal, user_id: int) -> bool:
    """Everyone sees themselves; other users need `user.view`."""
    return is_self(principal, user_id) or role_allows(principal, Action.USER_VIEW)


def may_see_email(principal: Principal, user_id: int) -> bool:
    """Everyone sees their own address; other users' need `user.view_email`."""
    return is_self(principal, user_id) or role_allows(principal, Action.USER_VIEW_EMAIL)


def may_manage_credentials_of(principal: Principal, user_id: int) -> bool:
    """Sessions and API tokens: one's own, or anyone's with `user.admin`. The caller must
    also hold `account.manage` (checked where the credential is changed)."""
    return is_self(principal, user_id) or role_allows(principal, Action.USER_ADMIN)


def acts_through_app(principal: Principal) -> bool:
    """An OAuth2 app (for a user or for itself). Apps may not mint personal API tokens: one
    would outlive the app's own access and survive its revocation."""
    return principal.kind in (PrincipalKind.OAUTH_USER, PrincipalKind.OAUTH_CLIENT)


def may_set_role(principal: Principal, user_id: int, current: Role, new: Role) -> bool:
    """Admins may not change their own role (the last admin could lock everyone out);
    leaving it as it is is no change."""
    return new == current or not is_self(principal, user_id)


def may_deactivate(principal: Principal, user_id: int) -> bool:
    """Nobody deactivates themselves (the same reason)."""
    return not is_self(principal, user_id)


def scopes_beyond_own(principal: Principal, scopes: set[str]) -> set[str]:
    """Scopes a new token may not have: a scoped token cannot create one that may do more
    than itself (an unscoped caller may give any)."""
    return set() if principal.scopes is None else scopes - principal.scopes


def may_view_all_costs(principal: Principal) -> bool:
    """Costs of every license the caller sees, and so dashboard spend (a CHANGE grant shows
    the costs of its licenses only, never totals)."""
    return role_allows(principal, Action.LICENSE_VIEW_COST)


def may_name_in_catalog(principal: Principal) -> bool:
    """Vendor and tag names are unique across all of them (product names within a vendor),
    so a DUPLICATE answer would confirm a name the caller cannot see. Giving a name needs
    `catalog.view` as well as `catalog.change` (a token: licenses:read too), whether or not
    the name is taken, like setting a license's external id."""
    return role_allows(principal, Action.CATALOG_VIEW)


# Keys inside an audit event's `changes` that hold an e-mail address or a cost.
AUDIT_EMAIL_KEYS = frozenset({"email", "email_key"})
AUDIT_COST_KEYS = frozenset({"cost_micros", "cost"})
# Who a product key or license file was issued to (a person or a company, often an e-mail
# address): read by those who may issue them and by the audit log's readers only.
AUDIT_LICENSEE_KEYS = frozenset({"licensee"})


def audit_hidden_keys(principal: Principal) -> frozenset[str]:
    """Keys of audit-event changes (at any depth) whose values the caller may not read: the
    field rules of the rest of the API hold in the audit log too. E-mail addresses need
    `user.view_email`, costs `license.view_cost` on every license (an `audit:read` token
    alone has neither)."""
    hidden: set[str] = set()
    if not role_allows(principal, Action.USER_VIEW_EMAIL):
        hidden |= AUDIT_EMAIL_KEYS
    if not may_view_all_costs(principal):
        hidden |= AUDIT_COST_KEYS
    return frozenset(hidden)


def history_hidden_keys(
    principal: Principal, *, may_see_costs: bool, may_issue_keys: bool = True
) -> frozenset[str]:
    """`audit_hidden_keys` for one object's history, which whoever may see the object reads:
    costs as the object's own cost field decides (`may_see_costs`: license.view_cost on that
    license), e-mail addresses on `user.view_email`, licensees of issued keys and files to
    those who may issue them (`may_issue_keys`: license.assign on that license) or read the
    audit log."""
    hidden: set[str] = set()
    if not role_allows(principal, Action.USER_VIEW_EMAIL):
        hidden |= AUDIT_EMAIL_KEYS
    if not may_see_costs:
        hidden |= AUDIT_COST_KEYS
    if not may_issue_keys and not role_allows(principal, Action.AUDIT_VIEW):
        hidden |= AUDIT_LICENSEE_KEYS
    return frozenset(hidden)


def may_see_audit_actor_label(principal: Principal, actor_user_id: int | None) -> bool:
    """An event's actor label is the acting user's e-mail: `may_see_email` decides. The label
    of the system or of an OAuth2 client acting for itself is no address."""
    return actor_user_id is None or may_see_email(principal, actor_user_id)


def may_manage_license_grants(principal: Principal, *, owner_id: int | None) -> bool:
    """Grants on one license: `grant.manage` holders, and the license's owner (see
    `manages_grants`; no grant gives grant.manage, so none are needed). The caller must see
    the license (checked by the resolver, which answers NOT_FOUND otherwise)."""
    return manages_grants(principal, Grants(), license_id=None, vendor_id=None, owner_id=owner_id)


def may_manage_vendor_grants(principal: Principal) -> bool:
    """Grants on a vendor reach every license of it, present and future: `grant.manage` only."""
    return role_allows(principal, Action.GRANT_MANAGE)


def manageable_grants(principal: Principal) -> Q:
    """The grants P may list and revoke, as a filter on Grant rows."""
    if role_allows(principal, Action.GRANT_MANAGE):
        return Q()
    if (
        principal.user is None
        or not scope_allows(principal, Action.GRANT_MANAGE)
        or not scope_allows(principal, Action.LICENSE_VIEW)  # an owner always sees their own
    ):
        return Q(id__in=[])
    return Q(license__owner_id=principal.user.id)


async def rights_not_held(
    principal: Principal,
    rights: set[GrantRight],
    *,
    license_id: int,
    vendor_id: int | None,
    owner_id: int | None,
) -> list[GrantRight]:
    """The rights among `rights` that P may not pass on: an owner may not hand out, or give
    themselves, more than they hold on the license. `grant.manage` holders may give any."""
    if role_allows(principal, Action.GRANT_MANAGE):
        return []
    grants = await grants_of(principal)
    return [
        right
        for right in GrantRight
        if right in rights
        and not all(
            decide(
                principal,
                grants,
                action,
                license_id=license_id,
                vendor_id=vendor_id,
                owner_id=owner_id,
            )
            for action in RIGHT_ACTIONS[right]
        )
    ]


# --- What the viewer may do: answers for the client, so it never re-derives them -------------


@dataclass(frozen=True, slots=True)
class LicenseAbilities:
    change: bool
    assign: bool
    reveal: bool
    delete: bool
    view_cost: bool
    manage_grants: bool


_LICENSE_ABILITY_ACTIONS = (
    Action.LICENSE_CHANGE,
    Action.LICENSE_ASSIGN,
    Action.LICENSE_REVEAL,
    Action.LICENSE_DELETE,
    Action.LICENSE_VIEW_COST,
)


async def license_abilities(
    principal: Principal, *, license_id: int, vendor_id: int | None, owner_id: int | None
) -> LicenseAbilities:
    """What P may do with one license P sees. No SQL beyond the caller's grants, which are
    loaded once per request, so a page of licenses costs nothing more per row."""
    # Admins and managers hold most of these by role: their grants are not even loaded.
    by_role = all(role_allows(principal, action) for action in _LICENSE_ABILITY_ACTIONS)
    grants = Grants() if by_role else await grants_of(principal)

    def can(action: Action) -> bool:
        return decide(
            principal, grants, action, license_id=license_id, vendor_id=vendor_id, owner_id=owner_id
        )

    return LicenseAbilities(
        change=can(Action.LICENSE_CHANGE),
        assign=can(Action.LICENSE_ASSIGN),
        reveal=can(Action.LICENSE_REVEAL),
        delete=can(Action.LICENSE_DELETE),
        view_cost=can(Action.LICENSE_VIEW_COST),
        manage_grants=may_manage_license_grants(principal, owner_id=owner_id),
    )


@dataclass(frozen=True, slots=True)
class VendorAbilities:
    change: bool
    delete: bool
    manage_grants: bool


def vendor_abilities(principal: Principal) -> VendorAbilities:
    """What P may do with a vendor (and its products): the role decides, no grant does."""
    return VendorAbilities(
        change=role_allows(principal, Action.CATALOG_CHANGE),
        delete=role_allows(principal, Action.CATALOG_DELETE),
        manage_grants=may_manage_vendor_grants(principal),
    )


@dataclass(frozen=True, slots=True)
class UserAbilities:
    change_role: bool
    set_active: bool


def user_abilities(principal: Principal, user_id: int) -> UserAbilities:
    """What P may do to one user's account (`user.admin`, never to themselves)."""
    admin = role_allows(principal, Action.USER_ADMIN)
    return UserAbilities(
        change_role=admin and not is_self(principal, user_id),
        set_active=admin and may_deactivate(principal, user_id),
    )


@dataclass(frozen=True, slots=True)
class ViewerAbilities:
    """What P may do anywhere, whatever the object (grants and ownership can add rights on
    single licenses: see LicenseAbilities)."""

    create_license: bool
    change_every_license: bool
    view_every_cost: bool
    manage_catalog: bool
    delete_catalog: bool
    view_users: bool
    view_emails: bool
    manage_users: bool
    manage_grants: bool
    view_audit: bool
    manage_account: bool


def viewer_abilities(principal: Principal) -> ViewerAbilities:
    return ViewerAbilities(
        create_license=role_allows(principal, Action.LICENSE_CREATE),
        change_every_license=role_allows(principal, Action.LICENSE_CHANGE),
        view_every_cost=may_view_all_costs(principal),
        manage_catalog=role_allows(principal, Action.CATALOG_CHANGE),
        delete_catalog=role_allows(principal, Action.CATALOG_DELETE),
        view_users=role_allows(principal, Action.USER_VIEW),
        view_emails=role_allows(principal, Action.USER_VIEW_EMAIL),
        manage_users=role_allows(principal, Action.USER_ADMIN),
        manage_grants=role_allows(principal, Action.GRANT_MANAGE),
        view_audit=role_allows(principal, Action.AUDIT_VIEW),
        manage_account=role_allows(principal, Action.ACCOUNT_MANAGE),
    )


# --- Many objects, one caller ---------------------------------------------------------------


class ObjectChecker(Protocol):
    def __call__(
        self,
        action: Action,
        *,
        license_id: int | None = None,
        vendor_id: int | None = None,
        owner_id: int | None = None,
    ) -> bool: ...


async def object_checker(principal: Principal) -> ObjectChecker:
    """`may` for many objects without I/O per object (an import deciding row by row): the
    caller's grants are loaded once, then each answer is the engine's `decide`."""
    grants = await grants_of(principal)

    def check(
        action: Action,
        *,
        license_id: int | None = None,
        vendor_id: int | None = None,
        owner_id: int | None = None,
    ) -> bool:
        return decide(
            principal, grants, action, license_id=license_id, vendor_id=vendor_id, owner_id=owner_id
        )

    return check


# --- Jobs ------------------------------------------------------------------------------------


def may_use_upload(principal: Principal, uploaded_by_id: int | None) -> bool:
    """An uploaded file (an import's input) is its uploader's alone; the system (the CLI, a
    job) may use any."""
    return principal.kind is PrincipalKind.SYSTEM or is_self(principal, uploaded_by_id)


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


# --- Audit reports and license keys ----------------------------------------------------------


def may_report_audit(principal: Principal) -> bool:
    """A signed audit report (`auditReport`, `licman audit report`) holds every event of its
    range: those who may read the audit log, auditors and admins (a token needs `audit:read`).
    Checked when the job starts and again when it runs, for the user as they are then."""
    return role_allows(principal, Action.AUDIT_VIEW)


async def may_generate_license_keys(
    principal: Principal, *, license_id: int, vendor_id: int | None, owner_id: int | None
) -> bool:
    """Filling a license's pool of product keys changes the license: `license.change` on it
    (by role or a CHANGE grant). Auditors never."""
    return await may(
        principal,
        Action.LICENSE_CHANGE,
        license_id=license_id,
        vendor_id=vendor_id,
        owner_id=owner_id,
    )


async def may_issue_license_keys(
    principal: Principal, *, license_id: int, vendor_id: int | None, owner_id: int | None
) -> bool:
    """Handing a product key or a signed license file to a licensee is giving out a seat of
    the license: `license.assign` on it (by role or an ASSIGN grant); the key is shown to the
    issuer once and the issue is audited. Auditors never."""
    return await may(
        principal,
        Action.LICENSE_ASSIGN,
        license_id=license_id,
        vendor_id=vendor_id,
        owner_id=owner_id,
    )


# --- Exports ---------------------------------------------------------------------------------


async def export_revealable(principal: Principal) -> Q:
    """The licenses whose secrets an export may carry for P: those P may reveal one by one
    (the same answer as `may(..., LICENSE_REVEAL)`, as a filter for SQL)."""
    return await action_scope(principal, Action.LICENSE_REVEAL)


def may_export_secrets(principal: Principal, *, exported: int, revealable: int) -> bool:
    """An export carries secrets only if P may reveal EVERY license in it: `revealable` of
    the `exported` licenses pass `export_revealable`. One hidden secret among them and the
    export carries none (it is refused, not thinned out, so nobody mistakes a partial file
    for a complete one). Each secret written is then audited as a reveal."""
    return (
        principal.is_authenticated
        and scope_allows(principal, Action.LICENSE_REVEAL)
        and revealable == exported
    )


# --- Expiry reminders and the calendar feed ---------------------------------------------------

# Admins and managers look after every license, so every license's expiry reaches them.
REMINDED_OF_ALL = frozenset({Role.ADMIN, Role.MANAGER})
# What a calendar feed URL may read: it is a credential in a calendar app, read-only.
CALENDAR_SCOPES = frozenset({"licenses:read"})


def reminded_of(user_id: int, role: Role) -> Q:
    """The licenses whose expiry and cancel-by dates a user is reminded of, as a filter on
    License: every license for admins and managers; otherwise those the user owns, and
    those the user holds a seat of where the license says seat holders are reminded
    (`remind_seat_holders`). Each is a license the user may see (`license_scope`)."""
    if role in REMINDED_OF_ALL:
        return Q()
    held = SeatAssignment.filter(user_id=user_id, active_holder__isnull=False).values("license_id")
    return Q(owner_id=user_id) | Q(remind_seat_holders=True, id__in=Subquery(held))


def may_manage_reminders_of(principal: Principal, user_id: int) -> bool:
    """Reminder choices and the calendar feed URL: one's own only (with `account.manage`,
    checked where they change): nobody, not even an admin, reads another's feed URL."""
    return is_self(principal, user_id) and scope_allows(principal, Action.ACCOUNT_MANAGE)
