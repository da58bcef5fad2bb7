"""Look-ahead at the fields a query selected, through fragments and aliases, so that a
resolver can fetch exactly what is needed in as few statements as possible."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from licman.schema.context import Info


def _walk(selections: Iterable[Selection], prefix: str, into: set[str]) -> None:
    for selection in selections:
        if isinstance(selection, SelectedField):
            path = f"{prefix}{selection.name}"
            into.add(path)
            _walk(selection.selections, f"{path}.", into)
        elif isinstance(selection, FragmentSpread | InlineFragment):
            _walk(selection.selections, prefix, into)


def selected_paths(info: Info) -> set[str]:
    """Dotted paths below the current field: {"edges", "edges.node", "edges.node.tags"...}."""
    paths: set[str] = set()
    for field in info.selected_fields:
        _walk(field.selections, "", paths)
    return paths


def wants_any(paths: set[str], *names: str) -> bool:
    """True if a selected path ends with one of the names (at any depth)."""
    return any(path == name or path.endswith(f".{name}") for path in paths for name in names)
