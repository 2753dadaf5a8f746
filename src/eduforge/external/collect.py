"""Collect the http(s) URLs of pages, each use at its own position.

The page facts already hold every link the body makes (never text in code,
bare URLs included) and every frontmatter URL (string values, and the
``href``/``src`` of HTML fields such as ``hero.image.html``).

The URL checked is the URL a browser requests: in HTML and JSX attributes
character references are decoded (``?a=1&amp;b=2`` is ``?a=1&b=2``, as in
every YouTube embed), while Markdown link targets arrive decoded already.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from eduforge.external.model import UrlUse
from eduforge.site.markdown import Link
from eduforge.site.page import Page


def collect(pages: Iterable[Page]) -> list[UrlUse]:
    return [
        UrlUse(_as_requested(link), page.path, link.line, link.column)
        for page in pages
        for link in page.facts.links
        if link.target[:8].lower().startswith(("http://", "https://"))
    ]


def _as_requested(link: Link) -> str:
    """The target with HTML character references decoded when it was written in an HTML attribute."""
    in_html = link.kind in ("html", "component") or (link.kind == "frontmatter" and " " in link.label)
    return html.unescape(link.target) if in_html and "&" in link.target else link.target
