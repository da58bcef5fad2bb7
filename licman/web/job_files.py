"""GET /downloads/{id}: download a file a job wrote (the rows to fix after an import, an
export), streamed and decrypted chunk by chunk, for the user who started the job and admins."""

from __future__ import annotations

from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from licman.resolvers.errors import DomainError
from licman.resolvers.job_file import file_chunks, job_file_get
from licman.schema.ids import decode_id
from licman.security.authn import AuthenticationError, authenticate
from licman.security.sessions import COOKIE_NAME
from licman.web.origin import request_origin


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def download(request: Request) -> Response:
    authorization = request.headers.get("authorization")
    session_key = None if authorization else request.cookies.get(COOKIE_NAME)
    try:
        principal = await authenticate(
            authorization, session_key, request_origin(request), request.app.state.settings
        )
        record = await job_file_get(
            principal, decode_id(request.path_params["file_id"], "JobFile", "id")
        )
    except AuthenticationError as exc:
        return _error(401, "UNAUTHENTICATED", str(exc))
    except DomainError as exc:
        status = 401 if exc.code == "UNAUTHENTICATED" else 404
        return _error(status, str(exc.code), exc.message)

    async def body() -> AsyncIterator[bytes]:
        async for piece in file_chunks(record.id):
            yield piece

    safe_name = "".join(c if c.isalnum() or c in "._-" else "_" for c in record.name)
    return StreamingResponse(
        body(),
        media_type=record.content_type,
        headers={
            "content-disposition": f'attachment; filename="{safe_name}"',
            "content-length": str(record.size),
            "cache-control": "no-store",
            "x-content-type-options": "nosniff",
        },
    )
