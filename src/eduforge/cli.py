"""Click commands only: options → Settings → engine → reporter → exit code.

Exit codes: 0 no errors (warnings allowed), 1 errors (or warnings with
``--strict``), 2 usage or config error, 3 internal error.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import click

from eduforge import __version__
from eduforge.config import Settings, load_settings
from eduforge.engine import RunResult, combine, lint, relocated, select
from eduforge.errors import UsageError, error_boundary
from eduforge.problem import Problem
from eduforge.project.workspace import group, real_path, repository_root
from eduforge.report import REPORTERS
from eduforge.report.escape import visible
from eduforge.report.text import plural


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def check_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options every checking command shares."""
    for decorator in reversed(
        [
            click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
            click.option(
                "--config",
                "config_path",
                type=click.Path(path_type=Path),
                help="Config file (default: eduforge.toml or pyproject.toml found upwards).",
            ),
            click.option(
                "--format",
                "output_format",
                type=click.Choice(sorted(REPORTERS)),
                default=None,
                help="Output format (default: github under GitHub Actions, else text).",
            ),
            click.option("--strict", is_flag=True, help="Exit 1 on warnings too."),
            click.option(
                "-v", "--verbose", is_flag=True, help="Say which config and values were used, and how long it took."
            ),
            click.option("--no-cache", is_flag=True, help="Read every page afresh and do not write the cache."),
            click.option("--debug", is_flag=True, help="Show tracebacks of internal errors."),
        ]
    ):
        function = decorator(function)
    return function


class LazyGroup(click.Group):
    """Commands named here are imported when used: `eduforge lint` never loads the exporter."""

    lazy: ClassVar[dict[str, tuple[str, str, str]]] = {
        "export": (
            "eduforge.export.command",
            "export_command",
            "Export the curriculum as JSON or as a self-contained HTML site.",
        ),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, attribute, _ = self.lazy[name]
            return getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(limit=60)) for name, command in self.commands.items()]
        rows += [(name, summary) for name, (_, _, summary) in self.lazy.items()]
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows))


@click.group(name="eduforge", cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eduforge")
def cli() -> None:
    """Lint and export Markdown/MDX curricula with YAML frontmatter (Astro Starlight first).

    Run `eduforge lint` in a Starlight project, or where an eduforge.toml is.
    """


def external_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Options of the commands that can check external URLs."""
    for decorator in reversed(
        [
            click.option(
                "--external/--no-external",
                default=None,
                help="Also check external http(s) URLs (default: [external] enabled).",
            ),
            click.option(
                "--timeout", type=click.FloatRange(min=0.1), default=None, help="Seconds per request (default 10)."
            ),
            click.option(
                "--max-concurrency",
                type=click.IntRange(min=1, max=512),
                default=None,
                help="Requests at once (default 32).",
            ),
            click.option(
                "--per-host",
                type=click.IntRange(min=1, max=64),
                default=None,
                help="Requests at once to one host (default 4).",
            ),
            click.option(
                "--check-fragments",
                is_flag=True,
                default=None,
                help="Also check that #fragments of external URLs name an anchor of the page "
                "(default: [external] check_fragments).",
            ),
        ]
    ):
        function = decorator(function)
    return function


def _with_external(
    settings: Settings,
    external: bool | None,
    timeout: float | None,
    max_concurrency: int | None,
    per_host: int | None,
    check_fragments: bool | None = None,
) -> tuple[Settings, bool]:
    given: dict[str, Any] = {
        "timeout": timeout,
        "max_concurrency": max_concurrency,
        "per_host": per_host,
        "check_fragments": check_fragments,
    }
    overrides = {key: value for key, value in given.items() if value is not None}
    if overrides:
        settings = dataclasses.replace(settings, external=dataclasses.replace(settings.external, **overrides))
    return settings, settings.external.enabled if external is None else external


@dataclasses.dataclass
class LintExtras:
    """What only ``eduforge lint`` does besides reporting: fixing and baselines."""

    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff


@dataclasses.dataclass
class _Tally:
    fixed: int = 0
    would_fix: int = 0
    diff: list[str] = dataclasses.field(default_factory=list)
    known: int = 0
    gone: int = 0
    noted: set[str] = dataclasses.field(default_factory=set)
    entries: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)


FIX_PASSES = 10
"""``--fix`` lints again after fixing, until nothing is left to fix (one fix can uncover another)."""


def _run(
    families: tuple[str, ...],
    paths: tuple[Path, ...],
    config_path: Path | None,
    output_format: str | None,
    strict: bool,
    verbose: bool,
    no_cache: bool,
    external: bool | None = False,
    timeout: float | None = None,
    max_concurrency: int | None = None,
    per_host: int | None = None,
    check_fragments: bool | None = None,
    extras: LintExtras | None = None,
) -> int:
    extras = extras or LintExtras()
    tally = _Tally()
    cwd = Path.cwd().resolve()
    output_format = output_format or _default_format()
    if config_path is not None:
        projects = {real_path(config_path).parent: list(paths)}
    else:
        workspace = group(paths, cwd)
        for outside in workspace.outside:
            click.echo(f"eduforge: {outside}: not part of a Starlight project; skipped", err=True)
        if not workspace.projects:
            raise UsageError("no Starlight project here: run in a folder with astro.config.* or eduforge.toml")
        if workspace.unmarked:
            click.echo(
                f"eduforge: warning: no astro.config.* or eduforge.toml in {visible(str(cwd))} or above: it is read as a "
                "Starlight project with the default settings (write an eduforge.toml to say where the pages are)",
                err=True,
            )
        projects = workspace.projects
    progress = output_format not in ("json", "sarif")  # a redrawn line on a terminal, a line now and then in CI
    display_root = (repository_root(cwd) or cwd) if output_format in ("github", "sarif") else cwd
    results = []
    for root, project_paths in projects.items():
        loaded = load_settings(config_path, cwd=root)
        settings, check_external = _with_external(loaded, external, timeout, max_concurrency, per_host, check_fragments)
        run_families = (*families, "external") if check_external else families
        if verbose:
            for line in settings.describe():
                click.echo(visible(line), err=True)
        use_cache = not no_cache and not extras.fixing  # fixes are made on the bytes read now
        result = lint(settings, tuple(project_paths), run_families, use_cache=use_cache, progress=progress)
        if extras.fixing or output_format in ("json", "sarif"):
            from eduforge.fix import settle  # the fixer loads only for --fix and the formats that carry fixes

            result.problems = settle(result.problems, settings.project_root)
        if extras.fixing:
            again = functools.partial(lint, settings, tuple(project_paths), run_families)
            result = _fix(result, extras, tally, again)
        result = _baseline(result, tuple(project_paths), extras, tally)
        results.append(relocated(result, display_root))
        if verbose:
            pages = result.site.page_count
            read = f"{pages} page" if pages == 1 else f"{pages} pages"
            click.echo(f"read {read}, reported on {result.files}, in {result.seconds:.2f} s", err=True)
            for note in result.notes:
                click.echo(visible(note), err=True)
    combined = combine(results, display_root)
    if extras.write_baseline is not None:
        from eduforge.baseline import write as write_baseline

        count = write_baseline(extras.write_baseline, tally.entries)
        click.echo(f"eduforge: wrote {count} problems to the baseline {extras.write_baseline}", err=True)
        return 0
    if extras.diff:
        sys.stdout.write("".join(tally.diff))
        click.echo(f"eduforge: would fix {plural(tally.would_fix, 'problem')} (--fix applies them)", err=True)
        return 1 if tally.would_fix else 0
    _print(combined, output_format)
    if extras.fix:
        click.echo(f"eduforge: fixed {tally.fixed} problems", err=True)
    if extras.baseline is not None:
        click.echo(
            f"eduforge: {tally.known} problems in the baseline not shown; {tally.gone} baselined problems fixed",
            err=True,
        )
    return 1 if combined.errors or (strict and combined.warnings) else 0


def _fix(result: RunResult, extras: LintExtras, tally: _Tally, again: Callable[[], RunResult]) -> RunResult:
    """Apply the fixes (or, with --diff, say what they would change) and lint again until nothing is left."""
    from eduforge.fix import apply_fixes, settle

    root = result.site.settings.project_root
    shown, cwd = root.resolve(), Path.cwd().resolve()
    prefix = shown.relative_to(cwd).as_posix() + "/" if shown != cwd and shown.is_relative_to(cwd) else ""
    for _ in range(FIX_PASSES):
        outcome = apply_fixes(
            result.problems, root, result.site.digests, unsafe=extras.unsafe_fixes, write=not extras.diff
        )
        for note in (f"eduforge: {prefix}{file.path}: {file.note}" for file in outcome.files if file.note):
            if note not in tally.noted:
                tally.noted.add(note)
                click.echo(note, err=True)
        if extras.diff:
            tally.would_fix += sum(file.fixed for file in outcome.changed)
            tally.diff.extend(outcome.diff(prefix))
            return result
        applied = sum(file.fixed for file in outcome.changed)
        if not applied:
            return result
        tally.fixed += applied
        result = again()
        result.problems = settle(result.problems, root)
    return result


def _baseline(result: RunResult, paths: tuple[Path, ...], extras: LintExtras, tally: _Tally) -> RunResult:
    """Record the problems (--write-baseline) or leave out those the baseline has (--baseline)."""
    file = extras.write_baseline or extras.baseline
    if file is None:
        return result
    from eduforge.baseline import Lines as BaselineLines  # only with --baseline and --write-baseline
    from eduforge.baseline import entry as baseline_entry
    from eduforge.baseline import read as read_baseline
    from eduforge.baseline import subtract

    root, folder = result.site.settings.project_root, real_path(file).parent
    if extras.write_baseline is not None:
        lines = BaselineLines()
        tally.entries.extend(baseline_entry(problem, root, folder, lines) for problem in result.problems)
        return result
    chosen = select(result.site, paths)
    reported = {baseline_entry(Problem(page.path, 1, 1, "", ""), root, folder, BaselineLines())[1] for page in chosen}
    filtered = subtract(result.problems, root, read_baseline(file), folder, None if not paths else reported)
    tally.known += filtered.known
    tally.gone += filtered.fixed
    return dataclasses.replace(result, problems=filtered.problems)


def _print(result: RunResult, output_format: str | None) -> None:
    stream = sys.stdout
    color = output_format in (None, "text") and stream.isatty() and "NO_COLOR" not in os.environ
    REPORTERS[output_format or _default_format()](result, stream, color)


@cli.command("config")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file (default: found upwards).")
@error_boundary
def config_command(config_path: Path | None) -> int:
    """Print every effective setting and where it came from (astro.config line, eduforge.toml, default)."""
    workspace = group((), Path.cwd().resolve())
    for root in [real_path(config_path).parent] if config_path else list(workspace.projects):
        for line in load_settings(config_path, cwd=root).describe():
            click.echo(visible(line))
    return 0


@cli.command("lint")
@check_options
@external_options
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the selected files, then report what is left.")
@click.option("--diff", is_flag=True, help="With --fix: write nothing, print a unified diff (exit 1 if any).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that change what a page does (renames).")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    default=None,
    help="Report only problems not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path),
    default=None,
    help="Record today's problems in this file (then use --baseline FILE).",
)
@error_boundary
def lint_command(
    paths: tuple[Path, ...],
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    **options: Any,
) -> int:
    """Run every check: frontmatter schema and links (and external URLs with --external).

    PATHS select the pages reported on (and fixed, with --fix); links are always resolved against the
    whole site.
    """
    if (diff or unsafe_fixes) and not fix:
        raise UsageError("--diff and --unsafe-fixes go with --fix: eduforge lint --fix --diff")
    if baseline is not None and write_baseline is not None:
        raise UsageError("use either --baseline or --write-baseline, not both")
    extras = LintExtras(fix, diff, unsafe_fixes, baseline, write_baseline)
    return _run(("schema", "links"), paths, **options, extras=extras)


@cli.command()
@check_options
@error_boundary
def validate(paths: tuple[Path, ...], **options: Any) -> int:
    """Validate frontmatter against its JSON Schema, at the exact line:column."""
    return _run(("schema",), paths, **options)


@cli.command()
@check_options
@external_options
@error_boundary
def links(paths: tuple[Path, ...], **options: Any) -> int:
    """Check prev/next, internal links, anchors and images, offline (external URLs with --external)."""
    return _run(("links",), paths, **options)


@cli.command("rules")
def rules_command() -> None:
    """List every rule with its default severity."""
    from eduforge.rules import RULES

    for rule in RULES.values():
        click.echo(f"{rule.id:22} {rule.severity or 'off'!s:8} {rule.summary}")


def tune_gc() -> None:
    """A run builds hundreds of thousands of small objects and frees them all at exit; the cyclic
    collector would walk that heap again and again (a third of a cold run's time, and a cost that
    grows faster than the page): collect only every 200,000 allocations."""
    gc.set_threshold(200_000, 100, 100)


def main() -> None:
    tune_gc()
    try:
        cli(prog_name="eduforge")
    except SystemExit as done:
        # Every file is written and closed by now: skip tearing down the heap object by object.
        code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
