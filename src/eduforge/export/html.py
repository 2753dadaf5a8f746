"""The curriculum as a static site a learner opens from file://, a USB stick, or any host path.

Layout of the output folder::

    index.html                 the home lesson (or a generated course overview)
    <slug>/index.html          one file per lesson; relative links only
    print.html                 every lesson in reading order, for printing or PDF
    <locale>/…                 the other locales' lessons, overview and print page
    _static/                   style.css, app.js, pygments.css, search-index.js
    assets/<project path>      images and files the lessons use, copied
    .eduforge-export           the marker that lets a later export replace this folder

One Jinja2 environment, each lesson rendered once; the sidebar is rendered
once per curriculum and folder depth, and the current lesson marked by a
string replacement.  Frontmatter is escaped by the templates, except the
fields Starlight documents as HTML (``hero.title``, ``hero.tagline``,
``hero.image.html``, ``banner.content``), which pass through nh3.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.filters import do_indent
from markupsafe import Markup

from eduforge.curriculum import Curriculum, Elsewhere, Lesson, NavLink, Section
from eduforge.export.components import icon_svg
from eduforge.export.data import (
    GENERATOR,
    Body,
    description,
    last_updated,
    render_lessons,
    sanitize,
    text_field,
    toc_levels,
)
from eduforge.export.i18n import LocaleView, locale_view, source_locale, translation_key, translations
from eduforge.export.json import ExportOptions, jsonld_course, jsonld_lesson, lesson_address
from eduforge.export.links import ROOT, HtmlLinks, Targets, absolute_url, lesson_href, locate, up
from eduforge.export.markdown import MarkdownRenderer
from eduforge.site.index import Site
from eduforge.urlscheme import SAFE_PLACEHOLDER, unsafe_scheme

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_DIR = "_static"
MARKER = ".eduforge-export"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment: autoescaping on, undefined names are errors.  The templates are
    eduforge's own files: never checked for changes (each page's ``{% import %}`` would stat a file)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    env.filters["indent"] = _indent
    return env


def _indent(text: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
    """Jinja's ``indent`` filter, to the byte, with markup indented as text is: Jinja's wraps every line
    of markup (a page's hero: every page of a site with one) in a ``Markup`` and escapes it again to join."""
    if not isinstance(text, Markup):
        return do_indent(text, width, first, blank)
    indention = width if isinstance(width, str) else " " * width
    lines = (str(text) + "\n").splitlines()
    if blank:
        out = ("\n" + indention).join(lines)
    else:
        out = lines.pop(0)
        if lines:
            out += "\n" + "\n".join(indention + line if line else line for line in lines)
    return Markup(indention + out if first else out)


def _script_json(value: Any) -> Markup:
    """JSON safe inside a <script> element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@dataclass
class _Nav:
    href: str
    label: str


def _badge(lesson: Lesson) -> dict[str, str] | None:
    sidebar = lesson.page.data.get("sidebar")
    badge = sidebar.get("badge") if isinstance(sidebar, dict) else None
    if isinstance(badge, str) and badge:
        return {"text": badge, "variant": "default"}
    if isinstance(badge, dict) and isinstance(badge.get("text"), str):
        variant = badge.get("variant")
        return {
            "text": badge["text"],
            "variant": variant if variant in ("note", "danger", "success", "caution", "tip") else "default",
        }
    return None


class HtmlExport:
    """Builds the site into a folder (a fresh temporary one; :mod:`output` moves it into place)."""

    def __init__(self, site: Site, curricula: list[Curriculum], options: ExportOptions) -> None:
        self.site = site
        self.curricula = curricula
        self.options = options
        self.targets = Targets(site, curricula)
        self.env = environment()
        self.page_template = self.env.get_template("page.html")
        self.page_template.globals["parts"] = self.env.get_template("parts.html").module
        self.print_template = self.env.get_template("print.html")
        self.sidebar_template = self.env.get_template("sidebar.html")
        self.topbar_template = self.env.get_template("topbar.html")
        self.topbars: dict[tuple[int, int], Markup] = {}
        """The top bar of each curriculum's pages, by folder depth (pages without a language picker)."""
        self.warnings: dict[str, list[str]] = {}
        self.bodies: dict[int, Body] = {}
        self.search: list[dict[str, Any]] = []
        self.numbers: dict[int, int] = {}
        """Each lesson's index in its curriculum (marks the current sidebar entry)."""
        self.display: dict[int, int] = {}
        """Lesson numbers as learners see them: the reading order without the home page."""
        self.totals: dict[int, int] = {}
        self.homes: dict[int, Lesson | None] = {
            id(c): next((lesson for lesson in c.all_lessons if lesson.slug == self._home_slug(c)), None)
            for c in curricula
        }
        self.views: dict[int, LocaleView] = {id(c): locale_view(site, c, options) for c in curricula}
        self.translations = translations(curricula)
        self.logo = self.targets.asset(options.logo) if options.logo is not None else None
        self.logo_dark = self.targets.asset(options.logo_dark) if options.logo_dark is not None else None
        self.out = Path()
        self._real_path = RealPaths()

    # -- helpers -------------------------------------------------------------------------
    def _warn(self, path: str, messages: list[str]) -> None:
        found = self.warnings.setdefault(path, [])
        found.extend(message for message in messages if message not in found)

    def _href_from(self, depth: int) -> Callable[[Lesson], str]:
        prefix = up(depth)
        return lambda lesson: prefix + lesson_href(lesson)

    def _jsonld_url(self, depth: int) -> Callable[[Lesson], str]:
        """JSON-LD's lesson URLs: absolute with Astro's ``site`` (as the JSON export's), else relative files."""
        return lesson_address(self.site.settings.site, self._href_from(depth))

    def _nav(self, link: NavLink | None, lesson: Lesson) -> _Nav | None:
        if link is None:
            return None
        if link.target is not None:
            return _Nav(
                up(lesson.depth) + lesson_href(link.target) + (f"#{link.fragment}" if link.fragment else ""), link.label
            )
        which = "previous" if link is lesson.prev else "next"
        if unsafe_scheme(link.url):
            self._warn(lesson.page.path, [f'the {which} link "{link.url}" would run code; it is replaced by "#"'])
            return _Nav(SAFE_PLACEHOLDER, link.label)
        located = locate(self.targets, link.url, lesson)
        if located.kind == "file" and located.file:
            return _Nav(up(lesson.depth) + quote(located.file, safe="/") + located.fragment, link.label)
        if located.kind == "online":
            return _Nav(located.url, link.label)
        if located.kind == "missing":
            self._warn(
                lesson.page.path,
                [f'the {which} link "{link.url}" leads to nothing in the export; it is left as written'],
            )
        return _Nav(link.url, link.label)

    def _home_slug(self, curriculum: Curriculum) -> str:
        return curriculum.locale or ""

    def _home(self, curriculum: Curriculum) -> Lesson | None:
        """The curriculum's home page (slug ``""`` or the locale), if it has one."""
        return self.homes[id(curriculum)]

    # -- pieces of a page ------------------------------------------------------------------
    def _hero(self, lesson: Lesson) -> dict[str, Any] | None:
        hero = lesson.page.data.get("hero")
        if not isinstance(hero, dict):
            return None
        prefix = up(lesson.depth)
        result: dict[str, Any] = {
            "title": Markup(sanitize(hero["title"])) if isinstance(hero.get("title"), str) else lesson.title,
            "tagline": Markup(sanitize(hero["tagline"])) if isinstance(hero.get("tagline"), str) else None,
            "image": None,
            "actions": [],
        }
        image = hero.get("image")
        if isinstance(image, dict):
            alt = image.get("alt") if isinstance(image.get("alt"), str) else ""
            if isinstance(image.get("html"), str):
                result["image"] = {"html": Markup(sanitize(image["html"]))}
            else:
                files = {}
                for key in ("file", "light", "dark"):
                    if isinstance(image.get(key), str):
                        located = locate(self.targets, image[key], lesson, image=True)  # aliases too, as Astro
                        copied = located.file if located.kind == "file" else None
                        if copied is None:
                            self._warn(
                                lesson.page.path,
                                [f'hero.image.{key} "{image[key]}" is not a file; the image is left out'],
                            )
                        else:
                            files[key] = prefix + quote(copied, safe="/")
                if files:
                    result["image"] = {"files": files, "alt": alt}
        actions = hero.get("actions")
        for action in actions if isinstance(actions, list) else []:  # the schema error says what else it is
            if not isinstance(action, dict) or not isinstance(action.get("text"), str):
                continue
            link = action["link"] if isinstance(action.get("link"), str) else "#"
            located = locate(self.targets, link, lesson)
            if unsafe_scheme(link):
                href = SAFE_PLACEHOLDER
                self._warn(lesson.page.path, [f'the hero action link "{link}" would run code; it is replaced by "#"'])
            elif located.kind == "lesson" and located.lesson is not None:
                href = prefix + lesson_href(located.lesson) + located.fragment
            elif located.kind == "file" and located.file:
                href = prefix + quote(located.file, safe="/") + located.fragment
            elif located.kind == "online":
                href = located.url
            else:
                href = link
                if located.kind == "missing":
                    self._warn(
                        lesson.page.path,
                        [f'the hero action link "{link}" leads to nothing in the export; it is left as written'],
                    )
            variant = (
                action.get("variant") if action.get("variant") in ("primary", "secondary", "minimal") else "primary"
            )
            icon = self._action_icon(lesson, action.get("icon"))
            result["actions"].append({"text": action["text"], "href": href, "variant": variant, "icon": icon})
        return result

    def _action_icon(self, lesson: Lesson, name: Any) -> Markup | None:
        """A hero action's ``icon`` after its text, as Starlight's hero draws it: one of Starlight's
        icons by name; an SVG written out in the frontmatter is left out (it would be unsanitized markup)."""
        if not isinstance(name, str) or not name.strip():
            return None
        if name.lstrip().startswith("<"):
            self._warn(
                lesson.page.path,
                ["a hero action's icon written as SVG markup is left out; name one of Starlight's icons"],
            )
            return None
        found: list[str] = []
        svg = icon_svg(name.strip(), warnings=found)
        self._warn(lesson.page.path, [f"hero.actions[].icon: {message}" for message in found])
        return Markup(svg)

    def _inline_sidebar(self, curriculum: Curriculum) -> bool:
        return len(curriculum.all_lessons) <= INLINE_SIDEBAR_MAX

    def _sidebar(self, curriculum: Curriculum, depth: int, cache: dict[int, str]) -> str:
        if not self._inline_sidebar(curriculum):
            return ""
        if depth not in cache:
            cache[depth] = self._sidebar_markup(curriculum, depth)
        return cache[depth]

    def _sidebar_markup(self, curriculum: Curriculum, depth: int) -> str:
        return self.sidebar_template.render(
            entries=curriculum.shown or curriculum.entries,
            href=self._href_from(depth),
            elsewhere=self._elsewhere_href,
            number=lambda lesson: self.numbers[id(lesson)],
            badge=_badge,
            s=self.views[id(curriculum)].strings,
            source_lang=lambda lesson: self._label_lang(curriculum, lesson),
        )

    def _elsewhere_href(self, link: Elsewhere) -> str | None:
        """Where a sidebar link to no lesson leads: another site as written; a page the site serves
        outside its content on the site online (None without Astro's ``site``: the entry is left out,
        as a link that leads nowhere from a file)."""
        if not link.internal:
            return None if unsafe_scheme(link.href) else link.href
        return absolute_url(self.site.settings.site, link.href) if link.href.startswith("/") else None

    def _label_lang(self, curriculum: Curriculum, lesson: Lesson) -> str:
        """The language of a fallback lesson's label when it is its page's title (not translated)."""
        if not lesson.fallback or lesson.label != lesson.title:
            return ""
        lang = source_locale(self.site, lesson).lang
        return "" if lang == self.views[id(curriculum)].lang else lang

    def _toc(self, lesson: Lesson, body: Body) -> list[dict[str, Any]] | None:
        levels = toc_levels(lesson)
        if levels is None:
            return None
        low, high = levels
        return [
            {"level": h.level - low, "text": h.text, "id": h.id}
            for h in body.rendered.headings
            if low <= h.level <= high
        ]

    # -- the build ------------------------------------------------------------------------------
    def build(self, out: Path) -> dict[str, list[str]]:
        from eduforge.parallel import fork_map

        renderers: dict[str, MarkdownRenderer] = {}
        renderer_of: dict[int, MarkdownRenderer] = {}
        for curriculum in self.curricula:  # made before workers fork, so each has them
            view = self.views[id(curriculum)]
            renderer = renderers.setdefault(view.lang, MarkdownRenderer(view.strings))
            renderer_of.update((id(lesson), renderer) for lesson in curriculum.all_lessons)
        lessons = [lesson for curriculum in self.curricula for lesson in curriculum.all_lessons]
        self.bodies = render_lessons(
            lessons,
            lambda lesson: renderer_of[id(lesson)],
            lambda lesson, found: HtmlLinks(self.targets, lesson, found),
            self.targets,
        )
        for curriculum in self.curricula:
            for number, lesson in enumerate(curriculum.all_lessons):
                self.numbers[id(lesson)] = number
            # one numbering everywhere: the reading order (the JSON's position, the print page's numbers)
            self.totals[id(curriculum)] = len(curriculum.lessons)
            for number, lesson in enumerate(curriculum.lessons, start=1):
                self.display[id(lesson)] = number
        self.out = out
        items = [(c, n) for c, curriculum in enumerate(self.curricula) for n in range(len(curriculum.all_lessons))]
        for path, warnings, added, entry in fork_map(_write_chunk, items, self, min_items=PARALLEL_WRITE_FROM):
            self._warn(path, warnings)
            for file, relative in added.items():
                self.targets.assets.setdefault(file, relative)
            if entry is not None:
                self.search.append(entry)
        for curriculum in self.curricula:
            depth = 1 if curriculum.locale else 0
            if self._home(curriculum) is None:
                html = self._overview_page(curriculum, {}, depth)
                self._write(out / (f"{curriculum.locale}/index.html" if curriculum.locale else "index.html"), html)
            self._write(
                out / (f"{curriculum.locale}/print.html" if curriculum.locale else "print.html"),
                self._print_page(curriculum, depth),
            )
        if self.curricula and all(c.locale is not None for c in self.curricula):
            self._write(out / "index.html", self._redirect_page())
        self._write_static(out)
        self._copy_assets(out)
        self._write(out / MARKER, json.dumps({"generator": "eduforge", "format": "html", "version": 1}) + "\n")
        return self.warnings

    def write_lesson(self, curriculum: Curriculum, lesson: Lesson, sidebars: dict[int, str]) -> dict[str, Any] | None:
        """Write one lesson's page; its search entry (None when hidden from the sidebar)."""
        body = self.bodies[id(lesson)]
        self._warn(lesson.page.path, body.warnings)
        html = self._lesson_page(curriculum, lesson, body, sidebars, self._home(curriculum))
        self._write(self.out / lesson_file_path(lesson), html)
        if lesson.hidden or lesson.page.data.get("pagefind") is False:  # Starlight's pagefind: false
            return None
        return self._index_entry(curriculum, lesson, body)

    def _common(self, curriculum: Curriculum, depth: int, lesson: Lesson | None = None) -> dict[str, Any]:
        view = self.views[id(curriculum)]
        prefix = up(depth)
        locale_dir = f"{curriculum.locale}/" if curriculum.locale else ""
        languages = self._languages(curriculum, lesson, prefix)
        return {
            "lang": view.lang,
            "dir": view.dir,
            "s": view.strings,
            "site_title": view.title,
            "logo": prefix + quote(self.logo, safe="/") if self.logo else None,
            "logo_dark": prefix + quote(self.logo_dark, safe="/") if self.logo and self.logo_dark else None,
            "logo_alt": self.options.logo_alt,
            "logo_replaces_title": bool(self.logo and self.options.logo_replaces_title),
            "languages": languages,
            "language": next((language["label"] for language in languages if language["current"]), ""),
            "root": prefix,
            "static": prefix + STATIC_DIR + "/",
            "search_index": prefix + STATIC_DIR + "/" + quote(search_index_name(curriculum.locale or "")),
            "home_href": prefix + quote(locale_dir, safe="/") + "index.html",
            "print_href": prefix + quote(locale_dir, safe="/") + "print.html",
            "generator": GENERATOR,
            "locale": curriculum.locale or "",
            "total": self.totals.get(id(curriculum), len(curriculum.lessons)),
        }

    def _topbar(self, curriculum: Curriculum, depth: int, context: dict[str, Any]) -> Markup:
        """The top bar of a page (``topbar.html`` for the page's ``context``): rendered once for the pages of
        a curriculum at one depth, or for each page when a language picker links its own translations."""
        if context["languages"]:
            return Markup(self.topbar_template.render(context))
        key = (id(curriculum), depth)
        found = self.topbars.get(key)
        if found is None:
            found = self.topbars[key] = Markup(self.topbar_template.render(context))
        return found

    def _languages(self, curriculum: Curriculum, lesson: Lesson | None, prefix: str) -> list[dict[str, Any]]:
        """The language picker: this lesson in each locale, else that locale's home page."""
        if len(self.curricula) < 2:
            return []
        same = self.translations.get(translation_key(lesson), {}) if lesson is not None else {}
        languages = []
        for other in self.curricula:
            view = self.views[id(other)]
            target = same.get(view.key)
            if target is not None:
                href = prefix + lesson_href(target)
            else:
                home = self._home(other)
                locale_dir = f"{other.locale}/" if other.locale else ""
                href = prefix + (lesson_href(home) if home is not None else quote(locale_dir, safe="/") + "index.html")
            languages.append(
                {
                    "label": view.label,
                    "lang": view.lang,
                    "dir": view.dir,
                    "href": href,
                    "current": other is curriculum,
                    "default": other.default,
                    "translated": target is not None and not target.fallback,
                }
            )
        return languages

    def _index_entry(self, curriculum: Curriculum, lesson: Lesson, body: Body) -> dict[str, Any]:
        trail = lesson.section.trail if lesson.section is not None else []
        return {
            "t": lesson.title,
            "u": lesson_href(lesson),
            "l": curriculum.locale or "",
            "s": " › ".join(section.label for section in trail),
            "d": description(lesson),
            "b": [list(section) for section in body.rendered.sections],
        }

    def _contents(self, curriculum: Curriculum, depth: int) -> dict[str, Any]:
        minutes = {id(lesson): self.bodies[id(lesson)].rendered.reading_minutes for lesson in curriculum.lessons}
        first = curriculum.lessons[0] if curriculum.lessons else None
        home_slug = self._home_slug(curriculum)
        start = next((lesson for lesson in curriculum.lessons if lesson.slug != home_slug), None)
        return {
            "entries": curriculum.entries,
            "href": self._href_from(depth),
            "minutes": lambda lesson: minutes.get(id(lesson), 0),
            "number": lambda lesson: self.display.get(id(lesson), ""),
            "is_section": lambda entry: isinstance(entry, Section),
            "start": start,
            "first": first,
            "total_minutes": sum(minutes.values()),
            "home_slug": home_slug,
        }

    def _lesson_page(
        self, curriculum: Curriculum, lesson: Lesson, body: Body, sidebars: dict[int, str], home: Lesson | None
    ) -> str:
        depth = lesson.depth
        number = self.numbers[id(lesson)]
        sidebar = self._sidebar(curriculum, depth, sidebars).replace(
            f'data-n="{number}"', f'data-n="{number}" aria-current="page"', 1
        )
        data = lesson.page.data
        banner = text_field(data, "banner", "content")
        context = self._common(curriculum, depth, lesson)
        context["topbar"] = self._topbar(curriculum, depth, context)
        lang = context["lang"]
        is_home = lesson is home
        source = source_locale(self.site, lesson) if lesson.fallback else None
        jsonld = None
        if self.options.jsonld:
            href = self._jsonld_url(depth)
            jsonld = _script_json(
                jsonld_course(curriculum, self.options, href, lang=lang, title=context["site_title"])
                if is_home
                else {"@context": "https://schema.org", **jsonld_lesson(lesson, lang, href)}
            )
        context.update(
            {
                "number": number,
                "title": lesson.title,
                "description": description(lesson),
                "splash": data.get("template") == "splash",
                "sidebar": Markup(sidebar),
                "hero": self._hero(lesson),
                "banner": Markup(sanitize(banner)) if banner else None,
                "body": Markup(body.rendered.html),
                "toc": self._toc(lesson, body),
                "prev": self._nav(lesson.prev, lesson),
                "next": self._nav(lesson.next, lesson),
                "last_updated": last_updated(lesson),
                "draft": lesson.draft,
                "hidden": lesson.hidden,
                "fallback": lesson.fallback,
                "content_lang": source.lang if source is not None and source.lang != lang else None,
                "content_dir": source.dir if source is not None else context["dir"],
                "position": self.display.get(id(lesson)),
                "minutes": body.rendered.reading_minutes,
                "trail": [section.label for section in lesson.section.trail] if lesson.section is not None else [],
                "jsonld": jsonld,
                "is_home": is_home,
                "contents": self._contents(curriculum, depth) if is_home else None,
            }
        )
        return self.page_template.render(context).replace(ROOT, up(depth))

    def _overview_page(self, curriculum: Curriculum, sidebars: dict[int, str], depth: int) -> str:
        context = self._common(curriculum, depth)
        context["topbar"] = self._topbar(curriculum, depth, context)
        jsonld = (
            _script_json(
                jsonld_course(
                    curriculum, self.options, self._jsonld_url(depth), lang=context["lang"], title=context["site_title"]
                )
            )
            if self.options.jsonld
            else None
        )
        context.update(
            {
                "number": -1,
                "title": context["site_title"],
                "description": "",
                "splash": False,
                "sidebar": Markup(self._sidebar(curriculum, depth, sidebars)),
                "hero": None,
                "banner": None,
                "body": Markup(""),
                "toc": None,
                "prev": None,
                "next": _Nav(up(depth) + lesson_href(curriculum.lessons[0]), curriculum.lessons[0].label)
                if curriculum.lessons
                else None,
                "last_updated": None,
                "draft": False,
                "hidden": False,
                "fallback": False,
                "content_lang": None,
                "content_dir": context["dir"],
                "position": None,
                "minutes": 0,
                "trail": [],
                "jsonld": jsonld,
                "is_home": True,
                "contents": self._contents(curriculum, depth),
            }
        )
        return self.page_template.render(context)

    def _redirect_page(self) -> str:
        """The export root of a site with no root locale: on to the default locale's home."""
        default = next((c for c in self.curricula if c.default), self.curricula[0])
        target = quote(f"{default.locale}/index.html", safe="/")
        view = self.views[id(default)]
        lang, title = view.lang, Markup.escape(view.title)
        return (
            f'<!doctype html>\n<html lang="{Markup.escape(lang)}" dir="{view.dir}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n<title>{title}</title>\n</head>\n'
            f'<body>\n<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n'
        )

    def _print_page(self, curriculum: Curriculum, depth: int) -> str:
        numbers = {lesson_href(lesson): n for n, lesson in enumerate(curriculum.lessons, start=1)}
        prefix = up(depth)

        def local(match: re.Match[str]) -> str:
            path, fragment = match.group(1), match.group(2) or ""
            number = numbers.get(path)
            if number is None:
                return f'="{prefix}{path}{fragment}"'
            return f'="#p{number}-{fragment[1:]}"' if fragment else f'="#lesson-{number}"'

        lessons = []
        for number, lesson in enumerate(curriculum.lessons, start=1):
            # ids are made unique per lesson (p3-…), in-page anchors follow, links to lessons stay in the page
            html = self.bodies[id(lesson)].rendered.html
            for attribute in (' id="', ' aria-controls="', ' aria-labelledby="', ' href="#'):
                html = html.replace(attribute, f"{attribute}p{number}-")
            html = _ROOT_LINK.sub(local, html).replace(ROOT, prefix) if ROOT in html else html
            source = source_locale(self.site, lesson) if lesson.fallback else None
            lessons.append(
                {
                    "lang": source.lang if source is not None else None,
                    "dir": source.dir if source is not None else None,
                    "number": number,
                    "title": lesson.title,
                    "description": description(lesson),
                    "trail": [s.label for s in lesson.section.trail] if lesson.section is not None else [],
                    "body": Markup(html),
                }
            )
        context = self._common(curriculum, depth)
        context.update({"lessons": lessons, "title": context["site_title"]})
        return self.print_template.render(context)

    # -- files --------------------------------------------------------------------------------------
    def _write(self, path: Path, text: str) -> None:
        """Write one file of the export: only inside the output folder, never over a folder."""
        if self._writable(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")

    def _writable(self, path: Path) -> bool:
        """Whether ``path`` is inside the output folder (resolved, whatever the input) and free."""
        out = self._real_path(os.fspath(self.out))
        try:
            real = self._real_path(os.fspath(path))
        except (OSError, ValueError):
            real = ""
        below = real[len(out) + 1 :] if real.startswith(out + os.sep) else ""
        if (
            not below
            or "\x00" in below
            or any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in below.split(os.sep))
        ):
            self._warn(str(path), ["not written: the path is not a safe place inside the export folder"])
            return False
        if os.path.isdir(real):
            self._warn(below, ["not written: a lesson's folder already takes this name"])
            return False
        return True

    def _write_static(self, out: Path) -> None:
        static = out / STATIC_DIR
        for source in sorted(STATIC.iterdir()):
            if source.is_file():
                self._write(static / source.name, source.read_text(encoding="utf-8"))
        self._write(static / "pygments.css", pygments_css())
        for curriculum in self.curricula:  # one index per locale: a learner loads only their language's
            key = curriculum.locale or ""
            entries = [entry for entry in self.search if entry["l"] == key]
            index = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
            self._write(static / search_index_name(key), f"window.EDUFORGE_SEARCH={index};\n")
        sidebars = {c.locale or "": self._sidebar_markup(c, 0) for c in self.curricula if not self._inline_sidebar(c)}
        if sidebars:
            text = json.dumps(sidebars, ensure_ascii=False, separators=(",", ":"))
            self._write(static / "sidebar.js", f"window.EDUFORGE_SIDEBAR={text};\n")

    def _copy_assets(self, out: Path) -> None:
        for source, relative in sorted(self.targets.assets.items(), key=lambda item: item[1]):
            destination = out / relative
            if self.targets.served.refusal(source) is None and self._writable(destination):
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)


class RealPaths:
    """``os.path.realpath``, each folder resolved once, not once per file in it (a resolution looks at
    every folder on the way): climbs to a path resolved before, then down, a folder at a time."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if not os.path.isabs(path):
            return os.path.realpath(path)
        below: list[str] = []
        folder = path
        while folder not in self.known:
            parent, name = os.path.split(folder)
            if name in ("", ".", "..") or parent == folder:
                self.known[folder] = os.path.realpath(folder)
                break
            below.append(folder)
            folder = parent
        real = self.known[folder]
        for inner in reversed(below):
            joined = os.path.join(real, os.path.basename(inner))
            real = self.known[inner] = os.path.realpath(joined) if os.path.islink(joined) else joined
        return real


_ROOT_LINK = re.compile('="\x00([^"#]*)(#[^"]*)?"')
"""An href/src relative to the export root, as rendered bodies write them."""

INLINE_SIDEBAR_MAX = 250
"""Up to this many lessons the sidebar is written into every page (it works without JavaScript);
a bigger curriculum's sidebar is one script, ``_static/sidebar.js``, filled in by app.js, so the
export grows linearly with the number of lessons instead of quadratically."""

PARALLEL_WRITE_FROM = 200
"""Below this many lessons, pages are written in-process."""


def _write_chunk(
    export: HtmlExport, chunk: list[tuple[int, int]]
) -> list[tuple[str, list[str], dict[Path, str], dict[str, Any] | None]]:
    """Write the pages of ``chunk`` (curriculum, lesson) in a worker: what the parent must merge back."""
    results = []
    sidebars: dict[int, dict[int, str]] = {}
    saved = export.warnings
    try:
        for c, n in chunk:
            curriculum = export.curricula[c]
            lesson = curriculum.all_lessons[n]
            export.warnings = {}
            mark = export.targets.mark()
            entry = export.write_lesson(curriculum, lesson, sidebars.setdefault(c, {}))
            added = export.targets.added_since(mark)
            results.append((lesson.page.path, export.warnings.get(lesson.page.path, []), added, entry))
    finally:
        export.warnings = saved
    return results


def search_index_name(locale: str) -> str:
    """The search index of a locale, in ``_static/``."""
    return f"search-index-{locale}.js" if locale else "search-index.js"


def lesson_file_path(lesson: Lesson) -> str:
    return f"{lesson.slug}/index.html" if lesson.slug else "index.html"


@lru_cache(maxsize=1)
def pygments_css() -> str:
    """Token colours: a light style, and a dark one under ``[data-theme="dark"]``."""
    from pygments.formatters import HtmlFormatter

    light: str = HtmlFormatter(style="default").get_style_defs(".highlight")  # type: ignore[no-untyped-call]
    dark: str = HtmlFormatter(style="github-dark").get_style_defs('[data-theme="dark"] .highlight')  # type: ignore[no-untyped-call]

    def keep(css: str) -> str:
        return "\n".join(
            line
            for line in css.splitlines()
            if not re.match(r"^\S*\s*(?:pre|\.highlight|\[data-theme=\"dark\"\] \.highlight)\s*\{", line)
            and "{ line-height" not in line
            and ".hll" not in line
            and "td.linenos" not in line
            and "span.linenos" not in line
        )

    return f"/* generated by {GENERATOR} from Pygments styles default and github-dark */\n{keep(light)}\n{keep(dark)}\n"


def export_html(site: Site, curricula: list[Curriculum], options: ExportOptions, out: Path) -> dict[str, list[str]]:
    """Write the site into ``out`` (an empty folder); the warnings by source path."""
    return HtmlExport(site, curricula, options).build(out)
