"""What exporting real Starlight sites showed wrong, each reduced to a fixture of its own.

The shapes come from sites in the wild (a course's MDX comments around fenced code, a plugin
docs site's own components with code in their props); the text is written here.
"""

from __future__ import annotations

import textwrap

import pytest

from eduforge.export.data import strings_for
from eduforge.export.markdown import MarkdownRenderer


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
