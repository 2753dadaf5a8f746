"""The frontmatter loader: YAML read as Astro reads it, positions, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

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
