"""Serves the built web client (client/dist) at /: hashed assets cached for good, index.html
always revalidated, and any other non-API path answered with index.html for the client's router."""

from __future__ import annotations

import mimetypes
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from licman.web.boot import session_block
from licman.web.websocket import refuse

# Gives the signed-in session's data for the page (licman/web/boot.py), or None.
SessionBootFn = Callable[[Request], Awaitable[dict[str, Any] | None]]

# A source checkout keeps the build next to the package: <repo>/client/dist.
DEFAULT_DIST = Path(__file__).resolve().parents[2] / "client" / "dist"

# Paths the server answers itself: never the client's index.html, even when unknown there.
API_PREFIXES = ("/graphql", "/auth", "/healthz", "/readyz", "/downloads")

IMMUTABLE = "public, max-age=31536000, immutable"  # file names carry a content hash
REVALIDATE = "no-cache"
PRIVATE = "no-store"  # index.html carrying the session's data (licman/web/boot.py)
SHORT = "public, max-age=3600"  # unhashed files from client/public (favicon and the like)

# The client loads nothing from elsewhere (the GraphQL explorer is bundled too). Charts and
# GraphiQL set inline style attributes ('unsafe-inline' styles); no inline or remote script.
# blob: workers are allowed for bundled libraries that start their workers that way.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)
PAGE_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}

# Not an index of anything: a self-hosted license manager has nothing for search engines.
ROBOTS_TXT = "User-agent: *\nDisallow: /\n"

# Encodings the build writes beside each asset (client/vite.config.ts), best first.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Licman: web client not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}
code{background:#eee;padding:.1rem .3rem;border-radius:.2rem}</style></head>
<body><h1>The web client has not been built</h1>
<p>The Licman server is running: the GraphQL API is at <code>/graphql</code> and the health
check at <code>/healthz</code>. The browser interface is missing because
<code>client/dist</code> does not exist.</p>
<p>Build it with <code>bin/install</code> (needs Node.js 20.19 or newer and npm), or by hand:
<code>cd client &amp;&amp; npm ci &amp;&amp; npm run build</code>, then reload this page.</p>
</body></html>
"""


def _is_api(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in API_PREFIXES)


class ClientApp:
    """ASGI app for the single-page client; mount it last so API routes match first."""

    def __init__(
        self, dist: Path = DEFAULT_DIST, boot: SessionBootFn | None = None, reread: bool = False
    ) -> None:
        self.dist = dist.resolve()
        self.boot = boot
        # index.html's text for the signed-in page, read on first use. `reread` (development):
        # read again when its mtime changes, for a `vite build --watch` beside a running
        # server (`npm run dev` serves its own page). In production it changes only with an
        # upgrade, which restarts the server (docs/operations.md): no stat() per page load.
        self.reread = reread
        self._index: tuple[float, str] | None = None  # (mtime, text) of index.html

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await refuse(scope, receive, send)  # a catch-all route also gets WebSockets
            return
        request = Request(scope, receive)
        response = self.respond(request)
        if (
            self.boot is not None
            and isinstance(response, FileResponse)
            and Path(response.path) == self.dist / "index.html"
        ):
            response = await self._with_session(request, response)
        await response(scope, receive, send)

    async def _with_session(self, request: Request, plain: FileResponse) -> Response:
        """index.html with the signed-in session's data, or as it is without a session."""
        assert self.boot is not None
        data = await self.boot(request)
        if data is None:
            plain.headers["vary"] = "cookie"
            return plain
        html = self._index_text()
        marker = html.find("</head>")
        if marker < 0:
            return plain
        page = html[:marker] + session_block(data) + html[marker:]
        headers = {**PAGE_HEADERS, "cache-control": PRIVATE, "vary": "cookie"}
        return HTMLResponse(page, headers=headers)

    def _index_text(self) -> str:
        if self._index is not None and not self.reread:
            return self._index[1]
        index = self.dist / "index.html"
        mtime = index.stat().st_mtime
        if self._index is None or self._index[0] != mtime:
            self._index = (mtime, index.read_text(encoding="utf-8"))
        return self._index[1]

    def respond(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return PlainTextResponse(
                "Method Not Allowed", status_code=405, headers={"allow": "GET, HEAD"}
            )
        path = request.url.path
        if _is_api(path):
            return PlainTextResponse("Not Found", status_code=404)
        if path == "/robots.txt":
            return PlainTextResponse(ROBOTS_TXT, headers={"cache-control": SHORT})
        index = self.dist / "index.html"
        if not index.is_file():
            headers = {"cache-control": "no-store", "retry-after": "60"}
            return HTMLResponse(NOT_BUILT, status_code=503, headers=headers)
        file = self._file(path)
        if path.startswith("/assets/"):
            if file is None:  # a stale hash after an upgrade: never answer JS with HTML
                return PlainTextResponse("Not Found", status_code=404)
            return self._compressed(request, file, IMMUTABLE)
        if file is not None and file != index:
            return self._compressed(request, file, SHORT)
        return FileResponse(index, headers={"cache-control": REVALIDATE, **PAGE_HEADERS})

    def _compressed(self, request: Request, file: Path, cache: str) -> Response:
        """The file, or its brotli/gzip twin from the build when the browser accepts it."""
        headers = {"cache-control": cache, "vary": "accept-encoding"}
        accepted = _accepted_encodings(request.headers.get("accept-encoding", ""))
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        for encoding, suffix in PRECOMPRESSED:
            twin = file.with_name(file.name + suffix)
            if encoding in accepted and twin.is_file():
                headers["content-encoding"] = encoding
                return FileResponse(twin, media_type=media_type, headers=headers)
        return FileResponse(file, media_type=media_type, headers=headers)

    def _file(self, path: str) -> Path | None:
        """The file under dist for this URL path, or None (missing, a directory, or outside)."""
        relative = path.lstrip("/")
        if not relative or "\x00" in relative:
            return None
        candidate = (self.dist / relative).resolve()
        if not candidate.is_relative_to(self.dist) or not candidate.is_file():
            return None
        return candidate


def _accepted_encodings(header: str) -> set[str]:
    """Content codings in an Accept-Encoding header, without those refused with q=0."""
    accepted: set[str] = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            weight = float(q)
        except ValueError:
            weight = 1.0
        if name and weight > 0:
            accepted.add(name.strip().lower())
    return accepted


def client_mount(
    dist: Path = DEFAULT_DIST, boot: SessionBootFn | None = None, reread: bool = False
) -> Mount:
    """The route that serves the client; it must be the last of the app's routes. With
    `boot`, a signed-in browser's index.html carries its session (licman/web/boot.py);
    `reread`: that page follows a rebuilt index.html without a restart (development)."""
    return Mount("/", app=ClientApp(dist, boot, reread), name="client")
