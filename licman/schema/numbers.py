"""Numbers too large for any input Licman has are refused before anything converts them: a
number literal in the document of more than MAX_DIGITS digits, or a float literal past a
double's range.

Python refuses to convert an integer of more than 4,300 digits (and converting one of a few
thousand takes quadratic time), so a document such as `{ licenses(first: 999...) { ... } }`
would otherwise fail where the request limits read the page size, or in validation with
Python's own message, or reach a resolver as a misleading value (a cost of 1e999 is
Decimal('Infinity')). limits.py checks the document before it measures anything (so the answer
is cached with the document's figures) and refusals.py words the error: INVALID, naming the
argument, input field or variable whose default it is, such as `first` or `input.seats`, like
every other refused input.

Variables need no such check: the JSON decoder refuses a number of more than 4,300 digits
(graphql_http.py: 400), and graphql-core's coercion and the resolvers refuse shorter ones,
naming the variable or field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FloatValueNode,
    GraphQLError,
    IntValueNode,
    ObjectFieldNode,
    Token,
    TokenKind,
    VariableDefinitionNode,
    Visitor,
    visit,
)
from graphql.language.visitor import BREAK

# Far past any number an input takes: an Int has 10 digits, a 64-bit integer 19, a cost
# (Decimal) at most 19 (1,000,000,000,000 with 6 decimal places), a double's shortest
# form at most 17 and an exponent of 3.
MAX_DIGITS = 20
_NUMBER_TOKENS = (TokenKind.INT, TokenKind.FLOAT)


@dataclass(frozen=True, slots=True)
class BadNumber:
    """A number the request may not give, and where."""

    field: str  # the argument or input field (dotted), or the variable: `input.seats`, `n`
    reason: str  # completes "<field> <reason>."
    node: IntValueNode | FloatValueNode | None = None  # a literal's place in the document

    def error(self) -> GraphQLError:
        return GraphQLError(
            f"{self.field} {self.reason}.",
            self.node,
            extensions={"code": "INVALID", "field": self.field},
        )


def _literal_problem(text: str, is_float: bool) -> str | None:
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_DIGITS:
        return f"is too large a number: {digits:,} digits, over the limit of {MAX_DIGITS}"
    if is_float and not math.isfinite(float(text)):
        return f"is too large a number: {text} is past a 64-bit float's range"
    return None


def literal(document: DocumentNode) -> BadNumber | None:
    """The first number literal in the document that is too large, wherever it stands (in
    any operation or fragment, an argument, an input object, a list or a variable's default).
    The document's tokens are read in one pass; only a document with such a number is walked
    to name its place."""
    loc = document.loc
    if loc is not None:
        token: Token | None = loc.start_token
        while token is not None:
            text = token.value or ""
            is_float = token.kind is TokenKind.FLOAT
            if (
                token.kind in _NUMBER_TOKENS
                and (len(text) > MAX_DIGITS or is_float)
                and _literal_problem(text, is_float) is not None
            ):
                break
            token = token.next
        else:
            return None
    finder = _Finder()
    visit(document, finder)
    return finder.found


class _Finder(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: BadNumber | None = None

    def enter_int_value(
        self, node: IntValueNode, _key: Any, parent: Any, _path: Any, ancestors: Any
    ) -> Any:
        return self._check(node, parent, ancestors, is_float=False)

    def enter_float_value(
        self, node: FloatValueNode, _key: Any, parent: Any, _path: Any, ancestors: Any
    ) -> Any:
        return self._check(node, parent, ancestors, is_float=True)

    def _check(
        self,
        node: IntValueNode | FloatValueNode,
        parent: Any,
        ancestors: Any,
        is_float: bool,
    ) -> Any:
        reason = _literal_problem(node.value, is_float)
        if reason is None:
            return None
        self.found = BadNumber(place_in_document([*ancestors, parent]), reason, node)
        return BREAK


def place_in_document(ancestors: list[Any]) -> str:
    """Where a literal sits, named for the person who wrote the document: the arguments,
    input fields and variable that lead to it ("input.metadata.a", "first", "n"), or "query"."""
    names: list[str] = []
    for ancestor in ancestors:
        if isinstance(ancestor, ArgumentNode | ObjectFieldNode):
            names.append(ancestor.name.value)
        elif isinstance(ancestor, VariableDefinitionNode):
            names.append(ancestor.variable.name.value)
    return ".".join(names) or "query"
