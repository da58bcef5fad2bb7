"""The engine's SQL filters agree with its one-object answers: for every kind of caller and
every license, `action_scope(P, A)` selects the license exactly when `may(P, A, ...)` says
yes; and ordering users by e-mail is never open to someone who may not read e-mails."""

from __future__ import annotations

import pytest

from licman.models import License, Role
from licman.security.permissions import (
    LICENSE_ACTIONS,
    ROLE_ACTIONS,
    SCOPES,
    Action,
    action_scope,
    may,
)
from licman.security.principal import Principal, PrincipalKind
from tests.backends import TestDatabase
from tests.schema.escalation_world import CALLERS, build_world

PER_LICENSE = sorted(LICENSE_ACTIONS - {Action.LICENSE_VIEW, Action.GRANT_MANAGE})


async def test_action_scope_selects_exactly_the_licenses_may_allows(db: TestDatabase) -> None:
    world = await build_world()
    licenses = await License.all().values("id", "owner_id", "product__vendor_id")
    checked = 0
    for name, spec in CALLERS.items():
        user = world.users[name]
        principal = Principal(PrincipalKind.TOKEN, user=user, scopes=frozenset(spec.scopes) or None)
        for action in PER_LICENSE:
            selected = set(
                await License.filter(await action_scope(principal, action)).values_list(
                    "id", flat=True
                )
            )
            for row in licenses:
                allowed = await may(
                    principal,
                    action,
                    license_id=row["id"],
                    vendor_id=row["product__vendor_id"],
                    owner_id=row["owner_id"],
                )
                assert (row["id"] in selected) == allowed, (name, action, row)
                checked += allowed
    assert checked > 0  # some caller may do something somewhere


async def test_license_view_has_its_own_scope(db: TestDatabase) -> None:
    with pytest.raises(ValueError, match="license_scope"):
        await action_scope(Principal(PrincipalKind.SYSTEM), Action.LICENSE_VIEW)


def test_whoever_may_list_users_may_read_their_e_mails() -> None:
    # `users` and `Team.members` are sorted by e-mail; the sort would leak addresses to
    # anyone who may list users but not read e-mails. No role or scope allows that.
    for role in Role:
        actions = ROLE_ACTIONS[role]
        assert Action.USER_VIEW not in actions or Action.USER_VIEW_EMAIL in actions, role
    for scope, actions in SCOPES.items():
        assert Action.USER_VIEW not in actions or Action.USER_VIEW_EMAIL in actions, scope
