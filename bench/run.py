"""eduforge's benchmark suite: eduforge and its peers side by side, in one run.

    python bench/run.py                       # 10,000 pages, peers on 1,000, 3 repeats
    python bench/run.py --quick               # 2,000 / 200 pages, 1 repeat: a smoke test
    python bench/run.py --pages 10000 --peer-pages 1000 --repeat 5 --skip-peers

1. ``eduforge lint`` on ``--pages`` generated pages (bench/corpus.py): cold
   (``--no-cache``), cold while filling an empty cache, warm (cache, nothing
   changed), pre-commit (one page modified, only its path passed, warm cache)
   and peak memory, against the targets of issue 5.
2. On ``--peer-pages`` pages: schema checks only, ``eduforge validate`` against
   ``remark-cli`` + ``remark-frontmatter`` + ``remark-lint-frontmatter-schema``
   with the same schema; ``eduforge lint`` against ``markdownlint-cli2`` (its
   default config) as "a popular Markdown linter".  The npm peers are installed
   from bench/peers/package.json (pinned, ``npm ci``) into bench/peers/node_modules.
3. bench/urls.py (URL checking vs lychee) and bench/export_bench.py (export of
   ``--peer-pages`` pages), when present, as subprocesses; their output is included.

Every figure is a median over ``--repeat`` runs of a fresh process (interpreter
or node start included).  Memory: "max RSS" is the largest single process
(its ``VmHWM``, sampled); "peak tree" samples the whole process tree (workers included) every
20 ms and sums PSS, so pages shared by forked workers count once.  A peer that
cannot be installed or run is reported as ``n/a (reason)``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work"
PEERS = BENCH / "peers"
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402  (bench/corpus.py, beside this file)
import memory  # noqa: E402  (bench/memory.py: the process tree's memory, sampled)
from bytecode import compile_sources  # noqa: E402

TARGETS = {"cold": 2.0, "warm": 0.4, "pre-commit": 0.5, "memory": 300.0}
TARGET_PAGES = 10_000
STAND_IN_SCHEMA = {
    "type": "object",
    "required": ["title"],
    "properties": {
        "title": {"type": "string"},
        "description": {"type": "string"},
        "template": {"enum": ["doc", "splash"]},
        "draft": {"type": "boolean"},
    },
}


# ----------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    tree_mb: float
    code: int
    output: str
    cpu: float = 0.0
    """User + system CPU seconds of the process and the children it waited for (its workers)."""


@dataclass
class Case:
    name: str
    runs: list[Run] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def max_rss(self) -> float:
        return max(r.max_rss_mb for r in self.runs)

    @property
    def tree(self) -> float:
        return max(r.tree_mb for r in self.runs)

    def spread(self) -> str:
        times = [r.seconds for r in self.runs]
        return f"{min(times):.2f}–{max(times):.2f}" if len(times) > 1 else ""


def _proc_kb(pid: int, file: str, field: str) -> int | None:
    """The KB figure ``field`` of ``/proc/<pid>/<file>``; None when the process or the field is gone."""
    try:
        with open(f"/proc/{pid}/{file}") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _memory_kb(pid: int) -> int:
    pss = _proc_kb(pid, "smaps_rollup", "Pss")
    if pss is not None:
        return pss
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


def _high_water_kb(pid: int) -> int:
    """The process's own peak RSS (VmHWM of its address space since exec, 0 when gone).

    Not wait4's ru_maxrss: Linux carries the spawning process's peak into it at exec, so a child of
    this (large) bench process would be reported at least as large as the bench itself.
    """
    return _proc_kb(pid, "status", "VmHWM") or 0


def _sample_tree(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """``peak`` = [sum of the tree's PSS, largest single process's VmHWM], both at their highest."""
    while not stop.is_set():
        processes = memory.tree(pid)
        peak[0] = max(peak[0], sum(_memory_kb(process) for process in processes))
        peak[1] = max([peak[1], *(_high_water_kb(process) for process in processes)])
        stop.wait(0.02)


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> Run:
    """Run one fresh process: wall time, its largest RSS (sampled VmHWM) and the sampled peak of its tree."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        stop, peak = threading.Event(), [0, 0]
        sampler = threading.Thread(target=_sample_tree, args=(process.pid, stop, peak), daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    if process.returncode < 0:
        raise RuntimeError(f"killed after {timeout:.0f} s" if seconds >= timeout else f"signal {-process.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, peak[1] / 1024, max(peak) / 1024, process.returncode, output, cpu)


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "(no output)"


# ------------------------------------------------------------------ corpora


def corpus_dir(pages: int, seed: int, realistic: bool = False) -> Path:
    """A corpus in bench/.work, regenerated only when the parameters or the generator changed."""
    folder = WORK / f"corpus-{'real-' if realistic else ''}{pages}-s{seed}"
    stamp = {"pages": pages, "seed": seed, "generator": hashlib.sha256((BENCH / "corpus.py").read_bytes()).hexdigest()}
    stamp["realistic"] = realistic
    stamp_file = folder / ".bench-stamp.json"
    try:
        if json.loads(stamp_file.read_text()) == stamp:
            return folder
    except (OSError, ValueError):
        pass
    started = time.perf_counter()
    (corpus.generate_realistic if realistic else corpus.generate)(folder, pages, seed)
    stamp_file.write_text(json.dumps(stamp))
    print(
        f"  generated {folder.relative_to(ROOT)} ({pages:,} pages) in {time.perf_counter() - started:.1f} s", flush=True
    )
    return folder


def ajv_schema(source: Path) -> dict:
    """The eduforge schema as remark-lint-frontmatter-schema's Ajv (draft-07, `yaml` 1.2 core) reads it.

    eduforge types YAML dates as the extra type ``date``; the `yaml` package
    gives unquoted dates as strings, so ``date`` becomes ``{"type": "string",
    "format": "date"}``; ``$schema`` (2020-12, unknown to Ajv's default class) is dropped.
    """

    def convert(node: object) -> object:
        if isinstance(node, list):
            return [convert(item) for item in node]
        if not isinstance(node, dict):
            return node
        result: dict = {}
        for key, value in node.items():
            if key == "type" and value == "date":
                result.update({"type": "string", "format": "date"})
            elif key == "type" and isinstance(value, list) and "date" in value:
                kept = [t for t in value if t != "date"]
                result["type"] = kept[0] if len(kept) == 1 else kept
            elif key != "$schema":
                result[key] = convert(value)
        return result

    return convert(json.loads(source.read_text(encoding="utf-8")))  # type: ignore[return-value]


# -------------------------------------------------------------------- tools


def eduforge_command() -> list[str]:
    script = shutil.which("eduforge")
    return [script] if script else [sys.executable, "-m", "eduforge"]


def repeat(
    case: Case,
    times: int,
    command: list[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    before=None,
    expect_zero: bool = True,
    timeout: float = 600,
) -> Case:
    for index in range(times):
        try:
            if before:
                before(index)
            run = measure(command, cwd, env, timeout)
        except (OSError, RuntimeError) as error:
            case.error = f"{type(error).__name__}: {error}"
            return case
        if expect_zero and run.code != 0:
            case.error = f"exit {run.code}: {last_line(run.output)}"
        case.runs.append(run)
    return case


def npm_peers(log: list[str]) -> str | None:
    """Install the npm peers (``npm ci``); None when ready, else the reason they are not."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return "node/npm not installed"
    lock, marker = PEERS / "package-lock.json", PEERS / "node_modules" / ".package-lock.json"
    if marker.is_file() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return None
    for args in (["ci"], ["install"]):
        try:
            done = subprocess.run(
                [npm, *args, "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=PEERS,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"npm {args[0]} failed: {error}"
        if done.returncode == 0:
            log.append(f"installed npm peers with npm {args[0]}")
            return None
        reason = f"npm {args[0]} failed: {last_line(done.stderr or done.stdout)}"
    return reason


# ------------------------------------------------------------------ sections


def lint_section(args: argparse.Namespace, edu: list[str]) -> tuple[list[Case], Path]:
    root = corpus_dir(args.pages, args.seed)
    cache = root / ".eduforge-cache"
    print(f"  eduforge lint on {args.pages:,} pages…", flush=True)
    cold = repeat(Case("cold (--no-cache)"), args.repeat, [*edu, "lint", "--no-cache"], root)
    fill = repeat(
        Case("cold, filling an empty cache"),
        args.repeat,
        [*edu, "lint"],
        root,
        before=lambda _: shutil.rmtree(cache, ignore_errors=True),
    )
    warm = repeat(Case("warm (cache, nothing changed)"), args.repeat, [*edu, "lint"], root)
    pages = sorted((root / corpus.CONTENT).rglob("*.md"))
    target = pages[len(pages) // 2]
    original = target.read_bytes()

    def modify(index: int) -> None:
        target.write_bytes(original + f"\nCatatan revisi {index + 1}: materi ini diperbarui.\n".encode())

    relative = target.relative_to(root).as_posix()
    try:
        precommit = repeat(
            Case("pre-commit (1 changed file, warm)"), args.repeat, [*edu, "lint", relative], root, before=modify
        )
    finally:
        target.write_bytes(original)
    precommit.name += f"\n    {relative}"
    return [cold, fill, warm, precommit], root


def _editor(page: Path) -> tuple[Callable[[int], None], Callable[[], None]]:
    """An edit of one page as an author makes it (a new section: text and a heading), different each
    time, and the undo."""
    original = page.read_bytes()

    def edit(index: int) -> None:
        page.write_bytes(original + f"\n## Catatan revisi {index + 1}\n\nMateri ini diperbarui.\n".encode())

    return edit, lambda: page.write_bytes(original)


def before_copy(root: Path) -> Path:
    """A copy of a corpus for the ``--before`` code: its own files and cache folder (two versions'
    caches never share a folder), refreshed when the corpus was regenerated."""
    copy = root.with_name(root.name + "-before")
    stamp = (root / ".bench-stamp.json").read_text()
    try:
        if (copy / ".bench-stamp.json").read_text() == stamp:
            return copy
    except OSError:
        pass
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".eduforge-cache"))
    return copy


Variant = tuple[str, list[str], Path, "dict[str, str] | None"]
"""A version of eduforge to measure: label, command, its copy of the corpus, its environment."""


def _each(
    cases: list[Case],
    variants: list[Variant],
    editors: dict[str, tuple[Callable[[int], None], Callable[[], None]]],
    name: str,
    arguments: list[str],
    times: int,
    edited: bool = False,
) -> None:
    """One case for every variant, one after the other (so they share the machine's load)."""
    for label, command, where, env in variants:
        before = editors[label][0] if edited else None
        cases.append(repeat(Case(label + name), times, [*command, *arguments], where, env=env, before=before))


def realistic_section(args: argparse.Namespace, edu: list[str]) -> list[tuple[str, list[Case], str]]:
    """The realistic corpus: cold, warm, one edited page, the commit hook; lychee --offline and
    markdownlint-cli2 on the same files.  CPU seconds (user + sys) are what to compare on a shared machine.

    With ``--before SRC`` every eduforge case also runs the code in SRC (``PYTHONPATH=SRC python -m
    eduforge``, on a copy of the corpus), right before the current code's run of the same case."""
    tables = []
    node = shutil.which("node") or "node"
    markdownlint = [node, str(PEERS / "node_modules" / "markdownlint-cli2" / "markdownlint-cli2-bin.mjs")]
    lychee = shutil.which("lychee")
    for pages in (args.pages, args.hook_pages):
        if not pages:
            continue
        root = corpus_dir(pages, args.seed, realistic=True)
        variants: list[Variant] = [("", edu, root, None)]
        if args.before:
            env = {**os.environ, "PYTHONPATH": str(Path(args.before).resolve())}
            variants.insert(0, ("before: ", [sys.executable, "-m", "eduforge"], before_copy(root), env))
        content = corpus.CONTENT.as_posix()
        files = sorted((root / corpus.CONTENT).rglob("*.md"))
        changed = files[len(files) // 2]
        relative = changed.relative_to(root).as_posix()
        editors = {label: _editor(where / relative) for label, _, where, _ in variants}
        print(f"  realistic corpus, {pages:,} pages…", flush=True)
        cases: list[Case] = []
        full = pages == args.pages

        if full or args.cold_hook_pages:
            _each(cases, variants, editors, "eduforge lint --no-cache (cold)", ["lint", "--no-cache"], args.repeat)
        for _, _, where, _ in variants:
            shutil.rmtree(where / ".eduforge-cache", ignore_errors=True)
        _each(cases, variants, editors, "eduforge lint, filling the cache", ["lint"], 1)
        _each(cases, variants, editors, "eduforge lint, warm", ["lint"], args.repeat)
        try:
            if full:
                _each(cases, variants, editors, "eduforge lint, 1 page edited", ["lint"], args.repeat, edited=True)
            _each(
                cases,
                variants,
                editors,
                "eduforge lint CHANGED.md (hook)",
                ["lint", relative],
                args.repeat,
                edited=True,
            )
            editors[""][0](args.repeat)
            shortcut = hook_shortcut([*edu, "lint", "-v", relative], root)
        finally:
            for _, undo in editors.values():
                undo()
        if lychee and full:
            cases.append(
                repeat(
                    Case("lychee --offline (every page)"),
                    args.repeat,
                    [lychee, "--offline", "--no-progress", "--root-dir", str(root), content],
                    root,
                    expect_zero=False,
                )
            )
        if lychee:
            cases.append(
                repeat(
                    Case("lychee --offline CHANGED.md"),
                    args.repeat,
                    [lychee, "--offline", "--no-progress", "--root-dir", str(root), relative],
                    root,
                    expect_zero=False,
                )
            )
        if (PEERS / "node_modules" / "markdownlint-cli2").is_dir() and not args.skip_peers:
            cases.append(
                repeat(
                    Case("markdownlint-cli2 CHANGED.md"),
                    args.repeat,
                    [*markdownlint, relative],
                    root,
                    expect_zero=False,
                )
            )
        title = f"realistic corpus, {pages:,} pages ({root.relative_to(ROOT)})"
        tables.append((title, cases, f"{relative}\nhook: {shortcut}"))
    return tables


HOOK_TARGET = 0.3
"""Seconds of wall clock for ``eduforge lint CHANGED.md`` with a warm cache, at 50,000 pages (issue 17)."""


def hook_shortcut(command: list[str], cwd: Path) -> str:
    """Whether a commit-hook run answered from the cache's lookup file, or why it read the whole site."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    for line in done.stderr.splitlines():
        if "commit-hook run" in line:
            return "answered from the lookup file (" + line.strip() + ")"
        if line.startswith("the whole site is read:"):
            return line.strip()
    return "no -v note found"


def print_realistic(tables: list[tuple[str, list[Case], str]]) -> None:
    for title, cases, relative in tables:
        print(f"\n== {title} ==\nCHANGED.md = {relative}")
        print(f"{'case':46} {'wall':>8} {'CPU u+s':>8} {'range':>13} {'max RSS':>9} {'peak tree':>10}")
        for case in cases:
            if not case.ok:
                print(f"{case.name:46} n/a ({case.error})")
                continue
            print(
                f"{case.name:46} {case.median:7.2f}s {case.cpu:7.2f}s {case.spread():>13} "
                f"{case.max_rss:7.0f}MB {case.tree:8.0f}MB"
            )
        by_name = {case.name: case for case in cases if case.ok}
        warm, edited = by_name.get("eduforge lint, warm"), by_name.get("eduforge lint, 1 page edited")
        if warm and edited:
            print(f"1 page edited / warm, CPU: {edited.cpu / warm.cpu:.2f} (target ≤ 1.5)")
        hook = by_name.get("eduforge lint CHANGED.md (hook)")
        if hook and "50,000 pages" in title:
            verdict = "PASS" if hook.median <= HOOK_TARGET else "MISS"
            print(
                f"commit hook: {hook.median:.2f} s wall, {hook.cpu:.2f} s CPU (target ≤ {HOOK_TARGET} s wall): {verdict}"
            )
        cold, lychee = by_name.get("eduforge lint --no-cache (cold)"), by_name.get("lychee --offline (every page)")
        if cold and lychee:
            print(f"eduforge cold / lychee --offline, CPU: {cold.cpu / lychee.cpu:.2f}")
        for name, now in by_name.items():
            then = by_name.get("before: " + name)
            if then is not None:
                print(
                    f"before → now, {name}: wall {then.median:.2f} → {now.median:.2f} s, CPU {then.cpu:.2f} → "
                    f"{now.cpu:.2f} s ({then.cpu / max(now.cpu, 1e-9):.1f}×), peak tree {then.tree:.0f} → {now.tree:.0f} MB"
                )


MEMORY_TARGET_KB_A_PAGE = 10
"""Issues 12.7 and 17.5: a cold lint holds at most 10 KB a page for the whole process tree (1 GB at 100,000)."""


def memory_section(args: argparse.Namespace, edu: list[str]) -> list[str]:
    """``eduforge lint --no-cache`` on ``--memory-pages`` realistic pages, its process tree sampled every
    50 ms by bench/memory.py (``--before SRC``: that code first, on a copy of the corpus)."""
    pages = args.memory_pages
    root = corpus_dir(pages, args.seed, realistic=True)
    variants: list[Variant] = [("", edu, root, None)]
    if args.before:
        env = {**os.environ, "PYTHONPATH": str(Path(args.before).resolve())}
        variants.insert(0, ("before: ", [sys.executable, "-m", "eduforge"], before_copy(root), env))
    target = pages * MEMORY_TARGET_KB_A_PAGE / 1024
    lines = [
        f"target: {MEMORY_TARGET_KB_A_PAGE} KB a page for the tree at 100,000 pages (1 GB);"
        f" {pages:,} pages x {MEMORY_TARGET_KB_A_PAGE} KB = {target:.0f} MB (the interpreter alone holds ~40 MB)"
    ]
    for label, command, where, env in variants:
        print(f"  {label}memory of a cold lint, {pages:,} realistic pages…", flush=True)
        measured = memory.measure([*command, "lint", "--no-cache"], where, env=env)
        verdict = "" if measured.code == 0 else f" (exit {measured.code}: a clean corpus should give 0)"
        lines.append(f"{label}eduforge lint --no-cache: {memory.report(measured)}{verdict}")
    return lines


def peer_section(args: argparse.Namespace, edu: list[str], log: list[str]) -> tuple[list[Case], dict[str, str]]:
    root = corpus_dir(args.peer_pages, args.seed)
    notes: dict[str, str] = {}
    schema_source = ROOT / "schemas" / "starlight.schema.json"
    WORK.mkdir(exist_ok=True)
    schema_file = WORK / "starlight.ajv.schema.json"
    if schema_source.is_file():
        schema_file.write_text(json.dumps(ajv_schema(schema_source), indent=1))
        notes["schema"] = f"{schema_source.relative_to(ROOT)} (for Ajv: date → string/format date, no $schema)"
    else:
        schema_file.write_text(json.dumps(STAND_IN_SCHEMA, indent=1))
        notes["schema"] = "STAND-IN (schemas/starlight.schema.json missing): title/description/template/draft"
    reason = None if args.skip_peers else npm_peers(log)
    if args.skip_peers:
        reason = "skipped (--skip-peers)"
    node = shutil.which("node") or "node"
    remark = [
        node,
        str(PEERS / "node_modules" / "remark-cli" / "cli.js"),
        "--rc-path",
        str(PEERS / "remarkrc.mjs"),
        "--ext",
        "md,mdx",
        "--quiet",
        "--no-stdout",
        "--no-color",
        "--frail",
        corpus.CONTENT.as_posix(),
    ]
    markdownlint = [
        node,
        str(PEERS / "node_modules" / "markdownlint-cli2" / "markdownlint-cli2-bin.mjs"),
        f"{corpus.CONTENT.as_posix()}/**/*.{{md,mdx}}",
    ]
    remark_env = {**os.environ, "BENCH_SCHEMA": os.path.relpath(schema_file, root), "NO_COLOR": "1"}
    cases = {
        "validate": Case("eduforge validate --no-cache"),
        "remark": Case("remark-cli + remark-lint-frontmatter-schema"),
        "lint": Case("eduforge lint --no-cache"),
        "markdownlint": Case("markdownlint-cli2 (default config)"),
    }
    commands = {
        "validate": ([*edu, "validate", "--no-cache"], None, True),
        "remark": (remark, remark_env, True),
        "lint": ([*edu, "lint", "--no-cache"], None, True),
        "markdownlint": (markdownlint, None, False),  # its default rules find style issues: exit 1 is normal
    }
    if reason:
        cases["remark"].error = cases["markdownlint"].error = reason
    print(f"  peers on {args.peer_pages:,} pages ({args.repeat} rounds, tools interleaved)…", flush=True)
    for _ in range(args.repeat):  # round-robin so drift hits every tool alike
        for key, case in cases.items():
            if case.error is None:
                command, env, expect_zero = commands[key]
                repeat(case, 1, command, root, env=env, expect_zero=expect_zero, timeout=args.peer_timeout)
    if cases["markdownlint"].ok:
        output = cases["markdownlint"].runs[-1].output
        summary = [line for line in output.splitlines() if line.startswith("Summary:")]
        notes["markdownlint"] = summary[0] if summary else last_line(output)
    notes["remark command"] = "BENCH_SCHEMA=" + remark_env["BENCH_SCHEMA"] + " " + shlex.join(remark)
    notes["markdownlint command"] = shlex.join(markdownlint)
    notes["corpus"] = str(root.relative_to(ROOT))
    return list(cases.values()), notes


def script_section(name: str, argv_options: list[list[str]], env: dict[str, str], timeout: float) -> str:
    """Run bench/<name> if it exists; its output, or n/a with the reason."""
    script = BENCH / name
    if not script.is_file():
        return f"n/a (bench/{name} not present)"
    for extra in argv_options:
        command = [sys.executable, str(script), *extra]
        try:
            done = subprocess.run(
                command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return f"n/a (timed out after {timeout:.0f} s: {shlex.join(command)})"
        if done.returncode == 2 and "unrecognized arguments" in done.stderr and extra is not argv_options[-1]:
            continue  # the script takes other options: try the next form
        body = (
            done.stdout.rstrip() + ("\n" + done.stderr.rstrip() if done.returncode and done.stderr.strip() else "")
        ).strip()
        head = f"$ {shlex.join(['python', os.path.relpath(script, ROOT), *extra])}"
        if done.returncode:
            return f"{head}\nn/a (exit {done.returncode}: {last_line(done.stderr or done.stdout)})\n{body}"
        return f"{head}\n{body}"
    return "n/a"


# ------------------------------------------------------------------ printing


def machine() -> list[str]:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        total = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        memory = f", {int(total.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except (OSError, StopIteration):
        pass
    node = "none"
    if shutil.which("node"):
        node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    try:
        from eduforge import __version__ as version
    except ImportError:
        version = "?"
    return [
        f"machine: nproc {cores} ({model}){memory}, {platform.system()} {platform.release()}",
        f"python {platform.python_version()}, node {node}, eduforge {version}",
    ]


def verdict(value: float, target: float, enforce: bool) -> str:
    if not enforce:
        return "-"
    return "PASS" if value <= target else "MISS"


def print_lint(cases: list[Case], pages: int) -> None:
    enforce = pages == TARGET_PAGES
    print(f"\n== eduforge lint, {pages:,} pages (schema + links + anchors, offline) ==")
    if not enforce:
        print(f"   (targets are for {TARGET_PAGES:,} pages: no verdicts at {pages:,})")
    print(f"{'case':36} {'median':>9} {'range':>13} {'max RSS':>9} {'peak tree':>10} {'target':>9}  verdict")
    targets = {0: TARGETS["cold"], 2: TARGETS["warm"], 3: TARGETS["pre-commit"]}
    for index, case in enumerate(cases):
        name, _, extra = case.name.partition("\n")
        if not case.ok:
            print(f"{name:36} n/a ({case.error})")
            continue
        target = targets.get(index)
        flag = f"  ({case.error})" if case.error else ""
        print(
            f"{name:36} {case.median:8.2f}s {case.spread():>13} {case.max_rss:7.0f}MB {case.tree:8.0f}MB "
            f"{f'≤ {target}s' if target else '':>9}  {verdict(case.median, target, enforce) if target else ''}{flag}"
        )
        if extra:
            print(extra)
    memory = max((c.tree for c in cases if c.ok), default=0.0)
    print(
        f"{'peak memory (any case, whole tree)':36} {memory:8.0f}MB {'':>13} {'':>9} {'':>10} {'≤ 300MB':>9}  "
        f"{verdict(memory, TARGETS['memory'], enforce)}"
    )


def print_peers(cases: list[Case], notes: dict[str, str], pages: int) -> None:
    print(f"\n== side by side, {pages:,} pages ({notes.get('corpus', '')}) ==")
    print(f"schema: {notes.get('schema', '?')}")
    print(f"{'tool':46} {'median':>9} {'range':>13} {'max RSS':>9} {'peak tree':>10}  ratio")
    pairs = [(cases[0], cases[1], "schema checks only"), (cases[2], cases[3], "whole linter")]
    for ours, theirs, label in pairs:
        print(f"  {label}")
        for case in (ours, theirs):
            if not case.ok:
                print(f"  {case.name:44} n/a ({case.error})")
                continue
            ratio = ""
            if case is theirs and ours.ok:
                ratio = f"{case.median / ours.median:.1f}× eduforge's time, {case.tree / ours.tree:.1f}× its memory"
            print(
                f"  {case.name:44} {case.median:8.2f}s {case.spread():>13} {case.max_rss:7.0f}MB {case.tree:8.0f}MB  {ratio}"
            )
    if "markdownlint" in notes:
        print(f"markdownlint-cli2 found (default rules): {notes['markdownlint']}")
    for key in ("remark command", "markdownlint command"):
        print(f"{key}: {notes.get(key, '')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=None, help="pages for eduforge lint (default 10000; 2000 with --quick)"
    )
    parser.add_argument(
        "--peer-pages",
        type=int,
        default=None,
        help="pages for the peer comparison and export (default 1000; 200 with --quick)",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="runs per case, median reported (default 3; 1 with --quick)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="small corpora, one run each: a smoke test of the suite")
    parser.add_argument("--skip-peers", action="store_true", help="no npm peers")
    parser.add_argument(
        "--skip-scripts", action="store_true", help="do not run bench/urls.py and bench/export_bench.py"
    )
    parser.add_argument(
        "--hook-pages",
        type=int,
        default=None,
        help="realistic pages for the second commit-hook case (default 50000; 0 skips)",
    )
    parser.add_argument("--skip-realistic", action="store_true", help="no realistic-corpus cases")
    parser.add_argument(
        "--before",
        metavar="SRC",
        help="also run the realistic cases with the eduforge package in SRC (e.g. a `git archive` of an older"
        " commit's src/), side by side on a copy of each corpus",
    )
    parser.add_argument(
        "--cold-hook-pages", action="store_true", help="also the cold run (--no-cache) on the --hook-pages corpus"
    )
    parser.add_argument("--peer-timeout", type=float, default=300, help="seconds before a peer run is given up")
    parser.add_argument(
        "--memory-pages",
        type=int,
        default=0,
        help="also the memory of a cold lint on this many realistic pages (issue 12.7: 100000; 0 skips)",
    )
    args = parser.parse_args(argv)
    args.pages = args.pages or (2000 if args.quick else TARGET_PAGES)
    args.peer_pages = args.peer_pages or (200 if args.quick else 1000)
    args.repeat = max(1, args.repeat or (1 if args.quick else 3))
    args.hook_pages = (0 if args.quick else 50_000) if args.hook_pages is None else args.hook_pages

    compile_sources(ROOT / "src")  # timed as installed: with bytecode (see bench/bytecode.py)
    if args.before:
        compile_sources(Path(args.before))
    started = time.perf_counter()
    edu = eduforge_command()
    command = shlex.join(["python", os.path.relpath(__file__, Path.cwd()), *(sys.argv[1:] if argv is None else argv)])
    header = [
        f"eduforge benchmark: {args.pages:,} pages (peers {args.peer_pages:,}), seed {args.seed}, {args.repeat} repeat(s)",
        *machine(),
        f"command: {command}",
        f"eduforge: {shlex.join(edu)}",
    ]
    print("\n".join(header), flush=True)
    log: list[str] = []
    lint_cases, _ = lint_section(args, edu)
    peer_cases, notes = peer_section(args, edu, log)
    realistic = [] if args.skip_realistic else realistic_section(args, edu)
    sections = []
    if args.memory_pages:
        title = f"memory of a cold lint, {args.memory_pages:,} realistic pages (bench/memory.py)"
        sections.append((title, "\n".join(memory_section(args, edu))))
    if not args.skip_scripts:
        env = {
            **os.environ,
            "BENCH_CORPUS": str(corpus_dir(args.peer_pages, args.seed)),
            "BENCH_PAGES": str(args.peer_pages),
        }
        print("  bench/urls.py and bench/export_bench.py…", flush=True)
        urls_args = [["--reps", "1", "--urls", "500"]] if args.quick else [[]]
        sections.append(("URL checking (bench/urls.py)", script_section("urls.py", urls_args, env, 900)))
        sections.append(
            (
                f"export, {args.peer_pages:,} pages (bench/export_bench.py)",
                script_section("export_bench.py", [["--pages", str(args.peer_pages)], []], env, 600),
            )
        )
    print("\n" + "\n".join(header))
    for line in log:
        print(line)
    print_lint(lint_cases, args.pages)
    print_peers(peer_cases, notes, args.peer_pages)
    print_realistic(realistic)
    for title, body in sections:
        print(f"\n== {title} ==\n{body}")
    print(f"\nbench took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
