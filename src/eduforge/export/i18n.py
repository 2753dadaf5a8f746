"""Locales in the HTML export: each curriculum's ``lang``, ``dir``, title and UI strings, and
which lesson is the same lesson in the other locales (the language picker, ``hreflang``).

A lesson's translation key is its slug below its locale folder (``de/guide/a`` → ``guide/a``):
Starlight serves the translations of a page at the same path in every locale folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from eduforge.config import Locale
from eduforge.curriculum import Curriculum, Lesson
from eduforge.export.data import strings_for
from eduforge.export.json import ExportOptions
from eduforge.site.index import Site
from eduforge.site.locales import ROOT, text_direction


@dataclass(frozen=True)
class LocaleView:
    """What the pages of one curriculum say about their locale."""

    key: str
    """The locale folder (``""``: the root locale)."""
    lang: str
    dir: str
    label: str
    title: str
    strings: dict[str, str]


def locale_view(site: Site, curriculum: Curriculum, options: ExportOptions) -> LocaleView:
    """The curriculum's locale as the config declares it; the root locale's ``lang`` is ``options.lang``."""
    key = curriculum.locale or ROOT
    info = site.locales.info.get(key)
    lang = options.lang if key == ROOT or info is None else info.lang
    # a config's explicit rtl wins; else the language decides (a locale from eduforge.toml has no dir)
    direction = "rtl" if info is not None and info.dir == "rtl" else text_direction(lang)
    label = info.label if info is not None and info.label and info.label != info.lang else _autonym(lang)
    title = options.titles.get(key) or options.title
    return LocaleView(key, lang, direction, label, title, strings_for(lang, options.site_strings))


def source_locale(site: Site, lesson: Lesson) -> Locale:
    """The locale a lesson's content is written in (for a fallback lesson: the default locale's)."""
    return site.locale_of(lesson.page)


def translation_key(lesson: Lesson) -> str:
    """The lesson's slug below its locale folder: the same for all its translations."""
    locale = lesson.locale
    if locale and (lesson.slug == locale or lesson.slug.startswith(locale + "/")):
        return lesson.slug[len(locale) :].lstrip("/")
    return lesson.slug


def translations(curricula: list[Curriculum]) -> dict[str, dict[str, Lesson]]:
    """For each translation key, the lesson in each locale (by locale key)."""
    found: dict[str, dict[str, Lesson]] = {}
    for curriculum in curricula:
        for lesson in curriculum.all_lessons:
            found.setdefault(translation_key(lesson), {}).setdefault(curriculum.locale or ROOT, lesson)
    return found


_AUTONYMS = {
    "ar": "العربية",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fa": "فارسی",
    "fr": "Français",
    "he": "עברית",
    "hi": "हिन्दी",
    "id": "Bahasa Indonesia",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "ru": "Русский",
    "tr": "Türkçe",
    "uk": "Українська",
    "ur": "اردو",
    "vi": "Tiếng Việt",
    "zh": "中文",
}
"""Languages' names for themselves: the picker's label when the config gives none."""


def _autonym(lang: str) -> str:
    return _AUTONYMS.get(lang.lower().split("-")[0], lang)
