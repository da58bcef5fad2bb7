"""`POST /auth/login` and `POST /auth/logout`: the browser's session cookie (JSON in and out)."""

from __future__ import annotations

import contextlib
from typing import Any

import orjson
import structlog
from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from licman.models import Role
from licman.resolvers.errors import DomainError
from licman.resolvers.session import session_close, session_open
from licman.schema.ids import global_id
from licman.security.principal import Principal, PrincipalKind, anonymous
from licman.security.sessions import COOKIE_NAME, find_session
from licman.security.throttle import LoginThrottle
from licman.settings import Settings
from licman.web.csrf import (
    CSRF_COOKIE,
    csrf_problem,
    csrf_token_for,
    origin_allowed,
    own_origin,
)
from licman.web.origin import request_origin

MAX_BODY = 16 * 1024
log = structlog.get_logger(__name__)


def _error(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if field:
        body["error"]["field"] = field
    return JSONResponse(body, status_code=status)


async def _json_object(request: Request) -> dict[str, Any] | JSONResponse:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return _error(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return _error(413, "TOO_LARGE", f"The body may be at most {MAX_BODY} bytes.")
    body = await request.body()
    if len(body) > MAX_BODY:
        return _error(413, "TOO_LARGE", f"The body may be at most {MAX_BODY} bytes.")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return _error(400, "INVALID", "The body is not valid JSON.")
    if not isinstance(data, dict):
        return _error(400, "INVALID", "The body must be a JSON object.")
    return data


def _secure(request: Request, settings: Settings) -> bool:
    return settings.production or own_origin(request, settings).startswith("https://")


async def login(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    throttle: LoginThrottle = request.app.state.login_throttle
    if not origin_allowed(request, settings):
        return _error(403, "CSRF_FAILED", "Sign-in from this origin is not allowed.")
    data = await _json_object(request)
    if isinstance(data, JSONResponse):
        return data
    for field in ("email", "password"):
        if not isinstance(data.get(field), str) or not data[field]:
            return _error(400, "INVALID", f"{field} is required and must be a string.", field)
    origin = request_origin(request)
    try:
        attempt = await throttle.begin(data["email"], origin.ip)  # counted before checked
    except RedisError:
        log.exception("sign-in throttle store unavailable")
        return _error(503, "UNAVAILABLE", "Sign-in is unavailable for a moment; try again.")
    verdict = attempt.verdict
    if not verdict.allowed:
        response = _error(
            429,
            "TOO_MANY_ATTEMPTS",
            f"Too many failed sign-ins; try again in {verdict.retry_after_seconds} seconds.",
        )
        response.headers["retry-after"] = str(verdict.retry_after_seconds)
        return response
    try:
        key, user = await session_open(
            email=data["email"], password=data["password"], origin=origin, settings=settings
        )
    except DomainError as exc:
        with contextlib.suppress(RedisError):  # already refused; counting is best effort
            await throttle.failed(attempt)
        return _error(401, exc.code, exc.message)
    with contextlib.suppress(RedisError):
        await throttle.succeeded(attempt)
    csrf = csrf_token_for(key)
    response = JSONResponse(
        {
            "user": {
                "id": global_id("User", user.id),
                "email": user.email,
                "name": user.name,
                "role": Role(user.role).name,  # as GraphQL spells it: ADMIN, MEMBER...
            },
            "csrfToken": csrf,
        }
    )
    # The CSRF cookie is readable by the page's JavaScript, which sends it back in
    # X-CSRF-Token; the session cookie never is.
    for name, value, http_only in ((COOKIE_NAME, key, True), (CSRF_COOKIE, csrf, False)):
        response.set_cookie(
            name,
            value,
            max_age=settings.session_absolute_hours * 3600,
            httponly=http_only,
            samesite="lax",
            secure=_secure(request, settings),
            path="/",
        )
    return response


async def logout(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    key = request.cookies.get(COOKIE_NAME)
    if key:
        problem = csrf_problem(request, key, settings, require_json=False)
        if problem:
            return _error(403, "CSRF_FAILED", f"Refused: {problem}.")
        session = await find_session(key, settings)
        principal = (
            Principal(PrincipalKind.SESSION, user=session.user, session_id=session.id,
                      origin=request_origin(request))
            if session is not None
            else anonymous(request_origin(request))
        )  # fmt: skip
        await session_close(principal, key)
    response = Response(status_code=204)
    for name in (COOKIE_NAME, CSRF_COOKIE):
        response.delete_cookie(
            name,
            path="/",
            httponly=name == COOKIE_NAME,
            samesite="lax",
            secure=_secure(request, settings),
        )
    return response
