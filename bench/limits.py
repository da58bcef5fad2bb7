"""Fragment bombs against a real server: how long the refusal takes, next to `{ version }`
in the same run, and whether /healthz keeps answering meanwhile.

Starts `licman serve` (uvicorn) on SQLite in a temporary home with a token limit high
enough for a 200-fragment document to reach the analysis, polls /healthz every 10 ms while
it sends each bomb `--rounds` times (the first is analysed, the rest come from the cache),
prints the figures and stops the server. Bounded: every request has a 10 s timeout and the
whole run a `--deadline`; only 127.0.0.1 is ever contacted.

    python -m bench.limits --rounds 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

LICMAN = [sys.executable, "-m", "licman"]
CONFIG = "graphql_max_tokens: 100000\ngraphql_cost_budget: 0\nlog_level: warning\n"


def fragment_bomb(n: int) -> str:
    """N fragments, each selecting the next twice (once through an inline fragment with a
    directive), an aliased field and a directive at every level: 2^N of each expanded."""
    parts = [
        f"fragment F{i} on Query {{ a{i}: version @include(if: true) ...F{i + 1} "
        f"... on Query @skip(if: false) {{ ...F{i + 1} }} }}"
        for i in range(n)
    ]
    parts.append(f"fragment F{n} on Query {{ last: version }}")
    return "query Bomb { ...F0 } " + " ".join(parts)


@dataclass
class Samples:
    name: str
    ms: list[float] = field(default_factory=list)
    answers: set[str] = field(default_factory=set)

    def line(self, baseline: float) -> str:
        median = statistics.median(self.ms)
        return (
            f"{self.name:34} {len(self.ms):5} {self.ms[0]:9.2f} {median:9.2f} {max(self.ms):9.2f} "
            f"{median / baseline:8.1f}  {', '.join(sorted(self.answers))}"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LICMAN_")}
    env["LICMAN_HOME"] = str(home)
    (home / ".licman-cfg.yml").write_text(CONFIG, encoding="utf-8")
    # Our own interpreter and module with fixed arguments: nothing untrusted reaches a shell.
    subprocess.run([*LICMAN, "init"], env=env, cwd=home, check=True, capture_output=True)  # noqa: S603
    port = free_port()
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(  # noqa: S603
        [*LICMAN, "serve", "--port", str(port)], env=env, cwd=home, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server did not start; see {home / 'server.log'}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()  # a frozen request keeps uvicorn waiting on SIGTERM
        process.wait()


def _answer(response: httpx.Response) -> str:
    body = response.json()
    codes = {
        str(e.get("extensions", {}).get("limit") or e.get("message"))
        for e in body.get("errors", [])
    }
    return f"{response.status_code} " + ("+".join(sorted(codes)) if codes else "data")


async def measure(url: str, rounds: int) -> tuple[list[Samples], Samples, Samples]:
    async with httpx.AsyncClient(timeout=10) as client:

        async def send(samples: Samples, document: str) -> None:
            started = time.perf_counter()
            response = await client.post(f"{url}/graphql", json={"query": document})
            samples.ms.append((time.perf_counter() - started) * 1000)
            samples.answers.add(_answer(response))

        async def poll(samples: Samples, stop: asyncio.Event) -> None:
            while not stop.is_set():
                started = time.perf_counter()
                status = (await client.get(f"{url}/healthz")).status_code
                samples.ms.append((time.perf_counter() - started) * 1000)
                samples.answers.add(str(status))
                await asyncio.sleep(0.01)

        version = Samples("{ version } (baseline)")
        for _ in range(rounds):
            await send(version, "{ version }")
        quiet = Samples("/healthz, nothing else running")
        for _ in range(rounds):
            started = time.perf_counter()
            quiet.answers.add(str((await client.get(f"{url}/healthz")).status_code))
            quiet.ms.append((time.perf_counter() - started) * 1000)

        bombs = [Samples(f"bomb N={n} ({len(fragment_bomb(n)):,} bytes)") for n in (20, 40, 200)]
        busy = Samples("/healthz, during the bombs")
        stop = asyncio.Event()
        poller = asyncio.create_task(poll(busy, stop))
        try:
            for samples, n in zip(bombs, (20, 40, 200), strict=True):
                document = fragment_bomb(n)
                for _ in range(rounds):
                    await send(samples, document)
        finally:
            stop.set()
            await poller
        return [version, *bombs], quiet, busy


def analysis_overhead_us() -> float:
    """Microseconds the limits add to a repeated `{ version }` (figures and validation both
    from their caches, the budget in-process), measured in this process."""
    from graphql import parse, specified_rules

    from licman.schema.extensions import _validate
    from licman.schema.limits_cache import AnalysisCache
    from licman.schema.root import build_schema
    from licman.security.budget import LocalBudget

    schema, text = build_schema()._schema, "{ version }"
    document, rules = parse(text), tuple(specified_rules)
    cache, budget = AnalysisCache(), LocalBudget(10**12, 60)
    rounds = 20_000
    started = time.perf_counter()
    for _ in range(rounds):
        cache.measure(schema, text, document, None, None)
        _validate(schema, document, rules)
        budget.spend("ip:127.0.0.1", 1)
    return (time.perf_counter() - started) / rounds * 1e6


def parse_and_analysis_ms(n: int) -> tuple[float, float, int]:
    """For one bomb, in this process: parsing ms, analysis ms (uncached), fragments visited."""
    from graphql import parse

    from licman.schema.limits import analyse
    from licman.schema.root import build_schema

    schema, text = build_schema()._schema, fragment_bomb(n)
    started = time.perf_counter()
    document = parse(text, max_tokens=100_000)
    parsed = time.perf_counter()
    measured = analyse(schema, document)
    done = time.perf_counter()
    return (parsed - started) * 1000, (done - parsed) * 1000, measured.stats.fragments


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.limits")
    parser.add_argument("--rounds", type=int, default=20, help="requests per document (1-500)")
    parser.add_argument("--deadline", type=float, default=120, help="seconds for the whole run")
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, 500))
    with tempfile.TemporaryDirectory(prefix="licman-bench-limits-") as tmp:
        process, url = start_server(Path(tmp))
        try:
            results, quiet, busy = asyncio.run(
                asyncio.wait_for(measure(url, rounds), timeout=args.deadline)
            )
        finally:
            stop_server(process)
    baseline = statistics.median(results[0].ms)
    header = f"{'request':34} {'count':>5} {'first ms':>9} {'median ms':>9} {'max ms':>9}"
    print(f"{header} {'x version':>8}  answers")
    for samples in [*results, quiet, busy]:
        print(samples.line(baseline))
    slowest = max(max(s.ms) for s in results[1:])
    print(
        f"slowest bomb refusal: {slowest:.1f} ms (under 100 ms: {'yes' if slowest < 100 else 'NO'})"
    )
    for n in (20, 40, 200):
        parse_ms, analysis_ms, visits = parse_and_analysis_ms(n)
        print(
            f"bomb N={n}, in-process: parse {parse_ms:.2f} ms, limits analysis "
            f"{analysis_ms:.2f} ms, {visits} fragment visits"
        )
    overhead = analysis_overhead_us()
    share = overhead / 1000 / baseline * 100
    print(f"limits on a repeated {{ version }}: {overhead:.1f} us ({share:.1f} % of its request)")
    answered = busy.answers == {"200"} and len(busy.ms) > 0
    print(
        f"/healthz during the bombs: {len(busy.ms)} answers, all 200: {'yes' if answered else 'NO'}"
    )
    if re.search(r"\bdata\b", " ".join(a for s in results[1:] for a in s.answers)):
        raise SystemExit("a bomb was answered with data: the limits did not refuse it")


if __name__ == "__main__":
    main()
