"""Lint and the export read a page once, and agree on it: every heading id and every link.

For each page of the shipped ``content/``, of the fixture sites (``tests/sites``, ``tests/export/sites``)
and of the differential corpus (``tests/data/markdown_cases``, whose reading is held to Astro's by
``tests/test_markdown_differential.py``), the HTML the export renders has exactly the heading ids of
lint's reading (``Page.facts``), in order, every ``id=`` lint accepts as an anchor, and exactly the
link and image destinations lint checks.  An anchor lint accepted is an anchor in the export.
"""

from __future__ import annotations

import html
import posixpath
import shutil
from collections import Counter
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from exporthelpers import export

from eduforge.config import load_settings
from eduforge.curriculum import Lesson, build_curricula
from eduforge.engine import build_site
from eduforge.export.data import strings_for, with_frontmatter
from eduforge.export.links import Targets, locate
from eduforge.export.markdown import MarkdownRenderer, Rendered
from eduforge.site.index import Site
from eduforge.site.markdown import BodyFacts, Link, analyze_body
from eduforge.site.page import Page
from helpers import run

REPO = Path(__file__).parents[2]
CASES = REPO / "tests" / "data" / "markdown_cases"
SITES = [REPO, *sorted(p for p in (REPO / "tests" / "sites").iterdir() if p.is_dir())]
SITES += sorted(p for p in (REPO / "tests" / "export" / "sites").iterdir() if p.is_dir())
NOT_SHOWN_AS_LINKS = frozenset({("Card", "href")})
"""Component props lint checks as links that the component does not show as one (Starlight's
``<Card>`` has no ``href``: Astro renders none, and neither does the export)."""


class _Found(HTMLParser):
    """Heading ids, every id, and the link/image destinations of rendered HTML (not the renderer's own
    heading anchors and footnote links)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if "id" in found:
            self.ids.add(found["id"])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and "id" in found and found["id"] != "footnote-label":
            self.headings.append(found["id"])
        generated = found.get("class") == "anchor" or "data-footnote-ref" in found or "data-footnote-backref" in found
        if tag == "a" and "href" in found and not generated:
            self.targets.append(found["href"])
        if tag in ("img", "iframe", "source", "video", "audio") and "src" in found:
            self.targets.append(found["src"])


@lru_cache(maxsize=1)
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(strings_for("en"))


@cache
def site_pages(root: Path) -> dict[str, Page]:
    site = build_site(load_settings(cwd=root))
    with_frontmatter(site.pages)
    return {page.path: page for page in site.pages}


def _pages() -> list[tuple[str, str, str]]:
    found = [("case", str(CASES), file.name) for file in sorted(CASES.iterdir())]
    for root in SITES:
        found.extend(("site", str(root), path) for path in sorted(site_pages(root)))
    return found


def _reading(kind: str, where: str, name: str) -> tuple[str, bool, BodyFacts]:
    if kind == "case":
        text = (Path(where) / name).read_bytes().decode("utf-8")
        mdx = name.endswith(".mdx")
        return text, mdx, analyze_body(text, 1, mdx=mdx)
    page = site_pages(Path(where))[name]
    return page.frontmatter.body, page.is_mdx, page.facts


def _checked(link: Link) -> bool:
    return link.kind != "frontmatter" and (link.tag, link.attr) not in NOT_SHOWN_AS_LINKS


def _label(value: tuple[str, str, str]) -> str:
    kind, where, name = value
    return name if kind == "case" else f"{Path(where).name}/{name}"


@pytest.mark.parametrize(("kind", "where", "name"), _pages(), ids=[_label(p) for p in _pages()])
def test_the_export_shows_the_heading_ids_anchors_and_links_lint_reads(kind: str, where: str, name: str) -> None:
    body, mdx, facts = _reading(kind, where, name)
    rendered = renderer().render(body, mdx=mdx, reading=facts)
    found = _Found()
    found.feed(rendered.html)
    ids = [heading.id for heading in facts.headings]
    assert found.headings == ids
    assert [heading.id for heading in rendered.headings] == ids
    assert facts.ids <= {unquote(found_id) for found_id in found.ids}  # fragments are compared decoded
    linked = Counter(unquote(link.target.strip()) for link in facts.links if _checked(link))
    assert Counter(unquote(html.unescape(target)) for target in found.targets) == linked


def test_the_comparison_covers_every_kind_of_page() -> None:
    pages = _pages()
    headings = links = 0
    for kind, where, name in pages:
        _, _, facts = _reading(kind, where, name)
        headings += len(facts.headings)
        links += sum(_checked(link) for link in facts.links)
    assert len(pages) >= 70 and headings >= 140 and links >= 150


def render(text: str, mdx: bool = False) -> Rendered:
    return renderer().render(text, mdx=mdx)


def test_an_escaped_underscore_stays_in_the_heading_id_and_text() -> None:
    rendered = render("## snake\\_case and `code_span`\n\n[to it](#snake_case-and-code_span)\n")
    assert [(h.text, h.id) for h in rendered.headings] == [("snake_case and code_span", "snake_case-and-code_span")]
    assert rendered.html.startswith('<h2 id="snake_case-and-code_span">snake_case and <code>code_span</code>')


def test_heading_ids_are_lints_even_where_a_slugger_of_the_text_would_differ() -> None:
    """Astro's smartypants makes ``--`` a dash that github-slugger drops; a component leaves a space."""
    rendered = render('## Use --force wisely\n\n## <Badge text="New" /> Component heading\n', mdx=True)
    assert [h.id for h in rendered.headings] == ["use-force-wisely", "-component-heading"]


def test_bare_urls_are_links_as_github_makes_them() -> None:
    html_out = render(
        "See https://en.wikipedia.org/wiki/Mercury_(planet) (or https://example.com/a). "
        "Mail me@example.com, visit www.commonmark.org/a_(b)c, not `https://in.code/` "
        "nor [https://shown.org](https://target.org).\n"
    ).html
    assert html_out == (
        '<p>See <a href="https://en.wikipedia.org/wiki/Mercury_(planet)">https://en.wikipedia.org/wiki/Mercury_(planet)</a>'
        ' (or <a href="https://example.com/a">https://example.com/a</a>). '
        'Mail <a href="mailto:me@example.com">me@example.com</a>, '
        'visit <a href="http://www.commonmark.org/a_(b)c">www.commonmark.org/a_(b)c</a>, '
        'not <code>https://in.code/</code> nor <a href="https://target.org">https://shown.org</a>.</p>\n'
    )


def test_footnotes_are_rendered_as_astro_renders_them() -> None:
    html_out = render("Text[^note] and more[^2].\n\n[^note]: The [note](/n/).\n[^2]: Two.\n").html
    assert html_out == (
        '<p>Text<sup><a href="#user-content-fn-note" id="user-content-fnref-note" data-footnote-ref="" '
        'aria-describedby="footnote-label">1</a></sup> and more<sup><a href="#user-content-fn-2" '
        'id="user-content-fnref-2" data-footnote-ref="" aria-describedby="footnote-label">2</a></sup>.</p>\n'
        '<section data-footnotes="" class="footnotes"><h2 class="sr-only" id="footnote-label">Footnotes</h2>\n<ol>\n'
        '<li id="user-content-fn-note"><p>The <a href="/n/">note</a>. <a href="#user-content-fnref-note" '
        'data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">\u21a9\ufe0e</a></p>\n'
        "</li>\n"
        '<li id="user-content-fn-2"><p>Two. <a href="#user-content-fnref-2" data-footnote-backref="" '
        'aria-label="Back to reference 2" class="data-footnote-backref">\u21a9\ufe0e</a></p>\n'
        "</li>\n</ol>\n</section>\n"
    )


def test_task_lists_are_disabled_checkboxes() -> None:
    assert render("- [ ] to do\n- [x] done\n").html == (
        '<ul class="contains-task-list">\n'
        '<li class="task-list-item"><input class="task-list-item-checkbox" disabled="disabled" type="checkbox"> to do</li>\n'
        '<li class="task-list-item"><input class="task-list-item-checkbox" checked="checked" disabled="disabled" '
        'type="checkbox"> done</li>\n</ul>\n'
    )


def test_mdx_elements_keep_the_markdown_after_them() -> None:
    """MDX reads ``<details>`` and ``<summary>`` as elements: the lines after them are Markdown."""
    assert render("<details>\n<summary>More</summary>\nSee [inside](/inside/).\n</details>\n", mdx=True).html == (
        '<details>\n<summary>More</summary><p>See <a href="/inside/">inside</a>.</p>\n</details>\n'
    )
    assert render("- <p>[Docs](https://d.org) — free.</p>\n", mdx=True).html == (
        '<ul>\n<li><p><a href="https://d.org">Docs</a> — free.</p></li>\n</ul>\n'
    )


def test_mdx_string_props_of_html_tags_are_attributes() -> None:
    assert render("Go <a href={`/template/`} title={'t'} data-x={value}>there</a>.\n", mdx=True).html == (
        '<p>Go <a href="/template/" title="t">there</a>.</p>\n'
    )


# --- links: the export rewrites them by lint's resolution --------------------------------------


def test_the_export_leads_every_link_where_lint_resolves_it() -> None:
    """A link lint resolves to a page leads to that page's lesson, one to a file to the copied file,
    an external one is kept; a link lint finds broken leads to nothing in the export either."""
    compared = 0
    for root in SITES:
        site = build_site(load_settings(cwd=root))
        with_frontmatter(site.pages)
        curricula = build_curricula(site, pages=site.pages)
        targets = Targets(site, curricula)
        for lesson in (lesson for curriculum in curricula for lesson in curriculum.all_lessons):
            for link in lesson.page.facts.links:
                if link.kind != "frontmatter" and not link.target.startswith("#"):
                    _assert_same_destination(site, targets, lesson, link)
                    compared += 1
    assert compared >= 60


def _assert_same_destination(site: Site, targets: Targets, lesson: Lesson, link: Link) -> None:
    resolution = site.resolver.resolve(link.target, lesson.page, asset=link.asset)
    located = locate(targets, link.target, lesson, image=link.asset)
    if resolution.status == "page" and targets.by_page.get(id(resolution.page)):
        assert located.kind == "lesson" and located.lesson is not None, link
        assert located.lesson.page is resolution.page, link
        assert located.fragment.removeprefix("#") == link.target.partition("#")[2], link
    elif resolution.status == "asset":
        assert located.kind == "file" and located.file is not None, link
    elif resolution.status == "skip":
        assert located.kind == "keep", link
    else:  # not a page of the export (a draft, a route), or broken
        assert located.kind == "missing", (link, resolution.status)


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])


EXPORTED = [
    REPO,
    REPO / "tests" / "sites" / "pusat-sidebar",
    *sorted(p for p in (REPO / "tests" / "export" / "sites").iterdir() if p.is_dir()),
]
"""The sites whose every anchor lint accepts (the broken fixture site has anchors lint reports)."""


@pytest.mark.parametrize("root", EXPORTED, ids=[root.name for root in EXPORTED])
def test_every_anchor_lint_accepts_is_an_anchor_of_the_exported_site(root: Path, tmp_path: Path) -> None:
    work = tmp_path / "site"
    if root == REPO:
        shutil.copytree(root / "content", work / "content")
        shutil.copy(root / "eduforge.toml", work)
    else:
        shutil.copytree(root, work)
    assert run(work, "lint").exit_code == 0
    result = export(work, "--format", "html", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    pages: dict[str, _Anchors] = {}
    for file in (tmp_path / "out").rglob("*.html"):
        pages[file.relative_to(tmp_path / "out").as_posix()] = found = _Anchors()
        found.feed(file.read_text(encoding="utf-8"))
    dead, checked = [], 0
    for name, found in sorted(pages.items()):
        for href in found.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or not parts.fragment:
                continue
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
            )
            checked += 1
            if target not in pages or unquote(parts.fragment) not in pages[target].ids:
                dead.append((name, href))
    assert dead == [] and checked > 0


def test_an_explicit_heading_id_is_the_id_and_not_text_with_remark_heading_id() -> None:
    body = "## Install it {#setup}\n\n## Plain {#not-an-id}\n"
    with_plugin = renderer().render(body, reading=analyze_body(body, 1, heading_ids=True))
    assert [(h.text, h.id) for h in with_plugin.headings] == [("Install it", "setup"), ("Plain", "not-an-id")]
    assert with_plugin.html.startswith('<h2 id="setup">Install it<a class="anchor" href="#setup"')
    without = renderer().render(body)  # no plugin: Astro keeps the text, github-slugger makes the id
    assert [(h.text, h.id) for h in without.headings] == [
        ("Install it {#setup}", "install-it-setup"),
        ("Plain {#not-an-id}", "plain-not-an-id"),
    ]


def test_lint_knows_the_footnote_ids_the_export_renders_and_only_those() -> None:
    body = "One[^note] two[^note] three[^2].\n\n[^note]: A note.\n[^2]: Two.\n[^unused]: Never referenced.\n"
    facts = analyze_body(body, 1)
    found = _Found()
    found.feed(render(body).html)
    expected = {
        "footnote-label",
        "user-content-fn-note",
        "user-content-fn-2",
        "user-content-fnref-note",
        "user-content-fnref-note-2",
        "user-content-fnref-2",
    }
    assert facts.ids == expected
    assert found.ids == expected
