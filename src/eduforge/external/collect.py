"""Collect the http(s) URLs of pages, each use at its own position.

From the body: every link the Markdown parse found (never text in code), bare
URLs included.  From the frontmatter: string values that are URLs, and the
``href``/``src`` of HTML inside strings (``hero.image.html``, ``banner.content``).
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from eduforge.external.model import UrlUse
from eduforge.site.frontmatter import PathKey
from eduforge.site.markdown import tag_attributes
from eduforge.site.page import Page

_HTTP = ("http://", "https://")


def _is_http(target: str) -> bool:
    return target[:8].lower().startswith(_HTTP)


def collect(pages: Iterable[Page]) -> list[UrlUse]:
    uses: list[UrlUse] = []
    for page in pages:
        uses.extend(UrlUse(link.target, page.path, link.line, link.column) for link in page.facts.links if _is_http(link.target))
        uses.extend(_frontmatter_urls(page))
    return uses


def _frontmatter_urls(page: Page) -> Iterator[UrlUse]:
    for path, value in _strings(page.data, ()):
        line, column = page.frontmatter.position(path)
        if _is_http(value.strip()):
            yield UrlUse(value.strip(), page.path, line, column)
        elif "<" in value:
            for _tag, attr, target in tag_attributes(value):
                if attr != "id" and _is_http(target):
                    yield UrlUse(target, page.path, line, column)


def _strings(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))
