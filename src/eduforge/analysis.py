"""Reading pages: parse each file and run the page-local rules, on every core.

This is the hot path of a cold run.  Each page file is read once, in a worker;
its frontmatter, body facts (headings, ids, links) and page-local problems
(schema, unknown keys) become a plain-data State, which is what workers send
back and what the cache stores.  Site-wide rules (links) run later, over all pages.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from eduforge import __version__
from eduforge.cache import State, digest, encode
from eduforge.config import Settings, schema_file
from eduforge.parallel import fork_map
from eduforge.rules import components, frontmatter, slugs
from eduforge.site.frontmatter import KeptFrontmatter, LoadIssue, dialect_for, keep_frontmatter
from eduforge.site.markdown import HEADING_ID_PLUGINS, link_props, warm_up
from eduforge.site.page import Page, load_page, read_bytes
from eduforge.validation import SchemaLoadError, compiled

WorkItem = tuple[str, str, str, "int | None"]
"""``(file, source_id, path, size or None)``."""

Analysis = tuple[bytes, bool, State]
"""``(digest of the file's bytes, whether the result may be cached, the page's State)``."""

Kept = KeptFrontmatter | None
"""What an export keeps of a page's frontmatter reading (see :func:`analyze_many`), if anything."""

PARALLEL_FROM = 300
"""Below this many pages to read, worker processes cost more than they save."""


def analyze(item: WorkItem, settings: Settings, body: bool = True) -> tuple[Page, bytes, bool]:
    """Read one page file and run the page-local rules on it; ``body=False``: its frontmatter only
    (the page then has no body facts and is not cached)."""
    file, source_id, path, size = item
    raw, issue = read_bytes(file, size)
    if raw is None:
        page = load_page(file, source_id, path, settings.base, settings.locales, settings.trailing_slash, text="")
        page.issues = [issue] if issue else []
        return page, b"", False
    heading_ids = not HEADING_ID_PLUGINS.isdisjoint(settings.markdown_plugins)
    page = load_page(
        file,
        source_id,
        path,
        settings.base,
        settings.locales,
        settings.trailing_slash,
        raw=raw,
        heading_ids=heading_ids,
        dialect=dialect_for(settings.astro_version),
        body=body,
        props=link_props(settings.link_components),
    )
    page.local_problems = [*frontmatter.check(page, settings), *slugs.check(page), *components.check(page, settings)]
    page.facts.fenced = page.facts.constructs = None  # the rules are done with them
    # a page's own $schema file is not part of the cache key: such pages are always re-read
    return page, digest(raw), body and b"$schema" not in raw[:4096]


def internal_error(error: BaseException, doing: str) -> str:
    """The message of an ``internal-error`` problem: what failed, and whom to tell."""
    detail = f"{type(error).__name__}: {error}"
    if len(detail) > 200:
        detail = detail[:199] + "…"
    return (
        f"eduforge failed while {doing} ({detail}); the other pages were checked."
        f" This is a bug in eduforge {__version__}: please report it with this page"
    )


def failed_page(item: WorkItem, settings: Settings, error: BaseException) -> Page:
    """A page whose reading failed: no facts, one ``internal-error`` problem at its start."""
    file, source_id, path, _size = item
    page = load_page(file, source_id, path, settings.base, settings.locales, settings.trailing_slash, text="")
    page.issues = [LoadIssue(1, 1, "internal-error", internal_error(error, "reading this page"))]
    return page


def analyze_safely(item: WorkItem, settings: Settings, body: bool = True) -> Analysis:
    """``analyze`` behind the page boundary: whatever escapes the reading of one page becomes
    a problem on that page, and the run goes on with the others."""
    return _analyze_keeping(item, settings, body, keep=False)[0]


def _analyze_keeping(item: WorkItem, settings: Settings, body: bool, keep: bool) -> tuple[Analysis, Kept]:
    """:func:`analyze_safely`, and what the export needs of the page's frontmatter when ``keep``."""
    try:
        page, file_digest, cacheable = analyze(item, settings, body)
        analysis = file_digest, cacheable, encode(page)
    except (Exception, RecursionError, MemoryError) as error:
        return (b"", False, encode(failed_page(item, settings, error))), None
    return analysis, keep_frontmatter(page.frontmatter) if keep else None


def _analyze_chunk(context: tuple[Settings, bool, bool], items: list[WorkItem]) -> list[tuple[Analysis, Kept]]:
    settings, body, keep = context
    return [_analyze_keeping(item, settings, body, keep) for item in items]


def analyze_many(
    items: Sequence[WorkItem], settings: Settings, body: bool = True, kept: dict[str, KeptFrontmatter] | None = None
) -> list[Analysis]:
    """Analyses of the items, in order, from all cores when there are many (``body``: see :func:`analyze`).

    ``kept`` (the export's): filled with what the export needs of each page's frontmatter, by path, so that
    it reads no file again (:func:`~eduforge.site.frontmatter.keep_frontmatter`)."""
    if len(items) >= PARALLEL_FROM:  # load what every worker needs once, before forking
        warm_up()
        with contextlib.suppress(SchemaLoadError):  # each page will report it
            compiled(schema_file(settings.schema, settings.project_root))

    def lost(item: WorkItem, error: BaseException) -> list[tuple[Analysis, Kept]]:
        return [((b"", False, encode(failed_page(item, settings, error))), None)]

    results = fork_map(_analyze_chunk, items, (settings, body, kept is not None), min_items=PARALLEL_FROM, on_lost=lost)
    if kept is not None:
        kept.update((item[2], found) for item, (_, found) in zip(items, results, strict=True) if found is not None)
    return [analysis for analysis, _ in results]
