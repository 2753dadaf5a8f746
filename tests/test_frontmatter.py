"""The frontmatter loader: YAML read as Astro reads it, positions, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

import eduforge.site.frontmatter as frontmatter_module
from eduforge.site.frontmatter import LoadIssue, split_and_parse

SEED = """---
title: Pengantar
sidebar:
    order: 2
prev:
    link: /pusat-belajar/pengenalan
    label: Pengenalan

draft: true
---

## Body
"""


def test_data_positions_and_body_line() -> None:
    fm = split_and_parse(SEED)
    assert fm.data == {
        "title": "Pengantar",
        "sidebar": {"order": 2},
        "prev": {"link": "/pusat-belajar/pengenalan", "label": "Pengenalan"},
        "draft": True,
    }
    assert fm.key_positions[("prev", "link")] == (6, 5)
    assert fm.value_positions[("prev", "link")] == (6, 11)
    assert fm.value_positions[("sidebar", "order")] == (4, 12)
    assert fm.fence_line == 1
    assert fm.body_line == 11
    assert fm.body == "\n## Body\n"
    assert fm.issues == []


def test_yaml_12_booleans_and_dates() -> None:
    fm = split_and_parse("---\na: yes\nb: off\nc: true\nd: 2024-09-30\ne: '2024-09-30'\nf: 0x10\ng: 1_000\nh: ~\n---\n")
    assert fm.data == {
        "a": "yes",
        "b": "off",
        "c": True,
        "d": dt.date(2024, 9, 30),
        "e": "2024-09-30",
        "f": 16,
        "g": "1_000",
        "h": None,
    }


def test_datetime_with_offset_is_utc() -> None:
    fm = split_and_parse("---\nd: 2024-01-02 23:11:12+07:00\n---\n")
    assert fm.data == {"d": dt.datetime(2024, 1, 2, 16, 11, 12, tzinfo=dt.UTC)}


def test_no_frontmatter_is_all_body() -> None:
    fm = split_and_parse("# Title\n")
    assert (fm.data, fm.fence_line, fm.body_line, fm.body, fm.issues) == (None, None, 1, "# Title\n", [])


def test_dashes_later_in_the_body_are_not_frontmatter() -> None:
    fm = split_and_parse("---\ntitle: A\n---\ntext\n\n---\n\nmore\n")
    assert fm.data == {"title": "A"}
    assert fm.body == "text\n\n---\n\nmore\n"


def test_empty_frontmatter_is_an_empty_mapping() -> None:
    assert split_and_parse("---\n---\n").data == {}


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        (
            "---\ntitle: x\n",
            LoadIssue(
                1,
                1,
                "frontmatter-fence",
                "the frontmatter opened by --- on line 1 is never closed; add a line with --- after the last key",
            ),
        ),
        (
            "---\ntitle: a\ntitle: b\n---\n",
            LoadIssue(
                3, 1, "yaml-duplicate-key", 'duplicate key "title" (first defined at line 2); remove one of them'
            ),
        ),
        (
            "---\ntitle: x\n\tdraft: true\n---\n",
            LoadIssue(
                3, 1, "yaml-syntax", "YAML syntax error: a tab character; YAML allows only spaces for indentation"
            ),
        ),
        (
            "---\n- a\n- b\n---\n",
            LoadIssue(2, 1, "frontmatter-type", "the frontmatter must be a mapping of keys to values, not a list"),
        ),
        (
            "---\njust text\n---\n",
            LoadIssue(
                2, 1, "frontmatter-type", "the frontmatter must be a mapping of keys to values, not a single value"
            ),
        ),
        (
            "---\ntitle: [unclosed\n---\n",
            LoadIssue(
                2,
                8,
                "yaml-syntax",
                'YAML syntax error: this [ list is never closed, or its items lack commas; add "]" (or put text holding "[" in quotes)',
            ),
        ),
        (
            "---\n? [a, b]\n: c\n---\n",
            LoadIssue(2, 3, "yaml-syntax", "a frontmatter key must be plain text, not a list or mapping"),
        ),
        (
            "---\n" + "[" * 1000 + "]" * 1000 + "\n---\n",
            LoadIssue(2, 101, "yaml-syntax", "the frontmatter nests deeper than 100 levels; it is refused"),
        ),
    ],
    ids=["unclosed", "duplicate", "tab", "list", "scalar", "syntax", "complex-key", "deep"],
)
def test_bad_frontmatter_is_one_positioned_issue(text: str, issue: LoadIssue) -> None:
    fm = split_and_parse(text)
    assert fm.data is None
    assert fm.issues == [issue]


def test_alias_bomb_is_refused_not_expanded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefghi", "abcdefgh", strict=False):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    fm = split_and_parse("---\n" + "\n".join(lines) + "\n---\n")
    assert fm.data is None
    assert [(i.rule, i.message) for i in fm.issues] == [
        (
            "yaml-syntax",
            'the value of "f" expands to more than 100,000 values through aliases (a billion-laughs bomb?); it is refused',
        )
    ]


def test_object_tags_are_never_constructed() -> None:
    fm = split_and_parse("---\ntitle: x\nx: !!python/object/apply:os.system [echo hacked]\ny: !custom 3\n---\n")
    assert fm.data == {"title": "x", "x": None, "y": None}
    assert fm.issues == [
        LoadIssue(
            3,
            4,
            "yaml-syntax",
            'the YAML tag "!!python/object/apply:os.system" is not allowed in frontmatter; remove it (eduforge never constructs tagged objects)',
        ),
        LoadIssue(
            4,
            4,
            "yaml-syntax",
            'the YAML tag "!custom" is not allowed in frontmatter; remove it (eduforge never constructs tagged objects)',
        ),
    ]


def test_impossible_date_rolls_over_like_javascript_with_a_warning() -> None:
    fm = split_and_parse("---\nlastUpdated: 2024-02-30\n---\n")
    assert fm.data == {"lastUpdated": dt.date(2024, 3, 1)}
    assert fm.issues == [
        LoadIssue(
            2,
            14,
            "frontmatter-date",
            '"2024-02-30" is not a real date; Starlight reads it as 2024-03-01; write the date you mean',
        )
    ]


def test_non_string_scalar_keys_become_text_like_js_yaml() -> None:
    assert split_and_parse("---\n1: one\ntrue: yes\n---\n").data == {"1": "one", "true": "yes"}


@pytest.mark.parametrize(
    ("yaml_text", "issue"),
    [
        (
            "title: Tab\x0bulasi",
            LoadIssue(
                2,
                11,
                "yaml-syntax",
                "the invisible character U+000B (vertical tab) is not allowed here in YAML;"
                " delete it or type the character you meant",
            ),
        ),
        (
            "title: It\x92s\ndescription: ok",
            LoadIssue(
                2,
                10,
                "yaml-syntax",
                "the invisible character U+0092 (a C1 control, often a Windows-1252 quote or dash decoded wrongly)"
                " is not allowed here in YAML; delete it or type the character you meant",
            ),
        ),
        (
            'title: "bell\x07"',
            LoadIssue(
                2,
                13,
                "yaml-syntax",
                'the invisible character U+0007 (a control character) is not allowed here in YAML; write it as "\\u0007" if you mean it',
            ),
        ),
        (
            "k\x7fey: 1\ntitle: x",
            LoadIssue(
                2,
                2,
                "yaml-syntax",
                "the invisible character U+007F (delete) is not allowed here in YAML; delete it or type the character you meant",
            ),
        ),
        (
            "title: x\nv: !!int one",
            LoadIssue(
                3, 4, "yaml-syntax", '"one" is not a valid !!int value; remove the tag or write the value it names'
            ),
        ),
        (
            "title: x\nv: !!float x",
            LoadIssue(
                3, 4, "yaml-syntax", '"x" is not a valid !!float value; remove the tag or write the value it names'
            ),
        ),
        (
            "title: x\nv: !!timestamp soon",
            LoadIssue(
                3,
                4,
                "yaml-syntax",
                '"soon" is not a valid !!timestamp value; remove the tag or write the value it names',
            ),
        ),
        (
            "title: Git: the basics",
            LoadIssue(2, 11, "yaml-syntax", 'YAML syntax error: a ": " inside a value; put the whole value in quotes'),
        ),
        (
            'title: "unclosed\ndraft: true',
            LoadIssue(
                2, 8, "yaml-syntax", "YAML syntax error: this quoted value is never closed; add the closing quote"
            ),
        ),
        (
            "title: x\nsidebar:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1100)) + " " * 1100 + "v",
            LoadIssue(103, 101, "yaml-syntax", "the frontmatter nests deeper than 100 levels; it is refused"),
        ),
        (
            "title: x\nv: " + "{a: " * 1200 + "1" + "}" * 1200,
            LoadIssue(3, 400, "yaml-syntax", "the frontmatter nests deeper than 100 levels; it is refused"),
        ),
    ],
    ids=[
        "vertical-tab",
        "c1-quote",
        "bell-in-quotes",
        "del-in-key",
        "int",
        "float",
        "timestamp",
        "colon",
        "open-quote",
        "deep-block",
        "deep-flow",
    ],
)
def test_what_js_yaml_refuses_is_one_issue_at_its_position_in_eduforges_words(yaml_text: str, issue: LoadIssue) -> None:
    fm = split_and_parse(f"---\n{yaml_text}\n---\n")
    assert fm.data is None
    assert fm.issues == [issue]


@pytest.mark.parametrize("levels", [101, 150, 999, 1100])
@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_too_deep_is_refused_at_the_same_node_by_either_parser_at_any_depth(
    levels: int, libyaml: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml's own nesting limit differs between builds; whichever parser reads the document,
    eduforge stops at the 101st level, at its first character."""
    monkeypatch.setattr(frontmatter_module, "_LIBYAML", libyaml and frontmatter_module._LIBYAML)
    block = "title: x\nsidebar:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, levels)) + " " * levels + "v"
    flow = "title: x\nv: " + "[{a: " * (levels // 2) + "1" + "}]" * (levels // 2)
    too_deep = "the frontmatter nests deeper than 100 levels; it is refused"
    assert split_and_parse(f"---\n{block}\n---\n").issues == [LoadIssue(103, 101, "yaml-syntax", too_deep)]
    assert split_and_parse(f"---\n{flow}\n---\n").issues == [LoadIssue(3, 250, "yaml-syntax", too_deep)]


def test_controls_js_yaml_accepts_are_kept_as_written() -> None:
    fm = split_and_parse("---\ntitle: 'It\x92s'\ndescription: \"DEL\x7f\" # bell \x07\nv: \ufeffx\n---\n")
    assert fm.issues == []
    assert fm.data == {"title": "It\x92s", "description": "DEL\x7f", "v": "\ufeffx"}


def test_scalars_python_and_js_read_differently_never_crash() -> None:
    fm = split_and_parse(
        "---\na: .\nb: -.\nc: +.\nd: .e5\ne: -.5\nf: .5\ng: 1e999\nh: " + "7" * 5000 + "\ni: -0x10\n---\n"
    )
    assert fm.issues == []
    assert fm.data is not None
    assert fm.data == {
        "a": ".",
        "b": "-.",
        "c": "+.",
        "d": ".e5",
        "e": "-.5",
        "f": 0.5,
        "g": "1e999",
        "h": "7" * 5000,
        "i": -16,
    }


@pytest.mark.parametrize(
    ("value", "read_as", "message"),
    [
        (
            "9999-12-31T23:59:59-05:00",
            dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
            '"9999-12-31T23:59:59-05:00" falls outside the years 1 to 9999; eduforge reads it as 9999-12-31; write the date you mean',
        ),
        (
            "9999-12-31T25:61:00",
            dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
            '"9999-12-31T25:61:00" falls outside the years 1 to 9999; eduforge reads it as 9999-12-31; write the date you mean',
        ),
        (
            "0001-01-01T00:00:00+01:00",
            dt.datetime(1900, 12, 31, 23, 0, tzinfo=dt.UTC),
            '"0001-01-01T00:00:00+01:00": JavaScript reads the years 0000 to 0099 as 1900 to 1999,'
            " so Starlight reads 1900-12-31T23:00:00Z; write the full year",
        ),
        (
            "2024-01-01T24:00:00",
            dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
            '"2024-01-01T24:00:00" is not a real date; Starlight reads it as 2024-01-02T00:00:00Z; write the date you mean',
        ),
    ],
)
def test_dates_javascript_rolls_over_are_a_warning_never_a_crash(value: str, read_as: dt.date, message: str) -> None:
    fm = split_and_parse(f"---\nlastUpdated: {value}\n---\n")
    assert fm.data == {"lastUpdated": read_as}
    assert fm.issues == [LoadIssue(2, 14, "frontmatter-date", message)]


def test_unicode_line_separators_are_ordinary_characters_like_in_js_yaml() -> None:
    fm = split_and_parse("---\ntitle: a\u2028b\x85c\u2029d\ndescription: x\ntitle: again\n---\n")
    assert fm.issues == [
        LoadIssue(4, 1, "yaml-duplicate-key", 'duplicate key "title" (first defined at line 2); remove one of them')
    ]
    fm = split_and_parse("---\ntitle: a\u2028b\ndescription: x\u2029\n---\n")
    assert fm.issues == []
    assert fm.data == {"title": "a\u2028b", "description": "x\u2029"}
    assert fm.value_positions[("description",)] == (3, 14)


def test_a_key_after_a_merge_overrides_the_merged_value() -> None:
    fm = split_and_parse("---\nbase: &b {title: A, draft: true}\npage:\n  <<: *b\n  title: B\n---\n")
    assert fm.issues == []
    assert fm.data == {"base": {"title": "A", "draft": True}, "page": {"title": "B", "draft": True}}
    assert fm.key_positions[("page", "title")] == (5, 3)
    assert fm.value_positions[("page", "title")] == (5, 10)


def test_invisible_characters_past_twenty_are_counted_in_one_problem() -> None:
    fm = split_and_parse("---\ntitle: a" + "\x01" * 30 + "\n---\n")
    assert len(fm.issues) == 21
    assert fm.issues[19] == LoadIssue(
        2,
        28,
        "yaml-syntax",
        "the invisible character U+0001 (a control character) is not allowed here in YAML;"
        " delete it or type the character you meant",
    )
    assert fm.issues[20] == LoadIssue(
        2,
        29,
        "yaml-syntax",
        "10 more invisible characters from here on are not allowed in YAML (not listed one by one);"
        " delete them or type the characters you meant",
    )
    exactly = split_and_parse("---\ntitle: a" + "\x01" * 21 + "\n---\n").issues
    assert len(exactly) == 21 and exactly[20].message.startswith("the invisible character U+0001")
