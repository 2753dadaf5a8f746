"""The curriculum as one JSON document, for apps and dashboards.

``{"version": 1, "site": {...}, "sections": [tree], "lessons": [...]}`` (see
``schemas/export.schema.json``).  ``lessons`` is flat: each locale's reading
order (the default locale first), then its lessons hidden from the sidebar
(``position`` null).  ``sections`` is the sidebar tree; every node carries its
locale.  Bodies keep their links as authored (site URLs with the base).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduforge.curriculum import Curriculum, Entry, Lesson, NavLink, Section
from eduforge.export.data import (
    GENERATOR,
    HTML_FIELDS,
    MAX_FRONTMATTER_JSON,
    Body,
    description,
    diataxis_type,
    json_size,
    json_value,
    render_lessons,
    sanitize_for_apps,
    strings_for,
    text_field,
)
from eduforge.export.links import Targets, classify, locate
from eduforge.export.markdown import MarkdownRenderer
from eduforge.site.index import Site
from eduforge.urlscheme import unsafe_scheme

VERSION = 1


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
    """Starlight's ``logo`` file, when it has one."""
    site_strings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """The site's own UI strings (``src/content/i18n/<lang>.json``), by lowercased language tag."""


def lang_of(curriculum: Curriculum, options: ExportOptions) -> str:
    return curriculum.locale or options.lang


def _nav(link: NavLink | None) -> dict[str, Any] | None:
    if link is None or unsafe_scheme(link.url):
        return None  # a javascript:/vbscript:/data: link is never emitted, not even as data (lint reports it)
    return {"url": link.url, "label": link.label, "id": link.target.id if link.target is not None else None}


def _links(lesson: Lesson, targets: Targets) -> dict[str, Any]:
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
        image = link.kind == "image" or link.attr == "src" or getattr(link, "asset", False)
        located = locate(targets, link.target, lesson, image=image)
        target = located.lesson if located.kind == "lesson" else lesson if link.target.startswith("#") else None
        internal.append(
            {
                "href": link.target,
                "kind": "image" if image else "link",
                "lesson": target.id if target is not None else None,
                "file": located.kind == "file",
            }
        )
    return {"internal": internal, "external": external}


def lesson_json(lesson: Lesson, body: Body, targets: Targets) -> dict[str, Any]:
    page = lesson.page
    rendered = body.rendered
    return {
        "id": lesson.id,
        "url": lesson.url,
        "path": page.path,
        "locale": lesson.locale,
        "title": lesson.title,
        "label": lesson.label,
        "description": description(lesson) or None,
        "section": lesson.section.id if lesson.section is not None else None,
        "position": lesson.position,
        "hidden": lesson.hidden,
        "draft": lesson.draft,
        "fallback": lesson.fallback,
        "type": diataxis_type(lesson),
        "prev": _nav(lesson.prev),
        "next": _nav(lesson.next),
        "headings": [{"level": h.level, "text": h.text, "id": h.id} for h in rendered.headings],
        "word_count": rendered.words,
        "reading_minutes": rendered.reading_minutes,
        "links": _links(lesson, targets),
        "frontmatter": json_value(page.data) if json_size(page.data) <= MAX_FRONTMATTER_JSON else None,
        "markdown": page.frontmatter.body,
        "html": rendered.html,
        "safe": _safe(page.data, rendered.html),
    }


def _safe(data: dict[str, Any], html: str) -> dict[str, Any]:
    """The untrusted HTML of a lesson (its body and the frontmatter HTML fields), sanitized for apps."""
    fields = {}
    for path in HTML_FIELDS:
        value = text_field(data, *path)
        if value is not None:
            fields[".".join(path)] = sanitize_for_apps(value)
    return {"html": sanitize_for_apps(html), "fields": fields}


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


def jsonld_course(
    curriculum: Curriculum, options: ExportOptions, url: Any = None, context: bool = True
) -> dict[str, Any]:
    """schema.org ``Course`` with a ``LearningResource`` part per lesson in reading order."""
    lang = lang_of(curriculum, options)
    home = next((lesson for lesson in curriculum.all_lessons if lesson.slug == (curriculum.locale or "")), None)
    course: dict[str, Any] = {"@context": "https://schema.org"} if context else {}
    course.update({"@type": "Course", "name": options.title, "inLanguage": lang})
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


def build_document(
    site: Site, curricula: list[Curriculum], options: ExportOptions, warnings: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """The whole JSON document (a dict, ready for ``json.dumps``)."""
    settings = site.settings
    targets = Targets(site, curricula)
    renderers = {lang_of(c, options): MarkdownRenderer(strings_for(lang_of(c, options))) for c in curricula}
    lessons = [lesson for curriculum in curricula for lesson in curriculum.all_lessons]
    bodies = render_lessons(
        lessons, lambda lesson: renderers[lesson.locale or options.lang], lambda lesson, found: None
    )
    default = next((c for c in curricula if c.default), curricula[0] if curricula else None)
    document: dict[str, Any] = {
        "version": VERSION,
        "site": {
            "generator": GENERATOR,
            "title": options.title,
            "base": settings.base,
            "locale": default.locale if default is not None else None,
            "lang": lang_of(default, options) if default is not None else options.lang,
            "include_drafts": options.include_drafts,
            "locales": [
                {
                    "locale": c.locale,
                    "lang": lang_of(c, options),
                    "default": c.default,
                    "lessons": len(c.lessons),
                    "hidden": len(c.hidden),
                }
                for c in curricula
            ],
        },
        "sections": [_entry(entry, c.locale) for c in curricula for entry in c.entries],
        "lessons": [],
    }
    for curriculum in curricula:
        for lesson in curriculum.all_lessons:
            body = bodies[id(lesson)]
            document["lessons"].append(lesson_json(lesson, body, targets))
            found = list(body.warnings)
            if document["lessons"][-1]["frontmatter"] is None and lesson.page.data:
                found.append(
                    "the frontmatter is left out of the JSON export: its YAML aliases repeat values to more than "
                    f"{MAX_FRONTMATTER_JSON // 1_000_000} MB; write the values out once"
                )
            if warnings is not None and found:
                warnings.setdefault(lesson.page.path, []).extend(
                    w for w in found if w not in warnings.get(lesson.page.path, [])
                )
    if options.jsonld:
        document["jsonld"] = {
            "@context": "https://schema.org",
            "@graph": [jsonld_course(c, options, context=False) for c in curricula],
        }
    return document


def dumps(document: dict[str, Any]) -> str:
    """Deterministic text: keys in the order built, compact (the C encoder: fast), UTF-8, final newline."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
