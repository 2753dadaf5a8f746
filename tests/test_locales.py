"""Locales as Starlight has them: root locale or none, defaultLocale, fallback pages, folder case,
Astro ``i18n``, each page's lang and dir, did-you-mean that stays in the link's locale, link-locale."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from eduforge.config import Locale, load_settings
from eduforge.engine import build_site, lint
from eduforge.problem import Severity
from eduforge.site.locales import from_astro_i18n, from_starlight, normalize_lang, settings_fields
from helpers import SiteBuilder

P = "docs/"
Row = tuple[str, int, int, str, str, str]


def lint_links(site: SiteBuilder, **fields: Any) -> list[Row]:
    """Problems of the links family, with Settings built as the astro.config reader fills them."""
    fields.setdefault("rules", {"link-locale": Severity.WARNING})  # off by default: these tests turn it on
    settings = replace(load_settings(cwd=site.root), **fields)
    result = lint(settings, families=("links",))
    return [(p.path, p.line, p.column, str(p.severity), p.rule, p.message) for p in result.problems]


# --- the locale model from Starlight's and Astro's options ------------------------------

root_model = from_starlight(
    {
        "root": {"label": "English", "lang": "en"},
        "fr": {"label": "Français"},
        "zh-cn": {"label": "简体中文", "lang": "zh-CN"},
        "ar": {"label": "العربية", "dir": "rtl"},
        "uk": {"label": "Українська"},
        "ru": {"label": "Русский"},
    },
    None,
)
no_root_model = from_starlight({"en": {"label": "English"}, "fr": {"label": "Français"}}, "en")


def test_starlight_locales_option() -> None:
    assert root_model == (
        (
            Locale("", "en", "English"),
            Locale("fr", "fr", "Français"),
            Locale("zh-cn", "zh-CN", "简体中文"),
            Locale("ar", "ar", "العربية", "rtl"),
            Locale("uk", "uk", "Українська"),
            Locale("ru", "ru", "Русский"),
        ),
        None,
    )
    assert no_root_model == ((Locale("en", "en", "English"), Locale("fr", "fr", "Français")), "en")
    # lang defaults to the key, with its region uppercased as Starlight does; 'root' as default is the root
    assert from_starlight({"root": {"label": "Deutsch", "lang": "de"}, "pt-br": {"label": "PT"}}, "root") == (
        (Locale("", "de", "Deutsch"), Locale("pt-br", "pt-BR", "PT")),
        None,
    )
    assert settings_fields(*no_root_model) == {
        "locale_info": no_root_model[0],
        "locales": ("en", "fr"),
        "default_locale": "en",
    }
    assert [normalize_lang(tag) for tag in ("zh-cn", "es-419", "sr-latn-rs", "en")] == [
        "zh-CN",
        "es-419",
        "sr-latn-RS",
        "en",
    ]


@pytest.mark.parametrize(
    ("i18n", "expected"),
    [
        (  # the default locale is served at the root unless prefixDefaultLocale
            {"defaultLocale": "en", "locales": ["en", "fr", "ar"]},
            ((Locale("", "en", "en"), Locale("fr", "fr", "fr"), Locale("ar", "ar", "ar", "rtl")), None),
        ),
        (
            {"defaultLocale": "en", "locales": ["en", "fr"], "routing": {"prefixDefaultLocale": True}},
            ((Locale("en", "en", "en"), Locale("fr", "fr", "fr")), "en"),
        ),
        (  # {path, codes}: the path is the URL segment, the first code the lang
            {
                "defaultLocale": "english",
                "locales": [{"path": "english", "codes": ["en-US", "en"]}, "fr"],
                "routing": {"prefixDefaultLocale": True},
            },
            ((Locale("english", "en-US", "en-US"), Locale("fr", "fr", "fr")), "english"),
        ),
        ({"defaultLocale": "id", "locales": ["id"]}, ((Locale("", "id", "id"),), None)),  # monolingual: root only
    ],
)
def test_locales_derived_from_astro_i18n(i18n: dict[str, Any], expected: Any) -> None:
    assert from_astro_i18n(i18n) == expected


# --- a multilingual site with a root locale ------------------------------------------------


def _root_site(site: SiteBuilder) -> dict[str, Any]:
    site.page("index.md", "---\ntitle: Home\n---\n")
    site.page("guide.md", "---\ntitle: Guide\n---\n")
    site.page("reference/config.md", "---\ntitle: Config\n---\n## Options\n")
    site.page("fr/index.md", "---\ntitle: Accueil\n---\n")
    site.page("zh-CN/guide.md", "---\ntitle: 指南\n---\n")
    site.page("ar/guide.md", "---\ntitle: دليل\n---\n")
    site.page("ru/reference/routing.md", "---\ntitle: Маршруты\n---\n")
    return settings_fields(*root_model)


def test_root_locale_site_serves_fallback_pages_in_every_locale(site: SiteBuilder) -> None:
    fields = _root_site(site)
    site.page(
        "fr/guide.md",
        """
        ---
        title: Guide
        ---
        [a](/pusat-belajar/fr/reference/config/#options) [b](../reference/config/) [c](/pusat-belajar/fr/)
        [d](/pusat-belajar/zh-cn/reference/config/) [e](/pusat-belajar/fr/reference/confg/)
        [f](/pusat-belajar/fr/reference/config/#optons)
        """,
    )
    assert lint_links(site, **fields) == [
        (
            P + "fr/guide.md",
            5,
            5,
            "warning",
            "link-locale",
            'link "/pusat-belajar/zh-cn/reference/config/" leads from this fr page into the zh-cn locale;'
            ' link the fr version "/pusat-belajar/fr/reference/config/" instead',
        ),
        (
            P + "fr/guide.md",
            5,
            49,
            "error",
            "link-target",
            'link "/pusat-belajar/fr/reference/confg/" is not a page of the site;'
            ' did you mean "/pusat-belajar/fr/reference/config/"?',
        ),
        (  # a fallback page has the default page's headings
            P + "fr/guide.md",
            6,
            5,
            "error",
            "link-anchor",
            'link "/pusat-belajar/fr/reference/config/#optons": no heading or id "optons" on docs/reference/config.md;'
            ' did you mean "#options"?',
        ),
    ]


def test_suggestions_never_jump_to_another_language(site: SiteBuilder) -> None:
    fields = _root_site(site)
    site.page(
        "uk/index.md",
        "---\ntitle: Головна\n---\n[r](/pusat-belajar/uk/reference/routing/) [c](/pusat-belajar/uk/reference/confi/)\n",
    )
    assert lint_links(site, **fields) == [
        (  # only ru has the page: no "did you mean /ru/reference/routing/"
            P + "uk/index.md",
            4,
            5,
            "error",
            "link-target",
            'link "/pusat-belajar/uk/reference/routing/" is not a page of the site',
        ),
        (  # the default page, at its uk URL
            P + "uk/index.md",
            4,
            47,
            "error",
            "link-target",
            'link "/pusat-belajar/uk/reference/confi/" is not a page of the site;'
            ' did you mean "/pusat-belajar/uk/reference/config/"?',
        ),
    ]


def test_locale_folders_match_lowercased_slugs(site: SiteBuilder) -> None:
    fields = _root_site(site)
    site.page(
        "fr/a.md",
        "---\ntitle: A\n---\n[ok](/pusat-belajar/zh-cn/guide/) [case](/pusat-belajar/zh-CN/guide/)\n",
    )
    found = lint_links(site, **fields)
    assert found == [
        (
            P + "fr/a.md",
            4,
            6,
            "warning",
            "link-locale",
            'link "/pusat-belajar/zh-cn/guide/" leads from this fr page into the zh-cn locale;'
            ' link the fr version "/pusat-belajar/fr/guide/" instead',
        ),
        (
            P + "fr/a.md",
            4,
            42,
            "error",
            "link-target",
            'link "/pusat-belajar/zh-CN/guide/" is not a page of the site; did you mean "/pusat-belajar/zh-cn/guide/"?',
        ),
    ]
    pages = {page.path: page for page in build_site(replace(load_settings(cwd=site.root), **fields)).pages}
    assert pages[P + "zh-CN/guide.md"].url == "/pusat-belajar/zh-cn/guide/"
    assert pages[P + "zh-CN/guide.md"].locale == "zh-cn"


def test_each_page_has_its_locale_lang_and_dir(site: SiteBuilder) -> None:
    fields = _root_site(site)
    built = build_site(replace(load_settings(cwd=site.root), **fields))
    by_path = {page.path: built.locale_of(page) for page in built.pages}
    assert by_path[P + "guide.md"] == Locale("", "en", "English")
    assert by_path[P + "zh-CN/guide.md"] == Locale("zh-cn", "zh-CN", "简体中文")
    assert by_path[P + "ar/guide.md"] == Locale("ar", "ar", "العربية", "rtl")
    assert built.locales.describe() == [
        "locales: root (en), fr (fr), zh-cn (zh-CN), ar (ar, rtl), uk (uk), ru (ru); default root; fallback pages served"
    ]
    # without a root locale, a page outside the locale folders is in the default locale
    no_root = build_site(replace(load_settings(cwd=site.root), **settings_fields(*no_root_model)))
    assert {page.path: no_root.locale_of(page).key for page in no_root.pages}[P + "guide.md"] == "en"


# --- defaultLocale with no root locale -------------------------------------------------------


def _no_root_site(site: SiteBuilder) -> dict[str, Any]:
    site.page("en/index.md", "---\ntitle: Home\n---\n")
    site.page("en/guide/start.md", "---\ntitle: Start\n---\n")
    site.page("en/guide/install.md", "---\ntitle: Install\n---\n## Linux\n")
    site.page("fr/index.md", "---\ntitle: Accueil\n---\n")
    return settings_fields(*no_root_model)


def test_no_root_locale_every_link_into_a_fallback_page_is_valid(site: SiteBuilder) -> None:
    fields = _no_root_site(site)
    site.page(
        "fr/guide/start.md",
        """
        ---
        title: Démarrer
        next:
          link: /pusat-belajar/fr/guide/install/
        ---
        [a](/pusat-belajar/fr/guide/install/#linux) [b](../install/) [c](/pusat-belajar/fr/)
        [d](/pusat-belajar/fr/guide/instal/) [e](/pusat-belajar/guide/install/) [f](/pusat-belajar/)
        [g](/pusat-belajar/en/guide/install/#linux)
        """,
    )
    site.page("en/guide/more.md", "---\ntitle: More\n---\n[fr](/pusat-belajar/fr/guide/more/)\n")
    assert lint_links(site, **fields) == [
        (
            P + "fr/guide/start.md",
            7,
            5,
            "error",
            "link-target",
            'link "/pusat-belajar/fr/guide/instal/" is not a page of the site;'
            ' did you mean "/pusat-belajar/fr/guide/install/"?',
        ),
        (  # outside every locale folder: the default locale's page is suggested
            P + "fr/guide/start.md",
            7,
            42,
            "error",
            "link-target",
            'link "/pusat-belajar/guide/install/" is not a page of the site;'
            ' did you mean "/pusat-belajar/en/guide/install/"?',
        ),
        (  # Starlight serves nothing at / without a root locale or a top-level index page
            P + "fr/guide/start.md",
            7,
            77,
            "error",
            "link-target",
            'link "/pusat-belajar/" is not a page of the site',
        ),
        (
            P + "fr/guide/start.md",
            8,
            5,
            "warning",
            "link-locale",
            'link "/pusat-belajar/en/guide/install/#linux" leads from this fr page into the en locale;'
            ' link the fr version "/pusat-belajar/fr/guide/install/#linux" instead',
        ),
    ]


def test_without_fallback_suggestions_come_from_the_locale_or_the_default_locale(site: SiteBuilder) -> None:
    fields = _no_root_site(site)
    site.page("fr/guide/start.md", "---\ntitle: Démarrer\n---\n[a](/pusat-belajar/fr/guide/install/)\n")
    assert lint_links(site, **fields, i18n_fallback=False) == [
        (
            P + "fr/guide/start.md",
            4,
            5,
            "error",
            "link-target",
            'link "/pusat-belajar/fr/guide/install/" is not a page of the site;'
            ' did you mean "/pusat-belajar/en/guide/install/"?',
        ),
    ]


def test_link_locale_stays_quiet_where_there_is_no_own_version(site: SiteBuilder) -> None:
    fields = _root_site(site)
    # the ru-only page exists in no other locale; the default locale's pages link anywhere
    site.page("fr/b.md", "---\ntitle: B\n---\n[ru](/pusat-belajar/ru/reference/routing/)\n")
    site.page("c.md", "---\ntitle: C\n---\n[fr](/pusat-belajar/fr/guide/) [ar](/pusat-belajar/ar/guide/)\n")
    assert lint_links(site, **fields) == []
    # the rule can be turned off like any other
    assert lint_links(site, **fields, rules={"link-locale": None}) == []


def test_link_locale_is_off_by_default(site: SiteBuilder) -> None:
    fields = _root_site(site)
    site.page("fr/b.md", "---\ntitle: B\n---\n[en](/pusat-belajar/guide/)\n")
    assert [p[4] for p in lint_links(site, **fields)] == ["link-locale"]
    assert lint_links(site, **fields, rules={}) == []


def test_a_draft_translation_is_replaced_by_the_fallback_page(site: SiteBuilder) -> None:
    fields = _no_root_site(site)
    site.page("fr/guide/install.md", "---\ntitle: Installer\ndraft: true\n---\n")
    site.page("fr/guide/start.md", "---\ntitle: Démarrer\n---\n[a](/pusat-belajar/fr/guide/install/#linux)\n")
    assert lint_links(site, **fields) == []
    # without fallback pages, the draft (which has no "Linux" heading) is what the link reaches
    assert [p[4] for p in lint_links(site, **fields, i18n_fallback=False)] == ["link-anchor", "link-draft"]


def test_a_locale_key_with_capitals_takes_no_folder(site: SiteBuilder) -> None:
    site.page("index.md", "---\ntitle: Home\n---\n")
    site.page("zh-CN/index.md", "---\ntitle: 首页\n---\n")
    info, default = from_starlight({"root": {"label": "English", "lang": "en"}, "zh-CN": {"label": "中文"}}, None)
    built = build_site(replace(load_settings(cwd=site.root), **settings_fields(info, default)))
    assert {page.path: page.locale for page in built.pages} == {P + "index.md": None, P + "zh-CN/index.md": None}
    assert built.locales.describe() == [
        "locales: root (en), zh-CN (zh-CN); default root; fallback pages served",
        'locale "zh-CN": Starlight compares locale keys with lowercased slugs, so no page folder is in this locale'
        ' and its URLs serve only fallback pages; write the key in lowercase ("zh-cn")',
    ]


def test_plugin_routes_are_served_in_every_locale(site: SiteBuilder) -> None:
    fields = _root_site(site)
    site.page(
        "fr/blog-links.md",
        "---\ntitle: Blog\n---\n[a](/pusat-belajar/fr/blog/) [b](/pusat-belajar/fr/blog/mon-article/)\n",
    )
    assert lint_links(site, **fields, plugins=("starlight-blog",)) == []


def test_a_next_link_into_a_fallback_page_makes_no_chain_with_its_prev(site: SiteBuilder) -> None:
    """fr's next is the fallback page of reference/tools: Starlight serves it with the default page's
    frontmatter, whose prev leads into the default locale; the fr author cannot make the two agree."""
    fields = _root_site(site)
    site.page("reference/tools.md", "---\ntitle: Tools\nprev:\n  link: /pusat-belajar/guide/\n---\n")
    site.page("fr/guide.md", "---\ntitle: Guide\nnext:\n  link: /pusat-belajar/fr/reference/tools/\n---\n")
    site.page("index.md", "---\ntitle: Home\nnext:\n  link: /pusat-belajar/reference/tools/\n---\n")
    assert lint_links(site, **fields) == [
        (
            P + "index.md",
            4,
            9,
            "warning",
            "nav-chain",
            "next.link goes to docs/reference/tools.md, whose prev.link goes to /pusat-belajar/guide/,"
            " not back to this page; make the two agree",
        ),
    ]
