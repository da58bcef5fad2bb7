"""The gunicorn worker of Licman, for both ways gunicorn runs it: the production server
(gunicorn.conf.py from bin/configure) and `licman serve --workers N` (licman/cli_serve.py).
It is uvicorn's, with uvicorn's own proxy-header handling off (Licman believes
X-Forwarded-* only from LICMAN_TRUSTED_PROXIES, in licman.web.origin), no `server` header,
and a worker that stops when its master is gone.

uvicorn's worker never looks at its parent: after a SIGKILL of the gunicorn master its
workers would keep serving on the inherited socket and keep the port busy, so the master
that supervisord or systemd starts next could not bind it. Here each worker checks once a
second and shuts down (finishing requests in flight) when its master has changed."""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from gunicorn.arbiter import Arbiter
from uvicorn.server import Server
from uvicorn_worker import UvicornWorker

PARENT_CHECK_SECONDS = 1.0


class LicmanWorker(UvicornWorker):  # type: ignore[misc]
    CONFIG_KWARGS: dict[str, Any] = {
        **UvicornWorker.CONFIG_KWARGS,
        "lifespan": "on",
        "proxy_headers": False,
        "server_header": False,
    }

    async def _serve(self) -> None:
        # uvicorn_worker's own _serve (0.4), plus the watch on the master.
        self.config.app = self.wsgi
        server = Server(config=self.config)
        self._install_sigquit_handler()
        watch = asyncio.create_task(self._watch_master(server))
        try:
            await server.serve(sockets=self.sockets)
        finally:
            watch.cancel()
        if not server.started:
            sys.exit(Arbiter.WORKER_BOOT_ERROR)

    async def _watch_master(self, server: Server) -> None:
        while not server.should_exit:
            if os.getppid() != self.ppid:
                self.log.warning("gunicorn master %s is gone; worker %s stops", self.ppid, self.pid)
                server.should_exit = True
                return
            await asyncio.sleep(PARENT_CHECK_SECONDS)
