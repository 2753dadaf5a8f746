"""Collect the http(s) URLs of pages, each use at its own position.

The page facts already hold every link the body makes (never text in code,
bare URLs included) and every frontmatter URL (string values, and the
``href``/``src`` of HTML fields such as ``hero.image.html``).
"""

from __future__ import annotations

from collections.abc import Iterable

from eduforge.external.model import UrlUse
from eduforge.site.page import Page


def collect(pages: Iterable[Page]) -> list[UrlUse]:
    return [
        UrlUse(link.target, page.path, link.line, link.column)
        for page in pages
        for link in page.facts.links
        if link.target[:8].lower().startswith(("http://", "https://"))
    ]
