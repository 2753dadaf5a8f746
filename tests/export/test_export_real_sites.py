"""What exporting real Starlight sites showed wrong, each reduced to a fixture of its own.

The shapes come from sites in the wild (a course's MDX comments around fenced code, a plugin
docs site's own components with code in their props); the text is written here.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from exporthelpers import export

from eduforge.export.data import strings_for
from eduforge.export.markdown import MarkdownRenderer
from helpers import SiteBuilder


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(strings_for("en"))


def mdx(renderer: MarkdownRenderer, text: str) -> str:
    return renderer.render(textwrap.dedent(text).lstrip("\n"), mdx=True).html


def test_an_mdx_comment_around_a_fenced_block_hides_all_of_it(renderer: MarkdownRenderer) -> None:
    # a course hides a draft diagram: the fence inside the comment opened a code block that ran
    # to the end of the page (the closing ``` */} read as a fence of language "*/}")
    html = mdx(
        renderer,
        """
        Before.

        {/* ```mermaid
        graph TD
        ``` */}

        After.
        """,
    )
    assert html == "<p>Before.</p>\n<p>After.</p>\n"


def test_an_mdx_comment_spanning_headings_blank_lines_and_a_fence(renderer: MarkdownRenderer) -> None:
    html = mdx(
        renderer,
        """
        Before.

        {/* ## Draft section

        Draft text.

        ```bash
        echo draft
        ```
        */}

        ## Kept

        After. {/* one */} Inline {/* two */}
        """,
    )
    assert html == (
        "<p>Before.</p>\n"
        '<h2 id="kept">Kept<a class="anchor" href="#kept" aria-label="Link to this section">#</a></h2>\n'
        "<p>After.  Inline</p>\n"
    )


def test_comment_markers_in_code_stay_code(renderer: MarkdownRenderer) -> None:
    html = mdx(
        renderer,
        """
        Write `{/* note */}` to hide a note.

        ```mdx
        {/* shown as written */}
        ```
        """,
    )
    assert "<code>{/* note */}</code>" in html
    assert "{/* shown as written */}" in html


def test_an_unclosed_mdx_comment_stays_text(renderer: MarkdownRenderer) -> None:
    assert mdx(renderer, "Text {/* never closed\n\nMore.\n") == "<p>Text {/* never closed</p>\n<p>More.</p>\n"


def test_a_sites_own_component_shows_a_prop_of_several_lines_as_preformatted_text(
    renderer: MarkdownRenderer,
) -> None:
    # a docs site passes the code of its examples to its own component in template literals:
    # it was shown in the props' one line, its lines and indents run together
    html = mdx(
        renderer,
        """
        <ConfigVariants
          title="Options"
          imports={`
            import { myPlugin } from 'my-plugin'
          `}
          settings={`
            plugins: [
              myPlugin(),
            ],
          `}
        />
        """,
    )
    assert html == (
        '<div class="component" data-component="ConfigVariants">\n'
        '<p class="component-props"><span data-prop="title">Options</span></p>\n'
        '<pre class="component-prop" data-prop="imports"><code>import { myPlugin } from \'my-plugin\'</code></pre>\n'
        '<pre class="component-prop" data-prop="settings"><code>plugins: [\n  myPlugin(),\n],</code></pre>\n'
        "</div>\n"
    )


def test_a_component_with_only_a_prop_of_several_lines_still_shows_it(renderer: MarkdownRenderer) -> None:
    html = mdx(renderer, '<Example code={`<a href="x">\n  & more\n`}>\nChild.\n</Example>\n')
    assert html == (
        '<div class="component" data-component="Example">\n'
        '<pre class="component-prop" data-prop="code"><code>&lt;a href=&quot;x&quot;&gt;\n  &amp; more</code></pre>\n'
        "<p>Child.</p>\n</div>\n"
    )


def _site_with_routes(root: Path, site: str | None) -> Path:
    """A docs site whose pages link to pages the site serves that are not lessons: one in src/pages
    and a redirect (generated references, release notes, feeds on the real sites)."""
    builder = SiteBuilder(root)
    config = f"site: '{site}', " if site else ""
    builder.write(
        "astro.config.mjs",
        f"""
        import starlight from '@astrojs/starlight';
        export default {{ {config}base: '/docs', redirects: {{ '/old/': '/docs/guide/' }},
          integrations: [starlight({{ title: 'Docs', sidebar: [{{ label: 'Releases', link: '/releases/' }}, 'guide',
            {{ label: 'More', items: [{{ label: 'Source', link: 'https://git.example.org/docs' }}] }}] }})] }};
        """,
    )
    builder.write("src/pages/releases.astro", "---\n---\n<h1>Releases</h1>\n")
    builder.write(
        "src/content/docs/guide.md",
        """
        ---
        title: Guide
        ---
        See the [release notes](/docs/releases/#v2) and [the old page](/docs/old/).
        """,
    )
    return builder.root


def _body(html: str) -> str:
    return html[html.index('<div class="prose">') : html.index("</div>", html.index('<div class="prose">'))]


def test_a_link_to_a_page_the_site_serves_outside_the_content_leads_to_it_online(tmp_path: Path) -> None:
    # a docs site links to its generated reference pages: the export left "/reference/config/"
    # as written, which from file:// or an LMS leads nowhere
    root = _site_with_routes(tmp_path / "site", "https://example.org")
    result = export(root, "--format", "html", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "leads to nothing" not in result.stderr
    page = (tmp_path / "out" / "guide" / "index.html").read_text(encoding="utf-8")
    assert _body(page).strip() == (  # (a redirect to a lesson leads to the lesson, as before)
        '<div class="prose">\n<p>See the <a href="https://example.org/docs/releases/#v2">release notes</a> and '
        '<a href="../guide/index.html">the old page</a>.</p>'
    )
    data = json.loads(_json(root, tmp_path / "curriculum.json"))
    (guide,) = [lesson for lesson in data["lessons"] if lesson["id"] == "guide"]
    assert '<a href="https://example.org/docs/releases/#v2">release notes</a>' in guide["html"]


def test_without_site_such_a_link_is_left_as_written_and_said(tmp_path: Path) -> None:
    root = _site_with_routes(tmp_path / "site", None)
    result = export(root, "--format", "html", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "guide" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/docs/releases/#v2">release notes</a>' in page
    assert (
        'src/content/docs/guide.md: warning: the link "/docs/releases/#v2" leads to nothing in the export; '
        "it is left as written\n"
    ) in result.stderr


def _sidebar(page: str) -> str:
    start = page.index('<nav class="sidebar-nav"')
    return page[start : page.index("</nav>", start) + 6]


def test_the_sidebar_shows_its_links_to_other_sites_and_to_pages_outside_the_content(tmp_path: Path) -> None:
    # a plugin's docs list their release notes (src/pages) and an API reference on another site in
    # the sidebar: the export's sidebar left both out
    root = _site_with_routes(tmp_path / "site", "https://example.org")
    assert export(root, "--format", "html", "-o", str(tmp_path / "out")).exit_code == 0
    page = (tmp_path / "out" / "guide" / "index.html").read_text(encoding="utf-8")
    assert _sidebar(page).replace("\n", "") == (
        '<nav class="sidebar-nav" aria-label="Main"><ul>'
        '<li><a href="https://example.org/docs/releases/"><span>Releases</span></a></li>'
        '<li><a href="../guide/index.html" data-n="0" aria-current="page"><span>Guide</span></a></li>'
        '<li class="group"><details open><summary><span>More</span><svg aria-hidden="true" class="caret" '
        'viewBox="0 0 24 24"><path d="m9 6 6 6-6 6"/></svg></summary><ul>'
        '<li><a href="https://git.example.org/docs"><span>Source</span></a></li>'
        "</ul></details></li></ul></nav>"
    )


def test_without_site_the_sidebar_leaves_out_a_link_to_a_page_outside_the_content(tmp_path: Path) -> None:
    root = _site_with_routes(tmp_path / "site", None)
    assert export(root, "--format", "html", "-o", str(tmp_path / "out")).exit_code == 0
    sidebar = _sidebar((tmp_path / "out" / "guide" / "index.html").read_text(encoding="utf-8"))
    assert "Releases" not in sidebar and '<a href="https://git.example.org/docs"><span>Source</span></a>' in sidebar


def _json(root: Path, out: Path) -> str:
    result = export(root, "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_imports_after_a_comment_line_are_esm_not_text(renderer: MarkdownRenderer) -> None:
    # a docs site groups its icon imports under {/* comments */}: MDX reads every group as ESM
    # (an expression line is a flow construct of its own), the export showed them as a paragraph
    html = mdx(
        renderer,
        """
        import Card from './Card.astro';

        {/* Databases */}
        import postgres from './postgres.png';
        import redis from './redis.png';

        Thanks to {"them"}.
        import stays from 'text';
        """,
    )
    assert html == "<p>Thanks to them.\nimport stays from 'text';</p>\n"


def test_a_component_inside_a_line_with_expression_props_is_read_as_a_component(renderer: MarkdownRenderer) -> None:
    # `commands={['deploy infra']}` is no HTML attribute to CommonMark: the tag was shown as text,
    # raw JSX in the lesson; now it is a component (a Badge drawn, an unknown one left out, said once)
    rendered = renderer.render(
        "Run <Cmd commands={['deploy infra']} /> or <Cmd commands={['apply']} />, a <Badge text={'New'} /> one.\n"
        "`<Cmd commands={['x y']} />` is code. <Cmd\nrun={['split']} />\n",
        mdx=True,
    )
    assert rendered.html == (
        '<p>Run  or , a <span class="badge badge-default">New</span> one.\n'
        "<code>&lt;Cmd commands={['x y']} /&gt;</code> is code. </p>\n"
    )
    assert rendered.warnings == [
        "component-unknown: <Cmd> is not a component the export draws (the site's own or a plugin's): its children and text props are shown"
    ]


def test_a_component_alone_on_its_line_keeps_its_expression_props(renderer: MarkdownRenderer) -> None:
    html = mdx(renderer, "export const hello = 'console.log(1)';\n\n- <Code code={hello} lang=\"js\" />\n")
    assert "console" in html and 'data-lang="js"' in html
