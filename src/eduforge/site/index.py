"""The Site: every page of the content root, found as Starlight finds them, indexed by URL."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

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


class Listings(Protocol):
    """Folder listings remembered from an earlier run (the cache): a folder whose stat stamp is as
    then holds the same entries, so it is not listed again."""

    def stamp(self, folder: str) -> int:
        """The folder's stat stamp now; -1 when it cannot be trusted (changed just now, unreadable)."""
        ...

    def get(self, folder: str, stamp: int) -> list[tuple[str, str, str]] | None: ...

    def put(self, folder: str, stamp: int, items: list[tuple[str, str, str]]) -> None: ...


def discover(
    content: Path,
    ignore: tuple[str, ...] = (),
    suffixes: frozenset[str] = PAGE_SUFFIXES,
    skip_underscore_folders: bool = False,
    listings: Listings | None = None,
) -> tuple[list[SourceFile], list[SkippedFile]]:
    """Page files under ``content`` (``**/*.{md,mdx,…}``, names starting with ``_`` skipped).

    ``suffixes`` adds ``.mdoc`` for Markdoc sites; ``skip_underscore_folders`` is Astro 4's legacy
    collections, which skip ``_folders/`` too (Astro 5's docsLoader skips only ``_files``).

    Only regular files are pages: a FIFO, socket or device named ``y.md`` is skipped and
    reported (reading one would block or never end), and so is a name that is not UTF-8.
    Symbolic links are followed only while they stay inside the content root, and a
    folder link is followed once; one that leads out of the root, into a loop, or to a
    folder that holds it (``d/up -> ..``) is skipped and reported.

    ``listings``: what each folder held last time; a folder holding a symbolic link is always
    listed again (where a link leads can change without the folder changing).
    """
    root = content.resolve()
    found: list[SourceFile] = []
    skipped: list[SkippedFile] = []
    seen: set[str] = {str(root)}
    rules = (root, ignore, suffixes, skip_underscore_folders)

    def walk(folder: str, prefix: str, real_folder: str) -> None:
        stamp = listings.stamp(folder) if listings is not None else -1
        items = listings.get(folder, stamp) if listings is not None and stamp >= 0 else None
        if items is None:
            items, cacheable = _list_folder(folder, prefix, real_folder, *rules)
            if listings is not None:
                listings.put(folder, stamp if cacheable else -1, items)
        join = os.path.join
        for kind, name, more in items:
            if kind == "f":
                found.append((join(folder, name), prefix + more))
            elif kind == "s":
                skipped.append(SkippedFile(name, more))
            else:
                real = more or join(real_folder, name)
                if real not in seen:  # a folder reached twice through links is read once
                    seen.add(real)
                    walk(join(folder, name), prefix + name + "/", real)

    walk(str(root), "", str(root))
    return found, skipped


def takes_file(name: str, relative: str, suffixes: frozenset[str], ignore: tuple[str, ...]) -> bool:
    """Whether discovery takes the file ``name`` (at ``relative`` in the content folder) for a page by its
    name: a page suffix, no leading ``.`` or ``_``, not ignored."""
    if name.startswith((".", "_")) or os.path.splitext(name)[1] not in suffixes:
        return False
    return not (ignore and matches_any(relative, ignore))


def takes_folder(name: str, skip_underscore_folders: bool) -> bool:
    """Whether discovery walks a folder named ``name``: not hidden, nor ``_``-prefixed in Astro 4's collections."""
    return not name.startswith(".") and not (skip_underscore_folders and name.startswith("_"))


def _list_folder(
    folder: str,
    prefix: str,
    real_folder: str,
    root: Path,
    ignore: tuple[str, ...],
    suffixes: frozenset[str],
    skip_underscore_folders: bool,
) -> tuple[list[tuple[str, str, str]], bool]:
    """What one folder holds, in name order: ``("f", name, stem)`` pages, ``("s", path, reason)``
    skipped entries, ``("d", name, real folder or "")`` folders to walk; and whether the listing may
    be remembered (no symbolic link in it)."""
    items: list[tuple[str, str, str]] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return items, False
    cacheable = True
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        relative = prefix + name
        if entry.is_symlink():
            cacheable = False
        page_like = os.path.splitext(name)[1] in suffixes
        reason = _unreadable_name(relative) or _not_followed(entry, real_folder, root)
        if reason is not None:
            if page_like or _is_folder(entry):
                items.append(("s", _shown(relative), reason))
            continue
        if _is_folder(entry):
            if not takes_folder(name, skip_underscore_folders):
                continue
            items.append(("d", name, os.path.realpath(entry.path) if entry.is_symlink() else ""))
            continue
        if not takes_file(name, relative, suffixes, ignore):
            continue
        kind = _not_regular(entry)
        if kind is not None:
            items.append(("s", relative, f"{kind}, not a regular file; eduforge reads only files"))
            continue
        items.append(("f", name, os.path.splitext(name)[0]))
    return items, cacheable


def _shown(relative: str) -> str:
    """A path as reports can print it: bytes that are not UTF-8 as ``\xe9``."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def _unreadable_name(relative: str) -> str | None:
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not valid UTF-8; rename it"
    return None


def _not_followed(entry: os.DirEntry[str], real_folder: str, root: Path) -> str | None:
    """Why a symbolic link is not followed, or ``None`` for anything else."""
    if not entry.is_symlink():
        return None
    try:
        real = os.path.realpath(entry.path, strict=True)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops back to itself"
        return None  # a dangling link: reading it reports the missing file
    if not inside(real, root):
        return "a symbolic link that leads outside the content folder"
    if os.path.isdir(real) and inside(real_folder, real):
        return "a symbolic link to a folder that contains it (the site would be read again)"
    return None


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _not_regular(entry: os.DirEntry[str]) -> str | None:
    """What a page-named entry is when it is not a regular file (a FIFO would block a read)."""
    try:
        if entry.is_file(follow_symlinks=False):  # the folder listing says so: no stat call
            return None
        mode = entry.stat().st_mode
    except OSError:
        return None  # unreadable: reading it says why
    if stat.S_ISREG(mode):
        return None
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return kind
    return "a special file"


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
    looked_up: set[str] | None = field(default=None, repr=False)
    """While a page's links are checked: every URL key asked for (found or not), the pages its
    verdicts depend on (see engine.py's link memo).  None when nobody records."""

    def __post_init__(self) -> None:
        by_url = self.by_url
        for page in self.pages:
            key = url_key(page.url)
            if key in by_url:
                by_url[key].append(page)
            else:
                by_url[key] = [page]

    @cached_property
    def by_file(self) -> dict[str, Page]:
        """Pages by file name (absolute, normalized as discovery makes them): strings, not ``Path``
        objects, so that building it costs a forked worker no new object per page."""
        normcase = os.path.normcase
        return {normcase(page.filename): page for page in self.pages}

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

    @property
    def page_count(self) -> int:
        """How many pages the run read (a commit-hook run: how many it looked up)."""
        return len(self.pages)

    def files_looked_at(self) -> dict[str, bool]:
        """Every file the link checks so far asked about, and whether it existed (what their verdicts
        depend on besides the pages)."""
        return dict(self.resolver.files_seen)

    def locale_of(self, page: Page) -> Locale:
        """The page's locale as Starlight has it, with its ``lang`` and ``dir``."""
        return self.locales.of_page(page.locale)

    def notes(self) -> list[str]:
        """``-v`` lines: the locales and the non-content routes found, and where."""
        return [*self.locales.describe(), *self.routes.notes()]

    def pages_at(self, url_path: str) -> list[Page] | None:
        """The pages served at ``url_path`` (with base, without query or fragment); recorded in ``looked_up``."""
        key = url_key(url_path)
        if self.looked_up is not None:
            self.looked_up.add(sys.intern(key))  # one object per URL: the memo stores it once
        return self.by_url.get(key)

    def page_at(self, url_path: str) -> Page | None:
        """The page served at ``url_path`` (with base, without query or fragment)."""
        pages = self.pages_at(url_path)
        return pages[0] if pages else None

    def page_of_file(self, file: str) -> Page | None:
        """The page read from ``file`` (absolute); its URL is recorded in ``looked_up``."""
        by_file = self.by_file
        page = by_file.get(os.path.normcase(file))
        if page is None:  # written otherwise (``a//b``, ``a/./b``)?
            page = by_file.get(os.path.normcase(os.fspath(Path(file))))
        if page is not None and self.looked_up is not None:
            self.looked_up.add(sys.intern(url_key(page.url)))
        return page
