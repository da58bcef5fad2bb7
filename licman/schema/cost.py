"""The query cost model: what one field of a GraphQL request is expected to cost the server,
before anything runs. limits.py applies it to a whole document.

A field costs 1, and a secret reveal costs REVEAL_COST (it decrypts and writes an audit
event). A list multiplies what is selected inside it by the rows it can return: the page
size for a connection's `edges`/`nodes` (`first`/`last`, at most MAX_PAGE; absent, MAX_PAGE)
and LIST_SIZE for a list with no page size (a license's tags, the vendors). So the cost is
an upper bound on the fields a request resolves, with reveals weighted heavily.

Introspection is answered from the schema in memory, whatever the request asks: `__schema`
costs INTROSPECTION_COST (about what a page of licenses costs, measured: a full dump of
this schema takes 25-35 ms) and the lists inside it count one row each, so the explorer's
introspection query costs about 2,200."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    ArgumentNode,
    FieldNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    IntValueNode,
    NullValueNode,
    VariableNode,
    get_named_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef

from licman.resolvers import audit_query, license_query

REVEAL_COST = 100
INTROSPECTION_COST = 2000
LIST_SIZE = 10
MAX_PAGE = max(audit_query.MAX_PAGE, license_query.MAX_PAGE)
PAGE_ARGUMENTS = frozenset({"first", "last"})
# Fields that reveal a secret, by (type, field). `secret` under a type the analysis cannot
# tell (a misspelt fragment condition) counts too: the count must never be too low.
REVEALS = frozenset({("License", "secret")})
_META_FIELDS = {
    "__schema": SchemaMetaFieldDef,
    "__type": TypeMetaFieldDef,
    "__typename": TypeNameMetaFieldDef,
}


@dataclass(frozen=True, slots=True)
class FieldKind:
    """What the cost model needs to know about one field of the schema."""

    type: GraphQLNamedType | None  # the type its selections are on; None: unknown field
    is_list: bool  # multiplies what is selected inside it by its rows
    paged: bool  # takes first/last: its edges and nodes hold a page of rows
    reveals: bool
    cost: int  # of the field itself, once


def field_kind(schema: GraphQLSchema, parent: GraphQLNamedType | None, name: str) -> FieldKind:
    definition: GraphQLField | None = _META_FIELDS.get(name)
    if definition is None and isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        definition = parent.fields.get(name)
    reveals = name == "secret" and (
        definition is None or (parent is not None and (parent.name, name) in REVEALS)
    )
    own = REVEAL_COST if reveals else INTROSPECTION_COST if name == "__schema" else 1
    if definition is None:
        return FieldKind(None, False, False, reveals, own)
    output = definition.type
    if isinstance(output, GraphQLNonNull):
        output = output.of_type
    in_introspection = parent is not None and parent.name.startswith("__")
    is_list = isinstance(output, GraphQLList) and not in_introspection
    paged = not PAGE_ARGUMENTS.isdisjoint(definition.args)
    return FieldKind(get_named_type(output), is_list, paged, reveals, own)


def page_size(field: FieldNode, variables: dict[str, object]) -> int:
    """The rows a paged field's `first`/`last` asks for; MAX_PAGE when neither is given (or
    both are null). Values the resolvers would refuse count as MAX_PAGE (or 0 below zero),
    so the resolver, not the cost limit, explains what is wrong with them."""
    given = [_value(a, variables) for a in field.arguments or () if a.name.value in PAGE_ARGUMENTS]
    sizes = [variable_rows(v) for v in given if v is not None]
    return max(sizes) if sizes else MAX_PAGE


def page_variables(field: FieldNode) -> list[str]:
    """Variables that give this field's page size: the analysis depends on their values."""
    return [
        a.value.name.value
        for a in field.arguments or ()
        if a.name.value in PAGE_ARGUMENTS and isinstance(a.value, VariableNode)
    ]


def _value(argument: ArgumentNode, variables: dict[str, object]) -> object:
    if isinstance(argument.value, IntValueNode):
        return int(argument.value.value)
    if isinstance(argument.value, VariableNode):
        return variables.get(argument.value.name.value)
    if isinstance(argument.value, NullValueNode):
        return None
    return argument.value  # not a number: variable_rows counts it as the largest page


def variable_rows(value: object) -> int:
    """Rows for a page-size value: null, absent or not a number count as the largest page."""
    if isinstance(value, bool) or not isinstance(value, int):
        return MAX_PAGE
    return max(0, min(value, MAX_PAGE))
