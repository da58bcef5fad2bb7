"""The Celery app is built from Licman's settings: CELERY_* variables cannot redirect it, and
its tasks are acknowledged late, put back when a worker dies, and fetched one at a time."""

from __future__ import annotations

import pytest

from licman.settings import Settings
from licman.workers.celery_app import RELAY_TASK, RUN_TASK, create_celery


def test_celery_broker_url_in_the_environment_does_not_override_the_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://attacker.invalid:6379/0")
    monkeypatch.setenv("CELERY_RESULT_BACKEND", "redis://attacker.invalid:6379/1")
    app = create_celery(Settings(redis_url="redis://127.0.0.1:6399/3"))
    broker = app.connection_for_write()
    assert (broker.hostname, broker.port, broker.virtual_host) == ("127.0.0.1", 6399, "3")
    assert app.conf.result_backend == "redis://127.0.0.1:6399/3"


def test_tasks_survive_a_dead_worker() -> None:
    app = create_celery(Settings(redis_url="redis://127.0.0.1:6399/3", job_relay_seconds=7))
    conf = app.conf
    assert (conf.task_acks_late, conf.task_reject_on_worker_lost) == (True, True)
    assert conf.worker_prefetch_multiplier == 1
    assert {RUN_TASK, RELAY_TASK} <= set(app.tasks)
    assert conf.beat_schedule["licman-jobs-relay"]["schedule"] == 7.0


def test_beat_schedules_retention_daily_only_when_configured() -> None:
    from licman.workers.celery_app import RETENTION_TASK

    plain = create_celery(Settings(redis_url="redis://127.0.0.1:6399/3"))
    assert "licman-retention" not in plain.conf.beat_schedule
    kept = create_celery(Settings(redis_url="redis://127.0.0.1:6399/3", audit_retention_days=400))
    entry = kept.conf.beat_schedule["licman-retention"]
    assert (entry["task"], entry["schedule"]) == (RETENTION_TASK, 86400.0)
    assert RETENTION_TASK in kept.tasks
