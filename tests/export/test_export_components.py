"""Every Starlight built-in component renders (Starlight 0.41's list), with Starlight's own icons;
code blocks read their meta string as Expressive Code does (titles, frames, line and text markers, diffs)."""

from __future__ import annotations

import re
import textwrap

import pytest
from exporthelpers import export

from eduforge.export.code import flatten, highlight, meta_options
from eduforge.export.data import strings_for
from eduforge.export.markdown import MarkdownRenderer, Rendered
from eduforge.export.starlight_icons import file_icon_name, icon_paths
from helpers import SiteBuilder

STRINGS = strings_for("en")


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(STRINGS)


def mdx(renderer: MarkdownRenderer, text: str) -> Rendered:
    return renderer.render(textwrap.dedent(text).lstrip("\n"), mdx=True)


def paths(html: str) -> str:
    """The HTML with every SVG's inner drawing cut out (the drawings are Starlight's data, tested apart)."""
    return re.sub(r'(<svg[^>]*data-icon="[^"]*"[^>]*>|<svg[^>]*class="tree-icon"[^>]*>).*?</svg>', r"\1…</svg>", html)


def code_body(html: str) -> str:
    return html.split("<code>", 1)[1].split("</code>", 1)[0]


# --- icons --------------------------------------------------------------------------------------------


def test_the_icon_set_is_starlights() -> None:
    # three names from Starlight 0.41's Icons.ts: a UI icon, a brand, a Seti file icon
    assert icon_paths(
        "star",
    ) is not None and icon_paths("star").startswith("<path d=")  # type: ignore[union-attr]
    assert icon_paths("github") is not None and icon_paths("seti:python") is not None
    assert icon_paths("no-such-icon") is None


@pytest.mark.parametrize(
    ("name", "icon"),
    [
        ("README.md", "seti:info"),  # a whole-name rule
        ("astro.config.mjs", "astro"),
        ("app.test.ts", "seti:typescript"),  # .test.ts has no rule: .ts
        ("main.py", "seti:python"),
        ("unknown.zzz", None),
    ],
)
def test_file_icons_are_picked_as_starlight_picks_them(name: str, icon: str | None) -> None:
    assert file_icon_name(name) == icon


def test_icon_component(renderer: MarkdownRenderer) -> None:
    rendered = mdx(renderer, '<Icon name="rocket" label="Launch" />\n')
    star = icon_paths("rocket")
    assert rendered.html == (
        f'<p><svg class="icon" data-icon="rocket" viewBox="0 0 24 24" fill="currentColor" role="img" '
        f'aria-label="Launch">{star}</svg></p>\n'
    )
    assert rendered.warnings == []


# --- one test per built-in component --------------------------------------------------------------


def test_aside(renderer: MarkdownRenderer) -> None:
    rendered = mdx(renderer, '<Aside type="caution" title="Careful">\nText.\n</Aside>\n')
    assert paths(rendered.html) == (
        '<aside class="aside aside-caution" aria-label="Careful"><p class="aside-title" aria-hidden="true">'
        '<svg class="icon aside-icon" data-icon="warning" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">…</svg>'
        'Careful</p><div class="aside-content">\n<p>Text.</p>\n</div></aside>\n'
    )
    custom = mdx(renderer, '<Aside icon="star">\nText.\n</Aside>\n').html
    assert 'data-icon="star"' in custom and 'aria-label="Note"' in custom


def test_badge(renderer: MarkdownRenderer) -> None:
    rendered = mdx(renderer, 'Status <Badge text="New" variant="success" /> and <Badge text="x" variant="bogus" />\n')
    assert rendered.html == (
        '<p>Status <span class="badge badge-success">New</span> and <span class="badge badge-default">x</span></p>\n'
    )


def test_card_with_icon(renderer: MarkdownRenderer) -> None:
    rendered = mdx(renderer, '<Card title="Start" icon="open-book">\nRead **this**.\n</Card>\n')
    assert paths(rendered.html) == (
        '<article class="card"><p class="card-title"><svg class="icon" data-icon="open-book" viewBox="0 0 24 24" '
        'fill="currentColor" aria-hidden="true">…</svg>Start</p><div class="card-body">\n'
        "<p>Read <strong>this</strong>.</p>\n</div></article>\n"
    )


def test_card_grid(renderer: MarkdownRenderer) -> None:
    rendered = mdx(renderer, '<CardGrid>\n<Card title="A">\na\n</Card>\n<Card title="B" />\n</CardGrid>\n')
    assert rendered.html == (
        '<div class="card-grid">\n<article class="card"><p class="card-title">A</p><div class="card-body">\n'
        '<p>a</p>\n</div></article>\n<article class="card"><p class="card-title">B</p></article>\n</div>\n'
    )


def test_link_button_with_icons(renderer: MarkdownRenderer) -> None:
    html = paths(
        mdx(
            renderer, '<LinkButton href="/a/" variant="minimal" icon="external" iconPlacement="start">Go</LinkButton>\n'
        ).html
    )
    assert html == (
        '<p><a class="link-button minimal" href="/a/"><svg class="icon" data-icon="external" viewBox="0 0 24 24" '
        'fill="currentColor" aria-hidden="true">…</svg>Go</a></p>\n'
    )


def test_link_card_has_starlights_arrow(renderer: MarkdownRenderer) -> None:
    html = paths(mdx(renderer, '<LinkCard title="Next" href="/next/" description="More" />\n').html)
    assert html == (
        '<div class="link-card"><a href="/next/"><span class="title">Next</span><span class="description">More</span>'
        '</a><svg class="icon arrow" data-icon="right-arrow" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">…</svg></div>\n'
    )


def test_steps(renderer: MarkdownRenderer) -> None:
    rendered = mdx(renderer, "<Steps>\n\n1. One\n\n    ```sh\n    echo\n    ```\n\n2. Two\n\n</Steps>\n")
    assert rendered.html.startswith('<div class="steps">\n<ol>\n<li>\n<p>One</p>\n<figure class="code terminal"')
    assert rendered.html.endswith("<li>\n<p>Two</p>\n</li>\n</ol>\n</div>\n")


def test_tabs_and_tab_items(renderer: MarkdownRenderer) -> None:
    rendered = mdx(
        renderer,
        '<Tabs>\n<TabItem label="npm">\nnpm i\n</TabItem>\n<TabItem label="pnpm">\npnpm i\n</TabItem>\n</Tabs>\n',
    )
    assert rendered.html == (
        '<div class="tabs"><div class="tab-list" role="tablist">'
        '<button type="button" role="tab" id="tab-1-0" aria-controls="panel-1-0" aria-selected="true" tabindex="0">npm</button>'
        '<button type="button" role="tab" id="tab-1-1" aria-controls="panel-1-1" aria-selected="false" tabindex="-1">pnpm</button></div>\n'
        '<div class="tab-panel" role="tabpanel" id="panel-1-0" aria-labelledby="tab-1-0" data-label="npm">\n<p>npm i</p>\n</div>\n'
        '<div class="tab-panel" role="tabpanel" id="panel-1-1" aria-labelledby="tab-1-1" data-label="pnpm">\n<p>pnpm i</p>\n</div>\n'
        "</div>\n"
    )


def test_code_component_with_markers(renderer: MarkdownRenderer) -> None:
    rendered = mdx(
        renderer,
        '<Code code={`let a = 1;\nlet b = 2;`} lang="js" title="a.js" ins={2} mark="a" />\n',
    )
    html = rendered.html
    assert html.startswith('<figure class="code" data-lang="js"><figcaption class="code-title"><span>a.js</span>')
    assert code_body(html) == (
        '<span class="kd">let</span><span class="w"> </span><mark><span class="nx">a</span></mark>'
        '<span class="w"> </span><span class="o">=</span><span class="w"> </span><span class="mf">1</span><span class="p">;</span>\n'
        '<span class="hll ins"><span class="kd">let</span><span class="w"> </span><span class="nx">b</span>'
        '<span class="w"> </span><span class="o">=</span><span class="w"> </span><span class="mf">2</span><span class="p">;</span></span>'
    )
    assert rendered.warnings == []
    arrays = mdx(
        renderer, '<Code code="one two" lang="txt" mark={["one", /t(w)o/]} del={[{range: "1", label: "x"}]} />\n'
    )
    assert code_body(arrays.html) == '<span class="hll del" data-label="x"><mark>one</mark> t<mark>w</mark>o</span>'


def test_file_tree_with_icons(renderer: MarkdownRenderer) -> None:
    body = """
    <FileTree>
    - src/
      - **index.md** the home page
      - about.md An __important__ comment
      - …
    - astro.config.mjs
    - public/
    </FileTree>
    """
    html = paths(mdx(renderer, body).html)
    folder = '<span><span class="sr-only">Directory</span><svg width="16" height="16" class="tree-icon" aria-hidden="true" viewBox="0 0 24 24">…</svg></span>'
    icon = '<span><svg width="16" height="16" class="tree-icon" aria-hidden="true" viewBox="0 0 24 24">…</svg></span>'
    assert html == (
        '<div class="file-tree">\n<ul>\n'
        f'<li class="directory">\n<details open><summary><span class="tree-entry"><span>{folder}src/</span></span></summary><ul>\n'
        f'<li class="file"><span class="tree-entry"><span class="highlight">{icon}<strong>index.md</strong></span>'
        ' <span class="comment"> the home page</span></span></li>\n'
        f'<li class="file"><span class="tree-entry"><span>{icon}about.md</span>'
        ' <span class="comment">An <strong>important</strong> comment</span></span></li>\n'
        '<li class="file empty"><span class="tree-entry"><span>…</span></span></li>\n'
        "</ul>\n</details></li>\n"
        f'<li class="file"><span class="tree-entry"><span>{icon}astro.config.mjs</span></span></li>\n'
        f'<li class="directory">\n<details><summary><span class="tree-entry"><span>{folder}public/</span></span></summary>'
        '<ul><li class="file empty"><span class="tree-entry"><span>…</span></span></li></ul></details></li>\n</ul>\n</div>\n'
    )
    drawn = mdx(renderer, body).html
    assert icon_paths("astro") in drawn and icon_paths("seti:folder") in drawn  # type: ignore[operator]


def test_file_tree_label_follows_the_sites_strings() -> None:
    german = MarkdownRenderer({**STRINGS, "fileTree.directory": "Verzeichnis"})
    assert '<span class="sr-only">Verzeichnis</span>' in german.render("<FileTree>\n- a/\n</FileTree>\n", mdx=True).html


# --- Expressive Code: the meta string -----------------------------------------------------------------


def test_meta_options_are_read_as_expressive_code_reads_them() -> None:
    assert meta_options('title="a b.js" {1,3-4} ins={"A":5} del=/x(y)/ "foo" mark=\'bar\' frame=none wrap') == [
        ("title", "string", "a b.js"),
        ("", "range", "1,3-4"),
        ("ins", "range", '"A":5'),
        ("del", "regexp", "x(y)"),
        ("", "string", "foo"),
        ("mark", "string", "bar"),
        ("frame", "string", "none"),
        ("wrap", "boolean", True),
    ]
    assert meta_options(r'"say \"hi\"" /a\/b/') == [("", "string", 'say "hi"'), ("", "regexp", "a/b")]


def test_line_markers_with_types_and_labels() -> None:
    html = highlight("a\nb\nc\nd\n", 'text {1} ins={"New":2-3} rem={4}', STRINGS)
    assert code_body(html) == (
        '<span class="hll">a</span>\n<span class="hll ins" data-label="New">b</span>\n'
        '<span class="hll ins">c</span>\n<span class="hll del">d</span>'
    )


def test_a_fence_is_trimmed_as_expressive_code_trims_it_before_lines_are_counted() -> None:
    # blank lines before the first and after the last go, and the spaces ending each line
    html = highlight("\n\na  \nb\t\n\n\n", "text {2}", STRINGS)
    assert code_body(html) == 'a\n<span class="hll">b</span>'


def test_text_markers_plain_and_regex_with_groups() -> None:
    html = highlight("foo = bar + foo\n", 'text "foo" ins=/b(a)r/ del="+"', STRINGS)
    assert code_body(html) == "<mark>foo</mark> = b<ins>a</ins>r <del>+</del> <mark>foo</mark>"


def test_text_markers_with_lookbehinds_of_any_width_as_javascript_reads_them() -> None:
    # Expressive Code's regexes are JavaScript's: `(?<!//.*)` marks what no comment comes before
    warnings: list[str] = []
    code = "env = import.meta.env.KEY // import.meta.env.OLD\nconst page = 1; let page\n"
    html = highlight(
        code, r"text /(?<!\/\/.*)import.meta.env.[A-Z_]+/ ins=/(?<=const.*)(page)/", STRINGS, warnings.append
    )
    assert code_body(html) == (
        "env = <mark>import.meta.env.KEY</mark> // import.meta.env.OLD\nconst <ins>page</ins> = 1; let <ins>page</ins>"
    )
    assert warnings == []
    long_line = "x" * 1_001 + " import.meta.env.KEY"  # read back from every position: long lines get no such marker
    assert code_body(highlight(long_line + "\n", r"text /(?<!\/\/.*)import.meta.env.[A-Z_]+/", STRINGS)) == long_line


def test_overlapping_markers_resolve_as_expressive_code() -> None:
    # ins beats del beats mark; same types merge
    assert flatten([(0, 10, "mark"), (2, 4, "ins"), (3, 6, "del"), (8, 12, "mark")]) == [
        (0, 2, "mark"),
        (2, 4, "ins"),
        (4, 6, "del"),
        (6, 12, "mark"),
    ]


def test_a_regex_with_nested_repetition_is_refused() -> None:
    warnings: list[str] = []
    html = highlight("aaaa\n", "text /(a+)+$/", STRINGS, warnings.append)
    assert code_body(html) == "aaaa"
    assert warnings == ["the text marker /(a+)+$/ repeats a repetition (slow on long lines); it is not used"]
    broken: list[str] = []
    highlight("x\n", "text /(/", STRINGS, broken.append)
    assert broken == ["the text marker /(/ is not a regular expression eduforge can read; it is not used"]


def test_diff_syntax_with_a_language() -> None:
    html = highlight("  let a = 1;\n- a = 2;\n+ a = 3;\n", 'diff lang="js"', STRINGS)
    assert 'data-lang="js"' in html
    assert code_body(html).split("\n")[1:] == [
        '<span class="hll del"><span class="nx">a</span><span class="w"> </span><span class="o">=</span>'
        '<span class="w"> </span><span class="mf">2</span><span class="p">;</span></span>',
        '<span class="hll ins"><span class="nx">a</span><span class="w"> </span><span class="o">=</span>'
        '<span class="w"> </span><span class="mf">3</span><span class="p">;</span></span>',
    ]
    real = highlight("--- a.txt\n+++ b.txt\n-old\n+new\n", "diff", STRINGS)
    assert "hll" not in real and "-old" in real  # a real diff keeps its lines


def test_titles_from_meta_and_file_name_comments() -> None:
    titled = highlight("// src/app.js\n\nlet a;\n", "js", STRINGS)
    assert '<figcaption class="code-title"><span>src/app.js</span></figcaption>' in titled
    assert "src/app.js" not in code_body(titled) and code_body(titled).startswith('<span class="kd">let')
    css_in_js = highlight("// styles.css\nlet a;\n", "js", STRINGS)  # another language group's file: no title
    assert "code-title" not in css_in_js
    assert "<span>deploy</span>" in highlight("echo hi\n", 'sh title="deploy"', STRINGS)
    none = highlight("// src/app.js\nx\n", 'js frame="none"', STRINGS)
    assert "code-title" not in none and "src/app.js" in none
    terminal = highlight("ls\n", 'js frame="terminal"', STRINGS)
    assert 'class="code terminal"' in terminal


def test_code_prop_strings_are_javascript(renderer: MarkdownRenderer) -> None:
    # in braces the value is a JavaScript string: its escapes are decoded; a quoted JSX attribute has none
    rendered = mdx(renderer, '<Code code={`a\\nb`} lang="txt" />\n\n<Code code="c\\nd" lang="txt" />\n')
    bodies = [code_body(part) for part in rendered.html.split("</figure>")[:2]]
    assert bodies == ["a\nb", "c\\nd"]


def test_the_export_notes_each_unknown_component_once(site: SiteBuilder) -> None:
    for name in ("a", "b"):
        site.page(
            f"{name}.mdx",
            f"---\ntitle: {name}\n---\n\nimport Quiz from '../Quiz.astro';\n\n<Quiz>\nQ {name}\n</Quiz>\n",
        )
    result = export(site.root, "--format", "html", "-o", "out")
    assert result.exit_code == 0
    assert result.stderr.count("component-unknown") == 1
    assert (
        "docs/a.mdx: info: component-unknown <Quiz> is not a component the export draws (the site's own or a "
        "plugin's): its children and text props are shown\n"
    ) in result.stderr
    assert "<p>Q b</p>" in (site.root / "out/b/index.html").read_text(encoding="utf-8")
