"""CPU per request of the ASGI app alone (no uvicorn, no wrk), for the bench's requests, and
the number of Python function calls per request (cProfile's count: it does not move with
the machine's load, unlike any time). Against a database bench/run seeded:

    python -m bench.inproc [--database licman_bench_speed_100000] [--rounds 300] [--dump DIR]

It makes an admin API token, calls the app directly 20 times per request to warm it up,
then `--rounds` times timed (process CPU) and 50 times under cProfile (with `--dump`, on the
process's CPU clock, its stats written to DIR/<request>.prof).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import time
from pathlib import Path
from typing import Any

import orjson

from bench.run import BY_ID, LIST, VERSION


async def _main(rounds: int, dump: Path | None = None) -> None:
    from licman.app import create_app, freeze_startup_objects
    from licman.db import connected
    from licman.models import License, Role, User
    from licman.resolvers.api_token import api_token_create
    from licman.schema.ids import global_id
    from licman.security.keyring_setup import prepare_keyring
    from licman.security.principal import system
    from licman.settings import load_settings

    settings = load_settings()
    async with connected(settings):
        await prepare_keyring(settings)
        admin = await User.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
        assert admin is not None
        token, _ = await api_token_create(system("bench"), user=admin, name="bench/inproc")
        ids = await License.filter(archived_at__isnull=True).order_by("id").limit(10)
        app = create_app(settings)
        freeze_startup_objects()
        bodies = {
            "version": {"query": VERSION},
            "list": {"query": LIST},
            "by id": {"query": BY_ID, "variables": {"id": global_id("License", ids[7].id)}},
        }
        for name, body in bodies.items():
            raw = orjson.dumps(body)
            headers = [
                (b"host", b"bench"),
                (b"user-agent", b"bench/inproc"),
                (b"authorization", f"Bearer {token}".encode()),
                (b"content-type", b"application/json"),
                (b"content-length", str(len(raw)).encode()),
            ]

            async def one(raw: bytes = raw, headers: list[Any] = headers) -> list[Any]:
                scope = {
                    "type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"},
                    "http_version": "1.1", "server": ("127.0.0.1", 8000),
                    "client": ("127.0.0.1", 5555), "scheme": "http", "method": "POST",
                    "root_path": "", "path": "/graphql", "raw_path": b"/graphql",
                    "query_string": b"", "headers": headers, "state": {},
                }  # fmt: skip
                sent = False

                async def receive() -> dict[str, Any]:
                    nonlocal sent
                    if not sent:
                        sent = True
                        return {"type": "http.request", "body": raw, "more_body": False}
                    await asyncio.Event().wait()  # never disconnects
                    raise AssertionError

                messages: list[Any] = []

                async def send(message: Any) -> None:
                    messages.append(message)

                await app(scope, receive, send)
                return messages

            for _ in range(20):
                messages = await one()
            assert messages[0]["status"] == 200, messages
            assert b"errors" not in messages[1]["body"], messages[1]["body"][:300]
            started = time.process_time()
            for _ in range(rounds):
                await one()
            cpu = (time.process_time() - started) / rounds
            profile = cProfile.Profile(time.process_time) if dump else cProfile.Profile()
            profile.enable()
            for _ in range(50):
                await one()
            profile.disable()
            if dump is not None:
                dump.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - a bench, once
                profile.dump_stats(dump / f"{name.replace(' ', '_')}.prof")
            calls = sum(v[1] for v in pstats.Stats(profile).stats.values()) / 50  # type: ignore[attr-defined]
            print(f"{name:8s} {cpu * 1000:.3f} ms CPU/req  {calls:,.0f} Python calls/req")


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.inproc", description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="licman_bench_speed_100000")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--dump", type=Path, help="write each request's cProfile stats here")
    args = parser.parse_args()
    os.environ.update(
        {
            "LICMAN_HOME": f"/tmp/{args.database}",  # noqa: S108 - bench/run's key ring
            "LICMAN_DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
            "LICMAN_LOG_LEVEL": "warning",
            "LICMAN_GRAPHQL_COST_BUDGET": str(10**12),
        }
    )
    asyncio.run(_main(args.rounds, args.dump))
    print("load average:", " ".join(Path("/proc/loadavg").read_text().split()[:3]))


if __name__ == "__main__":
    main()
