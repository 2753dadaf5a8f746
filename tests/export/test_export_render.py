"""The export reads bodies with lint's parser (pyromark): what it marks before the parser reads a body
(asides, MDX components, elements, fences) lands where MDX puts it, and no marker is ever shown."""

from __future__ import annotations

import re

import pytest

from eduforge.export.data import strings_for
from eduforge.export.markdown import MarkdownRenderer, Rendered

UNKNOWN = "component-unknown: <{}> is not a component the export draws (the site's own or a plugin's): its children and text props are shown"


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(strings_for("en"))


def render(renderer: MarkdownRenderer, body: str, mdx: bool = True) -> Rendered:
    rendered = renderer.render(body, mdx=mdx)
    assert "<!--ef:" not in rendered.html
    return rendered


def without_svg(html: str) -> str:
    return re.sub(r"<svg[^>]*>.*?</svg>", "<svg/>", html)


def test_a_component_opened_in_a_list_item_closes_in_it(renderer: MarkdownRenderer) -> None:
    rendered = render(renderer, "- <Quiz id='a'>\n    Answer\n  </Quiz>\n- next\n")
    assert rendered.html == (
        '<ul>\n<li>\n<div class="component" data-component="Quiz">\n'
        '<p class="component-props"><span data-prop="id">a</span></p>\nAnswer</div>\n</li>\n<li>next</li>\n</ul>\n'
    )
    assert rendered.warnings == [UNKNOWN.format("Quiz")]


def test_an_aside_left_open_in_a_list_item_ends_with_it(renderer: MarkdownRenderer) -> None:
    html = without_svg(render(renderer, "- item\n\n  :::note\n  Unclosed.\n\n- next\n", mdx=False).html)
    assert html == (
        '<ul>\n<li>\n<p>item</p>\n<aside class="aside aside-note" aria-label="Note"><p class="aside-title" '
        'aria-hidden="true"><svg/>Note</p><div class="aside-content">\n<p>Unclosed.</p>\n</div></aside>\n</li>\n'
        "<li>\n<p>next</p>\n</li>\n</ul>\n"
    )


def test_an_html_block_of_components_ends_where_its_component_closes(renderer: MarkdownRenderer) -> None:
    """``<Option>`` is an HTML block to CommonMark (``option`` is a block tag): it stops at ``</Choice>``."""
    body = "1. Pick one:\n    <Choice>\n        <Option isCorrect>HTML</Option>\n        <Option>CSS</Option>\n    </Choice>\n2. Next\n"
    rendered = render(renderer, body)
    assert rendered.html == (
        '<ol>\n<li>Pick one:<div class="component" data-component="Choice">\n HTML\n CSS\n</div>\n</li>\n'
        "<li>Next</li>\n</ol>\n"
    )


def test_single_tildes_strike_through_as_remark_gfm_reads_them(renderer: MarkdownRenderer) -> None:
    assert render(renderer, "~one~ and ~~two~~\n", mdx=False).html == "<p><del>one</del> and <del>two</del></p>\n"


def test_an_indented_fence_after_a_step_is_code(renderer: MarkdownRenderer) -> None:
    """MDX has no indented code: a fence indented with tabs under a step's text is a fence in the step."""
    html = render(renderer, "<Steps>\n1. Install it.\n\t\t```sh\n\t\tnpm i x\n\t\t```\n\n2. Run it.\n</Steps>\n").html
    assert html.startswith('<div class="steps">\n<ol>\n<li>\n<p>Install it.</p>\n<figure class="code terminal"')
    assert html.endswith("</figure>\n</li>\n<li>\n<p>Run it.</p>\n</li>\n</ol>\n</div>\n")


def test_a_list_indented_with_tabs_is_a_nested_list(renderer: MarkdownRenderer) -> None:
    assert render(renderer, "1. Properties:\n\n\t\t- Title\n\t\t- Date\n").html == (
        "<ol>\n<li>\n<p>Properties:</p>\n<ul>\n<li>Title</li>\n<li>Date</li>\n</ul>\n</li>\n</ol>\n"
    )


def test_a_file_tree_name_with_escapes_is_one_name(renderer: MarkdownRenderer) -> None:
    html = render(renderer, "<FileTree>\n- my-project/src/\\_\\_fixtures\\_\\_/\n</FileTree>\n").html
    assert "<svg/></span>my-project/src/__fixtures__/</span></span></summary>" in without_svg(html)
    assert 'class="comment"' not in html


def test_code_in_a_line_opens_no_fence(renderer: MarkdownRenderer) -> None:
    html = render(
        renderer, '<Tabs>\n<TabItem label="a">```sh x ```</TabItem>\n</Tabs>\n\n<FileTree>\n- a.md\n</FileTree>\n'
    ).html
    assert '<p><code>sh x </code></p>\n</div>\n</div>\n<div class="file-tree">' in html


def test_an_unclosed_fence_in_mdx_runs_to_the_end(renderer: MarkdownRenderer) -> None:
    html = render(renderer, "Text\n\n```js\nlet a = 1\n").html
    assert html.startswith("<p>Text</p>\n<figure") and "<!--" not in html


# --- the token renderer (export/render.py): markdown-it's output, drawn without markdown-it ----------------


def test_block_tags_break_lines_as_markdown_it_writes_them(renderer: MarkdownRenderer) -> None:
    """A line break after a block tag, except before its inline or its own closing tag; ``<hr />`` and
    ``<img />`` closed XHTML-style; an image's alt is its text without markup."""
    html = render(renderer, '- a\n\n  > q\n- b\n\n***\n\n![*a* `b`](i.png "t")\n', mdx=False).html
    assert html == (
        "<ul>\n<li>\n<p>a</p>\n<blockquote>\n<p>q</p>\n</blockquote>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"
        '<hr />\n<p><img src="i.png" alt="a b" title="t" /></p>\n'
    )


def test_a_block_after_the_hidden_paragraph_of_a_tight_item_starts_a_line(renderer: MarkdownRenderer) -> None:
    html = render(renderer, "- tight\n  > quote\n", mdx=False).html
    assert html == "<ul>\n<li>tight\n<blockquote>\n<p>quote</p>\n</blockquote>\n</li>\n</ul>\n"


def test_a_bare_url_in_an_undefined_footnote_reference_is_a_link(renderer: MarkdownRenderer) -> None:
    """The reference stays its text, ``[^label]``, and the URL in that text is linked as in any text."""
    html = render(renderer, "See [^www.example.org] and [^1].\n\n[^1]: Note.\n", mdx=False).html
    assert html.startswith('<p>See [^<a href="http://www.example.org">www.example.org</a>] and <sup>')


def test_escape_html_escapes_what_markdown_it_escapes() -> None:
    from markdown_it.common.utils import escapeHtml

    from eduforge.export.render import escape_html

    for text in ("", "plain", "a & b", '<tag attr="v">', "it's", "&amp;&lt;", '"&<>"' * 3):
        assert escape_html(text) == escapeHtml(text)
    assert escape_html('<a href="x">it\'s & more</a>') == "&lt;a href=&quot;x&quot;&gt;it's &amp; more&lt;/a&gt;"


def test_a_token_without_attributes_gets_its_own_when_one_is_set() -> None:
    from eduforge.export.render import Token, render_token

    first, second = Token("paragraph_open", "p", 1, block=True), Token("paragraph_open", "p", 1, block=True)
    first.attrSet("class", "lead")
    assert first.attrGet("class") == "lead" and second.attrGet("class") is None and not second.attrs
    assert render_token([first], 0) == '<p class="lead">\n' and render_token([second], 0) == "<p>\n"
