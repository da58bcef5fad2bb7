"""Text the databases cannot store is refused before any resolver runs, in one place for every
input and filter: the NUL character (PostgreSQL refuses it in text and JSON) and unpaired
surrogates (not Unicode scalar values; no database encodes them as UTF-8).

Both the document's string literals (a validation rule, so the validation cache keeps its
result per document) and the request's variables are checked; the error is INVALID and names
the argument or variable path, such as `input.name`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphql import (
    GraphQLError,
    Node,
    StringValueNode,
    ValidationRule,
)
from strawberry.extensions import SchemaExtension

from licman.schema.numbers import place_in_document

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def problem(text: str) -> str | None:
    """What makes the text unstorable, or None."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "must not contain the NUL character (U+0000)"
    return f"must not contain an unpaired surrogate (U+{ord(found.group()):04X})"


def invalid_text(field: str, reason: str, node: Node | None = None) -> GraphQLError:
    return GraphQLError(f"{field} {reason}.", node, extensions={"code": "INVALID", "field": field})


class StorableTextRule(ValidationRule):
    """Every string literal in the document, wherever it is an argument or input value."""

    def enter_string_value(
        self, node: StringValueNode, _key: Any, parent: Any, _path: Any, ancestors: Any
    ) -> None:
        reason = problem(node.value)
        if reason is None:
            return
        self.report_error(invalid_text(place_in_document([*ancestors, parent]), reason, node))


def _variable_problems(variables: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(path, reason) for each unstorable string or object key in the variables."""
    stack: list[tuple[str, Any]] = list(variables.items())
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            reason = problem(value)
            if reason is not None:
                yield path, reason
        elif isinstance(value, dict):
            for key, item in value.items():
                reason = problem(key)
                if reason is not None:
                    yield path, f"must not have a key that {reason.removeprefix('must not ')}"
                else:
                    stack.append((f"{path}.{key}", item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))


class StorableText(SchemaExtension):
    """Adds the rule for literals and checks the variables. Must come after RequestLimits in
    the schema's extensions: that one validates (with this rule) and sets the errors, and
    this one reports the variables' problems only when the document itself passed."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = (*context.validation_rules, StorableTextRule)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if not context.pre_execution_errors and context.variables:
            found = sorted(_variable_problems(context.variables))
            if found:
                # A new list: the validation cache shares its (empty) list between requests.
                context.pre_execution_errors = [invalid_text(p, r) for p, r in found]
        yield
