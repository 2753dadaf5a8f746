"""The HTML export of a multilingual site (sites/multilingual: root en, de, fa right to left):
titles and logo from Starlight's config, lang and dir per locale, the language picker,
hreflang alternates, the site's own UI strings, one numbering of lessons."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from exporthelpers import export

from eduforge.export.data import strings_for, title_for


def export_html(root: Path, *args: str) -> Path:
    result = export(root, "--format", "html", "-o", "dist", *args)
    assert result.exit_code == 0, result.output
    return root / "dist"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_titles_and_logo_come_from_starlights_config(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("multilingual"))
    assert "<title>SSH keys | Learning Hub</title>" in read(out / "guide/keys/index.html")
    german = read(out / "de/guide/keys/index.html")
    assert "<title>SSH keys | Lernzentrum</title>" in german and "<span>Lernzentrum</span>" in german
    assert "<title>کلیدهای SSH | مرکز یادگیری</title>" in read(out / "fa/guide/keys/index.html")
    assert '<img class="logo" src="../../../assets/src/assets/logo.svg" alt="">' in german
    assert (out / "assets/src/assets/logo.svg").read_text(encoding="utf-8").startswith("<svg")
    assert "<title>Welcome | Learning Hub</title>" in read(out / "index.html")  # not the home page's title


def test_lang_and_dir_per_locale_and_fallback_content_in_its_language(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("multilingual"))
    assert '<html lang="en" dir="ltr"' in read(out / "guide/keys/index.html")
    assert '<html lang="de" dir="ltr"' in read(out / "de/guide/keys/index.html")
    persian = read(out / "fa/guide/keys/index.html")
    assert '<html lang="fa" dir="rtl"' in persian and '<div class="prose">' in persian
    assert '<html lang="fa" dir="rtl"' in read(out / "fa/print.html")
    fallback = read(out / "de/guide/keys/index.html")  # no German translation: the English page, marked as English
    assert '<div class="prose" lang="en" dir="ltr">' in fallback
    assert '<h1 id="_top" lang="en" dir="ltr">SSH keys</h1>' in fallback
    assert "noch nicht übersetzt" in fallback  # the note itself is in the page's language
    assert '<a href="#make-a-key" lang="en" dir="ltr">Make a key</a>' in fallback  # its headings in the contents
    assert '<a href="#make-a-key">' not in fallback
    printed = read(out / "de/print.html")
    assert re.search(r'<article class="print-lesson lesson" id="lesson-2" lang="en" dir="ltr">', printed)


def test_language_picker_leads_to_the_same_lesson_or_the_locales_home(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("multilingual")
    (root / "src/content/docs/de/guide").mkdir(parents=True, exist_ok=True)
    (root / "src/content/docs/de/guide/extra.md").write_text(
        "---\ntitle: Nur Deutsch\n---\n\nText.\n", encoding="utf-8"
    )
    out = export_html(root)
    persian = read(out / "fa/guide/keys/index.html")
    picker = re.findall(
        r'<li><a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" dir="([^"]+)"[^>]*>([^<]+)</a></li>', persian
    )
    assert picker == [
        ("../../../guide/keys/index.html", "en", "ltr", "English"),
        ("../../../de/guide/keys/index.html", "de", "ltr", "Deutsch"),
        ("../../../fa/guide/keys/index.html", "fa", "rtl", "فارسی"),
    ]
    assert '<span class="language-current">فارسی</span>' in persian
    only_german = read(out / "de/guide/extra/index.html")
    links = {
        lang: href
        for href, lang, _, _ in re.findall(
            r'<li><a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" dir="([^"]+)"[^>]*>([^<]+)</a></li>', only_german
        )
    }
    assert links == {
        "en": "../../../index.html",
        "de": "../../../de/guide/extra/index.html",
        "fa": "../../../fa/index.html",
    }


def test_hreflang_alternates_name_only_real_translations(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("multilingual"))
    alternates = re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', read(out / "guide/keys/index.html")
    )
    assert alternates == [
        ("en", "../../guide/keys/index.html"),
        ("x-default", "../../guide/keys/index.html"),  # the default locale's page
        ("fa", "../../fa/guide/keys/index.html"),
    ]  # de is a fallback copy


def test_a_monolingual_site_has_no_picker(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("pusat"))
    page = read(out / "tutorials/git/instalasi-git/index.html")
    assert "language-picker" not in page and 'rel="alternate"' not in page


def test_the_sites_own_ui_strings_come_first(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("multilingual"))
    german = read(out / "de/index.html")
    assert 'aria-label="Durchsuchen"' in german  # src/content/i18n/de.json's search.label
    assert "Zum Inhalt springen" in german  # not in de.json: eduforge's built-in German
    assert 'aria-label="Search"' in read(out / "index.html")


def test_built_in_strings_cover_the_languages_learners_use() -> None:
    english = strings_for("en")
    for lang in ("id", "de", "es", "fr", "pt", "ja", "zh", "ar", "fa", "he", "ur"):
        strings = strings_for(lang)
        assert strings.keys() == english.keys()
        untranslated = [key for key in english if strings[key] == english[key] and key not in ("menu", "aside.danger")]
        assert untranslated == [], lang
        for key, text in english.items():  # placeholders kept in every translation
            assert re.findall(r"\{\w+\}", strings[key]) == re.findall(r"\{\w+\}", text), (lang, key)
    assert strings_for("pt-BR")["next"] == "Próximo" and strings_for("zh-CN")["search"] == "搜索"
    assert strings_for("xx")["next"] == "Next"
    assert strings_for("de", {"de": {"next": "Weiter"}})["next"] == "Weiter"


def test_title_in_a_language() -> None:
    titles = {"en": "Hub", "zh-CN": "中心"}
    assert title_for(titles, "zh-cn", "en", "folder") == "中心"
    assert title_for(titles, "de", "en", "folder") == "Hub"  # the default locale's title
    assert title_for("One", "de", "en", "folder") == "One"
    assert title_for("", "de", "en", "folder") == "folder"


def test_one_numbering_in_json_html_and_print(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    document = json.loads(export(root, "--format", "json", "-o", "-").stdout)
    positions = {lesson["title"]: lesson["position"] for lesson in document["lessons"] if lesson["position"]}
    out = export_html(root)
    total = len(positions)
    page = read(out / "tutorials/git/instalasi-git/index.html")
    assert f'class="pill">Lesson {positions["Instalasi Git"]} of {total}</span>' in page
    printed = read(out / "print.html")
    assert f'class="pill">{total} lessons</span>' in printed
    assert f'<article class="print-lesson lesson" id="lesson-{positions["Instalasi Git"]}">' in printed
    numbered = re.findall(
        r'<span class="number">(\d+)</span><span class="name">([^<]+)</span>', read(out / "index.html")
    )
    assert [int(n) for n, _ in numbered] == list(range(1, total + 1))


def _index(path: Path) -> list[dict]:  # type: ignore[type-arg]
    text = read(path)
    assert text.startswith("window.EDUFORGE_SEARCH=") and text.endswith(";\n")
    return json.loads(text[len("window.EDUFORGE_SEARCH=") : -2])  # type: ignore[no-any-return]


def test_search_index_per_locale_by_heading_with_code_and_without_pagefind_false(
    fixture_site: Callable[[str], Path],
) -> None:
    out = export_html(fixture_site("multilingual"))
    root = _index(out / "_static/search-index.js")
    assert [entry["u"] for entry in root] == ["index.html", "guide/keys/index.html"]  # secret.md: pagefind: false
    keys = root[1]
    assert keys["b"] == [
        ["make-a-key", "Make a key", 'Run this in a terminal: ssh-keygen -t ed25519 -C "you@example.org"'],
        ["add-the-key-to-the-agent", "Add the key to the agent", "Start the agent, then add the key with ssh-add."],
    ]
    persian = _index(out / "_static/search-index-fa.js")
    assert {entry["l"] for entry in persian} == {"fa"} and len(persian) == 2
    assert 'data-index="../../../_static/search-index-fa.js"' in read(out / "fa/guide/keys/index.html")


def test_untranslated_sidebar_labels_are_marked_in_their_language(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("multilingual"))
    persian = read(out / "fa/guide/keys/index.html")
    assert '<span lang="en" dir="auto">Unlisted notes</span>' in persian  # a fallback page, by its English title
    assert "<span>کلیدهای SSH</span>" in persian


def test_an_unreadable_i18n_file_is_a_warning_not_a_crash(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("multilingual")
    (root / "src/content/i18n/fa.json").write_text("{ not json", encoding="utf-8")
    result = export(root, "--format", "html", "-o", "dist")
    assert result.exit_code == 0
    assert (
        "eduforge: warning: src/content/i18n/fa.json: not UTF-8 JSON; eduforge's own strings are used for it\n"
        in result.stderr
    )
    assert 'aria-label="Durchsuchen"' in read(root / "dist/de/index.html")  # the other files still count


def test_a_missing_logo_is_a_warning(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("multilingual")
    (root / "src/assets/logo.svg").unlink()
    result = export(root, "--format", "html", "-o", "dist")
    assert result.exit_code == 0
    assert (
        "eduforge: warning: the logo ./src/assets/logo.svg is not a file in the project; it is left out\n"
        in result.stderr
    )
    assert '<svg aria-hidden="true" class="logo"' in read(root / "dist/index.html")  # eduforge's own mark instead


WORDMARK = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 40"><rect width="160" height="40" fill="{}"/></svg>'
)


def with_theme_logos(root: Path) -> Path:
    """The multilingual site with a light and a dark wordmark from the project root (``/src/…``, as
    Starlight's own docs write them), an alt text and ``replacesTitle``."""
    config = root / "astro.config.mjs"
    config.write_text(
        read(config).replace(
            "logo: { src: './src/assets/logo.svg' },",
            "logo: { light: '/src/assets/light.svg', dark: '/src/assets/dark.svg', alt: 'Hub <&> \"co\"', "
            "replacesTitle: true },",
        ),
        encoding="utf-8",
    )
    (root / "src/assets/light.svg").write_text(WORDMARK.format("#123"), encoding="utf-8")
    (root / "src/assets/dark.svg").write_text(WORDMARK.format("#eee"), encoding="utf-8")
    return root


def test_a_light_and_a_dark_logo_that_replaces_the_title(fixture_site: Callable[[str], Path]) -> None:
    root = with_theme_logos(fixture_site("multilingual"))
    result = export(root, "--format", "html", "-o", "dist")
    assert result.exit_code == 0 and "logo" not in result.stderr
    german = read(root / "dist/de/guide/keys/index.html")
    alt = "Hub &lt;&amp;&gt; &#34;co&#34;"
    assert (
        f'<img class="logo logo-light" src="../../../assets/src/assets/light.svg" alt="{alt}">\n'
        f'    <img class="logo logo-dark" src="../../../assets/src/assets/dark.svg" alt="{alt}">\n'
        '    <span class="sr-only">Lernzentrum</span>'
    ) in german
    assert (root / "dist/assets/src/assets/dark.svg").is_file()
    site = json.loads(export(root, "--format", "json", "-o", "-").stdout)["site"]
    assert (site["logo"], site["logo_dark"], site["logo_alt"], site["logo_replaces_title"]) == (
        "src/assets/light.svg",
        "src/assets/dark.svg",
        'Hub <&> "co"',
        True,
    )
