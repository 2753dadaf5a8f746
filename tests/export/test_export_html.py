"""The HTML export: files, relative links, escaping and sanitizing, assets, search, print, locales."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from exporthelpers import export

from helpers import SiteBuilder


def export_html(root: Path, *args: str, out: str = "dist") -> Path:
    result = export(root, "--format", "html", "-o", out, *args)
    assert result.exit_code == 0, result.output
    return root / out


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_one_page_per_lesson_and_the_site_files(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("pusat"))
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        ".eduforge-export",
        "_static/app.js",
        "_static/pygments.css",
        "_static/search-index.js",
        "_static/style.css",
        "assets/docs/images/hero.png",
        "assets/docs/tutorials/Git/images/diagram.png",
        "how-to/ssh/index.html",
        "index.html",
        "pengenalan/index.html",
        "print.html",
        "references/catatan-rahasia/index.html",
        "references/kode-status-http/index.html",
        "tutorials/backend/server-http/index.html",
        "tutorials/git/instalasi-git/index.html",
        "tutorials/git/perintah-dasar/index.html",
    ]


def test_links_are_relative_files_with_anchors(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("pusat"))
    intro = read(out / "pengenalan/index.html")
    assert 'href="../tutorials/git/instalasi-git/index.html#langkah-instalasi"' in intro
    assert 'href="../how-to/ssh/index.html"' in intro  # a relative link, resolved against the page URL
    git = read(out / "tutorials/git/instalasi-git/index.html")
    assert 'src="../../../assets/docs/tutorials/Git/images/diagram.png"' in git
    assert 'href="../../../tutorials/git/perintah-dasar/index.html"' in git
    assert 'rel="prev" href="../../../pengenalan/index.html"' in git
    assert 'rel="next" href="../../../tutorials/git/perintah-dasar/index.html"' in git
    assert 'aria-current="page"' in git and git.count('aria-current="page"') == 1
    assert "/pusat-belajar/" not in re.sub(r"<script type=\"application/ld\+json\">.*?</script>", "", git)
    home = read(out / "index.html")
    assert 'href="tutorials/git/instalasi-git/index.html"' in home and 'src="assets/docs/images/hero.png"' in home


def test_page_parts(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("pusat"), "--lang", "id")
    git = read(out / "tutorials/git/instalasi-git/index.html")
    assert '<html lang="id"' in git
    assert "<title>Instalasi Git | Pusat Belajar</title>" in git
    assert 'class="toc"' in git and 'href="#langkah-instalasi"' in git  # on-page table of contents
    assert '<span class="badge badge-tip">Mulai di sini</span>' in git  # sidebar badge
    assert "Materi 3 dari 7" in git  # one numbering: the reading order, as the JSON's position and the print page
    assert 'class="code terminal"' in git and '<div class="steps">' in git and 'role="tablist"' in git
    assert "Perhatian" not in git and "Jangan pakai sudo" in git  # Aside title given
    home = read(out / "index.html")
    assert 'class="hero"' in home and 'class="link-button primary" href="pengenalan/index.html"' in home
    assert "Daftar materi" in home  # the course contents on the home page
    hidden = read(out / "references/catatan-rahasia/index.html")
    assert "Tidak ada di sidebar" in hidden and 'rel="next"' not in hidden
    assert 'rel="next"' not in read(out / "references/kode-status-http/index.html")  # next: false


def test_frontmatter_is_escaped_and_html_fields_sanitized(site: SiteBuilder) -> None:
    site.page(
        "index.md",
        """\
        ---
        title: A <b> & c
        description: <img src=x onerror=alert(1)> "quoted"
        banner:
          content: Read <a href="/pusat-belajar/x/" onclick="steal()">this</a><script>alert(1)</script>
        hero:
          title: Learn <em>together</em><script>alert(2)</script>
          tagline: <strong>Fast</strong> <img src="x" onerror="alert(3)">
          actions:
            - text: Go <now>
              link: javascript:alert(4)
        ---

        Body with <mark>raw HTML</mark> kept.
        """,
    )
    out = export_html(site.root, "--title", "A <b> & c")
    html = read(out / "index.html")
    assert "<title>A &lt;b&gt; &amp; c</title>" in html
    assert 'content="&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34;"' in html
    assert "<em>together</em>" in html and "<strong>Fast</strong>" in html
    assert (
        "<script>alert" not in html
        and "onerror" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
        and "onclick" not in html
    )
    assert "javascript:" not in html and "Go &lt;now&gt;" in html
    assert "<mark>raw HTML</mark>" in html
    prose_title = "A &lt;b&gt; &amp; c"
    assert prose_title in html


def test_search_index_is_a_script_not_a_fetch(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("pusat"))
    index = read(out / "_static/search-index.js")
    assert (
        index.startswith("window.EDUFORGE_SEARCH=[") and "Instalasi Git" in index and "Catatan Tersembunyi" not in index
    )
    app = read(out / "_static/app.js")
    assert "fetch(" not in app and "XMLHttpRequest" not in app


def test_print_page_has_every_lesson_in_order(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("pusat"))
    printed = read(out / "print.html")
    titles = re.findall(r'<article class="print-lesson lesson" id="lesson-\d+">.*?<h1>(.*?)</h1>', printed, re.S)
    assert titles == [
        "Pusat Belajar",
        "Pengenalan",
        "Instalasi Git",
        "Perintah Dasar Git",
        "Server HTTP Pertama",
        "Menghubungkan GitHub dengan SSH",
        "Kode Status HTTP",
    ]
    assert 'href="#p3-langkah-instalasi"' in printed  # a link to another lesson's heading stays in the print page
    assert 'id="p3-langkah-instalasi"' in printed
    assert 'src="assets/docs/tutorials/Git/images/diagram.png"' in printed


def test_locales_get_their_own_pages_lang_and_search(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("i18n"))
    german = read(out / "de/guide/b/index.html")
    assert '<html lang="de"' in german and 'data-locale="de"' in german
    assert "noch nicht übersetzt" in german  # the fallback note
    assert 'href="../../../guide/b/index.html"' in german  # the default page's body links to the default locale
    assert (out / "de/print.html").is_file() and '<html lang="en"' in read(out / "index.html")


def test_a_big_curriculum_keeps_its_sidebar_in_one_script(fixture_site: Callable[[str], Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from eduforge.export import html

    monkeypatch.setattr(html, "INLINE_SIDEBAR_MAX", 3)
    out = export_html(fixture_site("pusat"))
    page = read(out / "how-to/ssh/index.html")
    assert 'data-fill="" data-current="' in page and 'src="../../_static/sidebar.js"' in page
    assert read(out / "_static/sidebar.js").startswith("window.EDUFORGE_SIDEBAR={")


def test_jsonld_in_pages_cannot_break_out_of_its_script(site: SiteBuilder) -> None:
    site.page("index.md", "---\ntitle: Home\nsidebar:\n  order: 0\n---\n\nHi.\n")
    site.page("tutorials/a.md", "---\ntitle: </script><script>alert(1)</script>\ndescription: A & B\n---\n\nText.\n")
    out = export_html(site.root, "--jsonld", "--title", "Home")
    home = read(out / "index.html")
    assert '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Course","name":"Home"' in home
    lesson = read(out / "tutorials/a/index.html")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', lesson, re.S)
    assert (
        script is not None
        and "\\u003c/script\\u003e" in script.group(1)
        and '"learningResourceType":"tutorial"' in script.group(1)
    )
    assert "<script>alert(1)" not in lesson
    import json

    assert json.loads(script.group(1))["name"] == "</script><script>alert(1)</script>"


def jsonld_of(page: str) -> str:
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert script is not None
    return script.group(1)


def test_jsonld_urls_are_absolute_with_site(fixture_site: Callable[[str], Path]) -> None:
    out = export_html(fixture_site("apps"), "--jsonld")
    assert jsonld_of(read(out / "panduan/lanjut/index.html")) == (
        '{"@context":"https://schema.org","@type":"LearningResource","name":"Lanjut",'
        '"url":"https://belajar.example.org/kursus/panduan/lanjut/","inLanguage":"id","position":2,'
        '"learningResourceType":"how-to guide"}'
    )
    home = jsonld_of(read(out / "index.html"))
    assert re.findall(r'"url":"([^"]*)"', home) == [
        "https://belajar.example.org/kursus/panduan/mulai/",
        "https://belajar.example.org/kursus/panduan/lanjut/",
        "https://belajar.example.org/kursus/",
    ]
    assert home.startswith('{"@context":"https://schema.org","@type":"Course","name":"Kursus Kita","inLanguage":"id"')
    brazilian = jsonld_of(read(out / "pt-br/index.html"))  # the locale's title and BCP-47 language
    assert brazilian.startswith(
        '{"@context":"https://schema.org","@type":"Course","name":"Nosso Curso","inLanguage":"pt-BR"'
    )


def test_jsonld_urls_are_relative_files_without_site(site: SiteBuilder) -> None:
    site.page("index.md", "---\ntitle: Home\nsidebar:\n  order: 0\n---\n\nHi.\n")
    site.page("guides/a.md", "---\ntitle: A\n---\n\nA.\n")
    out = export_html(site.root, "--jsonld", "--title", "Kursus")
    assert jsonld_of(read(out / "guides/a/index.html")) == (
        '{"@context":"https://schema.org","@type":"LearningResource","name":"A",'
        '"url":"../../guides/a/index.html","inLanguage":"en","position":2,"learningResourceType":"how-to guide"}'
    )
    assert re.findall(r'"url":"([^"]*)"', jsonld_of(read(out / "index.html"))) == [
        "index.html",
        "guides/a/index.html",
    ]


def test_without_a_root_locale_the_root_leads_to_the_default_locale(site: SiteBuilder) -> None:
    site.write(
        "eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\nlocales = ["en", "de"]\ndefault_locale = "en"\n'
    )
    site.page("en/index.md", "---\ntitle: Home\n---\n\nHi.\n")
    site.page("en/a.md", "---\ntitle: A\n---\n\nA.\n")
    site.page("de/index.md", "---\ntitle: Start\n---\n\nHallo.\n")
    out = export_html(site.root)
    assert 'content="0; url=en/index.html"' in read(out / "index.html")
    assert '<html lang="de"' in read(out / "de/a/index.html") and (out / "en/a/index.html").is_file()


def test_a_hero_image_through_a_tsconfig_alias_is_copied_as_astro_resolves_it(site: SiteBuilder) -> None:
    site.write("tsconfig.json", '{"compilerOptions": {"paths": {"~/*": ["./src/*"]}}}')
    site.write("src/assets/hero.png", b"\x89PNG\r\n\x1a\n")
    site.page(
        "index.md",
        """\
        ---
        title: Beranda
        template: splash
        hero:
          image:
            file: ~/assets/hero.png
        ---

        Halo.
        """,
    )
    out = export_html(site.root)
    html = read(out / "index.html")
    copied = re.search(r'<img[^>]*src="(assets/[^"]*hero\.png)"', html)
    assert copied is not None, html
    assert (out / copied.group(1)).read_bytes() == b"\x89PNG\r\n\x1a\n"


HERO_ACTIONS = """\
---
title: Beranda
template: splash
hero:
  actions:
    - text: Mulai
      link: /pusat-belajar/bab/b/#bagian
      icon: right-arrow
    - text: Unduh
      link: /pusat-belajar/panduan.pdf
    - text: GitHub
      link: https://github.com/example/kursus
      variant: minimal
      icon: <svg onload="alert(1)"></svg>
    - text: Hilang
      link: /pusat-belajar/tidak-ada/
---

Halo.
"""


def test_hero_actions_lead_where_body_links_lead(site: SiteBuilder) -> None:
    site.write("public/panduan.pdf", b"%PDF-1.4")
    site.page("bab/b.md", "---\ntitle: B\n---\n\n## Bagian\n")
    site.page("index.md", HERO_ACTIONS)
    site.page("bab/index.md", HERO_ACTIONS.replace("title: Beranda", "title: Bab"))  # one folder down
    result = export(site.root, "--format", "html", "-o", "dist")
    assert result.exit_code == 0
    assert (
        'docs/index.md: warning: the hero action link "/pusat-belajar/tidak-ada/" leads to nothing in the export; '
        "it is left as written\n" in result.stderr
    )
    for page, up in (("index.html", ""), ("bab/index.html", "../")):
        actions = re.findall(r'<a class="link-button (\w+)" href="([^"]*)">', read(site.root / "dist" / page))
        assert actions == [
            ("primary", f"{up}bab/b/index.html#bagian"),
            ("primary", f"{up}assets/public/panduan.pdf"),
            ("minimal", "https://github.com/example/kursus"),
            ("primary", "/pusat-belajar/tidak-ada/"),
        ], page
    assert read(site.root / "dist/assets/public/panduan.pdf") == "%PDF-1.4"
    home = read(site.root / "dist/index.html")
    # Starlight's icon after the text when the action names one, none otherwise; markup is never drawn
    assert re.search(r'>Mulai<svg class="icon" data-icon="right-arrow" viewBox="0 0 24 24"[^>]*><path ', home)
    assert ">Unduh</a>" in home and ">GitHub</a>" in home and "onload" not in home
    assert (
        "docs/index.md: warning: a hero action's icon written as SVG markup is left out; name one of Starlight's icons"
        in result.stderr
    )


def test_hero_actions_that_are_no_list_are_a_schema_error_and_no_crash(site: SiteBuilder) -> None:
    """Found by fuzzing: ``hero.actions: 5`` was a TypeError in every HTML export (exit 3)."""
    site.page("index.md", "---\ntitle: Beranda\ntemplate: splash\nhero:\n  title: Halo\n  actions: 5\n---\n")
    for fmt, out in (("html", "dist"), ("scorm12", "course.zip"), ("imscc", "course.imscc")):
        result = export(site.root, "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith(
            "docs/index.md:6:12: error schema hero.actions must be a list, not the number 5\n"
        )
    assert re.findall(r'<a class="link-button', read(site.root / "dist" / "index.html")) == []
