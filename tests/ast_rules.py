"""Checks over Licman's own source, read as syntax trees: where rules and queries may live."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "licman"

# Tortoise query and write methods: called on a model class (or a queryset made from one).
QUERY_METHODS = frozenset(
    {
        "all", "annotate", "bulk_create", "bulk_update", "count", "create", "delete",
        "exclude", "exists", "filter", "first", "get", "get_or_create", "get_or_none",
        "in_bulk", "raw", "save", "select_for_update", "select_related", "prefetch_related",
        "update", "update_or_create", "values", "values_list",
    }
)  # fmt: skip
ROLE_NAMES = frozenset({"ADMIN", "MANAGER", "AUDITOR", "MEMBER"})
RULE_TABLES = frozenset(
    {"ROLE_ACTIONS", "RIGHT_ACTIONS", "OWNER_ACTIONS", "NEVER_FOR_AUDITORS", "decide"}
)


def modules(folder: Path) -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(folder.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(), str(path))


def _root_name(node: ast.expr) -> str | None:
    """`models.License.filter(...).first` -> "models"; a call's receiver chain to its start."""
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id
        else:
            return None


def model_names(tree: ast.Module) -> set[str]:
    """Names that refer to licman.models or a class from it, in this module."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "licman.models":
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module == "licman":
            names.update(
                alias.asname or alias.name for alias in node.names if alias.name == "models"
            )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("licman.models"):
                    names.add(alias.asname or "licman")
    return names


def _type_only(tree: ast.Module) -> set[ast.AST]:
    """Nodes under `if TYPE_CHECKING:`: imported for annotations, never run."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for child in node.body:
                found.update(ast.walk(child))
    return found


def database_access(tree: ast.Module) -> list[str]:
    """Imports of tortoise and query calls on models: what a schema module must not do (an
    import for type annotations only, under `if TYPE_CHECKING:`, is allowed)."""
    found: list[str] = []
    models = model_names(tree)
    type_only = _type_only(tree)
    for node in ast.walk(tree):
        if node in type_only:
            continue
        if isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] == "tortoise"]  # fmt: skip
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tortoise":
            found.append(f"line {node.lineno}: from {node.module} import ...")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_METHODS
            and _root_name(node.func.value) in models
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node.func)}(...)")
    return found


def _is_role(node: ast.expr) -> bool:
    """`x.role`, `Role.ADMIN`, `models.Role.ADMIN`, `Role(...)`."""
    if isinstance(node, ast.Attribute):
        if node.attr == "role":
            return True
        owner = node.value
        return node.attr in ROLE_NAMES and (
            (isinstance(owner, ast.Name) and owner.id == "Role")
            or (isinstance(owner, ast.Attribute) and owner.attr == "Role")
        )
    if isinstance(node, ast.Call):
        func = node.func
        return (isinstance(func, ast.Name) and func.id == "Role") or (
            isinstance(func, ast.Attribute) and func.attr == "Role"
        )
    return False


def _is_caller_id(node: ast.expr) -> bool:
    """`principal.user.id` (or `….principal.user.id`)."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "id"
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "user"
        and "principal" in ast.unparse(node.value.value)
    )


def rule_fragments(tree: ast.Module, *, may_name_roles: bool) -> list[str]:
    """Decisions that belong to the permission engine: comparing roles, comparing the
    caller's id, reading the caller's role or sign-in state, naming privileged roles, or
    reaching into the engine's tables."""
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}: "
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_role(o) for o in operands):
                found.append(where + "compares roles: " + ast.unparse(node))
            if any(_is_caller_id(o) for o in operands):
                found.append(where + "compares the caller's id: " + ast.unparse(node))
        elif isinstance(node, ast.Attribute):
            owner = ast.unparse(node.value)
            if node.attr in {"role", "is_authenticated"} and owner.endswith("principal"):
                found.append(where + f"reads {owner}.{node.attr}")
            elif (
                not may_name_roles
                and node.attr in ROLE_NAMES - {"MEMBER"}
                and owner.endswith("Role")
            ):
                found.append(where + f"names {owner}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "licman.security.permissions":
            found += [where + f"imports {a.name}" for a in node.names if a.name in RULE_TABLES]
    return found
