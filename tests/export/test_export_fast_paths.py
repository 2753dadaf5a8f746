"""The export's shortcuts write what the ways they replace write, to the byte."""

from __future__ import annotations

import itertools

import nh3
import pytest
from jinja2.filters import do_indent
from markupsafe import Markup

from eduforge.export.data import sanitize
from eduforge.export.html import _indent
from helpers import SiteBuilder

TEXTS = [
    "",
    "one line",
    "<section>\n  <h1>T &amp; x</h1>\n\n  <p>b</p>\n</section>\n",
    "a\r\nb\rc\x0bd\x0ce\x1cf\x85g\u2028h\u2029i",
    "\n\n",
    "trailing\n",
    "<b>&lt;</b>\n<i>'\"</i>",
]


@pytest.mark.parametrize("text", TEXTS)
def test_indent_writes_what_jinjas_indent_writes(text: str) -> None:
    for width, first, blank in itertools.product((4, 2, 0, "\t", "<>"), (False, True), (False, True)):
        for value in (Markup(text), text):
            ours, jinjas = _indent(value, width, first, blank), do_indent(value, width, first, blank)
            assert ours == jinjas
            assert type(ours) is type(jinjas)


def test_sanitize_writes_what_nh3_clean_writes() -> None:
    for html in [
        *TEXTS,
        "Panduan <em>pemula</em> <script>alert(1)</script>",
        '<a href="javascript:x" onclick="y">z</a><img src=x onerror=y>',
        "x\u00a0y \ufeffz \x00 > < & \"q\" 'r'",
        "<!-- c --><style>p{}</style><p style='a'>t",
    ]:
        assert sanitize(html) == nh3.clean(html)
    assert sanitize(3) == ""


def test_fence_languages_are_the_fences_a_line_start_pattern_finds() -> None:
    """What warm_up scans a site for: the languages a ``^``-anchored pattern (tried at every character)
    finds, and in the same number."""
    import re
    from collections import Counter

    from eduforge.export.code import fence_languages

    anchored = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*([^\s`]+)", re.MULTILINE)
    text = (
        "```js\nx\n```\n> ```Python title=a\n  ~~~~ bash\n\t```ts{1}\ninline ```js``` here\n"
        "x```sh\n``` \n````md\n~~~\n- ```yaml\n>>  ~~~~~Rust\r\n```\r\n`````tsx\n```` `no\n"
    )
    for sample in (text, text.replace("\n", "\r\n"), "", "```", "\n```c"):
        expected = Counter(found.group(1).lower() for found in anchored.finditer(sample))
        assert Counter(fence_languages(sample)) == expected


def test_the_top_bar_made_once_per_depth_is_each_pages_own(site: SiteBuilder) -> None:
    """The top bar is rendered once per curriculum and folder depth: each page still links home and
    to the print page by its own way up, and says the site's title."""
    from exporthelpers import export

    site.page("index.md", "---\ntitle: Home\n---\n\nHome.\n")
    site.page("a.md", "---\ntitle: A\n---\n\nA.\n")
    site.page("b.md", "---\ntitle: B\n---\n\nB.\n")
    site.page("deep/c.md", "---\ntitle: C\n---\n\nC.\n")
    result = export(site.root, "--format", "html", "-o", "dist", "--title", "Kursus <1>")
    assert result.exit_code == 0, result.output
    out = site.root / "dist"

    def top_bar(path: str) -> str:
        html = (out / path).read_text(encoding="utf-8")
        return html[html.index('<a class="skip"') : html.index("</header>")]

    for path, up in (
        ("index.html", ""),
        ("a/index.html", "../"),
        ("b/index.html", "../"),
        ("deep/c/index.html", "../../"),
    ):
        bar = top_bar(path)
        assert f'<a class="brand" href="{up}index.html">' in bar
        assert f'href="{up}print.html"' in bar and f'data-index="{up}_static/search-index.js"' in bar
        assert "<span>Kursus &lt;1&gt;</span>" in bar
    assert top_bar("a/index.html") == top_bar("b/index.html") != top_bar("deep/c/index.html")
