"""Where links lead in the export: lessons by URL, local files to copy, relative hrefs.

A link is resolved once, by lint's :class:`~eduforge.site.resolve.Resolver` (base, locales and
their fallback pages, tsconfig aliases, ``public/``, the files the site serves): a link lint
accepts leads to its lesson or file here, and one lint reports leads nowhere here either.

The HTML export writes each lesson at ``<slug>/index.html`` and copies local
files to ``assets/<path relative to the project root>``.  A body is rendered
once with hrefs relative to the export root, prefixed with :data:`ROOT`; each
output file then replaces the prefix with its own way up (``../../``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from eduforge.curriculum import Curriculum, Lesson
from eduforge.site.index import Site, url_key
from eduforge.site.resolve import Resolution
from eduforge.site.served import ServedFiles
from eduforge.urlscheme import SAFE_PLACEHOLDER, safe_url, unsafe_scheme

ROOT = "\x00"
"""Stands for the way up to the export root in rendered HTML (no real text contains NUL)."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def lesson_file(lesson: Lesson) -> str:
    """The lesson's file below the export root: ``tutorials/git/x/index.html``."""
    return f"{lesson.slug}/index.html" if lesson.slug else "index.html"


def lesson_href(lesson: Lesson) -> str:
    """:func:`lesson_file`, percent-encoded for an href."""
    return quote(lesson_file(lesson), safe="/")


def up(depth: int) -> str:
    return "../" * depth


@dataclass
class Targets:
    """Every exported lesson by URL, and the local files the export copies."""

    site: Site
    curricula: list[Curriculum]
    by_url: dict[str, Lesson] = field(default_factory=dict)
    by_page: dict[int, list[Lesson]] = field(default_factory=dict)
    assets: dict[Path, str] = field(default_factory=dict)
    """Source file → path below the export root (``assets/content/x.png``)."""
    _asked: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)
    """What :meth:`asset` answered for each file asked about: a folder's image is asked for by every page
    beside it, and each answer resolves symbolic links component by component (twice)."""
    _added: list[Path] = field(default_factory=list, init=False, repr=False)
    """The files of ``assets`` in the order :meth:`asset` registered them (see :meth:`added_since`)."""

    def __post_init__(self) -> None:
        settings = self.site.settings
        self.project_root = settings.project_root.resolve()
        self.public = settings.public.resolve() if settings.public else None
        self.base = settings.base
        self.served = ServedFiles(settings)
        for curriculum in self.curricula:
            for lesson in curriculum.all_lessons:
                self.by_url.setdefault(url_key(lesson.url), lesson)
                self.by_page.setdefault(id(lesson.page), []).append(lesson)

    # -- lessons ---------------------------------------------------------------------
    def lesson_for(self, resolution: Resolution, owner: Lesson) -> Lesson | None:
        """The exported lesson at a page lint resolved a link to, as seen from ``owner``: the lesson
        served at the link's URL (a fallback page in the link's locale), else one of the page's."""
        found = self.by_url.get(url_key(resolution.path)) if resolution.path else None
        if found is not None:
            return found
        candidates = self.by_page.get(id(resolution.page), [])
        same_locale = [lesson for lesson in candidates if lesson.locale == owner.locale]
        chosen = same_locale or candidates
        return chosen[0] if chosen else None

    # -- files -------------------------------------------------------------------------
    def asset(self, file: Path) -> str | None:
        """Register a local file for copying; its path below the export root, or None.

        Only a file the site serves is copied (:class:`~eduforge.site.served.ServedFiles`,
        the decision lint's ``link-asset`` makes): never a dot-file, never a file outside
        the content folder, ``src/assets`` and ``public/``.  Decided once per file and run.
        """
        name = str(file)
        if name not in self._asked:
            self._asked[name] = self._register(file)
        return self._asked[name]

    def mark(self) -> int:
        """A point in the registration of files, for :meth:`added_since`."""
        return len(self._added)

    def added_since(self, mark: int) -> dict[Path, str]:
        """The files registered since ``mark`` (what a worker process sends back to be merged)."""
        return {file: self.assets[file] for file in self._added[mark:]}

    def _register(self, file: Path) -> str | None:
        try:
            if self.served.refusal(os.path.abspath(file)) is not None:
                return None
            file = file.resolve()
        except (OSError, ValueError):
            return None
        if file in self.assets:
            return self.assets[file]
        if not file.is_file() or not file.is_relative_to(self.project_root):
            return None
        relative = file.relative_to(self.project_root).as_posix()
        self.assets[file] = f"assets/{relative}"
        self._added.append(file)
        return self.assets[file]


@dataclass(frozen=True)
class Located:
    """Where a link written in a lesson leads within the export."""

    kind: str
    """``lesson``, ``file`` (a local file, copied), ``online`` (a page the site serves that is not a
    lesson: a generated reference, a redirect, ``src/pages``; on the site online), ``keep`` (external,
    anchor: left as is), ``missing``."""
    lesson: Lesson | None = None
    file: str | None = None
    """For ``file``: its path below the export root."""
    fragment: str = ""
    """``#fragment`` (with the ``#``) or ``""``."""
    url: str = ""
    """For ``online``: the absolute URL on Astro's ``site``, fragment included."""


def absolute_url(site: str | None, path: str) -> str | None:
    """``path`` (with base) on Astro's ``site``, as Starlight makes canonical URLs; None without ``site``."""
    if not site:
        return None
    parts = urlsplit(site)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urljoin(site, path)


def locate(targets: Targets, target: str, owner: Lesson, image: bool = False) -> Located:
    """Where a link written in a lesson leads in the export: lint's resolution (``site/resolve.py``) of
    it, onto the export's lessons and files.  A link lint finds broken leads to nothing here either."""
    raw = target.strip()
    if not raw or raw.startswith(("#", "?")):
        return Located("keep")  # this page: the anchor is the page's own
    resolution = targets.site.resolver.resolve(raw, owner.page, asset=image)
    written_fragment = raw.partition("#")[2]
    fragment = f"#{written_fragment}" if written_fragment else ""
    if resolution.status == "page":
        found = targets.lesson_for(resolution, owner)
        return Located("lesson", lesson=found, fragment=fragment) if found is not None else Located("missing")
    if resolution.status == "asset":
        copied = targets.asset(Path(resolution.file)) if resolution.file else None
        return Located("file", file=copied, fragment=fragment) if copied else Located("missing")
    if resolution.status == "route":  # served by the site, not a lesson: there online, when the site is known
        online = absolute_url(targets.site.settings.site, resolution.path) if resolution.path.startswith("/") else None
        return Located("online", url=online + fragment) if online else Located("missing")
    if resolution.status == "skip" or (resolution.status == "unsafe" and unsafe_scheme(raw, image=image)):
        return Located("keep")  # another site, mail… (a link that runs code is the caller's to replace)
    return Located("missing")


class HtmlLinks:
    """The :class:`~eduforge.export.markdown.LinkPolicy` of one lesson in the HTML export."""

    def __init__(self, targets: Targets, lesson: Lesson, warnings: list[str]) -> None:
        self.targets = targets
        self.lesson = lesson
        self.warnings = warnings

    def href(self, target: str) -> str:
        return self._rewrite(target, image=False)

    def src(self, target: str) -> str:
        return self._rewrite(target, image=True)

    def _rewrite(self, target: str, image: bool) -> str:
        if unsafe_scheme(target, image=image):
            message = f'the {"image" if image else "link"} "{target}" would run code; it is replaced by "#"'
            if message not in self.warnings:
                self.warnings.append(message)
            return SAFE_PLACEHOLDER
        located = locate(self.targets, target, self.lesson, image)
        if located.kind == "lesson" and located.lesson is not None:
            return ROOT + lesson_href(located.lesson) + located.fragment
        if located.kind == "file" and located.file is not None:
            return ROOT + quote(located.file, safe="/") + located.fragment
        if located.kind == "online":
            return located.url
        if located.kind == "missing":
            what = "the image" if image else "the link"
            message = f'{what} "{target}" leads to nothing in the export; it is left as written'
            if message not in self.warnings:
                self.warnings.append(message)
        return safe_url(target, image=image)


def classify(target: str) -> str:
    """``external`` (http, https, protocol-relative), ``internal`` (a path or anchor), or ``other`` (mailto:, tel:…)."""
    raw = target.strip()
    if raw.startswith("//"):
        return "external"
    match = _SCHEME.match(raw)
    if match:
        scheme = match.group(0)[:-1].lower()
        return "external" if scheme in ("http", "https") else "other"
    return "internal"
