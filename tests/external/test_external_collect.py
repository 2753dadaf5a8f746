"""The URLs collected are the URLs a browser would request."""

from __future__ import annotations

import pytest

from eduforge.external.collect import collect
from eduforge.site.markdown import analyze_body


class _Page:
    def __init__(self, body: str) -> None:
        self.path = "docs/a.md"
        self.facts = analyze_body(body, 1)


def urls(body: str) -> list[tuple[str, int, int]]:
    return [(use.url, use.line, use.column) for use in collect([_Page(body)])]  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("See https://en.wikipedia.org/wiki/Mercury_(planet) now", "https://en.wikipedia.org/wiki/Mercury_(planet)"),
        ("(see https://example.com/a).", "https://example.com/a"),
        ("A https://example.com/x_(y)_(z)) then", "https://example.com/x_(y)_(z)"),
        ("End https://example.com/path_with_under_score_, more", "https://example.com/path_with_under_score"),
        ("Ask https://example.com/?q=1!", "https://example.com/?q=1"),
    ],
)
def test_bare_urls_end_where_githubs_markdown_ends_them(text, url):
    assert urls(text) == [(url, 1, text.index("http") + 1)]


def test_amp_in_html_attributes_is_decoded():
    body = '<iframe src="https://www.youtube.com/embed/x?a=1&amp;b=2"></iframe>\n'
    assert urls(body) == [("https://www.youtube.com/embed/x?a=1&b=2", 1, 14)]


def test_markdown_link_targets_are_decoded_by_the_parser_once():
    assert [url for url, _, _ in urls("[v](https://example.com/?a=1&amp;amp;b=2)")] == [
        "https://example.com/?a=1&amp;b=2"
    ]
