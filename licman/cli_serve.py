"""`licman serve --workers N`: gunicorn with N uvicorn workers.

Each worker builds its own app after the fork (its own database pool, API request log buffer
and caches), so nothing is shared but the listening socket. The master only restarts workers
that die; `licman serve` has already applied migrations and prepared the key ring."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from licman.settings import Settings, load_settings

# The production server's worker (no Server header, no proxy headers trusted, stops when
# its master is gone), so `licman serve --workers N` behaves as bin/web does.
WORKER_CLASS = "licman.web.gunicorn_worker.LicmanWorker"


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any], overrides: dict[str, Any]) -> None:
        self.options = options
        self.overrides = overrides
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from licman.app import create_app, freeze_startup_objects

        application = create_app(load_settings(**self.overrides))  # in the worker, after the fork
        freeze_startup_objects()
        return application


def serve_workers(settings: Settings) -> None:
    options = {
        "bind": f"{settings.host}:{settings.port}",
        "workers": settings.worker_count,
        "worker_class": WORKER_CLASS,
        "loglevel": settings.log_level,
        "accesslog": None,  # Licman logs each request itself (licman.access)
        "graceful_timeout": 10,
        "timeout": 60,
        "proc_name": "licman",
    }
    overrides = {"host": settings.host, "port": settings.port}
    _Gunicorn(options, overrides).run()
