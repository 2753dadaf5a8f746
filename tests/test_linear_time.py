"""Hostile page shapes cost time linear in the page: positions, tags, MDX blanking.

Times are CPU seconds of this process (``time.process_time``): the machine's cores are
shared, so wall-clock time measures the neighbours as much as eduforge."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from eduforge.site.frontmatter import Dialect, split_and_parse
from eduforge.site.markdown import analyze_body
from eduforge.site.suggest import SuggestionIndex
from eduforge.validation import _DATE_KEY, _rs_instance
from helpers import SiteBuilder, problems

pytestmark = pytest.mark.usefixtures("collector_as_eduforge_runs")


def _timed(body: str, mdx: bool = False) -> tuple[float, list[tuple[int, int]]]:
    started = time.process_time()
    facts = analyze_body(body, 4, mdx=mdx)
    return time.process_time() - started, [(link.line, link.column) for link in facts.links]


def test_forty_thousand_links_are_positioned_in_linear_time() -> None:
    seconds, positions = _timed("".join(f"é [l](/a{i}/)\n" for i in range(40_000)))
    assert seconds < 2.0
    assert positions[0] == (4, 7) and positions[-1] == (40_003, 7)
    seconds, positions = _timed(" ".join(f"é [l](/a{i}/)" for i in range(40_000)))  # one long line
    assert seconds < 2.0
    assert positions[1] == (4, 19) and positions[-1][0] == 4


def test_cost_grows_linearly_with_the_number_of_links() -> None:
    small, _ = _timed("".join(f"é [l](/a{i}/) " for i in range(20_000)))
    large, _ = _timed("".join(f"é [l](/a{i}/) " for i in range(80_000)))
    assert large < 8 * small + 0.2  # 4x the links: about 4x the time, never 16x


def test_a_tag_bomb_does_not_backtrack() -> None:
    for mdx in (False, True):
        seconds, positions = _timed("<div " + "<a " * 8000 + "\n\n" + '<a href="/x/">x</a>\n', mdx=mdx)
        assert seconds < 0.5
        assert positions == [(6, 10)]


def test_many_component_lines_in_mdx_cost_linear_time() -> None:
    seconds, positions = _timed("".join(f"<Card href='/x{i}' title='é' />\n\nteks é\n\n" for i in range(20_000)), True)
    assert seconds < 3.0
    assert len(positions) == 20_000 and positions[-1] == (80_000, 13)


def test_a_page_of_forty_thousand_broken_links_lints_in_seconds(site: SiteBuilder) -> None:
    site.page("many.md", "---\ntitle: Banyak\n---\n" + "".join(f"[l](/pusat-belajar/a{i}/)\n" for i in range(40_000)))
    started = time.process_time()
    found = problems(site.root, "lint", "--no-cache")
    assert time.process_time() - started < 5.0
    assert len(found) == 40_000
    assert found[-1][:5] == ("docs/many.md", 40_003, 5, "error", "link-target")


def test_stray_braces_and_unclosed_tags_on_every_line_of_mdx_cost_linear_time() -> None:
    body = "".join(f"{{ é {i}\n<Card title='{i}\n[l](/a{i}/)\n\n" for i in range(20_000))
    seconds, positions = _timed(body, True)
    assert seconds < 3.0
    assert len(positions) == 20_000 and positions[-1] == (80_002, 5)


def test_an_unclosed_string_in_an_mdx_expression_is_given_up_at_its_line_end() -> None:
    """A JavaScript string ends on its line: ``{ it's …`` is no string to the end of the page (looking
    for its quote from every later character cost 20,000 x 20,000 steps a scan)."""
    body = "".join(f"{{ it's {i} " + "kata " * 20 + "[l](/a/)\n\n" for i in range(4_000))
    seconds, positions = _timed(body, True)
    assert seconds < 0.5
    assert len(positions) == 4_000 and positions[-1] == (4 + 7_998, 117)


@pytest.mark.parametrize("opened", ["`", "[", "{"])
def test_an_esm_statement_open_across_blank_lines_costs_linear_time(opened: str) -> None:
    """Each look at an open statement reads it from its start: a run of blanks is one look, and a
    statement gets :data:`~eduforge.site.markdown.ESM_LOOKS` looks; after them it ends, so the page's
    Markdown after it is read."""
    body = f"export const a = {opened}\n" + "\n" * 30_000 + "x,\n\n" * 3_000 + "[l](/after/)\n"
    seconds, positions = _timed(body, True)
    assert seconds < 0.5
    assert positions == [(4 + 36_001, 5)]


@pytest.mark.parametrize("unit", ["<a x=\"{' '} ", "`` ` {' '} ", "<A b={'x'} ", "<a b='`' {`x`} ", "{' "])
def test_mdx_text_literals_cost_linear_time(unit: str) -> None:
    from eduforge.export.markdown import prepare_mdx

    def cost(units: int) -> float:
        started = time.process_time()
        prepare_mdx(unit * units)
        return time.process_time() - started

    small, large = cost(10_000), cost(40_000)
    assert large < 8 * small + 0.2  # 4x the text: about 4x the time, never 16x


def _suggest_seconds(letters: int) -> tuple[float, str | None]:
    index = SuggestionIndex(["/pusat-belajar/pengenalan/", "/pusat-belajar/tutorials/git/"], "/pusat-belajar")
    started = time.process_time()
    found = index.best(f"/pusat-belajar/{'a' * letters}/")
    return time.process_time() - started, found


def test_a_did_you_mean_for_a_very_long_link_costs_linear_time() -> None:
    """An n-letter name has n one-letter deletions of n - 1 letters each: looked up as a typo, a
    100,000-letter link cost 10^10 letters (minutes). Names longer than a file name are no typo."""
    small, found = _suggest_seconds(20_000)
    large, _ = _suggest_seconds(80_000)
    assert found is None
    assert large < 8 * small + 0.05  # 4x the letters: about 4x the time, never 16x


def test_a_page_linking_to_a_200_000_letter_url_lints_in_seconds(site: SiteBuilder) -> None:
    url = "/pusat-belajar/" + "a" * 200_000 + "/"
    site.page("panjang.md", f"---\ntitle: Panjang\n---\n[l]({url})\n")
    started = time.process_time()
    found = problems(site.root, "lint", "--no-cache")
    assert time.process_time() - started < 5.0
    assert found == [("docs/panjang.md", 4, 5, "error", "link-target", f'link "{url}" is not a page of the site')]


def _anchor_links_seconds(site: SiteBuilder, headings: int) -> tuple[float, int]:
    site.page(
        "judul.md",
        "---\ntitle: Judul\n---\n" + "".join(f"## Judul {i}\n\n[l](#judul-{i})\n\n" for i in range(headings)),
    )
    started = time.process_time()
    found = problems(site.root, "lint", "--no-cache")
    return time.process_time() - started, len(found)


def test_links_to_each_of_many_headings_cost_linear_time(site: SiteBuilder) -> None:
    """A page's anchors from a worker or the cache are a sorted tuple: ``in`` read it all, so a link
    to each of 50,000 headings cost 50,000² steps (24 s); it is searched by bisection."""
    small, none = _anchor_links_seconds(site, 5_000)
    large, still_none = _anchor_links_seconds(site, 20_000)
    assert (none, still_none) == (0, 0)
    assert large < 8 * small + 0.5  # 4x the links: about 4x the time, never 16x


def _broken_anchors_seconds(
    site: SiteBuilder, headings: int
) -> tuple[float, list[tuple[str, int, int, str, str, str]]]:
    links = "".join(f"## Judul {i}\n\n[l](#judul-{i}x)\n\n" for i in range(headings))
    site.page("panjang.md", "---\ntitle: Panjang\n---\n" + links)
    started = time.process_time()
    found = problems(site.root, "lint", "--no-cache")
    return time.process_time() - started, found


def test_a_did_you_mean_for_broken_anchors_on_a_page_of_many_headings_costs_linear_time(site: SiteBuilder) -> None:
    """Each broken anchor was compared with every anchor of its page (difflib, twice): 1,000 broken
    anchors among 1,000 headings cost 30 s. A page with many anchors has them indexed, as URLs are."""
    small, found = _broken_anchors_seconds(site, 600)
    large, more = _broken_anchors_seconds(site, 1_200)
    assert large < 3 * small + 0.5  # twice the page: about twice the time, never four times
    assert len(found) == 600 and len(more) == 1_200
    assert more[-1] == (
        "docs/panjang.md",
        4 + 4 * 1_199 + 2,
        5,
        "error",
        "link-anchor",
        'link "#judul-1199x": no heading or id "judul-1199x" on this page; did you mean "#judul-1199"?',
    )


def _controls_seconds(count: int) -> tuple[float, list[tuple[int, int, str]]]:
    text = "---\ntitle: Kendali\ndescription: " + "\x01" * count + "\n# \x02 " + "\x03" * count + "\n---\n"
    started = time.process_time()
    frontmatter = split_and_parse(text, Dialect())
    return time.process_time() - started, [(issue.line, issue.column, issue.rule) for issue in frontmatter.issues]


def test_control_characters_in_frontmatter_are_positioned_in_linear_time(site: SiteBuilder) -> None:
    """Each refused control character was positioned by counting the lines from the start, and
    looked for a comment from its line start: 200,000 of them on one line cost 15 s, 800,000 minutes.
    Every one is still read (the 21st problem counts the rest), so the scan's cost is what is measured."""
    small, found = _controls_seconds(20_000)
    large, more = _controls_seconds(80_000)
    assert large < 8 * small + 0.2  # 4x the characters: about 4x the time, never 16x
    # those in the comment are allowed; the first 20 are listed, the rest counted at the 21st
    assert len(found) == len(more) == 21
    assert more[0] == (3, 14, "yaml-syntax") and more[-1] == (3, 34, "yaml-syntax")
    site.page("kendali.md", "---\ntitle: Kendali\ndescription: a\x01\x01\n---\n")
    message = "the invisible character U+0001 (a control character) is not allowed here in YAML; delete it or type the character you meant"
    assert problems(site.root, "lint", "--no-cache") == [
        ("docs/kendali.md", 3, 15, "error", "yaml-syntax", message),
        ("docs/kendali.md", 3, 16, "error", "yaml-syntax", message),
    ]


def _dates_seconds(count: int) -> float:
    data = {"title": "Tanggal", "tanggal": [dt.date(2024, 1, 1)] * count}
    started = time.process_time()
    instance = _rs_instance(data, [("tanggal", number) for number in range(count)])
    seconds = time.process_time() - started
    assert instance["tanggal"] == [{_DATE_KEY: "2024-01-01"}] * count and data["tanggal"][0] == dt.date(2024, 1, 1)
    return seconds


def test_a_long_list_of_dates_is_prepared_for_validation_in_linear_time(site: SiteBuilder) -> None:
    """Each date along its path copied the list holding it: 32,000 dates cost 32,000² copies (7 s)."""
    small = _dates_seconds(5_000)
    large = _dates_seconds(20_000)
    assert large < 8 * small + 0.05  # 4x the dates: about 4x the time, never 16x
    site.page(
        "tanggal.md", "---\ntitle: Tanggal\nlastUpdated: 2024-01-01\ntanggal: [" + "2024-01-01, " * 20_000 + "]\n---\n"
    )
    assert problems(site.root, "lint", "--no-cache") == [
        (
            "docs/tanggal.md",
            4,
            1,
            "warning",
            "unknown-key",
            'unknown key "tanggal": Starlight ignores it; remove it or check its spelling',
        )
    ]
