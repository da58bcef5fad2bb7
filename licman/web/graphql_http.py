"""GraphQL over HTTP at the edge: the media type to answer with, and reading a request body into
one operation, refusing with a reason (400) anything that is not one."""

from __future__ import annotations

import functools
import json
import re
import sys
from typing import Any

import orjson
from cross_web import HTTPException
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# Deeper than any input Licman has (an input object holds at most a list of objects); JSON
# deeper than this reaches no resolver, so nothing below has to cope with it.
MAX_DEPTH = 64
TOO_DEEP = f"The request's JSON is nested too deeply (over {MAX_DEPTH} levels)."

ERROR_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    503: "UNAVAILABLE",
}


def _quality(accept: str, wanted: str) -> float:
    """The q value the Accept header gives the media type (wildcards only for JSON)."""
    best = 0.0
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if media.lower() not in (wanted, "application/*", "*/*"):
            continue
        if media.lower() != wanted and wanted != JSON:
            continue  # `*/*` means "anything", which the spec answers with application/json
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best = max(best, q)
    return best


@functools.lru_cache(maxsize=64)  # clients send the same few Accept headers again and again
def response_media_type(accept: str | None) -> str:
    """`application/graphql-response+json` when the client prefers it (GraphQL over HTTP);
    `application/json` when it asks for that, sends no Accept or accepts anything."""
    if not accept:
        return JSON
    modern = _quality(accept, GRAPHQL_RESPONSE)
    return GRAPHQL_RESPONSE if modern > 0 and modern >= _quality(accept, JSON) else JSON


def is_request_error(result: ExecutionResult) -> bool:
    """Refused before any field ran (syntax, validation, variables): the response has no data.
    Errors of fields always carry a path; these never do."""
    if isinstance(result, PreExecutionError):
        return True
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


def kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def bad_request(message: str) -> HTTPException:
    return HTTPException(400, message)


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


_LONG_NUMBER = re.compile(rb"[0-9]{19}")


def parse_json(data: str | bytes) -> Any:
    """The decoded JSON, or a 400 that says what is wrong with it."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    if _LONG_NUMBER.search(raw):
        value = _loads(data)  # orjson would turn an integer past 64 bits into a float
    else:
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            # Not for orjson (bad JSON, NaN, a lone surrogate): the standard library
            # decides, and words the refusal.
            value = _loads(data)
    # Nesting needs an opening bracket per level: most bodies have too few to be deep.
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH and _too_deep(value):
        raise bad_request(TOO_DEEP)
    return value


def _loads(data: str | bytes) -> Any:
    try:
        return json.loads(data)
    except UnicodeDecodeError as exc:
        raise bad_request(
            f"The request is not valid UTF-8: {exc.reason} at byte {exc.start}."
        ) from None
    except json.JSONDecodeError as exc:
        raise bad_request(
            f"The request is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        raise bad_request(TOO_DEEP) from None
    except ValueError as exc:
        if "digits" not in str(exc):
            raise bad_request(f"The request is not valid JSON: {exc}.") from None
        # Python refuses to convert longer integers (quadratic time): CVE-2020-10735.
        limit = sys.get_int_max_str_digits()
        raise bad_request(f"The request has a number with more than {limit} digits.") from None


def operation_of(data: Any) -> GraphQLRequestData:
    """One GraphQL operation from a decoded POST body, its parts checked for type."""
    if isinstance(data, list):
        raise bad_request("Batched requests are not supported: send one operation per request.")
    if not isinstance(data, dict):
        raise bad_request(
            f'The request body must be a JSON object, not {kind_of(data)}: send {{"query": "..."}}.'
        )
    query = data.get("query")
    if query is None:
        raise bad_request("The request has no query.")
    if not isinstance(query, str):
        raise bad_request(f"query must be a string, not {kind_of(query)}.")
    for name, expected, described in (
        ("operationName", str, "a string"),
        ("variables", dict, "an object"),
        ("extensions", dict, "an object"),
    ):
        value = data.get(name)
        if value is not None and not isinstance(value, expected):
            raise bad_request(f"{name} must be {described} or null, not {kind_of(value)}.")
    return GraphQLRequestData(
        query=query,
        variables=data.get("variables"),
        operation_name=data.get("operationName"),
        extensions=data.get("extensions"),
        protocol="http",
    )
