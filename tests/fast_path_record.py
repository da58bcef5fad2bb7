"""Which tests the compiled fast path answers for, so the pass with it off reruns just those.

CI runs the suite with the fast path on (the default), then the schema suite again with it
off (LICMAN_TEST_FAST_PATH=off): the answers must not depend on it. A test in which neither
the fast path's executor (licman/schema/fast_path.py: a compiled plan) nor the lean route
(licman/web/lean.py: a prepared body) took a request runs exactly the same code both ways, so
the second pass only needs the tests that were taken. With LICMAN_TEST_FAST_PATH_RECORD=FILE,
the run with the fast path on writes the ids of those tests to FILE (one a line, each xdist
worker appending its own); with LICMAN_TEST_FAST_PATH_ONLY=FILE, the run with it off runs
only the collected tests named there. The selection is what this commit's tests did in the
same CI run, not a list kept by hand; an empty or missing record, or one naming a test that
is no longer collected, is an error (never a silent pass over nothing).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from licman.schema.fast_path import PlanCache
from licman.web import lean

RECORD = os.environ.get("LICMAN_TEST_FAST_PATH_RECORD", "")
ONLY = os.environ.get("LICMAN_TEST_FAST_PATH_ONLY", "")

_taken: list[bool] = [False]
_recorded: list[str] = []


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def configure(config: pytest.Config) -> None:
    if RECORD and not _is_worker(config):
        Path(RECORD).write_text("")  # the controller starts it; workers append
    if ONLY and not Path(ONLY).is_file():
        raise pytest.UsageError(f"LICMAN_TEST_FAST_PATH_ONLY: no record at {ONLY}")


def select(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keeps only the recorded tests (LICMAN_TEST_FAST_PATH_ONLY)."""
    if not ONLY:
        return
    wanted = {line for line in Path(ONLY).read_text().splitlines() if line}
    if not wanted:
        raise pytest.UsageError(f"LICMAN_TEST_FAST_PATH_ONLY: {ONLY} names no test")
    collected = {item.nodeid for item in items}
    # Only tests of the paths asked for (bin/test tests/schema): the record covers the suite.
    paths = tuple(str(a).split("::")[0].rstrip("/") for a in config.args)
    asked = {n for n in wanted if n.split("::")[0].startswith(paths)}
    missing = sorted(asked - collected)
    if missing:
        raise pytest.UsageError(
            f"LICMAN_TEST_FAST_PATH_ONLY: {len(missing)} recorded tests are not collected "
            f"(a stale record?), e.g. {missing[0]}"
        )
    kept = [item for item in items if item.nodeid in wanted]
    dropped = [item for item in items if item.nodeid not in wanted]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept


def finish(session: pytest.Session) -> None:
    if RECORD and _recorded:
        with Path(RECORD).open("a") as record:
            record.writelines(f"{nodeid}\n" for nodeid in _recorded)


def _mark_taken(result: Any) -> Any:
    if result is not None:
        _taken[0] = True
    return result


@pytest.fixture(autouse=True)
def _fast_path_taken(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Notes (with LICMAN_TEST_FAST_PATH_RECORD) whether the fast path took a request."""
    if not RECORD:
        yield
        return
    plan, prepare, get = PlanCache.plan, lean._prepare, lean.PreparedBodies.get
    monkeypatch.setattr(PlanCache, "plan", lambda *a, **k: _mark_taken(plan(*a, **k)))
    monkeypatch.setattr(lean, "_prepare", lambda *a, **k: _mark_taken(prepare(*a, **k)))
    monkeypatch.setattr(lean.PreparedBodies, "get", lambda *a, **k: _mark_taken(get(*a, **k)))
    _taken[0] = False
    yield
    if _taken[0]:
        _recorded.append(request.node.nodeid)
