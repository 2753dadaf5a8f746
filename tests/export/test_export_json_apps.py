"""The JSON export as apps use it: standalone HTML, assets next to the JSON, links to lesson ids,
translation keys, BCP-47 languages, absolute URLs, reproducible and atomic writes.

The fixture ``sites/apps`` is a Starlight project with ``site`` and ``base``, three locales
(root ``id``, ``pt-br`` with lang ``pt-BR``, ``ar``), an MDX page with components and images.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from exporthelpers import SCHEMA, export

from helpers import SiteBuilder

SITE = "https://belajar.example.org"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def exported(root: Path, *args: str, out: str = "out/c.json") -> dict[str, Any]:
    result = export(root, "--format", "json", "-o", out, *args)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads((root / out).read_text(encoding="utf-8"))
    return document


def by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {lesson["id"]: lesson for lesson in document["lessons"]}


def test_the_apps_site_matches_the_schema(
    fixture_site: Callable[[str], Path], validator: jsonschema.Draft202012Validator
) -> None:
    root = fixture_site("apps")
    for args in ((), ("--jsonld", "--include-drafts")):
        document = exported(root, *args)
        assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)] == []
    result = export(root, "--format", "json", "-o", "-", "--jsonld")
    assert [e.message for e in validator.iter_errors(json.loads(result.stdout))] == []


def test_the_site_block_names_languages_titles_and_the_asset_folder(fixture_site: Callable[[str], Path]) -> None:
    site = exported(fixture_site("apps"))["site"]
    assert {key: site[key] for key in ("title", "base", "url", "lang", "dir", "logo", "assets")} == {
        "title": "Kursus Kita",
        "base": "/kursus",
        "url": "https://belajar.example.org/kursus/",
        "lang": "id",
        "dir": "ltr",
        "logo": "c.assets/src/assets/logo.svg",
        "assets": "c.assets",
    }
    assert site["locales"] == [
        {
            "locale": None,
            "lang": "id",
            "dir": "ltr",
            "label": "Bahasa Indonesia",
            "title": "Kursus Kita",
            "default": True,
            "home": "",
            "lessons": 3,
            "hidden": 0,
        },
        {
            "locale": "pt-br",
            "lang": "pt-BR",
            "dir": "ltr",
            "label": "Português do Brasil",
            "title": "Nosso Curso",
            "default": False,
            "home": "pt-br",
            "lessons": 3,
            "hidden": 0,
        },
        {
            "locale": "ar",
            "lang": "ar",
            "dir": "rtl",
            "label": "العربية",
            "title": "دورتنا",
            "default": False,
            "home": "ar",
            "lessons": 3,
            "hidden": 0,
        },
    ]


def test_lang_is_the_configs_bcp47_tag_and_a_fallback_keeps_its_contents_language(
    fixture_site: Callable[[str], Path],
) -> None:
    lessons = exported(fixture_site("apps"))["lessons"]
    assert [(lesson["id"], lesson["lang"], lesson["dir"], lesson["fallback"]) for lesson in lessons] == [
        ("panduan/mulai", "id", "ltr", False),
        ("panduan/lanjut", "id", "ltr", False),
        ("", "id", "ltr", False),
        ("pt-br/panduan/mulai", "pt-BR", "ltr", False),  # the folder is pt-br; the language is pt-BR
        ("pt-br/panduan/lanjut", "id", "ltr", True),  # not translated: the Indonesian page
        ("pt-br", "pt-BR", "ltr", False),
        ("ar/panduan/mulai", "id", "ltr", True),
        ("ar/panduan/lanjut", "id", "ltr", True),
        ("ar", "ar", "rtl", False),
    ]
    fallback = by_id({"lessons": lessons})["ar/panduan/mulai"]
    assert '<aside data-aside="tip" aria-label="Tips">' in fallback["html"]  # its UI words in its language


def test_translation_keys_link_every_locale_of_a_lesson(fixture_site: Callable[[str], Path]) -> None:
    lessons = exported(fixture_site("apps"))["lessons"]
    groups: dict[str, list[str]] = {}
    for lesson in lessons:
        groups.setdefault(lesson["translation_key"], []).append(lesson["id"])
    assert groups == {
        "panduan/mulai": ["panduan/mulai", "pt-br/panduan/mulai", "ar/panduan/mulai"],
        "panduan/lanjut": ["panduan/lanjut", "pt-br/panduan/lanjut", "ar/panduan/lanjut"],
        "": ["", "pt-br", "ar"],
    }
    ids = {lesson["id"] for lesson in lessons}
    for lesson in lessons:  # the same list in every member of a group, naming lessons that exist
        assert [t["id"] for t in lesson["translations"]] == groups[lesson["translation_key"]]
        assert {t["id"] for t in lesson["translations"]} <= ids
    assert by_id({"lessons": lessons})["pt-br/panduan/mulai"]["translations"] == [
        {"locale": None, "lang": "id", "id": "panduan/mulai"},
        {"locale": "pt-br", "lang": "pt-BR", "id": "pt-br/panduan/mulai"},
        {"locale": "ar", "lang": "ar", "id": "ar/panduan/mulai"},
    ]


def test_absolute_urls_are_site_plus_base(fixture_site: Callable[[str], Path]) -> None:
    document = exported(fixture_site("apps"), "--jsonld")
    for lesson in document["lessons"]:
        assert lesson["canonical_url"] == SITE + lesson["url"]
        assert lesson["url"].startswith("/kursus/")
    parts = [part for course in document["jsonld"]["@graph"] for part in course["hasPart"]]
    assert [part["url"] for part in parts[:3]] == [
        "https://belajar.example.org/kursus/panduan/mulai/",
        "https://belajar.example.org/kursus/panduan/lanjut/",
        "https://belajar.example.org/kursus/",
    ]
    assert [course["inLanguage"] for course in document["jsonld"]["@graph"]] == ["id", "pt-BR", "ar"]
    assert [course["name"] for course in document["jsonld"]["@graph"]] == ["Kursus Kita", "Nosso Curso", "دورتنا"]


def test_without_site_urls_stay_relative(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n\nSee [b](/pusat-belajar/b/).\n")
    site.page("b.md", "---\ntitle: B\n---\n\nB.\n")
    document = exported(site.root, "--jsonld")
    assert document["site"]["url"] is None
    a = by_id(document)["a"]
    assert a["canonical_url"] is None
    assert a["html"] == '<p>See <a data-lesson="b" href="/pusat-belajar/b/">b</a>.</p>\n'
    assert document["jsonld"]["@graph"][0]["hasPart"][0]["url"] == "/pusat-belajar/a/"


def test_the_mdx_page_is_standalone_html(fixture_site: Callable[[str], Path]) -> None:
    lesson = by_id(exported(fixture_site("apps")))["panduan/mulai"]
    assert lesson["html"] == (
        '<h2 id="pasang-alat-">Pasang alat <mark data-badge="tip">Baru</mark></h2>\n'
        "<ol>\n<li>\n<p>Pilih sistemmu:</p>\n"
        "<details open><summary>Linux</summary>\n<p>Pakai <code>apt</code>.</p>\n</details>\n"
        "<details><summary>macOS</summary>\n<p>Pakai <code>brew</code>.</p>\n</details>\n"
        "</li>\n<li>\n<p>Periksa versinya.</p>\n</li>\n</ol>\n"
        '<aside data-aside="tip" aria-label="Tips"><p><strong>Tips</strong></p>\n'
        '<p>Lanjut ke <a data-lesson="panduan/lanjut" href="https://belajar.example.org/kursus/panduan/lanjut/#bagian-dua">'
        "bagian dua</a>.</p>\n</aside>\n"
        "<article><p><strong>Peta</strong></p>\n"
        '<p><img src="c.assets/src/content/docs/panduan/gambar/peta.png" alt="Peta belajar" /></p>\n</article>\n'
        '<p><a data-lesson="" href="https://belajar.example.org/kursus/"><strong>Beranda</strong></a></p>\n'
    )
    assert 'class="' not in lesson["html"] and "<button" not in lesson["html"] and ">#</a>" not in lesson["html"]


def test_code_is_plain_pre_code_with_its_language_title_and_marks(fixture_site: Callable[[str], Path]) -> None:
    lesson = by_id(exported(fixture_site("apps")))["panduan/lanjut"]
    assert lesson["html"] == (
        '<h2 id="bagian-dua">Bagian dua</h2>\n'
        '<figure><figcaption>halo.js</figcaption><pre><code class="language-js">const a = 1;\n'
        "<mark>console.log(&quot;&lt;halo&gt;&quot;);</mark></code></pre></figure>\n"
        '<p>Kembali ke <a data-lesson="panduan/mulai" href="https://belajar.example.org/kursus/panduan/mulai/">awal</a>.</p>\n'
    )
    assert lesson["safe"]["html"] == (
        '<h2 id="bagian-dua">Bagian dua</h2>\n'
        '<figure><figcaption>halo.js</figcaption><pre><code class="language-js">const a = 1;\n'
        '<mark>console.log("&lt;halo&gt;");</mark></code></pre></figure>\n'
        '<p>Kembali ke <a data-lesson="panduan/mulai" href="https://belajar.example.org/kursus/panduan/mulai/" '
        'rel="noopener noreferrer">awal</a>.</p>\n'
    )


def test_code_is_trimmed_as_expressive_code_trims_it(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n\n```py {2}\n\nx = 1   \ny = 2\n\n```\n")
    [lesson] = exported(site.root)["lessons"]
    assert lesson["html"] == '<pre><code class="language-py">x = 1\n<mark>y = 2</mark></code></pre>\n'


def test_markdown_has_no_mdx_imports_and_the_same_targets_as_the_html(fixture_site: Callable[[str], Path]) -> None:
    lesson = by_id(exported(fixture_site("apps")))["panduan/mulai"]
    assert lesson["markdown"] == (
        '\n## Pasang alat <Badge text="Baru" variant="tip" />\n\n<Steps>\n\n1. Pilih sistemmu:\n\n'
        '    <Tabs>\n      <TabItem label="Linux">Pakai `apt`.</TabItem>\n'
        '      <TabItem label="macOS">Pakai `brew`.</TabItem>\n    </Tabs>\n\n2. Periksa versinya.\n\n</Steps>\n\n'
        ":::tip\nLanjut ke [bagian dua](https://belajar.example.org/kursus/panduan/lanjut/#bagian-dua).\n:::\n\n"
        '<Card title="Peta">\n![Peta belajar](c.assets/src/content/docs/panduan/gambar/peta.png)\n</Card>\n\n'
        '<LinkCard title="Beranda" href="https://belajar.example.org/kursus/" />\n'
    )


def test_esm_ends_at_a_blank_line_and_never_inside_code(site: SiteBuilder) -> None:
    site.page(
        "a.mdx",
        "---\ntitle: A\n---\n\nimport X from './x.js';\nexport const meta = {\n  a: 1,\n};\n\nText.\n\n"
        "```js\nimport y from 'y';\n```\n",
    )
    lesson = exported(site.root)["lessons"][0]
    assert lesson["markdown"] == "\nText.\n\n```js\nimport y from 'y';\n```\n"


def test_assets_are_copied_next_to_the_json_at_the_paths_it_names(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("apps")
    document = exported(root)
    out = root / "out"
    assert document["assets"] == [
        {
            "path": "c.assets/src/assets/logo.svg",
            "source": "src/assets/logo.svg",
            "bytes": (root / "src/assets/logo.svg").stat().st_size,
            "sha256": hashlib.sha256((root / "src/assets/logo.svg").read_bytes()).hexdigest(),
        },
        {
            "path": "c.assets/src/content/docs/panduan/gambar/peta.png",
            "source": "src/content/docs/panduan/gambar/peta.png",
            "bytes": 73,
            "sha256": hashlib.sha256((root / "src/content/docs/panduan/gambar/peta.png").read_bytes()).hexdigest(),
        },
    ]
    for asset in document["assets"]:
        assert (out / asset["path"]).read_bytes() == (root / asset["source"]).read_bytes()
    copied = sorted(p.relative_to(out).as_posix() for p in (out / "c.assets").rglob("*") if p.is_file())
    assert copied == sorted(["c.assets/.eduforge-export", *(a["path"] for a in document["assets"])])
    named = {a["path"] for a in document["assets"]}
    for lesson in document["lessons"]:  # every src and every Markdown image is a copied file
        for src in re.findall(r'src="([^"]*)"', lesson["html"]):
            assert src in named and (out / src).is_file()
        for target in re.findall(r"!\[[^\]]*\]\(([^)]*)\)", lesson["markdown"]):
            assert target in named
        for link in lesson["links"]["internal"]:
            assert link["asset"] is None or link["asset"] in named


def test_to_stdout_nothing_is_copied_and_paths_are_the_sources(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("apps")
    result = export(root, "--format", "json", "-o", "-")
    document = json.loads(result.stdout)
    assert document["site"]["assets"] is None and document["site"]["logo"] == "src/assets/logo.svg"
    assert [a["path"] for a in document["assets"]] == [
        "src/assets/logo.svg",
        "src/content/docs/panduan/gambar/peta.png",
    ]
    assert '<img src="src/content/docs/panduan/gambar/peta.png"' in by_id(document)["panduan/mulai"]["html"]
    assert sorted(p.name for p in root.iterdir()) == ["astro.config.mjs", "src"]  # nothing written


def test_links_to_lessons_carry_ids_that_exist(fixture_site: Callable[[str], Path]) -> None:
    document = exported(fixture_site("apps"))
    lessons = document["lessons"]
    ids = {lesson["id"] for lesson in lessons}
    urls = {lesson["canonical_url"]: lesson["id"] for lesson in lessons}
    seen = 0
    for lesson in lessons:
        for attrs in re.findall(r"<a\s([^>]*)>", lesson["html"]):
            href = re.search(r'href="([^"]*)"', attrs)
            named = re.search(r'data-lesson="([^"]*)"', attrs)
            assert href is not None
            target = urls.get(href.group(1).partition("#")[0])
            assert (named.group(1) if named else None) == target
            if named:
                assert named.group(1) in ids
                seen += 1
        for link in lesson["links"]["internal"]:
            assert link["lesson"] is None or link["lesson"] in ids
    assert seen == 10


def test_raw_html_links_and_unsafe_urls(site: SiteBuilder) -> None:
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\nsite = "https://x.example"\n')
    site.page(
        "a.md",
        "---\ntitle: A\n---\n\n"
        '<p><a href="/pusat-belajar/b/#top">raw</a> <a href="javascript:alert(1)">bad</a></p>\n\n'
        "[rel](../b/) [out](https://example.org/)\n",
    )
    site.page("b.md", "---\ntitle: B\n---\n\n## Top\n")
    a = by_id(exported(site.root))["a"]
    assert a["html"] == (
        '<p><a data-lesson="b" href="https://x.example/pusat-belajar/b/#top">raw</a> <a href="#">bad</a></p>\n'
        '<p><a data-lesson="b" href="https://x.example/pusat-belajar/b/">rel</a> '
        '<a href="https://example.org/">out</a></p>\n'
    )
    assert a["markdown"] == (
        '\n<p><a href="https://x.example/pusat-belajar/b/#top">raw</a> <a href="javascript:alert(1)">bad</a></p>\n\n'
        "[rel](https://x.example/pusat-belajar/b/) [out](https://example.org/)\n"
    )


def test_the_same_input_gives_the_same_bytes(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("apps")
    first = export(root, "--format", "json", "-o", "one/c.json", "--jsonld")
    second = export(root, "--format", "json", "-o", "two/c.json", "--jsonld")
    assert first.exit_code == second.exit_code == 0
    assert (root / "one/c.json").read_bytes() == (root / "two/c.json").read_bytes()

    def tree(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    assert tree(root / "one/c.assets") == tree(root / "two/c.assets")
    assert sorted(p.name for p in (root / "one").iterdir()) == ["c.assets", "c.json"]  # no temporary file left


def test_many_lessons_stream_through_workers_in_order(site: SiteBuilder) -> None:
    for number in range(260):  # over the 200 that start worker processes
        site.page(f"p{number:03d}.md", f"---\ntitle: P{number}\nsidebar:\n  order: {number}\n---\n\nText {number}.\n")
    document = exported(site.root)
    assert [lesson["id"] for lesson in document["lessons"]] == [f"p{n:03d}" for n in range(260)]
    assert [lesson["html"] for lesson in document["lessons"][:2]] == ["<p>Text 0.</p>\n", "<p>Text 1.</p>\n"]
    again = export(site.root, "--format", "json", "-o", "-")
    assert json.loads(again.stdout)["lessons"] == document["lessons"]  # no asset: stdout and file agree


def test_an_earlier_asset_folder_is_replaced_and_a_foreign_one_refused(site: SiteBuilder) -> None:
    site.write("docs/x.png", b"\x89PNG")
    site.page("a.md", "---\ntitle: A\n---\n\n![x](./x.png)\n")
    assert export(site.root, "--format", "json", "-o", "out/c.json").exit_code == 0
    assert (site.root / "out/c.assets/docs/x.png").read_bytes() == b"\x89PNG"
    site.page("a.md", "---\ntitle: A\n---\n\nNo image.\n")
    assert export(site.root, "--format", "json", "-o", "out/c.json").exit_code == 0
    assert sorted(p.name for p in (site.root / "out").iterdir()) == ["c.json"]  # the earlier folder went
    site.write("mine/c.assets/notes.txt", "mine")
    site.write("mine/c.json", "")
    result = export(site.root, "--format", "json", "-o", "mine/c.json")
    assert result.exit_code == 2
    assert result.stderr == (
        "eduforge: -o mine/c.json: the folder c.assets next to it is not an earlier eduforge export (no "
        ".eduforge-export file); the JSON export copies the lessons' files there and never deletes a folder: "
        "move it or choose another -o\n"
    )
    assert (site.root / "mine/c.assets/notes.txt").read_text() == "mine" and (
        site.root / "mine/c.json"
    ).read_text() == ""


def test_odd_components_never_break_the_html(site: SiteBuilder) -> None:
    site.page(
        "a.mdx",
        "---\ntitle: A\n---\n\n"
        '<TabItem label="Lone">Alone.</TabItem>\n\n'
        '<Tabs>\n<TabItem>\n<Tabs>\n<TabItem label="In">Inner.</TabItem>\n</Tabs>\n</TabItem>\n'
        '<TabItem label="Two">Two.</TabItem>\n</Tabs>\n\n'
        '<Code code={source} lang="js" />\n\n'
        '<Quiz question="Why?">Because.</Quiz>\n\n'
        'Go <LinkButton href="javascript:alert(1)">now</LinkButton> or <Badge text="x" variant="odd" />.\n\n'
        '<Icon name="star" />\n',
    )
    result = export(site.root, "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    html = json.loads(result.stdout)["lessons"][0]["html"]
    assert (
        html
        == (
            "<div>\n<p>Alone.</p>\n</div>\n"
            "<details open><summary>1</summary>\n"
            "<details open><summary>In</summary>\n<p>Inner.</p>\n</details>\n"
            "</details>\n<details><summary>Two</summary>\n<p>Two.</p>\n</details>\n"
            '<figure class="code code-missing"><pre class="highlight"><code>{source}</code></pre></figure>\n'
            "<p>Because.</p>\n"  # an unknown component on one line: its text, without it
            '<p>Go <a href="#">now</a> or <mark data-badge="default">x</mark>.</p>\n'
            '<p><svg width="1em" height="1em" class="icon" data-icon="star" viewBox="0 0 24 24" fill="currentColor"'
            ' aria-hidden="true">'
        )
        + html.split('aria-hidden="true">', 1)[1]
    )
    assert "a.mdx: warning: a <TabItem> outside <Tabs> is shown as plain content\n" in result.stderr


def test_a_line_of_many_links_is_rewritten_in_linear_time(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n\n" + "[b](../b/) " * 20_000 + "\n")
    site.page("b.md", "---\ntitle: B\n---\n\nB.\n")
    started = os.times()
    document = exported(site.root)
    ended = os.times()
    a = by_id(document)["a"]
    assert a["markdown"] == "\n" + "[b](/pusat-belajar/b/) " * 20_000 + "\n"
    assert a["html"].count('<a data-lesson="b" href="/pusat-belajar/b/">b</a>') == 20_000
    assert ended.user + ended.system - started.user - started.system < 15  # CPU seconds; quadratic took minutes


def test_hero_images_point_at_the_copied_files(site: SiteBuilder, validator: jsonschema.Draft202012Validator) -> None:
    site.write("tsconfig.json", '{"compilerOptions": {"paths": {"~/*": ["./src/*"]}}}')
    site.write("src/assets/hero.png", b"\x89PNG hero")
    site.write("docs/terang.png", b"\x89PNG light")
    site.page(
        "index.md",
        """\
        ---
        title: Beranda
        template: splash
        hero:
          image:
            file: ~/assets/hero.png
            light: ./terang.png
            dark: ./gelap.png
        ---

        Halo.
        """,
    )
    result = export(site.root, "--format", "json", "-o", "out/c.json")
    assert result.exit_code == 0
    assert 'index.md: warning: hero.image.dark "./gelap.png" is not a file; it is left as written\n' in result.stderr
    document = json.loads((site.root / "out/c.json").read_text(encoding="utf-8"))
    validator.validate(document)
    image = document["lessons"][0]["frontmatter"]["hero"]["image"]
    assert image == {"file": "c.assets/src/assets/hero.png", "light": "c.assets/docs/terang.png", "dark": "./gelap.png"}
    assert (site.root / "out" / image["file"]).read_bytes() == b"\x89PNG hero"
    internal = document["lessons"][0]["links"]["internal"]
    assert {link["href"]: link["asset"] for link in internal} == {
        "./gelap.png": None,
        "./terang.png": "c.assets/docs/terang.png",
        "~/assets/hero.png": "c.assets/src/assets/hero.png",
    }
    assert (site.root / "out" / image["light"]).read_bytes() == b"\x89PNG light"
    assert [asset["path"] for asset in document["assets"]] == [
        "c.assets/docs/terang.png",
        "c.assets/src/assets/hero.png",
    ]


def test_hero_action_links_become_what_the_bodys_links_become(
    site: SiteBuilder, validator: jsonschema.Draft202012Validator
) -> None:
    site.write("public/panduan.pdf", b"%PDF-1.4")
    site.page("b.md", "---\ntitle: B\n---\n\n## Bagian\n")
    site.page(
        "index.md",
        """\
        ---
        title: Beranda
        template: splash
        hero:
          actions:
            - text: Mulai
              link: /pusat-belajar/b/#bagian
            - text: Unduh
              link: /pusat-belajar/panduan.pdf
            - text: GitHub
              link: https://github.com/example/kursus
            - text: Hilang
              link: /pusat-belajar/tidak-ada/
            - text: Jahat
              link: "javascript:alert(1)"
        ---

        Lihat [B](/pusat-belajar/b/#bagian).
        """,
    )
    result = export(site.root, "--format", "json", "-o", "out/c.json")
    assert result.exit_code == 0
    assert (
        'index.md: warning: the hero action link "/pusat-belajar/tidak-ada/" leads to nothing in the export; '
        "it is left as written\n" in result.stderr
    )
    assert 'index.md: warning: the hero action link "javascript:alert(1)" would run code; it is replaced by "#"\n' in (
        result.stderr
    )
    document = json.loads((site.root / "out/c.json").read_text(encoding="utf-8"))
    validator.validate(document)
    home = by_id(document)[""]
    assert '<a data-lesson="b" href="/pusat-belajar/b/#bagian">B</a>' in home["html"]  # what a body link becomes
    assert [action["link"] for action in home["frontmatter"]["hero"]["actions"]] == [
        "/pusat-belajar/b/#bagian",
        "c.assets/public/panduan.pdf",
        "https://github.com/example/kursus",
        "/pusat-belajar/tidak-ada/",
        "#",
    ]
    assert (site.root / "out/c.assets/public/panduan.pdf").read_bytes() == b"%PDF-1.4"


def test_hero_action_links_are_absolute_with_site(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("apps")
    home = root / "src/content/docs/index.md"
    home.write_text(
        "---\ntitle: Beranda\nhero:\n  actions:\n    - text: Mulai\n      link: /kursus/panduan/mulai/\n---\n\nHalo.\n",
        encoding="utf-8",
    )
    lesson = by_id(exported(root))[""]
    assert lesson["frontmatter"]["hero"]["actions"] == [{"text": "Mulai", "link": SITE + "/kursus/panduan/mulai/"}]
