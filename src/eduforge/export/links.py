"""Where links lead in the export: lessons by URL, local files to copy, relative hrefs.

The HTML export writes each lesson at ``<slug>/index.html`` and copies local
files to ``assets/<path relative to the project root>``.  A body is rendered
once with hrefs relative to the export root, prefixed with :data:`ROOT`; each
output file then replaces the prefix with its own way up (``../../``).
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from eduforge.curriculum import Curriculum, Lesson
from eduforge.site.index import Site, url_key
from eduforge.site.page import PAGE_SUFFIXES
from eduforge.site.served import ServedFiles
from eduforge.urlscheme import SAFE_PLACEHOLDER, safe_url, unsafe_scheme

ROOT = "\x00"
"""Stands for the way up to the export root in rendered HTML (no real text contains NUL)."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
_FILE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")


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
    def lesson_at(self, url_path: str, owner: Lesson) -> Lesson | None:
        """The lesson served at ``url_path`` (with base), as seen from ``owner``."""
        found = self.by_url.get(url_key(url_path))
        if found is not None:
            return found
        resolution = self.site.resolver.resolve(url_path, owner.page)
        if resolution.status == "page" and resolution.page is not None:
            candidates = self.by_page.get(id(resolution.page), [])
            same_locale = [lesson for lesson in candidates if lesson.locale == owner.locale]
            chosen = same_locale or candidates
            return chosen[0] if chosen else None
        return None

    # -- files -------------------------------------------------------------------------
    def asset(self, file: Path) -> str | None:
        """Register a local file for copying; its path below the export root, or None.

        Only a file the site serves is copied (:class:`~eduforge.site.served.ServedFiles`,
        the decision lint's ``link-asset`` makes): never a dot-file, never a file outside
        the content folder, ``src/assets`` and ``public/``.
        """
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
        return self.assets[file]

    def public_file(self, rest: str) -> Path | None:
        if self.public is None:
            return None
        file = (self.public / rest.lstrip("/")).resolve()
        return file if file.is_relative_to(self.public) and file.is_file() else None


@dataclass(frozen=True)
class Located:
    """Where a link written in a lesson leads within the export."""

    kind: str
    """``lesson``, ``file`` (a local file, copied), ``keep`` (external, anchor: left as is), ``missing``."""
    lesson: Lesson | None = None
    file: str | None = None
    """For ``file``: its path below the export root."""
    fragment: str = ""
    """``#fragment`` (with the ``#``) or ``""``."""


def locate(targets: Targets, target: str, owner: Lesson, image: bool = False) -> Located:
    """Resolve a body link as the built site would, onto the export's lessons and files."""
    raw = target.strip()
    if not raw or raw.startswith(("#", "//", "?")) or _SCHEME.match(raw):
        return Located("keep")
    try:
        parts = urlsplit(raw)
    except ValueError:
        return Located("keep")
    path = unicodedata.normalize("NFC", unquote(parts.path))
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    base = targets.base
    if path.startswith("/"):
        rest = path[len(base) :] if base and (path == base or path.startswith(base + "/")) else None
        if rest is None and not base:
            rest = path
        if rest is not None and _looks_like_file(rest):
            file = targets.public_file(rest)
            copied = targets.asset(file) if file is not None else None
            return Located("file", file=copied, fragment=fragment) if copied else Located("missing")
        found = targets.lesson_at(path, owner)
        if found is not None:
            return Located("lesson", lesson=found, fragment=fragment)
        return Located("missing")
    if image or _looks_like_file(path):
        file = owner.page.file.parent / path
        if file.suffix in PAGE_SUFFIXES and not image:
            linked = targets.site.by_file.get(file) or targets.site.by_file.get(file.resolve())
            candidates = targets.by_page.get(id(linked), []) if linked is not None else []
            if candidates:
                return Located("lesson", lesson=candidates[0], fragment=fragment)
        copied = targets.asset(file)
        return Located("file", file=copied, fragment=fragment) if copied else Located("missing")
    folder = owner.url if owner.url.endswith("/") else owner.url.rsplit("/", 1)[0] + "/"
    joined = posixpath.normpath(posixpath.join(folder, path))
    found = targets.lesson_at(joined, owner)
    return Located("lesson", lesson=found, fragment=fragment) if found is not None else Located("missing")


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
        if located.kind == "missing":
            what = "the image" if image else "the link"
            message = f'{what} "{target}" leads to nothing in the export; it is left as written'
            if message not in self.warnings:
                self.warnings.append(message)
        return safe_url(target, image=image)


def _looks_like_file(path: str) -> bool:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(_FILE_SUFFIX.search(last)) and not path.endswith("/")


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
