"""Bodies to HTML: asides, code, heading ids, MDX components, what degrades with a warning."""

from __future__ import annotations

import re
import textwrap

import pytest

from eduforge.export.data import strings_for
from eduforge.export.markdown import MarkdownRenderer, Rendered, parse_tag, prepare_mdx


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(strings_for("en"))


def render(renderer: MarkdownRenderer, text: str, mdx: bool = False) -> Rendered:
    return renderer.render(textwrap.dedent(text).lstrip("\n"), mdx=mdx)


@pytest.mark.parametrize("kind", ["note", "tip", "caution", "danger"])
def test_asides_with_default_and_custom_titles(renderer: MarkdownRenderer, kind: str) -> None:
    html = render(renderer, f":::{kind}\nPlain **body**.\n:::\n").html
    assert f'<aside class="aside aside-{kind}" aria-label="{kind.capitalize()}">' in html
    assert "<strong>body</strong>" in html
    custom = render(renderer, f":::{kind}[A <custom> title]\nBody.\n:::\n").html
    assert 'aria-label="A &lt;custom&gt; title"' in custom and "A &lt;custom&gt; title</p>" in custom


def test_asides_nest_with_more_colons_and_ignore_fences_inside(renderer: MarkdownRenderer) -> None:
    html = render(
        renderer,
        """
        ::::note
        Outer.
        :::tip
        Inner.
        :::
        ```md
        :::
        ```
        Still outer.
        ::::
        After.
    """,
    ).html
    assert html.count("<aside") == 2
    assert html.index("Still outer.") < html.rindex("</aside>") < html.index("After.")


def test_unknown_directive_stays_text(renderer: MarkdownRenderer) -> None:
    assert "<aside" not in render(renderer, ":::warning\nText\n:::\n").html


def test_heading_ids_follow_github_slugger(renderer: MarkdownRenderer) -> None:
    rendered = render(renderer, "## Hello, World!\n\n## Hello, World!\n\n### `code` Über\n")
    assert [(h.level, h.text, h.id) for h in rendered.headings] == [
        (2, "Hello, World!", "hello-world"),
        (2, "Hello, World!", "hello-world-1"),
        (3, "code Über", "code-über"),
    ]
    assert '<h2 id="hello-world-1">' in rendered.html and 'href="#hello-world-1"' in rendered.html


def test_code_is_highlighted_with_title_and_marked_lines(renderer: MarkdownRenderer) -> None:
    html = render(renderer, '```python title="app.py" {2}\nimport os\nprint(os.name)\n```\n').html
    assert '<figure class="code" data-lang="python">' in html
    assert '<figcaption class="code-title"><span>app.py</span></figcaption>' in html
    assert '<span class="kn">import</span>' in html
    assert html.count('<span class="hll">') == 1
    terminal = render(renderer, "```sh\necho hi <there>\n```\n").html
    assert 'class="code terminal"' in terminal and "&lt;there&gt;" in terminal
    plain = render(renderer, "```nosuchlanguage\n<b>x</b>\n```\n").html
    assert "&lt;b&gt;x&lt;/b&gt;" in plain


def test_raw_html_in_markdown_passes_through(renderer: MarkdownRenderer) -> None:
    html = render(renderer, '<div class="box"><b>bold</b></div>\n\nText <kbd>Ctrl</kbd>.\n').html
    assert '<div class="box"><b>bold</b></div>' in html and "<kbd>Ctrl</kbd>" in html


def test_words_and_reading_time_skip_code(renderer: MarkdownRenderer) -> None:
    rendered = render(renderer, "One two three.\n\n```\nnot counted at all\n```\n")
    assert rendered.words == 3 and rendered.reading_minutes == 1
    assert render(renderer, " ".join(["kata"] * 401)).reading_minutes == 3


MDX = """
import { Steps, Tabs, TabItem, Aside, Card, CardGrid, LinkCard, LinkButton, Badge } from '@astrojs/starlight/components';
import {
  Icon,
} from '@astrojs/starlight/components';
export const meta = { a: 1 };

{/* an MDX comment
   over two lines */}

<Steps>
1. First <Badge text="New" variant="tip" />
2. Second

    ```sh
    npm install
    ```
</Steps>

<Tabs>
  <TabItem label="npm">
    Run npm.
  </TabItem>
  <TabItem label="pnpm">Run **pnpm**.</TabItem>
</Tabs>

<Aside type="danger" title="Careful">
Do not.
</Aside>

<CardGrid>
  <Card title="One" icon="star">
    Body [link](/x/).
  </Card>
</CardGrid>

<LinkCard
  title="Next step"
  href="/next/"
  description="More to read"
/>

<LinkButton href="/start/" variant="secondary">Start</LinkButton>
"""


def test_mdx_components(renderer: MarkdownRenderer) -> None:
    rendered = render(renderer, MDX, mdx=True)
    html = rendered.html
    assert "import" not in html and "export const" not in html and "MDX comment" not in html
    assert '<div class="steps">\n<ol>' in html and '<span class="badge badge-tip">New</span>' in html
    assert 'class="code terminal"' in html  # the indented fence inside a step is code, not an indented block
    assert html.count('role="tab"') == 2 and 'aria-selected="true" tabindex="0">npm</button>' in html
    assert html.count('role="tabpanel"') == 2 and "<strong>pnpm</strong>" in html
    assert '<aside class="aside aside-danger" aria-label="Careful">' in html
    assert (
        '<div class="card-grid">' in html
        and '<p class="card-title"><svg class="icon" data-icon="star" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">'
        in html
        and "</svg>One</p>" in html
        and '<a href="/x/">link</a>' in html
    )
    assert (
        '<div class="link-card"><a href="/next/"><span class="title">Next step</span>'
        '<span class="description">More to read</span>'
    ) in html
    assert '<a class="link-button secondary" href="/start/">Start</a>' in html
    assert rendered.warnings == []


def test_unknown_components_show_their_children_with_a_warning(renderer: MarkdownRenderer) -> None:
    rendered = render(
        renderer, '<YouTube id="x" />\n\n<Quiz>\nWhat is **Git**?\n</Quiz>\n\nText <Tooltip>tip</Tooltip>.\n', mdx=True
    )
    assert (
        '<div class="component" data-component="Quiz">\n<p>What is <strong>Git</strong>?</p>\n</div>' in rendered.html
    )
    assert "Text tip." in rendered.html and "&lt;" not in rendered.html
    assert '<div class="component" data-component="YouTube">' in rendered.html  # its text props stay visible
    assert sorted(rendered.warnings) == [
        "component-unknown: <Quiz> is not a component the export draws (the site's own or a plugin's): its children and text props are shown",
        "component-unknown: <Tooltip> is not a component the export draws (the site's own or a plugin's): its children and text props are shown",
        "component-unknown: <YouTube> is not a component the export draws (the site's own or a plugin's): its children and text props are shown",
    ]


def test_unreadable_mdx_degrades_to_escaped_text(renderer: MarkdownRenderer) -> None:
    rendered = render(renderer, "<Steps>\n1. never closed\n\n{frontmatter.title}\n", mdx=True)
    assert "Steps" not in rendered.html and "<li>never closed</li>" in rendered.html  # never raw JSX
    assert any("never closed" in w for w in rendered.warnings)
    assert any("{frontmatter.title}" in w for w in rendered.warnings)


def test_components_in_plain_markdown_are_just_html(renderer: MarkdownRenderer) -> None:
    html = render(renderer, "<Steps>\n\n1. a\n\n</Steps>\n").html
    assert "<Steps>" in html and 'class="steps"' not in html


def test_block_tags_are_put_on_lines_of_their_own() -> None:
    text, warnings = prepare_mdx("<Aside>Short `<Aside>` text</Aside>\n")
    assert text == "<Aside>\nShort `<Aside>` text\n</Aside>\n" and warnings == []


def test_parse_tag_reads_literals_and_expressions() -> None:
    tag = parse_tag('<Card title="A &amp; B" icon={"star"} count={3} flag stacked={false} data={items} {...rest}/>', 0)
    assert tag is not None and tag.self_closing and tag.name == "Card"
    assert tag.attrs["title"] == "A & B" and tag.attrs["icon"] == "star" and tag.attrs["count"] == "3"
    assert (
        tag.attrs["flag"] is True and tag.attrs["stacked"] is False and type(tag.attrs["data"]).__name__ == "Expression"
    )


def test_a_sites_own_components_keep_children_and_text_props(renderer: MarkdownRenderer) -> None:
    body = '<Testimonial author="Ana" role="dev" data={items}>\n  Great **course**.\n</Testimonial>\n\n<Testimonial author="Bo" />\n'
    rendered = render(renderer, body, mdx=True)
    assert rendered.html == (
        '<div class="component" data-component="Testimonial">\n'
        '<p class="component-props"><span data-prop="author">Ana</span> · <span data-prop="role">dev</span></p>\n'
        "<p>Great <strong>course</strong>.</p>\n</div>\n"
        '<div class="component" data-component="Testimonial">\n'
        '<p class="component-props"><span data-prop="author">Bo</span></p>\n</div>\n'
    )
    assert rendered.warnings == [
        "component-unknown: <Testimonial> is not a component the export draws (the site's own or a plugin's): its children and text props are shown"
    ]


def test_components_mixed_with_html_are_never_raw_text(renderer: MarkdownRenderer) -> None:
    rendered = render(renderer, '<div class="quote">\n<Quote>Hi</Quote> <Icon name="star" />\n</div>\n', mdx=True)
    # MDX reads the <div> line as an element and the line after it as a paragraph (text beside JSX)
    assert rendered.html.startswith('<div class="quote">\n<p>Hi <svg class="icon" data-icon="star"')
    assert rendered.html.endswith("</svg></p>\n</div>\n")
    assert "Quote" not in rendered.html and "&lt;" not in rendered.html
    assert rendered.warnings == [
        "component-unknown: <Quote> is not a component the export draws (the site's own or a plugin's): its children and text props are shown"
    ]


def test_code_component(renderer: MarkdownRenderer) -> None:
    rendered = render(renderer, '<Code code="let a = 1" lang="js" title="a.js" mark="1" />\n', mdx=True)
    assert rendered.html.startswith(
        '<figure class="code" data-lang="js"><figcaption class="code-title"><span>a.js</span>'
    )
    assert '<span class="hll"><span class="kd">let</span>' in rendered.html and rendered.warnings == []
    rendered = render(renderer, '<Code code={example} lang="js" />\n', mdx=True)
    assert (
        rendered.html
        == '<figure class="code code-missing"><pre class="highlight"><code>{example}</code></pre></figure>\n'
    )
    assert rendered.warnings == [
        "<Code code={example}>: the code comes from an expression; it is shown as a placeholder"
    ]


def test_icons_are_drawn(renderer: MarkdownRenderer) -> None:
    rendered = render(
        renderer,
        'A <Icon name="rocket" label="Launch" size="2rem" color="red" /> and <Icon name="no-such" />.\n\n'
        '<LinkButton href="/a/" icon="right-arrow">Next</LinkButton>\n\n'
        '<LinkButton href="/b/" icon="external" iconPlacement="start">Out</LinkButton>\n',
        mdx=True,
    )
    html = rendered.html
    assert (
        '<svg class="icon" data-icon="rocket" viewBox="0 0 24 24" fill="currentColor" role="img" aria-label="Launch" style="width:2rem;height:2rem;color:red">'
        in html
    )
    assert (
        '<svg class="icon" data-icon="no-such" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><title>no-such</title>'
        in html
    )
    assert re.search(
        r'<a class="link-button primary" href="/a/">Next<svg class="icon" data-icon="right-arrow"[^>]*>.*?</svg></a>',
        html,
    )
    assert '<a class="link-button primary" href="/b/"><svg class="icon" data-icon="external"' in html
    assert rendered.warnings == ['the icon "no-such" is not in the Starlight icon set; a dot is shown in its place']
    hostile = render(renderer, '<Icon name="star" size="1rem;background:url(x)" color="red;x" />\n', mdx=True)
    assert "style=" not in hostile.html


def test_an_import_or_export_line_inside_a_paragraph_stays_text() -> None:
    # @mdx-js/mdx reads "You can\nimport the module\n…" as one paragraph, and "# Title\nimport …" as a
    # heading and an ESM statement; consecutive statements are all dropped.
    text, _ = prepare_mdx(
        "You can\nimport the module and\nexport the data.\n\n# Title\nimport A from 'a';\nimport B from 'b';\n\nEnd.\n"
    )
    assert text == "You can\nimport the module and\nexport the data.\n\n# Title\n\n\n\nEnd.\n"


def test_an_import_line_inside_a_tags_template_prop_is_kept_as_the_props_text() -> None:
    body = "import X from './X.astro';\n\n<X code={`\n---\ntitle: T\n---\nimport { Code } from 'y';\n`} />\n\nAfter.\n"
    text, warnings = prepare_mdx(body)
    assert "import { Code } from 'y';" in text
    assert "import X from" not in text
    assert warnings == []


def test_mdx_text_expressions_that_are_literals_show_their_value(renderer: MarkdownRenderer) -> None:
    # as the compiled page shows them: Prettier's explicit space {' '} (a space: Markdown drops it at the line's
    # end), strings (as text, not HTML), templates without ${…}, integers; code spans and tags keep their
    # braces, and any other expression stays as written
    body = (
        "import { Aside } from '@astrojs/starlight/components';\n\n"
        "Use it{' '}\nnow: a{\"<b>\"}c, {`tpl`}x, {42}, {' '}`{' '}` and {props.x}.\n\n"
        "<Aside title={'Heads up'}>Read {\"this\"}.</Aside>\n"
    )
    rendered = render(renderer, body, mdx=True)
    assert rendered.html.startswith(
        "<p>Use it\nnow: a&lt;b&gt;c, tplx, 42,  <code>{' '}</code> and {props.x}.</p>\n"
        '<aside class="aside aside-note" aria-label="Heads up">'
    )
    assert rendered.html.endswith('Heads up</p><div class="aside-content">\n<p>Read this.</p>\n</div></aside>\n')
    assert rendered.warnings == []


def test_an_mdx_flow_expression_that_is_a_literal_is_its_text_and_no_warning(renderer: MarkdownRenderer) -> None:
    body = "First.\n\n{' '}\n\n{\"Plain *text*\"}\n\n{items.length}\n"
    rendered = render(renderer, body, mdx=True)
    assert rendered.html == "<p>First.</p>\n<p>Plain *text*</p>\n<p>{items.length}</p>\n"
    assert rendered.warnings == ["the MDX expression {items.length} cannot be evaluated; it is shown as text"]


def test_text_literals_are_read_in_mdx_only(renderer: MarkdownRenderer) -> None:
    assert render(renderer, "a{' '}b\n").html == "<p>a{' '}b</p>\n"


def test_a_tag_too_long_to_read_keeps_its_expressions_as_written() -> None:
    # a prop's string is not text: when the tag is past what parse_tag reads, its line is left alone
    line = '<Fragment set:html={"<b>' + "x" * 20_000 + '</b>"} /> and {" "}'
    text, _ = prepare_mdx(line + "\n\nThen{' '}this.\n")
    assert text == line + "\n\nThen this.\n"
