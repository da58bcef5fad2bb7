"""The job kinds: each module in licman/workers/ that defines one registers it here with
`@job_kind(...)`; the runner looks a job's kind up by name.

Adding a kind: write `licman/workers/<noun>_<verb>.py` with one `@job_kind` function that
takes the JobRun and calls its resolver, add the module to KIND_MODULES, and start jobs
with `job_start(principal, "<noun>_<verb>", params)`. docs/jobs.md walks through it.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from licman.resolvers.job_run import JobRun

# Imported by `load_kinds()`, so every process (server, worker, CLI) knows the same kinds.
KIND_MODULES = (
    "licman.workers.licenses_import",
    "licman.workers.licenses_export",
    "licman.workers.audit_report",
    "licman.workers.keys_rotate",
    "licman.workers.reminders_digest",
)

Run = Callable[[JobRun], Awaitable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class JobKind:
    name: str  # <noun>_<verb>, stored in job.kind
    description: str
    run: Run  # returns the job's result; raise JobRefused to fail it with a message


_kinds: dict[str, JobKind] = {}


def job_kind(name: str, description: str) -> Callable[[Run], Run]:
    def register(run: Run) -> Run:
        if name in _kinds and _kinds[name].run is not run:
            raise RuntimeError(f"job kind {name!r} is registered twice")
        _kinds[name] = JobKind(name, description, run)
        return run

    return register


def load_kinds() -> dict[str, JobKind]:
    for module in KIND_MODULES:
        importlib.import_module(module)
    return dict(_kinds)


def get_kind(name: str) -> JobKind | None:
    if not _kinds:
        load_kinds()
    return _kinds.get(name)
