"""Export speed: ``eduforge export`` of a generated curriculum to HTML and to JSON.

    python bench/export_bench.py                  # 1,000 pages, 3 runs of each format
    python bench/export_bench.py --pages 5000 --repeat 5
    python bench/export_bench.py --corpus DIR     # an existing Starlight project

The corpus comes from bench/corpus.py (``generate(root, pages, seed)``: nested
Diátaxis folders, ``.md`` and ``.mdx`` pages with code, images, links and a
``<Steps>`` block), or from ``$BENCH_CORPUS`` when bench/run.py passes one of
the same size.  Each run is a fresh ``eduforge export`` process (interpreter
start, checks, rendering and writing included) into a fresh output path;
the medians are printed in seconds, with the output size and pages a second.
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


def run_once(project: Path, fmt: str, out: Path) -> float:
    command = [*_command(), "export", "--format", fmt, "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=int(os.environ.get("BENCH_PAGES", "1000")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", help="export this project instead of a generated one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eduforge-export-bench-") as temporary:
        scratch = Path(temporary)
        project = corpus(args.pages, args.seed, args.corpus, scratch)
        pages = _count_pages(project)
        print(f"export of {pages:,} pages ({project}), {args.repeat} run(s) each, fresh processes, median seconds")
        for fmt in ("html", "json"):
            times = []
            for run in range(args.repeat):
                out = scratch / f"out-{fmt}-{run}" / ("curriculum.json" if fmt == "json" else "site")
                times.append(run_once(project, fmt, out))
                size = _size(out)
                shutil.rmtree(out.parent)
            median = statistics.median(times)
            print(
                f"  {fmt:4}  {median:6.2f} s   ({pages / median:,.0f} pages/s, output {size / 1048576:.1f} MB, "
                f"runs {', '.join(f'{t:.2f}' for t in times)})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
