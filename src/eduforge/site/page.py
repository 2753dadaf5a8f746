"""One page of the site: its file, identity (slug, locale, URL), frontmatter and body."""

from __future__ import annotations

import bisect
import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from eduforge.problem import Problem
from eduforge.site.frontmatter import CURRENT_ASTRO, Dialect, Frontmatter, LoadIssue, split_and_parse
from eduforge.site.frontmatter_links import frontmatter_links
from eduforge.site.markdown import NO_PROPS, BodyFacts, analyze_body
from eduforge.site.slug import content_slug
from eduforge.suppress import Suppressions, find_suppressions

PAGE_SUFFIXES = frozenset({".md", ".mdx", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn"})
MAX_FILE_BYTES = 5 * 1024 * 1024
"""Larger files are not read (no curriculum page is this big; a 50 MB file is a mistake)."""


_READING = ("facts", "issues", "local_problems", "suppressions")
Reading = tuple[BodyFacts, list[LoadIssue], list[Problem], Suppressions]
"""What reading a page's file found: its facts, load issues, page-local problems and suppressions."""


class RecordSource(Protocol):
    """Where a page restored from the cache gets what reading it found, on first use (see cache.py)."""

    def load(self) -> Reading: ...


@dataclass(eq=False, slots=True)
class Page:
    """A page as Starlight sees it, plus what eduforge learned reading it (its facts, never its text).

    Slots, not a ``__dict__``: 100,000 pages are held at once, and loading a page's reading in a forked
    worker writes to the page object only, not to a dict that grows (and is copied) for it."""

    filename: str
    """Absolute path of the source file."""
    path: str
    """Path relative to the project root, ``/``-separated: what reports show."""
    source_id: str
    """Path relative to the content root, without extension: ``tutorials/Git/instalasi-git``."""
    slug: str
    """Starlight's slug: ``tutorials/git/instalasi-git``; ``""`` for the root index."""
    locale: str | None
    url: str
    """Where the built site serves the page: ``base + "/" + slug + "/"``."""
    frontmatter: Frontmatter
    """The full frontmatter; a page restored from the cache has only its facts (data is empty)."""
    title: str = ""
    draft: bool = False
    slug_line: int = 0
    """Line of a frontmatter ``slug:`` key, 0 when there is none."""
    known_anchors: frozenset[str] | tuple[str, ...] | None = field(default=None, repr=False)
    """The page's anchors when known without its facts (a page from the cache's site index: a tuple
    until a link asks)."""
    sidebar_key: bytes = field(default=b"", repr=False)
    """A digest of what the sidebar rules read of the page (see cache.py); empty when not computed."""
    clean: bool = field(default=False, repr=False)
    """Known to have no load issue and no page-local problem, without loading its reading fields."""
    record: RecordSource | None = field(default=None, repr=False)
    """Where the reading fields below come from on first use (a page from the cache or a worker)."""
    # What reading the file found.  A page restored from the cache loads them from its record
    # on first use: a commit-hook run needs them for a handful of pages only.
    facts: BodyFacts = field(init=False, repr=False)
    """Headings, ids and links (body and frontmatter): all the site-wide rules read."""
    issues: list[LoadIssue] = field(init=False, repr=False)
    """Problems found while reading the file (encoding, fences, YAML)."""
    local_problems: list[Problem] = field(init=False, repr=False)
    """Problems of the page-local rules (schema, unknown keys), before severities are applied."""
    suppressions: Suppressions = field(init=False, repr=False)
    """Inline ``eduforge-disable…`` comments (see suppress.py)."""

    def __getattr__(self, name: str) -> Any:
        """Called only for a reading field not set yet: load the page's record, or start it empty."""
        if name not in _READING:
            raise AttributeError(name)
        record = self.record
        if record is not None:
            self.facts, self.issues, self.local_problems, self.suppressions = record.load()
        else:
            setattr(self, name, {"facts": BodyFacts, "suppressions": dict}.get(name, list)())
        return getattr(self, name)

    def forget_reading(self) -> None:
        """Drop the reading fields of a page that can load them again from its record (a cold run
        keeps every page's facts, not all of them at once): the next use loads them anew."""
        if self.record is not None:
            for name in _READING:
                with contextlib.suppress(AttributeError):  # not loaded
                    delattr(self, name)

    @property
    def reading_loaded(self) -> bool:
        """Whether the page holds its facts now (loaded from its record, or never dropped)."""
        try:
            object.__getattribute__(self, "facts")
        except AttributeError:
            return False
        return True

    @property
    def file(self) -> Path:
        return Path(self.filename)

    @property
    def anchors(self) -> frozenset[str] | tuple[str, ...]:
        """Every fragment a link to this page may use: heading ids, ``id=`` attributes, ``_top``.

        A page from a worker or the cache has them as a sorted tuple of distinct anchors, searched as it
        is: a set made from it would be a new object in every forked process that checks a link to the
        page, and would write to the page (which the processes share until one writes)."""
        known = self.known_anchors
        if known is None:
            facts = self.facts
            known = self.known_anchors = frozenset((*facts.ids, *(heading.id for heading in facts.headings), "_top"))
        return known

    def has_anchor(self, fragment: str) -> bool:
        """Whether ``fragment`` is one of :attr:`anchors`: a set lookup, or a binary search of the
        sorted tuple (``in`` a tuple reads it all: a link to each of 50,000 headings cost 50,000²)."""
        anchors = self.anchors
        if isinstance(anchors, tuple):
            index = bisect.bisect_left(anchors, fragment)
            return index < len(anchors) and anchors[index] == fragment
        return fragment in anchors

    @property
    def data(self) -> dict[str, Any]:
        return self.frontmatter.data or {}

    @property
    def is_mdx(self) -> bool:
        return self.filename.endswith(".mdx")


def page_url(base: str, slug: str, trailing_slash: str = "ignore") -> str:
    """The URL of a slug: with base, and with a trailing slash unless the site says never."""
    path = f"{base}/{slug}" if slug else f"{base}/"
    if trailing_slash == "never":
        return path.rstrip("/") or "/"
    return path if path.endswith("/") else path + "/"


def read_bytes(file: str | Path, size: int | None = None) -> tuple[bytes | None, LoadIssue | None]:
    """The file's bytes, unless it is too large, unreadable or not a regular file.

    The file is opened without blocking and checked once open, so a FIFO put in its
    place never makes the run wait. ``size`` (what a caller's ``stat`` said) is only a
    hint: the open file's own size decides.
    """
    del size
    try:
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        return None, LoadIssue(1, 1, "file-unreadable", f"cannot read the file: {error.strerror or error}")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                return None, LoadIssue(
                    1, 1, "file-unreadable", "not a regular file (a pipe or device?); it was not read"
                )
            size = status.st_size
            if size > MAX_FILE_BYTES:
                return None, LoadIssue(
                    1,
                    1,
                    "file-unreadable",
                    f"the file is {size / 1048576:.0f} MB, over the {MAX_FILE_BYTES // 1048576} MB limit for a page; it was not checked",
                )
            # read what fstat said, and one byte more to see a file that grew: asking for the limit
            # itself would allocate 5 MB for every page
            raw = handle.read(size + 1)
            if len(raw) > size:
                raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
        except OSError as error:
            return None, LoadIssue(1, 1, "file-unreadable", f"cannot read the file: {error.strerror or error}")
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        return None, LoadIssue(
            1,
            1,
            "file-unreadable",
            f"the file is over the {MAX_FILE_BYTES // 1048576} MB limit for a page; it was not checked",
        )
    return raw, None


def decode_text(raw: bytes) -> tuple[str | None, LoadIssue | None]:
    """Bytes as UTF-8 text (BOM and CRLF tolerated), or why they are not."""
    if b"\x00" in raw:
        return None, LoadIssue(
            1,
            1,
            "file-unreadable",
            "this is a binary file, not Markdown text; move it out of the content folder or rename it",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        if line_start == 0 and raw.startswith(b"\xef\xbb\xbf"):
            line_start = 3  # the BOM is no character of the text
        column = len(raw[line_start : error.start].decode("utf-8")) + 1  # characters, as every rule counts
        return None, LoadIssue(
            line, column, "encoding", f"invalid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def load_page(
    file: str | Path,
    source_id: str,
    path: str,
    base: str,
    locales: tuple[str, ...],
    trailing_slash: str = "ignore",
    text: str | None = None,
    raw: bytes | None = None,
    heading_ids: bool = False,
    dialect: Dialect = CURRENT_ASTRO,
    body: bool = True,
    props: frozenset[str] = NO_PROPS,
) -> Page:
    """Read and analyse one page. Never raises for bad content: problems go in ``issues``.

    ``body=False`` leaves the body unparsed (no headings, ids or links): for frontmatter-only checks."""
    issue = None
    if text is None:
        if raw is None:
            raw, issue = read_bytes(file)
        if raw is not None:
            text, issue = decode_text(raw)
    frontmatter = split_and_parse(text, dialect) if text is not None else Frontmatter(None, None, 1, "")
    slug = content_slug(source_id)
    custom_slug = (frontmatter.data or {}).get("slug")
    if isinstance(custom_slug, str):
        slug = custom_slug.strip("/")
    first_segment = slug.split("/", 1)[0]
    data = frontmatter.data or {}
    title = data.get("title")
    page = Page(
        filename=str(file),
        path=path,
        source_id=source_id,
        slug=slug,
        locale=first_segment if first_segment in locales else None,
        url=page_url(base, slug, trailing_slash),
        frontmatter=frontmatter,
        title=title if isinstance(title, str) else slug or "index",
        draft=data.get("draft") is True,
        slug_line=frontmatter.key_positions[("slug",)][0] if ("slug",) in frontmatter.key_positions else 0,
    )
    page.facts, page.local_problems, page.suppressions = BodyFacts(), [], {}
    page.issues = [issue] if issue else list(frontmatter.issues)
    if text is not None and body:
        page.facts = analyze_body(
            frontmatter.body, frontmatter.body_line, mdx=page.is_mdx, heading_ids=heading_ids, props=props
        )
        page.facts.links.extend(frontmatter_links(frontmatter))
    if text is not None:
        page.suppressions, unknown = find_suppressions(text, frontmatter, page.facts.comments)
        page.issues.extend(unknown)
    return page
