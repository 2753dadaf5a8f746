"""The curriculum as one JSON document, for apps and dashboards.

``{"version": 2, "site": {...}, "sections": [tree], "lessons": [...], "assets": [...]}``
(see ``schemas/export.schema.json``).  ``lessons`` is flat: each locale's reading
order (the default locale first), then its lessons hidden from the sidebar
(``position`` null).  ``sections`` is the sidebar tree; every node carries its locale.

Made for apps that have nothing of eduforge: bodies are standalone HTML and Markdown
without MDX's ESM (:mod:`eduforge.export.apphtml`); links to lessons carry the lesson's
id (``data-lesson``) and its URL (absolute when the project sets Astro's ``site``);
images and files the lessons use are copied into ``<name>.assets/`` next to the JSON
file and named by their path relative to it; each lesson has its locale's BCP-47
``lang`` and ``dir`` and a ``translation_key`` shared by its translations.

Written as a stream: worker processes render lessons into part files, lesson by
lesson; the parent joins them into a temporary file that replaces ``OUT`` at the
end (the asset folder is swapped in just before).  Memory stays flat with the
number of lessons, and the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

import nh3

from eduforge.curriculum import Curriculum, Entry, Lesson, NavLink, Section
from eduforge.errors import UsageError
from eduforge.export.apphtml import AppLinks, AppRenderer, app_markdown, finish_html
from eduforge.export.data import (
    GENERATOR,
    HTML_FIELDS,
    MAX_FRONTMATTER_JSON,
    PARALLEL_RENDER_FROM,
    description,
    diataxis_type,
    json_size,
    json_value,
    render_one,
    text_field,
)
from eduforge.export.links import Targets, absolute_url, classify
from eduforge.site.index import Site

if TYPE_CHECKING:
    from eduforge.export.i18n import LocaleView
from eduforge.urlscheme import SAFE_PLACEHOLDER, unsafe_scheme

VERSION = 2
ASSETS_SUFFIX = ".assets"
MARKER = ".eduforge-export"


@dataclass(frozen=True)
class ExportOptions:
    title: str
    lang: str
    """The language of the root locale (a locale folder's language is its name)."""
    include_drafts: bool = False
    jsonld: bool = False
    titles: Mapping[str, str] = field(default_factory=dict)
    """The site title per locale key (``""``: the root locale), from Starlight's ``title``."""
    logo: Path | None = None
    """Starlight's ``logo`` file (``src`` or ``light``), when it has one."""
    logo_dark: Path | None = None
    """Starlight's ``logo.dark`` file: the logo in the dark theme."""
    logo_alt: str = ""
    logo_replaces_title: bool = False
    """Starlight's ``logo.replacesTitle``: the site title is shown by the logo (kept for screen readers)."""
    site_strings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """The site's own UI strings (``src/content/i18n/<lang>.json``), by lowercased language tag."""


def lang_of(curriculum: Curriculum, options: ExportOptions) -> str:
    return curriculum.locale or options.lang


# --- JSON-LD (also used by the HTML export) --------------------------------------------


def lesson_address(site: str | None, relative: Callable[[Lesson], str]) -> Callable[[Lesson], str]:
    """Where the JSON-LD (of both exports) and the JSON export's links point for a lesson: its
    canonical URL when Astro's ``site`` is set (``site`` + base), else ``relative(lesson)``."""

    def address(lesson: Lesson) -> str:
        return absolute_url(site, lesson.url) or relative(lesson)

    return address


def hero_images(frontmatter: Mapping[str, Any]) -> dict[str, str]:
    """``hero.image``'s ``file``, ``light`` and ``dark`` (those written as text), by key."""
    hero = frontmatter.get("hero")
    image = hero.get("image") if isinstance(hero, dict) else None
    if not isinstance(image, dict):
        return {}
    return {key: image[key] for key in ("file", "light", "dark") if isinstance(image.get(key), str)}


def jsonld_course(
    curriculum: Curriculum,
    options: ExportOptions,
    url: Any = None,
    context: bool = True,
    lang: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """schema.org ``Course`` with a ``LearningResource`` part per lesson in reading order; its name is
    ``title`` (the locale's site title), else the site title."""
    lang = lang or lang_of(curriculum, options)
    home = next((lesson for lesson in curriculum.all_lessons if lesson.slug == (curriculum.locale or "")), None)
    course: dict[str, Any] = {"@context": "https://schema.org"} if context else {}
    course.update({"@type": "Course", "name": title or options.title, "inLanguage": lang})
    if home is not None and description(home):
        course["description"] = description(home)
    course["hasPart"] = [jsonld_lesson(lesson, lang, url) for lesson in curriculum.lessons]
    return course


def jsonld_lesson(lesson: Lesson, lang: str, url: Any = None) -> dict[str, Any]:
    """schema.org ``LearningResource`` for one lesson (``url(lesson)`` gives its address)."""
    part: dict[str, Any] = {
        "@type": "LearningResource",
        "name": lesson.title,
        "url": url(lesson) if url is not None else lesson.url,
        "inLanguage": lang,
    }
    if lesson.position is not None:
        part["position"] = lesson.position
    kind = diataxis_type(lesson)
    if kind is not None:
        part["learningResourceType"] = kind
    if description(lesson):
        part["description"] = description(lesson)
    return part


# --- the document -----------------------------------------------------------------------


def dumps(value: Any) -> str:
    """Deterministic text: keys in the order built, compact (the C encoder: fast), UTF-8."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


_APP_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "details": {"open"},
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "data-lesson", "data-aside"}
    | {"data-badge", "data-lang"},
}


_CLEANER: Any = nh3.Cleaner(attributes=_APP_ATTRIBUTES) if hasattr(nh3, "Cleaner") else None
"""nh3 ≥ 0.3 builds its sanitizer once (a fifth of the time of ``nh3.clean`` on a lesson)."""


def sanitize(html: str) -> str:
    """Untrusted HTML made safe to insert into an app's page (nh3, the ammonia sanitizer): no
    scripts, handlers, styles or ``javascript:`` URLs; ``data-lesson`` and the markup hooks kept."""
    if _CLEANER is not None:
        return str(_CLEANER.clean(html))
    return nh3.clean(html, attributes=_APP_ATTRIBUTES)


class JsonExport:
    """One JSON export: what every lesson needs, made before the worker processes fork."""

    def __init__(self, site: Site, curricula: list[Curriculum], options: ExportOptions, assets: str | None) -> None:
        from eduforge.export.i18n import locale_view, translation_key

        self.site, self.curricula, self.options = site, curricula, options
        self.assets_name = assets
        """The asset folder's name, relative to the JSON file; None when the JSON goes to stdout."""
        self.cwd = Path.cwd().resolve()
        self.targets = Targets(site, curricula)
        self.views = {id(c): locale_view(site, c, options) for c in curricula}
        self.default = next((c for c in curricula if c.default), curricula[0] if curricula else None)
        self.site_url = site.settings.site
        self.address = lesson_address(self.site_url, lambda lesson: lesson.url)
        renderers: dict[str, AppRenderer] = {}
        self.renderer_of: dict[int, AppRenderer] = {}
        self.keys: dict[int, str] = {}
        self.groups: dict[str, list[tuple[Curriculum, Lesson]]] = {}
        self.lesson_ids: dict[str, str] = {}
        self.urls: dict[int, str] = {}
        self.items: list[tuple[Curriculum, Lesson]] = []
        for curriculum in curricula:
            for lesson in curriculum.all_lessons:
                view = self.content_view(curriculum, lesson)
                self.items.append((curriculum, lesson))
                if view.lang not in renderers:  # a renderer and its rules: made once per language
                    renderers[view.lang] = AppRenderer(view.strings)
                self.renderer_of[id(lesson)] = renderers[view.lang]
                key = translation_key(lesson)
                self.keys[id(lesson)] = key
                self.groups.setdefault(key, []).append((curriculum, lesson))
                self.urls[id(lesson)] = url = self.address(lesson)
                self.lesson_ids.setdefault(url, lesson.id)
        self.logo = self.targets.asset(options.logo) if options.logo is not None else None
        self.logo_dark = self.targets.asset(options.logo_dark) if options.logo_dark is not None else None
        self.scratch: Path | None = None

    def content_view(self, curriculum: Curriculum, lesson: Lesson) -> LocaleView:
        """The locale the lesson's content is written in: a fallback lesson's is the default locale's."""
        if lesson.fallback and self.default is not None:
            return self.views[id(self.default)]
        return self.views[id(curriculum)]

    # -- addresses ---------------------------------------------------------------------------
    def lesson_url(self, lesson: Lesson) -> str:
        """Where links to the lesson point: its canonical URL with ``site``, else its URL with base."""
        return self.urls.get(id(lesson)) or self.address(lesson)

    def asset_file(self, relative: str) -> str:
        """A copied file (``assets/<project path>``) as a path relative to the JSON file (with
        stdout: the source file relative to the current folder)."""
        rest = relative.removeprefix("assets/")
        if self.assets_name is not None:
            return f"{self.assets_name}/{rest}"
        source = self.targets.project_root / rest
        return Path(os.path.relpath(source, self.cwd)).as_posix()

    def asset_href(self, relative: str) -> str:
        return quote(self.asset_file(relative), safe="/")

    def policy(self, lesson: Lesson) -> AppLinks:
        return AppLinks(self.targets, lesson, self.lesson_url, self.asset_href)

    # -- pieces ----------------------------------------------------------------------------
    def site_json(self) -> dict[str, Any]:
        settings = self.site.settings
        default = self.default
        view = self.views[id(default)] if default is not None else None
        return {
            "generator": GENERATOR,
            "title": self.options.title,
            "base": settings.base,
            "url": absolute_url(self.site_url, settings.base + "/"),
            "locale": default.locale if default is not None else None,
            "lang": view.lang if view is not None else self.options.lang,
            "dir": view.dir if view is not None else "ltr",
            "include_drafts": self.options.include_drafts,
            "logo": self.asset_file(self.logo) if self.logo is not None else None,
            "logo_dark": self.asset_file(self.logo_dark) if self.logo_dark is not None else None,
            "logo_alt": self.options.logo_alt,
            "logo_replaces_title": self.options.logo_replaces_title and self.logo is not None,
            "assets": self.assets_name,
            "locales": [self._locale_json(c) for c in self.curricula],
        }

    def _locale_json(self, curriculum: Curriculum) -> dict[str, Any]:
        view = self.views[id(curriculum)]
        home = next((lesson for lesson in curriculum.all_lessons if lesson.slug == (curriculum.locale or "")), None)
        return {
            "locale": curriculum.locale,
            "lang": view.lang,
            "dir": view.dir,
            "label": view.label,
            "title": view.title,
            "default": curriculum.default,
            "home": home.id if home is not None else None,
            "lessons": len(curriculum.lessons),
            "hidden": len(curriculum.hidden),
        }

    def _nav(self, link: NavLink | None) -> dict[str, Any] | None:
        if link is None or unsafe_scheme(link.url):
            return None  # a javascript:/vbscript:/data: link is never emitted, not even as data (lint reports it)
        return {"url": link.url, "label": link.label, "id": link.target.id if link.target is not None else None}

    def _links(self, lesson: Lesson, policy: AppLinks) -> dict[str, Any]:
        internal: list[dict[str, Any]] = []
        external: list[str] = []
        seen: set[tuple[str, str]] = set()
        for link in lesson.page.facts.links:
            kind = classify(link.target)
            if kind == "other" or (kind, link.target) in seen or unsafe_scheme(link.target, image=link.kind == "image"):
                continue
            seen.add((kind, link.target))
            if kind == "external":
                external.append(link.target)
                continue
            image = link.kind == "image" or link.attr == "src" or link.asset
            internal.append(self._internal(lesson, policy, link.target, image))
        for value in hero_images(lesson.page.data).values():  # lint's links leave out aliases (~/assets/x.png)
            if ("internal", value) not in seen and not unsafe_scheme(value, image=True):
                seen.add(("internal", value))
                internal.append(self._internal(lesson, policy, value, True))
        return {"internal": internal, "external": external}

    def _internal(self, lesson: Lesson, policy: AppLinks, href: str, image: bool) -> dict[str, Any]:
        located = policy.locate(href, image)
        target = located.lesson if located.kind == "lesson" else lesson if href.startswith("#") else None
        copied = located.file if located.kind == "file" else None
        return {
            "href": href,
            "kind": "image" if image else "link",
            "lesson": target.id if target is not None else None,
            "file": located.kind == "file",
            "asset": self.asset_file(copied) if copied else None,
        }

    def _translations(self, lesson: Lesson) -> list[dict[str, Any]]:
        return [
            {"locale": c.locale, "lang": self.views[id(c)].lang, "id": other.id}
            for c, other in self.groups[self.keys[id(lesson)]]
        ]

    def lesson_json(self, curriculum: Curriculum, lesson: Lesson) -> tuple[dict[str, Any], list[str]]:
        """One lesson, and what exporting it warned about."""
        page = lesson.page
        policy = self.policy(lesson)
        found: list[str] = []
        body = render_one(lesson, self.renderer_of[id(lesson)], policy, found)
        rendered = body.rendered
        html = finish_html(rendered.html, self.lesson_ids)
        view = self.content_view(curriculum, lesson)
        frontmatter = json_value(page.data) if json_size(page.data) <= MAX_FRONTMATTER_JSON else None
        warnings = list(body.warnings)
        if frontmatter is None and page.data:
            warnings.append(
                "the frontmatter is left out of the JSON export: its YAML aliases repeat values to more than "
                f"{MAX_FRONTMATTER_JSON // 1_000_000} MB; write the values out once"
            )
        elif frontmatter is not None:
            warnings.extend(self._hero_image(frontmatter, policy))
            warnings.extend(self._hero_actions(frontmatter, policy))
        data = {
            "id": lesson.id,
            "url": lesson.url,
            "canonical_url": absolute_url(self.site_url, lesson.url),
            "path": page.path,
            "locale": lesson.locale,
            "lang": view.lang,
            "dir": view.dir,
            "translation_key": self.keys[id(lesson)],
            "translations": self._translations(lesson),
            "title": lesson.title,
            "label": lesson.label,
            "description": description(lesson) or None,
            "section": lesson.section.id if lesson.section is not None else None,
            "position": lesson.position,
            "hidden": lesson.hidden,
            "draft": lesson.draft,
            "fallback": lesson.fallback,
            "type": diataxis_type(lesson),
            "prev": self._nav(lesson.prev),
            "next": self._nav(lesson.next),
            "headings": [{"level": h.level, "text": h.text, "id": h.id} for h in rendered.headings],
            "word_count": rendered.words,
            "reading_minutes": rendered.reading_minutes,
            "links": self._links(lesson, policy),
            "frontmatter": frontmatter,
            "markdown": app_markdown(page, policy),
            "html": html,
            "safe": _safe(page.data, html),
        }
        return data, warnings

    def _hero_image(self, frontmatter: dict[str, Any], policy: AppLinks) -> list[str]:
        """Point ``hero.image.file``/``light``/``dark`` in the lesson's frontmatter copy at the copied
        image (a path like ``assets[].path``), resolved as lint resolves images (tsconfig aliases too,
        as Astro does); one that is not a file stays as written, with a warning."""
        warnings = []
        for key, value in hero_images(frontmatter).items():
            located = policy.locate(value, True)
            if located.kind == "file" and located.file is not None:
                frontmatter["hero"]["image"][key] = self.asset_file(located.file)
            else:
                warnings.append(f'hero.image.{key} "{value}" is not a file; it is left as written')
        return warnings

    def _hero_actions(self, frontmatter: dict[str, Any], policy: AppLinks) -> list[str]:
        """Point ``hero.actions[].link`` in the lesson's frontmatter copy where the body's links point: a
        lesson's URL (absolute with ``site``), a copied file's path; a link that runs code becomes ``#``
        and one that leads nowhere stays as written, each with a warning (as the HTML export's hero)."""
        hero = frontmatter.get("hero")
        actions = hero.get("actions") if isinstance(hero, dict) else None
        warnings: list[str] = []
        for action in actions if isinstance(actions, list) else []:
            link = action.get("link") if isinstance(action, dict) else None
            if not isinstance(link, str):
                continue
            if unsafe_scheme(link):
                action["link"] = SAFE_PLACEHOLDER
                warnings.append(f'the hero action link "{link}" would run code; it is replaced by "#"')
            elif policy.locate(link, False).kind == "missing":
                warnings.append(f'the hero action link "{link}" leads to nothing in the export; it is left as written')
            else:
                action["link"] = policy.href(link)
        return warnings

    def jsonld(self) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@graph": [
                jsonld_course(
                    c,
                    self.options,
                    self.lesson_url,
                    context=False,
                    lang=self.views[id(c)].lang,
                    title=self.views[id(c)].title,
                )
                for c in self.curricula
            ],
        }

    # -- writing ---------------------------------------------------------------------------
    def write(self, emit: Callable[[str], object], scratch: Path, assets_folder: Path | None) -> dict[str, list[str]]:
        """Emit the document piece by piece; copy the assets into ``assets_folder`` (when given)."""
        from eduforge.parallel import fork_map

        self.scratch = scratch
        warnings: dict[str, list[str]] = {}
        head = {"version": VERSION, "site": self.site_json(), "sections": self._sections()}
        emit(dumps(head)[:-1] + ',"lessons":[')
        results = fork_map(_write_part, list(range(len(self.items))), self, min_items=PARALLEL_RENDER_FROM)
        handles: dict[str, IO[bytes]] = {}
        try:
            for number, (part, size, found, added) in enumerate(results):
                handle = handles.get(part)
                if handle is None:
                    handle = handles[part] = (scratch / part).open("rb")
                emit(("," if number else "") + handle.read(size).decode("utf-8"))
                lesson = self.items[number][1]
                if found:
                    known = warnings.setdefault(lesson.page.path, [])
                    known.extend(w for w in found if w not in known)
                for file, relative in added.items():
                    self.targets.assets.setdefault(file, relative)
        finally:
            for handle in handles.values():
                handle.close()
        emit('],"assets":' + dumps(self.copy_assets(assets_folder)))
        if self.options.jsonld:
            emit(',"jsonld":' + dumps(self.jsonld()))
        emit("}\n")
        return warnings

    def _sections(self) -> list[dict[str, Any]]:
        return [_entry(entry, c.locale) for c in self.curricula for entry in c.entries]

    def copy_assets(self, folder: Path | None) -> list[dict[str, Any]]:
        """Every local file the lessons use: copied into ``folder``, with its size and SHA-256."""
        found = []
        for source, relative in sorted(self.targets.assets.items(), key=lambda item: item[1]):
            if self.targets.served.refusal(os.fspath(source)) is not None:
                continue
            destination = folder / relative.removeprefix("assets/") if folder is not None else None
            try:
                size, digest = _copy(source, destination)
            except OSError:
                continue
            found.append(
                {
                    "path": self.asset_file(relative),
                    "source": relative.removeprefix("assets/"),
                    "bytes": size,
                    "sha256": digest,
                }
            )
        return found


def _copy(source: Path, destination: Path | None) -> tuple[int, str]:
    """Copy ``source`` to ``destination`` (None: only measure it) a megabyte at a time; its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    if destination is not None:
        destination.parent.mkdir(parents=True, exist_ok=True)
    opened = destination.open("wb") if destination is not None else contextlib.nullcontext()
    with source.open("rb") as reading, opened as writing:
        while chunk := reading.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            if writing is not None:
                writing.write(chunk)
    return size, digest.hexdigest()


def _write_part(export: JsonExport, chunk: list[int]) -> list[tuple[str, int, list[str], dict[Path, str]]]:
    """Write the lessons of ``chunk`` into a part file (in a worker): per lesson its part, size in
    bytes, warnings and the files it registered."""
    assert export.scratch is not None
    name = f"part-{chunk[0]:08d}"
    results = []
    with (export.scratch / name).open("wb") as part:
        for index in chunk:
            curriculum, lesson = export.items[index]
            mark = export.targets.mark()
            data, warnings = export.lesson_json(curriculum, lesson)
            encoded = dumps(data).encode("utf-8")
            part.write(encoded)
            added = export.targets.added_since(mark)
            results.append((name, len(encoded), warnings, added))
    return results


def _safe(data: dict[str, Any], html: str) -> dict[str, Any]:
    """The untrusted HTML of a lesson (its body and the frontmatter HTML fields), sanitized for apps."""
    fields = {}
    for path in HTML_FIELDS:
        value = text_field(data, *path)
        if value is not None:
            fields[".".join(path)] = sanitize(value)
    return {"html": sanitize(html), "fields": fields}


def _entry(entry: Entry, locale: str | None) -> dict[str, Any]:
    if isinstance(entry, Section):
        return {
            "type": "section",
            "id": entry.id,
            "label": entry.label,
            "locale": locale,
            "children": [_entry(child, locale) for child in entry.children],
        }
    return {"type": "lesson", "id": entry.id, "label": entry.label, "locale": locale}


# --- where it goes ------------------------------------------------------------------------


def assets_folder_for(out: Path) -> Path:
    """``dist/curriculum.json`` → ``dist/curriculum.assets``."""
    return out.with_name(out.stem + ASSETS_SUFFIX if out.suffix else out.name + ASSETS_SUFFIX)


def check_assets_folder(out: Path) -> None:
    """Refuse to replace an asset folder that is not an earlier export's (eduforge never deletes it)."""
    folder = assets_folder_for(Path(os.path.abspath(out)))
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(
            f"-o {out}: {folder.name} next to it is not a folder; the JSON export copies the lessons' files there: "
            "move it or choose another -o"
        )
    if folder.is_dir() and not (folder / MARKER).is_file() and any(folder.iterdir()):
        raise UsageError(
            f"-o {out}: the folder {folder.name} next to it is not an earlier eduforge export (no {MARKER} file); "
            "the JSON export copies the lessons' files there and never deletes a folder: move it or choose another -o"
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(
    site: Site, curricula: list[Curriculum], options: ExportOptions, out: str, stdout: IO[str] | None = None
) -> dict[str, list[str]]:
    """Write the JSON export to the file ``out`` (with its asset folder), or to ``stdout`` when ``out`` is ``-``."""
    if out == "-":
        assert stdout is not None
        export = JsonExport(site, curricula, options, None)
        with tempfile.TemporaryDirectory(prefix="eduforge-json-parts-") as scratch:
            warnings = export.write(stdout.write, Path(scratch), None)
        stdout.flush()
        return warnings
    target = Path(os.path.abspath(out))
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = assets_folder_for(target)
    export = JsonExport(site, curricula, options, folder.name)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.eduforge-", dir=target.parent)
    try:
        parts = tempfile.TemporaryDirectory(prefix=f".{target.name}.eduforge-parts-", dir=target.parent)
        with parts as scratch, os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.eduforge-", dir=target.parent))
            try:
                warnings = export.write(stream.write, Path(scratch), building)
                _place_assets(building, folder)
            finally:
                shutil.rmtree(building, ignore_errors=True)
        os.chmod(name, 0o666 & ~_umask())
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return warnings


def _place_assets(building: Path, folder: Path) -> None:
    """Swap the new asset folder in (an earlier one goes); with no asset, only remove an earlier one."""
    old = folder.with_name(f".{folder.name}.eduforge-old")
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(old, ignore_errors=True)
        os.rename(folder, old)
    try:
        if any(building.iterdir()):
            (building / MARKER).write_text(
                dumps({"generator": "eduforge", "format": "json-assets", "version": VERSION}) + "\n", encoding="utf-8"
            )
            os.chmod(building, 0o777 & ~_umask())
            os.rename(building, folder)
    except BaseException:
        if old.is_dir() and not folder.exists():
            os.rename(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
