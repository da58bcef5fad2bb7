"""`licman serve` plus the web client mounted at / (licman/web/client.py), for the browser
tests while licman/app.py does not mount the client itself. Usage: serve_with_client.py PORT."""

from __future__ import annotations

import sys

import uvicorn

from licman.app import create_app
from licman.settings import load_settings
from licman.web.client import client_mount


def main() -> None:
    settings = load_settings(port=int(sys.argv[1]))
    app = create_app(settings)
    app.router.routes.append(client_mount())
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=settings.port,
        log_config=None,
        server_header=False,
        proxy_headers=False,
    )


if __name__ == "__main__":
    main()
