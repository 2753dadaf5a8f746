"""The shortcuts of a cold reading (line starts summed in C, lines found by their first character, the
ESM read once per distinct text) give exactly what the line-by-line reading gave."""

from __future__ import annotations

import pytest

from eduforge.rules.components import bindings, uses
from eduforge.site.markdown import _Positions, analyze_body, esm_lines, line_starts, mdx_dedent, starts_of_lines


@pytest.mark.parametrize(
    ("text", "starts"),
    [("", [0]), ("a", [0]), ("a\n", [0, 2]), ("\n\n", [0, 1, 2]), ("ab\ncd\n\nef", [0, 3, 6, 7])],
)
def test_line_starts_of_text_and_bytes(text: str, starts: list[int]) -> None:
    assert line_starts(text) == starts
    assert line_starts(text.encode()) == starts
    assert starts_of_lines(text.split("\n")) == starts
    assert starts_of_lines(text.encode().split(b"\n")) == starts


def test_line_starts_count_characters_of_text_and_bytes_of_bytes() -> None:
    assert line_starts("é\nx") == [0, 2]
    assert line_starts("é\nx".encode()) == [0, 3]


def test_an_esm_statement_needs_something_after_its_keyword_on_its_line() -> None:
    lines = ["import", "x", "", "import { A } from 'a'", "more", "", "export const b = 1"]
    assert esm_lines(lines, [False] * len(lines)) == {3, 4, 6}


def test_esm_statements_are_found_on_the_first_and_last_lines_and_only_at_a_line_start() -> None:
    lines = ["export const a = 1", "", "  import b from 'b'", "x import c from 'c'", "", "import*as d from 'd'"]
    assert esm_lines(lines, [False] * len(lines)) == {0, 5}
    assert esm_lines(["import e from 'e'"], [False]) == {0}
    assert esm_lines(["", "", "", "import{f}from 'f'", "g"], [False] * 5) == {3, 4}


def test_an_esm_statement_ends_at_fenced_code_and_none_starts_in_it() -> None:
    lines = ["import a from 'a'", "```", "import b from 'b'", "```", "import c from 'c'"]
    _, _, fenced, _ = mdx_dedent("\n".join(lines))
    assert fenced == [False, True, True, True, False]
    assert esm_lines(lines, fenced) == {0, 4}


def test_pages_sharing_their_imports_each_get_their_own_positions() -> None:
    first = ["", "import { Steps } from '@astrojs/starlight/components';"]
    second = [*first, "", "Text"]
    found_first, _ = bindings(first, [False] * len(first), 5)
    found_second, _ = bindings(second, [False] * len(second), 12)
    assert (found_first["Steps"].line, found_first["Steps"].column) == (6, 10)
    assert (found_second["Steps"].line, found_second["Steps"].column) == (13, 10)
    assert found_second["Steps"].source == "@astrojs/starlight/components"


def test_uses_skip_a_whole_fence_and_find_the_tag_after_it() -> None:
    body = "```\n<Fake>\n<Fake>\n```\n`<Code>` and <Real />\n"
    fenced = mdx_dedent(body)[2]
    assert uses(body, fenced, set(), 3) == {"Real": (7, 14)}
    assert uses(body, fenced, set(), 3, starts_of_lines(body.split("\n"))) == {"Real": (7, 14)}


def test_indented_mdx_lines_keep_their_columns() -> None:
    body = "<Steps>\n\n1. First\n\n    ## Deep [x](/a/)\n\n    ```sh\n    # not a heading\n    ```\n\n</Steps>\n"
    facts = analyze_body(body, 4, mdx=True)
    assert [(heading.text, heading.id, heading.line) for heading in facts.headings] == [("Deep x", "deep-x", 8)]
    assert [(link.target, link.line, link.column) for link in facts.links] == [("/a/", 8, 17)]


def _oracle(data: bytes, offset: int, first_line: int) -> tuple[int, int]:
    """The line and column of a byte offset, counted the slow way (columns in characters)."""
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + first_line, len(data[line_start:offset].decode("utf-8", "replace")) + 1


@pytest.mark.parametrize("text", ["ab\ncd\n\nef gh\nij", "é ab\nçd\n\nxé y\n€z"])
def test_positions_asked_forward_back_and_to_and_fro_are_those_counted_the_slow_way(text: str) -> None:
    data = text.encode()
    offsets = [len(text[:index].encode()) for index in range(len(text) + 1)]  # the parser's: character boundaries
    orders = [offsets, offsets[::-1], [o for pair in zip(offsets, offsets[::-1], strict=True) for o in pair]]
    for order in orders:
        positions = _Positions(text, data, 3)
        assert [positions.at(offset) for offset in order] == [_oracle(data, offset, 3) for offset in order]
    to_and_fro = _Positions(text, data, 3)
    for offset in orders[2]:
        to_and_fro.at(offset)
    assert to_and_fro._line_starts == line_starts(data)  # the backward steps outgrew the body: bisection since


def test_positions_in_a_line_whose_blanks_moved_to_its_end_stop_at_that_end() -> None:
    text = "ab\n     xy\ncd"
    positions = _Positions(text, text.encode(), 1)
    positions.moved[1] = 5
    assert [positions.at(offset) for offset in (0, 3, 5, 8, 10, 11)] == [(1, 1), (2, 6), (2, 8), (2, 8), (2, 8), (3, 1)]


def test_inline_html_without_an_attribute_value_is_skipped_and_the_rest_read() -> None:
    facts = analyze_body('Press <kbd>Ctrl</kbd> <br> <a href="/a/">a</a> <img src=/b.png> <span id=here></span>\n', 5)
    assert [(link.target, link.line, link.column, link.kind, link.tag) for link in facts.links] == [
        ("/a/", 5, 37, "html", "a"),
        ("/b.png", 5, 57, "html", "img"),
    ]
    assert facts.ids == {"here"}
