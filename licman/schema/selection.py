"""Look-ahead at the fields a query selected, through fragments and aliases, so that a
resolver can fetch exactly what is needed in as few statements as possible.

The paths depend only on the document (fragments are followed, directives are not looked
at: a field under @skip counts as selected, which only ever reads a little more), so they
are read from graphql-core's syntax tree and remembered per field, by the identity of its
nodes: the parser cache hands out the same nodes for the same text. (Strawberry's
`info.selected_fields` builds an object per selected field and converts every argument on
each request: over a tenth of a page's CPU.)"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cachetools import LRUCache
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionNode,
)

from licman.schema.context import Info

CACHE_SIZE = 512
_Found = tuple[tuple[FieldNode, ...], frozenset[str]]
_PATHS: LRUCache[tuple[int, ...], _Found] = LRUCache(CACHE_SIZE)


def _walk(
    selections: Iterable[SelectionNode],
    prefix: str,
    fragments: Mapping[str, FragmentDefinitionNode],
    into: set[str],
) -> None:
    for selection in selections:
        if isinstance(selection, FieldNode):
            path = f"{prefix}{selection.name.value}"
            into.add(path)
            if selection.selection_set is not None:
                _walk(selection.selection_set.selections, f"{path}.", fragments, into)
        elif isinstance(selection, InlineFragmentNode):
            _walk(selection.selection_set.selections, prefix, fragments, into)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                _walk(fragment.selection_set.selections, prefix, fragments, into)


def paths_below(nodes: tuple[FieldNode, ...], fragments: Mapping[str, Any]) -> frozenset[str]:
    """The dotted paths below these field nodes (one field, maybe written several times)."""
    key = tuple(id(node) for node in nodes)
    found = _PATHS.get(key)
    if found is not None and all(a is b for a, b in zip(found[0], nodes, strict=True)):
        return found[1]
    paths: set[str] = set()
    for node in nodes:
        if node.selection_set is not None:
            _walk(node.selection_set.selections, "", fragments, paths)
    frozen = frozenset(paths)
    _PATHS[key] = (nodes, frozen)  # keeps the nodes alive: their ids are not reused
    return frozen


def selected_paths(info: Info) -> set[str]:
    """Dotted paths below the current field: {"edges", "edges.node", "edges.node.tags"...}."""
    return set(selected(info))


def selected(info: Info) -> frozenset[str]:
    """selected_paths, not copied: the one remembered set (the same object for the same
    document), so what is made of it can be remembered too."""
    raw = info._raw_info
    return paths_below(tuple(raw.field_nodes), raw.fragments)


def wants_any(paths: set[str], *names: str) -> bool:
    """True if a selected path ends with one of the names (at any depth)."""
    return any(path == name or path.endswith(f".{name}") for path in paths for name in names)
