"""The hostile corpus: no bad page stops the run, nothing hangs, every problem is positioned.

Each generated site (see hostile_corpus.py) is linted as a user would (``eduforge lint
--format json``) and must: end with exit code 1 (the sentinel has errors), never 3; take
under its CPU budget (Site.cpu_budget) (and under 30 s of wall-clock time, whatever else the shared machine runs); report every known problem of the sentinel page; give every problem a line and
column of at least 1; give each hostile page only problems its class allows (never
``internal-error``) and every problem its class must produce; leave the clean page clean.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hostile_corpus import SENTINEL_PROBLEMS, Site, shown, sites, write

from helpers import run

CORPUS = sites(seed=13)


def test_the_corpus_is_deterministic_and_large() -> None:
    again = sites(seed=13)
    assert [(s.name, [(p.name, p.content) for p in s.pages]) for s in again] == [
        (s.name, [(p.name, p.content) for p in s.pages]) for s in CORPUS
    ]
    assert sum(len(site.pages) for site in CORPUS) > 250
    assert len({page.klass for site in CORPUS for page in site.pages}) >= 15


@pytest.mark.parametrize("site", CORPUS, ids=[site.name for site in CORPUS])
def test_a_hostile_site_is_linted_in_seconds_with_every_problem_positioned(site: Site, tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(site, root)
    started, cpu_started = time.perf_counter(), time.process_time()
    result = run(root, "lint", "--no-cache", "--format", "json")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    assert result.exit_code == 1, result.output[-2000:]
    assert cpu < site.cpu_budget, f"{site.name} took {cpu:.1f} s of CPU"
    assert seconds < 30.0, f"{site.name} took {seconds:.1f} s"
    problems = json.loads(result.output)["problems"]
    found = {(p["path"], p["line"], p["column"], p["severity"], p["rule"]) for p in problems}
    assert found >= SENTINEL_PROBLEMS
    for problem in problems:
        assert problem["line"] >= 1 and problem["column"] >= 1, problem
        assert problem["rule"] != "internal-error", problem
    pages = {shown(page.name): page for page in site.pages}
    rules_of: dict[str, set[str]] = {}
    for problem in problems:
        rules_of.setdefault(problem["path"], set()).add(problem["rule"])
    assert set(rules_of) <= {*pages, "docs/sentinel.md"}, "the clean page, or a page of no one, got a problem"
    for path, page in pages.items():
        got = rules_of.get(path, set())
        assert got >= page.must, (path, page.klass, got)
        if page.rules is not None:
            assert got <= page.rules, (path, page.klass, got)
