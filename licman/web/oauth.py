"""The OAuth2 endpoints: /oauth/authorize (sign-in, then consent), /oauth/token,
/oauth/revoke (RFC 7009), /oauth/introspect (RFC 7662) and the RFC 8414 metadata.

Requests are read here, asynchronously; Authlib's sync server then runs in a worker thread
(see security/oauth_server.py). Authorization errors go back to the client's redirect URI
only once Authlib has verified it against the client; otherwise they are a page here.
"""

from __future__ import annotations

import hmac
import re
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, quote

import anyio.to_thread
from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc6749 import InsecureTransportError, OAuth2Error
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from licman.models import Session
from licman.security.oauth_records import UserRecord
from licman.security.oauth_server import (
    LicmanAuthorizationServer,
    LicmanRequest,
    OAuthReply,
    metadata,
)
from licman.security.sessions import COOKIE_NAME, find_session
from licman.settings import Settings
from licman.web.csrf import csrf_token_for, origin_allowed
from licman.web.oauth_pages import consent_page, error_page
from licman.web.origin import request_origin

MAX_FORM = 16 * 1024
MAX_FIELDS = 30
FORM_TYPE = "application/x-www-form-urlencoded"
NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}
INSECURE = "OAuth2 needs https: set public_url to the https:// address of this server."


class BadForm(Exception):
    def __init__(self, message: str, client_id: str | None = None) -> None:
        super().__init__(message)
        self.client_id = client_id


def _server(request: Request) -> LicmanAuthorizationServer:
    server: LicmanAuthorizationServer = request.app.state.oauth_server
    return server


# RFC 6749 Appendix A: parameters are printable ASCII. Authlib also quotes some of them in
# error descriptions, which may not hold '"' or '\\' (it raises instead of answering), so
# those are refused here first; `state` alone may hold them (VSCHAR), and is never quoted.
_PRINTABLE = re.compile(r"[\x20-\x7e]*")
_QUOTABLE = re.compile(r"[\x20-\x21\x23-\x5b\x5d-\x7e]*")


def _pairs(text: str) -> list[tuple[str, str]]:
    # Blank values count as absent (RFC 6749 3.1); a repeated parameter is an error.
    pairs = parse_qsl(text, keep_blank_values=False, max_num_fields=MAX_FIELDS)
    names = [name for name, _ in pairs]
    repeated = sorted({name for name in names if names.count(name) > 1})
    client_id = next((v for k, v in pairs if k == "client_id"), None)
    if repeated:
        raise BadForm(f"The parameter '{repeated[0]}' is repeated.", client_id)
    for name, value in pairs:
        allowed = _PRINTABLE if name == "state" else _QUOTABLE
        if not allowed.fullmatch(name) or not allowed.fullmatch(value):
            raise BadForm("A parameter holds characters OAuth2 does not allow.", client_id)
    return pairs


async def _bad_request(request: Request, endpoint: str, problem: BadForm) -> None:
    """Refused before Authlib saw it: audited all the same."""
    await _server(request).store.refused(
        endpoint, problem.client_id, "invalid_request", str(problem), request_origin(request)
    )


async def _form(request: Request) -> list[tuple[str, str]]:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != FORM_TYPE:
        raise BadForm(f"Send the parameters as {FORM_TYPE}.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            raise BadForm(f"The body may be at most {MAX_FORM} bytes.")
    try:
        return _pairs(body.decode("utf-8"))
    except ValueError:  # not UTF-8, or too many fields
        raise BadForm("The body is not a valid form.") from None


def _oauth_request(
    request: Request, settings: Settings, params: list[tuple[str, str]], endpoint: str
) -> LicmanRequest:
    # The URI Authlib sees starts with the configured issuer, not the Host header.
    query = f"?{request.url.query}" if request.url.query else ""
    return LicmanRequest(
        request.method,
        f"{settings.issuer}{request.url.path}{query}",
        request.headers,
        params,
        request_origin(request),
        endpoint,
    )


def _json_error(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_description": description}, status_code=status, headers=NO_STORE
    )


def _response(reply: OAuthReply) -> Response:
    headers = {k.lower(): v for k, v in reply.headers if k.lower() != "content-type"}
    headers.update(NO_STORE)
    if isinstance(reply.body, dict):
        return JSONResponse(reply.body, status_code=reply.status, headers=headers)
    return Response(str(reply.body or ""), status_code=reply.status, headers=headers)


async def _endpoint(request: Request, endpoint: str, run: Any) -> Response:
    """Token, revocation and introspection: a form in, JSON out, never cached."""
    settings: Settings = request.app.state.settings
    try:
        params = await _form(request)
        oauth_request = _oauth_request(request, settings, params, endpoint)
    except BadForm as exc:
        await _bad_request(request, endpoint, exc)
        return _json_error("invalid_request", str(exc))
    except InsecureTransportError:
        return _json_error("invalid_request", INSECURE)
    reply: OAuthReply = await anyio.to_thread.run_sync(run, oauth_request)
    return _response(reply)


async def token(request: Request) -> Response:
    server = _server(request)
    return await _endpoint(request, "token", server.create_token_response)


async def revoke(request: Request) -> Response:
    server = _server(request)
    return await _endpoint(
        request, "revoke", partial(server.create_endpoint_response, "revocation")
    )


async def introspect(request: Request) -> Response:
    server = _server(request)
    run = partial(server.create_endpoint_response, "introspection")
    return await _endpoint(request, "introspect", run)


async def server_metadata(request: Request) -> Response:
    return JSONResponse(metadata(request.app.state.settings))


# --- the authorization endpoint -------------------------------------------------------------


def _with_issuer(reply: OAuthReply, settings: Settings, status: int) -> Response:
    """Back to the verified redirect URI, naming this server (RFC 9207), so a client that
    talks to several servers can tell which one answered (mix-up attacks)."""
    location = reply.location
    assert location is not None
    target = add_params_to_uri(location, [("iss", settings.issuer)])
    return RedirectResponse(target, status_code=status, headers=NO_STORE)


async def _refusal(
    server: LicmanAuthorizationServer, oauth_request: LicmanRequest, error: OAuth2Error
) -> Response:
    reply: OAuthReply = await anyio.to_thread.run_sync(
        server.handle_error_response, oauth_request, error
    )
    if reply.location:  # Authlib sets it only for a redirect URI verified for this client
        return _with_issuer(reply, server.settings, 302)
    return error_page(error.get_error_description() or error.error)


async def authorize(request: Request) -> Response:
    """GET shows the consent page (after sign-in); POST records the user's decision."""
    server, settings = _server(request), request.app.state.settings
    try:
        params = _pairs(request.url.query)
        oauth_request = _oauth_request(request, settings, params, "authorize")
    except BadForm as exc:
        await _bad_request(request, "authorize", exc)
        return error_page(str(exc))
    except ValueError:
        return error_page("The request has too many parameters.")
    except InsecureTransportError:
        return error_page(INSECURE)
    key = request.cookies.get(COOKIE_NAME)
    session = await find_session(key, settings) if key else None
    user = _user_record(session)
    try:
        grant = await anyio.to_thread.run_sync(server.get_consent_grant, oauth_request, user)
    except OAuth2Error as error:
        return await _refusal(server, oauth_request, error)
    if session is None or key is None:
        next_path = quote(f"{request.url.path}?{request.url.query}", safe="")
        return RedirectResponse(f"/sign-in?next={next_path}", status_code=303, headers=NO_STORE)
    if request.method == "GET":
        client = oauth_request.client
        return consent_page(
            client_name=client.name,
            scopes=oauth_request.scope.split(),
            user_name=session.user.name,
            user_email=session.user.email,
            redirect_uri=grant.redirect_uri,
            csrf_token=csrf_token_for(key),
        )
    decision = await _decision(request, settings, key)
    if decision is None:
        return error_page("The form expired or was sent from another site.", status=403)
    run = partial(
        server.create_authorization_response,
        oauth_request,
        user if decision == "allow" else None,
        grant,
    )
    reply: OAuthReply = await anyio.to_thread.run_sync(run)
    # 303: the browser follows with a GET and never re-sends the form (RFC 9700 4.12).
    return _with_issuer(reply, settings, 303)


def _user_record(session: Session | None) -> UserRecord | None:
    if session is None:
        return None
    return UserRecord(session.user.id, session.user.email, session.user.name)


async def _decision(request: Request, settings: Settings, session_key: str) -> str | None:
    """ "allow" or "deny" from a consent form this session's own page sent, else None."""
    if not origin_allowed(request, settings):
        return None
    try:
        form = dict(await _form(request))
    except BadForm:
        return None
    sent = form.get("csrf_token", "")
    if not hmac.compare_digest(sent.encode(), csrf_token_for(session_key).encode()):
        return None
    decision = form.get("decision")
    return decision if decision in ("allow", "deny") else None
