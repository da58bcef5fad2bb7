"""Run the real `licman` command and a real uvicorn server in subprocesses, for tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

LICMAN = [sys.executable, "-m", "licman"]
ADMIN_PASSWORD_RE = re.compile(r"password: (\S+)")


def cli_env(home: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LICMAN_")}
    # The tests' password hashing cost (see tests/conftest.py), not a setting of the caller's.
    env["LICMAN_TEST_PASSWORD_HASHING"] = os.environ.get("LICMAN_TEST_PASSWORD_HASHING", "cheap")
    env["LICMAN_HOME"] = str(home)
    if database_url:
        env["LICMAN_DATABASE_URL"] = database_url
    env.update(extra)
    return env


def run_cli(
    home: Path,
    *args: str,
    database_url: str | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LICMAN, *args],
        env=env or cli_env(home, database_url),
        cwd=home,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def stop_process(process: subprocess.Popen[Any], timeout: float = 10) -> None:
    """Terminate a child process, and kill it if it has not ended within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """`licman serve` in its own process: real uvicorn, real sockets."""

    home: Path
    database_url: str
    admin_email: str
    admin_password: str
    process: subprocess.Popen[str]
    url: str
    log_path: Path

    @classmethod
    def start(cls, home: Path, database_url: str, *serve_args: str) -> LiveServer:
        init = run_cli(home, "init", database_url=database_url)
        assert init.returncode == 0, init.stderr
        match = ADMIN_PASSWORD_RE.search(init.stdout)
        assert match, init.stdout
        email = re.search(r"e-mail: +(\S+)", init.stdout)
        assert email
        port = free_port()
        log_path = home / "server.log"
        with log_path.open("w") as log:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(
                [*LICMAN, "serve", "--port", str(port), *serve_args],
                env=cli_env(home, database_url),
                cwd=home,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
            )
        server = cls(
            home,
            database_url,
            email.group(1),
            match.group(1),
            process,
            f"http://127.0.0.1:{port}",
            log_path,
        )
        try:
            server.wait_ready()
        except BaseException:
            server.stop()  # a server slow to start would otherwise outlive its test
            raise
        return server

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not become ready:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        stop_process(self.process)
