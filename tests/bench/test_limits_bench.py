"""`python -m bench.limits` runs end to end against a real server and reports refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_bomb_benchmark_reports_refusals_and_healthz() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bench.limits", "--rounds", "2", "--deadline", "60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    bombs = [line for line in lines if line.startswith("bomb N=") and " bytes)" in line]
    assert len(bombs) == 3
    assert all(line.endswith("200 aliases+cost+directives+duplicates") for line in bombs)
    visits = [line.rsplit(", ", 1)[-1] for line in lines if ", in-process:" in line]
    assert visits == ["21 fragment visits", "41 fragment visits", "201 fragment visits"]
    assert any(line.startswith("/healthz during the bombs:") for line in lines)
