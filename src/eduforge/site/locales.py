"""Locales as Starlight has them: which locale a URL is in, and where fallback pages are served.

Sources (withastro/starlight, ``packages/starlight``): ``utils/user-config.ts`` (the
``locales``/``defaultLocale`` transform), ``utils/i18n.ts`` (``getStarlightI18nConfig``: locales
derived from Astro's ``i18n``), ``integrations/shared/slugToLocale.ts``, ``utils/slugs.ts``
(``localizedSlug``) and ``utils/routing/index.ts`` (fallback routes).

* A locale's key is its URL segment.  Starlight compares it, exactly, with the first segment
  of a page's slug, and slugs are lowercased: the ``zh-cn`` key takes the ``zh-CN/`` folder,
  a ``zh-CN`` key takes no folder at all.
* With a ``root`` locale, pages outside every locale folder are in it; without one, Starlight
  counts them in the default locale but serves them at their own URL (no fallback copies).
* A multilingual site (two or more locales, root included) serves, for every locale other
  than the default, every default-locale page that locale lacks, at the locale's URL
  (``/fr/guide/`` shows ``/en/guide/``'s content).  Nothing else is served: ``/`` of a site
  without a root locale is a page only if ``index.md`` sits at the top of the content folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from eduforge.config import Locale, Settings

WELL_KNOWN_RTL = frozenset({"ar", "fa", "he", "prs", "ps", "syc", "ug", "ur", "dv", "yi", "ckb", "sd"})
"""Primary language subtags written right to left: Starlight's ``wellKnownRTL`` plus the other
scripts V8's ``Intl.Locale.textInfo`` reports as ``rtl`` (dv, yi, ckb, sd)."""

ROOT = ""
"""The key of the root locale (Starlight's ``root``)."""


def normalize_lang(tag: str) -> str:
    """A BCP-47 tag as Starlight stores it: the region subtag uppercased (``zh-cn`` → ``zh-CN``)."""
    parts = tag.split("-")
    return "-".join(part.upper() if index > 0 and _is_region(part) else part for index, part in enumerate(parts))


def _is_region(subtag: str) -> bool:
    return (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit())


def text_direction(lang: str) -> Literal["ltr", "rtl"]:
    return "rtl" if lang.split("-", 1)[0].lower() in WELL_KNOWN_RTL else "ltr"


def from_starlight(
    locales: Mapping[str, Any] | None, default_locale: str | None
) -> tuple[tuple[Locale, ...], str | None]:
    """``(locale_info, default key)`` from Starlight's ``locales`` and ``defaultLocale`` options.

    ``locale_info`` holds the root locale under the key ``""``; the default key is ``None`` when
    the root locale is the default.  A monolingual site (no locales, or only ``root``) has no
    locale folders: its only locale is the root one.
    """
    info: list[Locale] = []
    for key, options in (locales or {}).items():
        options = options if isinstance(options, Mapping) else {}
        lang = normalize_lang(_text(options.get("lang")) or ("en" if key == "root" else key))
        direction: Literal["ltr", "rtl"] = "rtl" if options.get("dir") == "rtl" else "ltr"
        info.append(Locale(ROOT if key == "root" else key, lang, _text(options.get("label")) or lang, direction))
    default = None if default_locale in (None, "", "root") else default_locale
    if default is None and info and not any(locale.key == ROOT for locale in info):
        default = info[0].key if len(info) == 1 else None  # Starlight refuses this; the reader reports it
    return tuple(info), default


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def from_astro_i18n(i18n: Mapping[str, Any]) -> tuple[tuple[Locale, ...], str | None]:
    """``(locale_info, default key)`` Starlight derives from Astro's ``i18n`` (``getStarlightI18nConfig``).

    ``locales`` entries are codes (``"fr"``) or ``{path, codes}``; the default locale is served at
    the root unless ``routing.prefixDefaultLocale`` is true.
    """
    routing = i18n.get("routing")
    prefix_default = isinstance(routing, Mapping) and routing.get("prefixDefaultLocale") is True
    astro_default = i18n.get("defaultLocale")
    entries = [
        entry
        for entry in i18n.get("locales") or ()
        if isinstance(entry, str) or (isinstance(entry, Mapping) and isinstance(entry.get("path"), str))
    ]
    multilingual = len(entries) > 1
    info: list[Locale] = []
    default: str | None = None
    for entry in entries:
        if isinstance(entry, str):
            path, lang = entry, entry
        else:
            codes = entry.get("codes")
            path = entry["path"]
            lang = codes[0] if isinstance(codes, list | tuple) and codes and isinstance(codes[0], str) else path
        is_default = path == astro_default
        key = ROOT if is_default and not prefix_default else path
        info.append(Locale(key, lang, lang, text_direction(lang)))
        if is_default and key != ROOT:
            default = key
    if not multilingual and not prefix_default:
        return tuple(locale for locale in info if locale.key == ROOT), None
    return tuple(info), default


def settings_fields(info: tuple[Locale, ...], default: str | None) -> dict[str, Any]:
    """The Settings fields a locale model fills: ``locale_info``, ``locales``, ``default_locale``."""
    return {
        "locale_info": info,
        "locales": tuple(locale.key for locale in info if locale.key != ROOT),
        "default_locale": default,
    }


class Locales:
    """The locale model of one site: locale of a URL, fallback URLs, per-locale lang and dir."""

    def __init__(self, settings: Settings) -> None:
        self.keys = frozenset(settings.locales)
        self.default = settings.default_locale or ROOT
        """The default locale's key; ``""`` is the root locale."""
        info = {locale.key: locale for locale in settings.locale_info}
        self.has_root = ROOT in info if info else settings.default_locale is None
        self.multilingual = len(self.keys) + self.has_root > 1
        self.fallback = self.multilingual and settings.i18n_fallback
        root_lang = settings.lang or (info[ROOT].lang if ROOT in info else None)
        default_info = info.get(self.default)
        fallback_lang = root_lang or (default_info.lang if default_info else "en")
        self.info = {
            ROOT: info.get(ROOT, Locale(ROOT, fallback_lang)),
            **{
                key: info.get(key, Locale(key, normalize_lang(key), key, text_direction(key)))
                for key in settings.locales
            },
        }

    def of_path(self, rest: str) -> str:
        """The locale of a URL path below the base (``/fr/guide/`` → ``fr``; ``""``: no locale folder)."""
        first = rest.strip("/").split("/", 1)[0]
        return first if first in self.keys else ROOT

    def of_page(self, page_locale: str | None) -> Locale:
        """Starlight's ``slugToLocaleData``: a page outside every locale folder is in the root
        locale, or in the default one when the site has no root locale."""
        key = page_locale if page_locale in self.keys else (ROOT if self.has_root else self.default)
        return self.info.get(key or ROOT) or self.info[ROOT]

    def is_locale(self, key: str) -> bool:
        """Whether ``key`` names a locale of the site (``""``: only when there is a root locale)."""
        return key in self.keys or (key == ROOT and self.has_root)

    def move(self, rest: str, source: str, target: str) -> str:
        """A path below the base moved from one locale to another (``localizedSlug``): ``/en/a/`` → ``/fr/a/``."""
        tail = rest.strip("/")
        if source:
            tail = tail[len(source) :].lstrip("/") if tail == source or tail.startswith(source + "/") else tail
        moved = "/".join(part for part in (target, tail) if part)
        return f"/{moved}/" if moved else "/"

    def fallback_path(self, rest: str) -> str | None:
        """Where the page served at ``rest`` comes from when it is a fallback page: the
        default locale's path, or ``None`` when ``rest`` is in no locale that has fallbacks."""
        if not self.fallback:
            return None
        locale = self.of_path(rest)
        if locale == self.default or not self.is_locale(locale):
            return None
        moved = self.move(rest, locale, self.default)
        if self.default == ROOT and self.of_path(moved) != ROOT:
            return None  # /fr/de/x is no copy of the de page /de/x
        return moved

    def describe(self) -> list[str]:
        """``-v`` lines: the locales, their lang and dir, and the default."""
        if not self.multilingual and not self.keys:
            return [f"locales: root only (lang {self.info[ROOT].lang})"]
        shown = [
            f"{'root' if key == ROOT else key} ({locale.lang}{', rtl' if locale.dir == 'rtl' else ''})"
            for key, locale in self.info.items()
            if key != ROOT or self.has_root
        ]
        fallback = "fallback pages served" if self.fallback else "no fallback pages"
        return [
            f"locales: {', '.join(shown)}; default {self.default or 'root'}; {fallback}",
            *(
                f'locale "{key}": Starlight compares locale keys with lowercased slugs, so no page folder is in'
                f' this locale and its URLs serve only fallback pages; write the key in lowercase ("{key.lower()}")'
                for key in self.info
                if key != key.lower()
            ),
        ]
