"""Every permission rule lives in licman/security/permissions.py: no other module compares
roles or the caller's id, reads the caller's role, or names a privileged role."""

from __future__ import annotations

import ast

from tests.ast_rules import PACKAGE, modules, rule_fragments

ENGINE = "licman/security/permissions.py"
# Where roles are defined, stored and created (the CLI's `--admin`), and the system principal.
MAY_NAME_ROLES = ("licman/models/", "licman/migrations/", "licman/security/principal.py",
                  "licman/cli.py")  # fmt: skip
PENDING: set[str] = set()


def test_no_module_but_the_engine_holds_a_rule() -> None:
    found = {
        path: problems
        for path, tree in modules(PACKAGE)
        if path != ENGINE
        and path not in PENDING
        and (problems := rule_fragments(tree, may_name_roles=path.startswith(MAY_NAME_ROLES)))
    }
    assert found == {}


def test_the_check_sees_each_kind_of_rule_fragment() -> None:
    source = """
from licman.security.permissions import RIGHT_ACTIONS, may
def f(principal, user, row):
    if principal.role is not Role.ADMIN and principal.user.id != user.id:
        pass
    if row.user_id == principal.user.id or not principal.is_authenticated:
        pass
    return models.Role.AUDITOR, Role.MEMBER
"""
    assert sorted(rule_fragments(ast.parse(source), may_name_roles=False)) == sorted(
        [
            "line 2: imports RIGHT_ACTIONS",
            "line 4: compares roles: principal.role is not Role.ADMIN",
            "line 4: reads principal.role",
            "line 4: names Role.ADMIN",
            "line 4: compares the caller's id: principal.user.id != user.id",
            "line 6: compares the caller's id: row.user_id == principal.user.id",
            "line 6: reads principal.is_authenticated",
            "line 8: names models.Role.AUDITOR",
        ]
    )
    allowed = rule_fragments(ast.parse(source), may_name_roles=True)
    assert not any("names" in line for line in allowed)
    assert len(allowed) == 6
