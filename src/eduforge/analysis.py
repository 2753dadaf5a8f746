"""Reading pages: parse each file and run the page-local rules, in parallel when it pays.

This is the hot path of a cold run.  Each page is read once; its frontmatter,
body facts (headings, ids, links) and page-local problems (schema, unknown
keys) become a plain-data State that worker processes send back and the cache
stores.  Site-wide rules (links) run later, in the main process, over all pages.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Sequence

from eduforge.cache import State, encode
from eduforge.config import Settings
from eduforge.rules import frontmatter
from eduforge.site.frontmatter import Frontmatter, LoadIssue
from eduforge.site.page import Page, load_page

WorkItem = tuple[Path, str, str, bytes | None, LoadIssue | None]
"""``(file, source_id, path, raw bytes or None, why it could not be read)``."""

PARALLEL_FROM = 300
"""Below this many pages to read, a process pool costs more than it saves."""


def analyze(item: WorkItem, settings: Settings) -> Page:
    file, source_id, path, raw, issue = item
    if raw is None:
        page = load_page(file, source_id, path, settings.base, settings.locales, settings.trailing_slash, text="")
        page.frontmatter = Frontmatter(None, None, 1, "")
        page.issues = [issue] if issue else []
        return page
    page = load_page(file, source_id, path, settings.base, settings.locales, settings.trailing_slash, raw=raw)
    page.local_problems = list(frontmatter.check(page, settings))
    return page


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _analyze_chunk(items: list[WorkItem]) -> list[State]:
    assert _worker_settings is not None
    return [encode(analyze(item, _worker_settings)) for item in items]


def analyze_many(items: Sequence[WorkItem], settings: Settings) -> list[Page] | list[State]:
    """Pages for few items (in-process), States for many (from a pool of all cores)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [analyze(item, settings) for item in items]
    chunk = max(50, len(items) // (workers * 4))
    chunks = [list(items[i : i + chunk]) for i in range(0, len(items), chunk)]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        return [state for states in pool.map(_analyze_chunk, chunks) for state in states]
