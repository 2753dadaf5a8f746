"""What the export adds to CommonMark costs time linear in the page: task lists, footnotes, bare URLs,
MDX element lines and JSX props on HTML tags.  4x the input must cost about 4x the time, never 16x.

Times are CPU seconds of this process (``time.process_time``), with the collector thresholds the
command sets: the machine's cores are shared, so wall-clock time measures the neighbours too."""

from __future__ import annotations

import time

import pytest

from eduforge.export.data import strings_for
from eduforge.export.markdown import MarkdownRenderer
from eduforge.site.markdown import analyze_body

pytestmark = pytest.mark.usefixtures("collector_as_eduforge_runs")


RENDERER = MarkdownRenderer(strings_for("en"))


def _seconds(body: str, mdx: bool) -> float:
    reading = analyze_body(body, 1, mdx=mdx)  # the export renders from the run's reading: not timed
    started = time.process_time()
    RENDERER.render(body, mdx=mdx, reading=reading)
    return time.process_time() - started


SHAPES = {
    "task list": ("- [ ] x\n", False),
    "nested task lists": ("1. [x] y\n   - [ ] z\n", False),
    "footnote definitions": ("[^{n}]: x\n", False),
    "footnote references": ("[^1]", False),
    "bare URLs": ("https://x.org/( www.", False),
    "unclosed tags on one line": ("<a ", True),
    "unclosed attribute on every line": ('<a b="\n', True),
    "JSX props never closed": ('x <a href={"', True),
    "element lines": ("<p>x [y](/y/)\n", True),
    "deeply indented component tags": ('        <Badge text="x" />\n', True),
    "comment openers in code spans on one line": ("`{/*` ", True),
    "unclosed comments on every line": ("{/* x\n", True),
    "comments around fences": ("{/* ```\nx\n``` */}\n", True),
    "components with expression props inside lines": ("a <Cmd run={['x y']} /> `<B c={d}/>` ", True),
    "unclosed component tags inside lines": ("a <Cmd run={['x ", True),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_four_times_the_page_costs_about_four_times_the_time(shape: str) -> None:
    piece, mdx = SHAPES[shape]

    def page(count: int) -> str:
        body = "".join(piece.replace("{n}", str(n)) for n in range(count))
        return body + ("\n\n[^1]: x\n" if shape == "footnote references" else "")

    small = _seconds(page(2_500), mdx)
    large = _seconds(page(10_000), mdx)
    assert large < 8 * small + 0.3


@pytest.mark.parametrize(
    "piece",
    [
        "<Card ",  # each tag read its line from the start for backticks, and to the end: lines²
        "<Tabs>\n<TabItem label='a'>\nx\n</TabItem>\n</Tabs>\n\n",  # each <Tabs> copied the tokens after it
    ],
)
def test_many_component_tags_cost_linear_export_time(piece: str) -> None:
    """Found by fuzzing: 130,000 ``<Card`` on one line cost 28 s, 16,000 tab groups 13 s."""
    small = _seconds(piece * 10_000, True)
    large = _seconds(piece * 40_000, True)
    assert large < 8 * small + 0.3
