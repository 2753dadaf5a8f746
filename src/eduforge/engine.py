"""The run: build the site, run the rule families, stamp severities, filter.

``lint(settings, paths)`` is what every checking command calls; the CLI only
turns options into Settings and the result into output and an exit code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from eduforge.config import Settings
from eduforge.errors import UsageError
from eduforge.problem import Problem, Severity
from eduforge.rules import RULES, frontmatter, links, navigation, site_integrity
from eduforge.site.index import SkippedFile, Site, discover
from eduforge.site.page import Page, load_page

PageCheck = Callable[[Page, Site], Iterator[Problem]]

FAMILIES: dict[str, list[PageCheck]] = {
    "schema": [frontmatter.check],
    "links": [navigation.check, links.check, site_integrity.check],
}


@dataclass
class RunResult:
    problems: list[Problem]
    files: int
    site: Site
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    """Lines for ``-v`` (skipped URLs, timing)."""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)


def relative_path(file: Path, settings: Settings) -> str:
    try:
        return file.relative_to(settings.project_root).as_posix()
    except ValueError:
        return file.as_posix()


def build_site(settings: Settings) -> Site:
    """Read every page of the content root once."""
    if not settings.content.is_dir():
        raise UsageError(f"content folder {settings.content} does not exist; set content in eduforge.toml")
    sources, skipped = discover(settings.content, settings.ignore)
    pages = [
        load_page(file, source_id, relative_path(file, settings), settings.base, settings.locales, settings.trailing_slash)
        for file, source_id in sources
    ]
    skipped = [SkippedFile(relative_path(settings.content / s.path, settings), s.reason) for s in skipped]
    return Site(settings, pages, skipped)


def select(site: Site, paths: Iterable[Path]) -> list[Page]:
    """The pages under the given files or folders; all pages when none are given."""
    targets = [path.resolve() for path in paths]
    if not targets:
        return list(site.pages)
    for target in targets:
        if not target.exists():
            raise UsageError(f"{target}: no such file or folder")
    return [page for page in site.pages if any(page.file == t or page.file.is_relative_to(t) for t in targets if t.is_dir() or page.file == t)]


def _stamp(problems: Iterable[Problem], settings: Settings) -> list[Problem]:
    stamped = []
    for problem in problems:
        level = settings.rules.get(problem.rule, RULES[problem.rule].severity)
        if level is not None:
            stamped.append(problem.with_severity(level))
    return stamped


def load_problems(page: Page) -> Iterator[Problem]:
    for issue in page.issues:
        yield Problem(page.path, issue.line, issue.column, issue.rule, issue.message)


def lint(settings: Settings, paths: Iterable[Path] = (), families: Iterable[str] = ("schema",)) -> RunResult:
    started = time.perf_counter()
    site = build_site(settings)
    selected = select(site, paths)
    raw: list[Problem] = []
    for page in selected:
        raw.extend(load_problems(page))
        for family in families:
            for check in FAMILIES[family]:
                raw.extend(check(page, site))
    selected_paths = {page.path for page in selected}
    raw.extend(Problem(skipped.path, 1, 1, "file-skipped", f"skipped: {skipped.reason}") for skipped in site.skipped
               if not paths or skipped.path in selected_paths)
    problems = sorted(set(_stamp(raw, settings)))
    return RunResult(problems, len(selected), site, time.perf_counter() - started)
