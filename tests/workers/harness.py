"""Real processes for job tests: a redis-server of our own (on a free port, so stopping it
never touches the shared one), `licman worker`, `licman beat` and `licman import`, all
against one PostgreSQL database and one Licman home."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from tests.backends import services_required
from tests.live import LICMAN, cli_env


def require_redis_server() -> str:
    found = shutil.which("redis-server")
    if found is None:
        if services_required():
            pytest.fail("redis-server is not installed (required in CI)", pytrace=False)
        pytest.skip("redis-server is not installed")
    return found


@dataclass
class RedisServer:
    port: int
    folder: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        # No persistence: what survives a restart is what Licman keeps in its database.
        self.process = subprocess.Popen(
            [
                require_redis_server(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: _answers(self.port), 10, "redis-server to start")
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _answers(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), 0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Proc:
    """A licman command in its own process group, so SIGKILL takes its children too."""

    process: subprocess.Popen[str]
    log_path: Path

    @classmethod
    def start(cls, home: Path, env: dict[str, str], name: str, *args: str) -> Proc:
        log_path = home / f"{name}.log"
        with log_path.open("a") as log:
            process = subprocess.Popen(
                [*LICMAN, *args],
                env=env,
                cwd=home,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
        return cls(process, log_path)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill9(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def job_env(home: Path, database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    env = cli_env(home, database_url, LICMAN_REDIS_URL=redis_url, **extra)
    env.setdefault("LICMAN_JOB_LEASE_SECONDS", "3")
    env.setdefault("LICMAN_JOB_RELAY_SECONDS", "1")
    env["LICMAN_LOG_LEVEL"] = "info"
    return env


async def sql(database_url: str, query: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(database_url)
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()
