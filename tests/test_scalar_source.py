"""Where each character of a YAML string value is written: checked against the YAML parser's own values."""

from __future__ import annotations

import pytest

from eduforge.site.frontmatter import split_and_parse
from eduforge.site.scalar_source import source_offsets

CASES = [
    "v: plain text with https://x.example/",
    "v: plain\n  on two\n\n  and three lines",
    "v: 'single ''quoted''\n  folded'",
    'v: "double \\"quoted\\" \\u00e9\\x41\\tend"',
    'v: "escaped \\\n    line break"',
    'v: "trailing   \n   spaces go"',
    "v: |\n  literal\n    more indented\n\n  last\n",
    "v: |-\n  stripped\n",
    "v: |+\n  kept\n\n",
    "v: >\n  folded\n  lines\n\n  paragraph\n    more\n  back\n",
    "v: >-\n\n  leading empty line\n",
    "v: |  # a comment\n  literal after a comment\n",
]


@pytest.mark.parametrize("yaml_text", CASES)
def test_every_written_character_maps_to_itself(yaml_text):
    frontmatter = split_and_parse(f"---\n{yaml_text}\n---\n")
    value = frontmatter.data["v"]
    start_line, start_column, end_line, end_column, style = _marks(frontmatter, yaml_text)
    lines = frontmatter.yaml_text.split("\n")
    start = sum(len(line) + 1 for line in lines[:start_line]) + start_column
    end = sum(len(line) + 1 for line in lines[:end_line]) + end_column
    offsets = source_offsets(frontmatter.yaml_text, start, end, style, value)
    assert offsets is not None and len(offsets) == len(value)
    assert offsets == sorted(offsets)
    text = frontmatter.yaml_text
    for char, offset in zip(value, offsets, strict=True):
        # a character is written as itself, or produced by an escape (a backslash) or folding (a line break)
        assert text[offset] in (char, "\\", "\n")


def _marks(frontmatter, yaml_text):
    from eduforge.site.frontmatter import _compose

    node = _compose(yaml_text).value[0][1]
    return node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column, node.style


def test_an_explicit_indentation_indicator_keeps_the_value_start():
    frontmatter = split_and_parse("---\nhero:\n  tagline: |2\n      <a href='https://x.example/'>x</a>\n---\n")
    value = frontmatter.data["hero"]["tagline"]
    assert frontmatter.position_in(("hero", "tagline"), value, value.index("https")) == (3, 12)


def test_a_position_inside_a_value(tmp_path):
    text = "---\nhero:\n  tagline: >\n    Read\n    <a href='https://x.example/'>x</a>\n---\n"
    frontmatter = split_and_parse(text)
    value = frontmatter.data["hero"]["tagline"]
    assert frontmatter.position_in(("hero", "tagline"), value, value.index("https")) == (5, 14)
