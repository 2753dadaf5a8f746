"""Export speed: ``eduforge export`` of a generated curriculum to HTML and to JSON.

    python bench/export_bench.py                  # 1,000 pages, 3 runs of each format
    python bench/export_bench.py --pages 5000 --repeat 5
    python bench/export_bench.py --corpus DIR     # an existing Starlight project

The corpus comes from bench/corpus.py (``generate(root, pages, seed)``: nested
Diátaxis folders, ``.md`` and ``.mdx`` pages with code, images, links and a
``<Steps>`` block), or from ``$BENCH_CORPUS`` when bench/run.py passes one of
the same size.  Each run is a fresh ``eduforge export`` process (interpreter
start, checks, rendering and writing included) into a fresh output path;
the medians of wall and CPU seconds (workers included) are printed, with the largest process's
resident memory (max RSS, from wait4), milliseconds a page and the output size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))


def _count_pages(root: Path) -> int:
    suffixes = {".md", ".mdx"}
    return sum(1 for path in root.rglob("*") if path.suffix in suffixes and not path.name.startswith("_"))


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _command() -> list[str]:
    script = shutil.which("eduforge")
    return [script] if script else [sys.executable, "-m", "eduforge"]


def corpus(pages: int, seed: int, given: str | None, scratch: Path) -> Path:
    """The project to export: ``given``, ``$BENCH_CORPUS`` (when it has ``pages`` pages), or a new one."""
    if given:
        return Path(given).resolve()
    env = os.environ.get("BENCH_CORPUS")
    if env and Path(env, "eduforge.toml").is_file() and os.environ.get("BENCH_PAGES") == str(pages):
        return Path(env).resolve()
    from corpus import generate  # bench/corpus.py

    return generate(scratch / f"corpus-{pages}", pages=pages, seed=seed)


def run_once(project: Path, fmt: str, out: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, workers included) and max RSS in KB (wait4: the
    largest process of the run, as ``/usr/bin/time -f %M`` reports it)."""
    command = [*_command(), "export", "--format", fmt, "-o", str(out)]
    started = time.perf_counter()
    with subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        assert process.stderr is not None
        errors = process.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {process.returncode}):\n{errors[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=int(os.environ.get("BENCH_PAGES", "1000")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", help="export this project instead of a generated one")
    parser.add_argument("--format", dest="formats", action="append", choices=("html", "json"), help="default: both")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eduforge-export-bench-") as temporary:
        scratch = Path(temporary)
        project = corpus(args.pages, args.seed, args.corpus, scratch)
        pages = _count_pages(project)
        print(f"export of {pages:,} pages ({project}), {args.repeat} run(s) each, fresh processes, medians")
        for fmt in args.formats or ("html", "json"):
            runs = []
            for run in range(args.repeat):
                out = scratch / f"out-{fmt}-{run}" / ("curriculum.json" if fmt == "json" else "site")
                runs.append(run_once(project, fmt, out))
                size = _size(out.parent)  # the JSON's asset folder too
                shutil.rmtree(out.parent)
            median = statistics.median(wall for wall, _, _ in runs)
            cpu = statistics.median(cpu for _, cpu, _ in runs)
            rss = max(rss for _, _, rss in runs)
            print(
                f"  {fmt:4}  {median:6.2f} s  {median * 1000 / pages:.2f} ms/page  CPU {cpu:.2f} s  "
                f"max RSS {rss / 1024:.0f} MB  output {size / 1048576:.1f} MB  "
                f"(runs {', '.join(f'{wall:.2f}' for wall, _, _ in runs)})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
