"""What a request gets when its document is over a limit: one GraphQL error per limit it
breaks, naming the limit, the request's figure and the allowed one, with the code
QUERY_TOO_COMPLEX and the figures in `extensions`. A number literal too large (numbers.py) is
refused on its own, as INVALID input naming the argument."""

from __future__ import annotations

from graphql import GraphQLError

from licman.schema.limits import CAP, NESTING_CEILING, Figures
from licman.settings import Settings

CODE = "QUERY_TOO_COMPLEX"


def _amount(value: int) -> str:
    return f"{value:,}" if value < CAP else f"at least {CAP:,}"


def _error(limit: str, value: int, most: int, message: str) -> GraphQLError:
    extensions = {"code": CODE, "limit": limit, "value": min(value, CAP), "max": most}
    return GraphQLError(message, extensions=extensions)


def refusals(figures: Figures, settings: Settings) -> list[GraphQLError]:
    if figures.number is not None:  # INVALID input, the document otherwise unmeasured
        return [figures.number.error()]
    found: list[GraphQLError] = []
    most = settings.graphql_max_depth
    if figures.too_nested:
        text = f"Query nests more than {NESTING_CEILING} levels; the depth limit is {most}."
        found.append(_error("depth", figures.depth, most, text))
    elif figures.depth > most:
        text = f"Query depth {_amount(figures.depth)} is over the limit of {most}."
        found.append(_error("depth", figures.depth, most, text))
    checks = (
        ("aliases", figures.aliases, settings.graphql_max_aliases, "aliases"),
        (
            "duplicates",
            figures.duplicates,
            settings.graphql_max_duplicates,
            "repeated selections (a field or fragment selected again in the same place)",
        ),
        ("directives", figures.directives, settings.graphql_max_directives, "directives"),
    )
    for limit, value, allowed, what in checks:
        if value > allowed:
            text = f"Query has {_amount(value)} {what}, over the limit of {allowed:,}."
            found.append(_error(limit, value, allowed, text))
    if figures.reveals > settings.graphql_max_reveals:
        text = (
            f"Query could reveal {_amount(figures.reveals)} secrets, over the limit of "
            f"{settings.graphql_max_reveals:,} a request (a page of N licenses counts N)."
        )
        found.append(_error("reveals", figures.reveals, settings.graphql_max_reveals, text))
    if figures.cost > settings.graphql_max_cost:
        most = settings.graphql_max_cost
        text = f"Query cost {_amount(figures.cost)} is over the limit of {most:,}."
        found.append(_error("cost", figures.cost, most, text))
    return found
