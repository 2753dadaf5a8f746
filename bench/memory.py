"""Peak memory of a whole process tree (a command and the workers it forks), sampled together.

    python bench/memory.py [--interval 0.05] [--timeline FILE] -- eduforge lint --no-cache

Every ``--interval`` seconds (50 ms) the sampler walks the tree from the command's process
(``/proc/<pid>/task/*/children``) and reads, for each process at that same moment:

* **RSS** (``VmRSS`` of ``/proc/<pid>/status``): the pages the process has resident.  Forked
  workers share their parent's pages until one of them writes there, and each process's RSS
  counts the shared pages again, so the **sum of RSS** is the pessimistic figure: what the tree
  would need if nothing were shared.
* **PSS** (``Pss`` of ``/proc/<pid>/smaps_rollup``): each resident page divided by the number of
  processes sharing it.  The **sum of PSS** is what the tree really holds of the machine's memory
  (shared pages count once; shared libraries are shared with other programs too, so a little less).
* **main RSS + workers' private**: the main process's RSS plus each worker's ``Private_Clean +
  Private_Dirty`` (the pages it copied or allocated itself): every page resident for the tree counted
  once, the libraries too.

A forked worker's RSS starts at its parent's (fork shares every resident page), so the sum of RSS
of a parent and two workers is about three times the parent even when the workers copied nothing.

Reported: the peak of each sum over the run (the peaks of the sums, not the sum of each process's
own peak: processes peak at different moments), the main process's own peak RSS, the most processes
seen at once, wall and CPU seconds (``wait4``: the process and the workers it waited for).
``--timeline FILE`` writes every sample as tab-separated ``seconds, processes, main RSS, sum of
RSS, sum of PSS, main RSS + workers' private`` (MB), to see which phase the peak is in.

Reading ``smaps_rollup`` walks the process's page tables (a few ms at 1 GB); the sampler is a
separate process, so its cost never counts in the command's figures, but on a loaded machine it
takes CPU from the command.  A peak between two samples is missed: the figures are a lower bound
within one interval's growth.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def children(pid: int) -> list[int]:
    """The direct children of a process (every thread's), [] when it is gone."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    result, todo, seen = [], [pid], set()
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            result.append(current)
            todo += children(current)
    return result


def rollup_kb(pid: int) -> tuple[int, int, int]:
    """``(Rss, Pss, Private_Clean + Private_Dirty)`` in KB from ``/proc/<pid>/smaps_rollup`` (``Rss`` is
    ``VmRSS`` of ``/proc/<pid>/status``); zeros when the process is gone."""
    found = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                name, _, rest = line.partition(":")
                if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                    found[name] = int(rest.split()[0])
    except (OSError, ValueError):
        return 0, 0, 0
    return found.get("Rss", 0), found.get("Pss", 0), found.get("Private_Clean", 0) + found.get("Private_Dirty", 0)


@dataclass
class Peaks:
    """What the sampler saw, in KB."""

    rss_sum: int = 0
    pss_sum: int = 0
    unique: int = 0
    main_rss: int = 0
    processes: int = 0
    samples: int = 0
    timeline: list[tuple[float, int, int, int, int, int]] = field(default_factory=list)

    def take(self, pid: int, started: float, keep: bool) -> None:
        figures = [rollup_kb(p) for p in tree(pid)]
        rss = sum(f[0] for f in figures)
        pss = sum(f[1] for f in figures)
        unique = figures[0][0] + sum(f[2] for f in figures[1:])
        live = sum(1 for f in figures if f[0])
        self.rss_sum = max(self.rss_sum, rss)
        self.pss_sum = max(self.pss_sum, pss)
        self.unique = max(self.unique, unique)
        self.main_rss = max(self.main_rss, figures[0][0])
        self.processes = max(self.processes, live)
        self.samples += 1
        if keep:
            self.timeline.append((time.perf_counter() - started, live, figures[0][0], rss, pss, unique))


@dataclass
class Measured:
    code: int
    wall: float
    cpu: float
    peaks: Peaks
    max_rss_kb: int
    """``ru_maxrss`` of ``wait4``: the largest single process (what ``/usr/bin/time -f %M`` says)."""


def measure(
    command: list[str],
    cwd: Path | None = None,
    interval: float = 0.05,
    timeline: bool = False,
    quiet: bool = True,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run ``command`` and sample its tree until it ends."""
    output = subprocess.DEVNULL if quiet else None
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output, stdin=subprocess.DEVNULL)
    peaks = Peaks()
    while True:
        peaks.take(process.pid, started, timeline)
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(interval)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    return Measured(code, wall, usage.ru_utime + usage.ru_stime, peaks, usage.ru_maxrss)


def report(measured: Measured) -> str:
    p = measured.peaks
    mb = 1024
    return (
        f"peak sum of RSS (tree) {p.rss_sum / mb:.0f} MB | peak sum of PSS (tree) {p.pss_sum / mb:.0f} MB"
        f" | peak main RSS + workers' private {p.unique / mb:.0f} MB"
        f" | main process peak RSS {p.main_rss / mb:.0f} MB | largest process (wait4) {measured.max_rss_kb / mb:.0f} MB"
        f" | processes {p.processes} | wall {measured.wall:.1f} s | CPU {measured.cpu:.1f} s"
        f" | exit {measured.code} | {p.samples} samples"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between samples (0.05)")
    parser.add_argument("--timeline", type=Path, help="write every sample here (tab-separated, MB)")
    parser.add_argument("--cwd", type=Path, help="run the command in this folder")
    parser.add_argument("--show-output", action="store_true", help="let the command's output through")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    measured = measure(command, args.cwd, args.interval, args.timeline is not None, not args.show_output)
    if args.timeline is not None:
        lines = ["seconds\tprocesses\tmain_rss_mb\trss_sum_mb\tpss_sum_mb\tunique_mb"]
        lines += [
            "\t".join([f"{t:.2f}", str(n), *(f"{kb / 1024:.0f}" for kb in rest)])
            for t, n, *rest in measured.peaks.timeline
        ]
        args.timeline.write_text("\n".join(lines) + "\n")
    print(report(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
