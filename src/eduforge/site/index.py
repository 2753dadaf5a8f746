"""The Site: every page of the content root, found as Starlight finds them, indexed by URL."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eduforge.config import Settings
from eduforge.site.page import PAGE_SUFFIXES, Page

if TYPE_CHECKING:
    from eduforge.config import Locale
    from eduforge.site.locales import Locales
    from eduforge.site.resolve import Resolver
    from eduforge.site.routes import Routes

SourceFile = tuple[str, str]
"""A page file (absolute path) and its id (content-relative path without extension)."""


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


def glob_to_regex(glob: str) -> re.Pattern[str]:
    """A path glob: ``**`` crosses folders, ``*`` and ``?`` stay inside one."""
    parts = re.split(r"(\*\*/?|\*|\?)", glob)
    pattern = "".join(
        "(?:.*/)?"
        if part == "**/"
        else ".*"
        if part == "**"
        else "[^/]*"
        if part == "*"
        else "[^/]"
        if part == "?"
        else re.escape(part)
        for part in parts
    )
    return re.compile(pattern + r"\Z")


@lru_cache(maxsize=256)
def _compiled(glob: str) -> re.Pattern[str]:
    return glob_to_regex(glob)


def matches_any(relative: str, globs: tuple[str, ...]) -> bool:
    return any(_compiled(glob).match(relative) for glob in globs)


def discover(content: Path, ignore: tuple[str, ...] = ()) -> tuple[list[SourceFile], list[SkippedFile]]:
    """Page files under ``content`` (``**/*.{md,mdx,…}``, names starting with ``_`` skipped).

    Symbolic links are followed only while they stay inside the content root;
    one that leads out of it is skipped and reported.
    """
    root = content.resolve()
    found: list[SourceFile] = []
    skipped: list[SkippedFile] = []
    seen: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            relative = prefix + name
            if entry.is_symlink() and not inside(os.path.realpath(entry.path), root):
                if entry.is_dir() or os.path.splitext(name)[1] in PAGE_SUFFIXES:
                    skipped.append(SkippedFile(relative, "a symbolic link that leads outside the content folder"))
                continue
            if entry.is_dir():
                if entry.is_symlink():  # follow it once: symlink loops end here
                    real = os.path.realpath(entry.path)
                    if real in seen:
                        continue
                    seen.add(real)
                walk(entry.path, relative + "/")
                continue
            stem, suffix = os.path.splitext(name)
            if name.startswith("_") or suffix not in PAGE_SUFFIXES:
                continue
            if ignore and matches_any(relative, ignore):
                continue
            found.append((entry.path, prefix + stem))

    walk(str(root), "")
    return found, skipped


def inside(path: str, root: str | Path) -> bool:
    """Whether ``path`` (absolute, normalised) is ``root`` or below it."""
    top = str(root)
    return path == top or path.startswith(top + os.sep)


def posix_relative(path: str, root: str | Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators (as reports show paths); as is outside it."""
    top = str(root).rstrip(os.sep) + os.sep
    return (path[len(top) :] if path.startswith(top) else path).replace(os.sep, "/")


def url_key(url: str) -> str:
    """URLs compare without their trailing slash: ``/a/b/`` and ``/a/b`` name one page."""
    return url.rstrip("/") or "/"


@dataclass
class Site:
    """All pages of the content root, whichever of them a run reports on."""

    settings: Settings
    pages: list[Page]
    skipped: list[SkippedFile] = field(default_factory=list)
    by_url: dict[str, list[Page]] = field(default_factory=dict)
    digests: dict[str, bytes] = field(default_factory=dict)
    """Content digest of each page file, by path (what the link-result memo keys on)."""

    def __post_init__(self) -> None:
        by_url = self.by_url
        for page in self.pages:
            key = url_key(page.url)
            if key in by_url:
                by_url[key].append(page)
            else:
                by_url[key] = [page]

    @cached_property
    def by_file(self) -> dict[Path, Page]:
        return {page.file: page for page in self.pages}

    @cached_property
    def resolver(self) -> Resolver:
        """Link resolution against this site (built once, on first use)."""
        from eduforge.site.resolve import Resolver

        return Resolver(self)

    @cached_property
    def locales(self) -> Locales:
        """The site's locales: the locale of a URL, fallback pages, each locale's lang and dir."""
        from eduforge.site.locales import Locales

        return Locales(self.settings)

    @cached_property
    def routes(self) -> Routes:
        """What the site serves besides its content pages (redirects, ``src/pages``, plugins, ``extra_routes``)."""
        from eduforge.site.routes import site_routes

        return site_routes(self.settings)

    def locale_of(self, page: Page) -> Locale:
        """The page's locale as Starlight has it, with its ``lang`` and ``dir``."""
        return self.locales.of_page(page.locale)

    def notes(self) -> list[str]:
        """``-v`` lines: the locales and the non-content routes found, and where."""
        return [*self.locales.describe(), *self.routes.notes()]

    def page_at(self, url_path: str) -> Page | None:
        """The page served at ``url_path`` (with base, without query or fragment)."""
        pages = self.by_url.get(url_key(url_path))
        return pages[0] if pages else None
