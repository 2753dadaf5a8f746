"""Whatever escapes the reading of one page becomes a problem on that page; the run goes on.

A page's content never ends the run with exit 3: the pages that used to crash a worker are
read, in-process and in forked workers, and a failure of eduforge itself (proved by making
the body reader fail for one page) is an ``internal-error`` on that page only.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

import eduforge.parallel
import eduforge.site.page
from eduforge import __version__, engine
from eduforge.analysis import PARALLEL_FROM
from eduforge.problem import Problem
from eduforge.site.page import Page
from helpers import SiteBuilder, problems, run

USED_TO_CRASH = {
    "vertical-tab.md": ("---\ntitle: Tab\x0bulasi\n---\n", (2, 11, "yaml-syntax")),
    "cp1252.md": ("---\ntitle: It\x92s\n---\n", (2, 10, "yaml-syntax")),
    "dot.md": ("---\ntitle: Titik\ndescription: .\n---\n", None),
    "minus-dot.md": ("---\ntitle: Titik\ndescription: -.\n---\n", None),
    "tag-int.md": ("---\ntitle: Tag\nsidebar:\n  order: !!int one\n---\n", (4, 10, "yaml-syntax")),
    "tag-timestamp.md": ("---\ntitle: Tag\nlastUpdated: !!timestamp soon\n---\n", (3, 14, "yaml-syntax")),
    "overflow.md": ("---\ntitle: Jauh\nlastUpdated: 9999-12-31T23:59:59-05:00\n---\n", (3, 14, "frontmatter-date")),
    "rollover.md": ("---\ntitle: Jauh\nlastUpdated: 9999-12-31T25:61:00\n---\n", (3, 14, "frontmatter-date")),
    "year-one.md": ("---\ntitle: Awal\nlastUpdated: 0001-01-01T00:00:00+01:00\n---\n", (3, 14, "frontmatter-date")),
    "digits.md": ("---\ntitle: Angka\nsidebar:\n  order: " + "9" * 4400 + "\n---\n", (4, 10, "schema")),
}


@pytest.fixture(autouse=True)
def two_workers_at_least(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers are used even on a one-core machine (the "forked" cases must fork)."""
    monkeypatch.setattr(eduforge.parallel, "usable_cores", lambda: 2)


def _write(site: SiteBuilder, fillers: int) -> None:
    for name, (text, _) in USED_TO_CRASH.items():
        site.page(name, text)
    for index in range(fillers):
        site.page(f"filler/p{index}.md", f"---\ntitle: P{index}\n---\n")
    site.page("sentinel.md", "---\ntitle: Sentinel\ndraft: yes\n---\n[x](/pusat-belajar/nowhere/)\n")


@pytest.mark.parametrize("fillers", [0, PARALLEL_FROM], ids=["in-process", "forked-workers"])
def test_pages_that_used_to_crash_are_positioned_problems(site: SiteBuilder, fillers: int) -> None:
    _write(site, fillers)
    found = problems(site.root, "lint", "--no-cache")
    by_page = {(path, line, column, rule) for path, line, column, _severity, rule, _message in found}
    for name, (_, expected) in USED_TO_CRASH.items():
        if expected is not None:
            assert (f"docs/{name}", *expected) in by_page
    assert {rule for *_, rule, _message in found} <= {"yaml-syntax", "frontmatter-date", "schema", "link-target"}
    assert ("docs/sentinel.md", 3, 8, "schema") in by_page
    assert ("docs/sentinel.md", 5, 5, "link-target") in by_page
    assert run(site.root, "lint", "--no-cache").exit_code == 1


@pytest.mark.parametrize("fillers", [0, PARALLEL_FROM], ids=["in-process", "forked-workers"])
def test_a_failure_of_eduforge_on_one_page_is_a_problem_on_that_page(
    site: SiteBuilder, fillers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = eduforge.site.page.analyze_body

    def failing(
        body: str, first_line: int, mdx: bool = False, heading_ids: bool = False, props: frozenset[str] = frozenset()
    ) -> object:
        if "BOOM" in body:
            raise ValueError("boom")
        return real(body, first_line, mdx, heading_ids, props)

    monkeypatch.setattr(eduforge.site.page, "analyze_body", failing)
    _write(site, fillers)
    site.page("boom.md", "---\ntitle: Boom\n---\nBOOM\n")
    result = run(site.root, "lint", "--no-cache", "--format", "json")
    assert result.exit_code == 1
    found = problems(site.root, "lint", "--no-cache")
    assert [p for p in found if p[0] == "docs/boom.md"] == [
        (
            "docs/boom.md",
            1,
            1,
            "error",
            "internal-error",
            "eduforge failed while reading this page (ValueError: boom); the other pages were checked."
            f" This is a bug in eduforge {__version__}: please report it with this page",
        )
    ]
    assert ("docs/sentinel.md", 5, 5, "error", "link-target") in {p[:5] for p in found}


def test_a_worker_process_that_dies_on_a_page_costs_only_that_page(
    site: SiteBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = eduforge.site.page.analyze_body

    def dying(
        body: str, first_line: int, mdx: bool = False, heading_ids: bool = False, props: frozenset[str] = frozenset()
    ) -> object:
        if "DIE" in body and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
        return real(body, first_line, mdx, heading_ids, props)

    monkeypatch.setattr(eduforge.site.page, "analyze_body", dying)
    _write(site, PARALLEL_FROM)
    site.page("die.md", "---\ntitle: Mati\n---\nDIE\n")
    found = problems(site.root, "lint", "--no-cache")
    assert [p for p in found if p[0] == "docs/die.md"] == [
        (
            "docs/die.md",
            1,
            1,
            "error",
            "internal-error",
            "eduforge failed while reading this page (WorkerDied: the worker process died (exit code -9));"
            f" the other pages were checked. This is a bug in eduforge {__version__}: please report it with this page",
        )
    ]
    assert ("docs/sentinel.md", 5, 5, "error", "link-target") in {p[:5] for p in found}
    assert ("docs/vertical-tab.md", 2, 11, "error", "yaml-syntax") in {p[:5] for p in found}


def test_a_link_check_that_kills_its_worker_costs_only_that_page(
    site: SiteBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()

    def dying(page: Page, _site: object) -> Iterator[Problem]:
        if page.path == "docs/filler/p7.md" and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        yield from ()

    monkeypatch.setattr(engine, "PARALLEL_LINKS_FROM", 50)
    monkeypatch.setattr(engine, "SITE_CHECKS", [*engine.SITE_CHECKS, dying])
    _write(site, 60)
    found = problems(site.root, "lint", "--no-cache")
    assert [p[:5] for p in found if p[0] == "docs/filler/p7.md"] == [
        ("docs/filler/p7.md", 1, 1, "error", "internal-error")
    ]
    assert ("docs/sentinel.md", 5, 5, "error", "link-target") in {p[:5] for p in found}
