"""What both exports read from a lesson: frontmatter as JSON, the documented HTML fields
sanitized, Diátaxis types, UI strings; and the rendering of every lesson, once."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import nh3

from eduforge import __version__
from eduforge.curriculum import Lesson
from eduforge.export.markdown import LinkPolicy, MarkdownRenderer, Rendered
from eduforge.site.frontmatter import split_and_parse
from eduforge.site.page import Page, decode_text, read_bytes
from eduforge.site.slug import github_slug

GENERATOR = f"eduforge {__version__}"

DIATAXIS = {
    "tutorial": "tutorial",
    "tutorials": "tutorial",
    "how-to": "how-to guide",
    "how-tos": "how-to guide",
    "howto": "how-to guide",
    "how-to-guides": "how-to guide",
    "guides": "how-to guide",
    "guide": "how-to guide",
    "panduan": "how-to guide",
    "reference": "reference",
    "references": "reference",
    "referensi": "reference",
    "explanation": "explanation",
    "explanations": "explanation",
    "concepts": "explanation",
    "penjelasan": "explanation",
}
"""First folder (slugged) → schema.org ``learningResourceType`` for the Diátaxis quadrants."""


def with_frontmatter(pages: list[Page]) -> list[Page]:
    """Give pages restored from the run's page states their frontmatter and body back.

    The engine keeps only what the checks need of a page; the curriculum
    (``sidebar``, ``prev``/``next``) and the export need the frontmatter and body.
    A file that cannot be read keeps an empty frontmatter (its load problem is reported by the checks).
    """
    for page in pages:
        if page.frontmatter.data is not None or page.frontmatter.body:
            continue
        raw, _ = read_bytes(page.file)
        text, _ = decode_text(raw) if raw is not None else (None, None)
        if text is not None:
            page.frontmatter = split_and_parse(text)
    return pages


def diataxis_type(lesson: Lesson) -> str | None:
    """The Diátaxis type of the folder a lesson sits in (below its locale), if it is one."""
    parts = lesson.page.source_id.split("/")
    if lesson.page.locale is not None and parts and parts[0] == lesson.page.locale:
        parts = parts[1:]
    return DIATAXIS.get(github_slug(parts[0])) if len(parts) > 1 else None


MAX_FRONTMATTER_JSON = 16_000_000
"""Characters the frontmatter of one lesson may take in the JSON export.  YAML aliases
let a 300 KB page name one string 90,000 times: 26 GB once written out in full."""


def json_size(value: Any, seen: dict[int, int] | None = None) -> int:
    """About how many characters ``value`` takes as JSON, counting a shared value at each use
    but measuring it once (so an alias bomb is measured in time linear in the page)."""
    seen = {} if seen is None else seen
    if isinstance(value, str):
        return len(value) + 2
    if not isinstance(value, (dict, list)):
        return 8
    known = seen.get(id(value))
    if known is not None:
        return known
    seen[id(value)] = 0  # a cycle (impossible from YAML here) counts as empty
    items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
    total = 2
    for key, item in items:
        total += json_size(item, seen) + (len(str(key)) + 3 if key is not None else 1)
        if total > MAX_FRONTMATTER_JSON:
            break
    seen[id(value)] = total
    return total


def json_value(value: Any) -> Any:
    """Frontmatter as JSON: dates as ISO strings, non-finite numbers as null."""
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_value(item) for item in value]
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def sanitize(value: Any) -> str:
    """A frontmatter field Starlight documents as HTML, with scripts and handlers removed."""
    return nh3.clean(value) if isinstance(value, str) else ""


HTML_FIELDS = (("hero", "title"), ("hero", "tagline"), ("hero", "image", "html"), ("banner", "content"))
"""The frontmatter fields Starlight documents as HTML."""
_APP_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "data-lang"},
}


def sanitize_for_apps(html: str) -> str:
    """Untrusted HTML made safe to insert into an app's page: no scripts, handlers, or
    ``javascript:`` URLs (nh3, the ammonia sanitizer); classes and ids kept for styling."""
    return nh3.clean(html, attributes=_APP_ATTRIBUTES)


def text_field(data: dict[str, Any], *path: str) -> str | None:
    value: Any = data
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value if isinstance(value, str) else None


def description(lesson: Lesson) -> str:
    return text_field(lesson.page.data, "description") or ""


def last_updated(lesson: Lesson) -> str | None:
    value = lesson.page.data.get("lastUpdated")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None


def toc_levels(lesson: Lesson) -> tuple[int, int] | None:
    """Starlight's ``tableOfContents``: (min, max) heading levels, or None when turned off."""
    data = lesson.page.data
    if data.get("template") == "splash":
        return None
    value = data.get("tableOfContents", True)
    if value is False:
        return None
    if isinstance(value, dict):
        low, high = value.get("minHeadingLevel", 2), value.get("maxHeadingLevel", 3)
        if isinstance(low, int) and isinstance(high, int) and 1 <= low <= high <= 6:
            return low, high
    return 2, 3


@dataclass
class Body:
    """A lesson's rendered body and what rendering it warned about."""

    rendered: Rendered
    warnings: list[str] = field(default_factory=list)


PARALLEL_RENDER_FROM = 200
"""Below this many lessons, worker processes cost more than they save."""

RenderJob = tuple[
    list[Lesson], Callable[[Lesson], MarkdownRenderer], Callable[[Lesson, list[str]], "LinkPolicy | None"], Any
]


def render_one(lesson: Lesson, renderer: MarkdownRenderer, policy: LinkPolicy | None, warnings: list[str]) -> Body:
    """Render one lesson; a page the renderer cannot handle is shown as its escaped source."""
    page = lesson.page
    try:
        rendered = renderer.render(page.frontmatter.body, mdx=page.is_mdx, links=policy)
    except Exception as error:  # a renderer bug must not lose the lesson
        from markdown_it.common.utils import escapeHtml

        rendered = Rendered(
            f"<pre>{escapeHtml(page.frontmatter.body)}</pre>\n",
            [],
            page.frontmatter.body,
            0,
            [f"the body could not be rendered ({type(error).__name__}: {error}); it is shown as text"],
        )
    return Body(rendered, rendered.warnings + warnings)


def _render_chunk(job: RenderJob, chunk: list[int]) -> list[tuple[Body, dict[Any, str]]]:
    lessons, renderer_for, policy, targets = job
    results = []
    for index in chunk:
        lesson = lessons[index]
        known = set(targets.assets) if targets is not None else set()
        warnings: list[str] = []
        body = render_one(lesson, renderer_for(lesson), policy(lesson, warnings), warnings)
        added = {k: v for k, v in targets.assets.items() if k not in known} if targets is not None else {}
        results.append((body, added))
    return results


def render_lessons(
    lessons: list[Lesson],
    renderer_for: Callable[[Lesson], MarkdownRenderer],
    policy: Callable[[Lesson, list[str]], LinkPolicy | None],
    targets: Any = None,
) -> dict[int, Body]:
    """Render every lesson once (keyed by ``id(lesson)``), on every core when there are many.

    ``targets`` (an :class:`~eduforge.export.links.Targets`) collects the local files the
    bodies use; files found in worker processes are merged back into it.
    """
    from eduforge.parallel import fork_map

    job: RenderJob = (lessons, renderer_for, policy, targets)
    results = fork_map(_render_chunk, list(range(len(lessons))), job, min_items=PARALLEL_RENDER_FROM)
    bodies: dict[int, Body] = {}
    for lesson, (body, added) in zip(lessons, results, strict=True):
        bodies[id(lesson)] = body
        if targets is not None:
            for file, relative in added.items():
                targets.assets.setdefault(file, relative)
    return bodies


# --- UI strings -------------------------------------------------------------------------

_EN = {
    "skip": "Skip to content",
    "search": "Search",
    "search.placeholder": "Search lessons…",
    "search.none": "No results for",
    "search.loading": "Loading…",
    "search.hint": "Press / to search",
    "menu": "Menu",
    "theme": "Switch between light and dark",
    "nav": "Main",
    "toc": "On this page",
    "toc.overview": "Overview",
    "prev": "Previous",
    "next": "Next",
    "lastUpdated": "Last updated:",
    "draft": "Draft",
    "minutes": "{n} min read",
    "contents": "Course contents",
    "start": "Start learning",
    "continue": "Start here",
    "print": "Print or save as PDF",
    "lessons": "{n} lessons",
    "lesson": "Lesson {n} of {total}",
    "aside.note": "Note",
    "aside.tip": "Tip",
    "aside.caution": "Caution",
    "aside.danger": "Danger",
    "copy": "Copy to clipboard",
    "copied": "Copied!",
    "anchor": "Link to this section",
    "home": "Home",
    "hidden": "Not in the sidebar",
    "fallback": "This page is not translated yet; it is shown in the default language.",
    "printed": "Printed from an eduforge export",
}
_ID = {
    "skip": "Lewati ke konten",
    "search": "Cari",
    "search.placeholder": "Cari materi…",
    "search.none": "Tidak ada hasil untuk",
    "search.loading": "Memuat…",
    "search.hint": "Tekan / untuk mencari",
    "menu": "Menu",
    "theme": "Ganti tema terang atau gelap",
    "nav": "Utama",
    "toc": "Di halaman ini",
    "toc.overview": "Ringkasan",
    "prev": "Sebelumnya",
    "next": "Selanjutnya",
    "lastUpdated": "Terakhir diperbarui:",
    "draft": "Draf",
    "minutes": "{n} menit baca",
    "contents": "Daftar materi",
    "start": "Mulai belajar",
    "continue": "Mulai di sini",
    "print": "Cetak atau simpan sebagai PDF",
    "lessons": "{n} materi",
    "lesson": "Materi {n} dari {total}",
    "aside.note": "Catatan",
    "aside.tip": "Tips",
    "aside.caution": "Perhatian",
    "aside.danger": "Bahaya",
    "copy": "Salin",
    "copied": "Tersalin!",
    "anchor": "Tautan ke bagian ini",
    "home": "Beranda",
    "hidden": "Tidak ada di sidebar",
    "fallback": "Halaman ini belum diterjemahkan; ditampilkan dalam bahasa utama.",
    "printed": "Dicetak dari ekspor eduforge",
}
_DE = {
    "skip": "Zum Inhalt springen",
    "search": "Suchen",
    "search.placeholder": "Lektionen durchsuchen…",
    "search.none": "Keine Ergebnisse für",
    "search.loading": "Laden…",
    "search.hint": "Drücke / zum Suchen",
    "menu": "Menü",
    "theme": "Zwischen hell und dunkel wechseln",
    "nav": "Hauptnavigation",
    "toc": "Auf dieser Seite",
    "toc.overview": "Überblick",
    "prev": "Vorherige Seite",
    "next": "Nächste Seite",
    "lastUpdated": "Zuletzt bearbeitet:",
    "draft": "Entwurf",
    "minutes": "{n} Min. Lesezeit",
    "contents": "Kursinhalt",
    "start": "Jetzt lernen",
    "continue": "Hier beginnen",
    "print": "Drucken oder als PDF speichern",
    "lessons": "{n} Lektionen",
    "lesson": "Lektion {n} von {total}",
    "aside.note": "Hinweis",
    "aside.tip": "Tipp",
    "aside.caution": "Achtung",
    "aside.danger": "Gefahr",
    "copy": "Kopieren",
    "copied": "Kopiert!",
    "anchor": "Link zu diesem Abschnitt",
    "home": "Startseite",
    "hidden": "Nicht in der Seitenleiste",
    "fallback": "Diese Seite ist noch nicht übersetzt.",
    "printed": "Gedruckt aus einem eduforge-Export",
}
STRINGS = {"en": _EN, "id": _ID, "de": _DE}


def strings_for(lang: str) -> dict[str, str]:
    """UI strings for a language (``id``, ``pt-BR``…); English where there is no translation."""
    primary = lang.lower().replace("_", "-").split("-")[0]
    return {**_EN, **STRINGS.get(primary, {})}
