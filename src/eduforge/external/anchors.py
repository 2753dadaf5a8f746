"""Remote fragments: does ``https://site/page#part`` point at an anchor the page has?

As lychee's ``--include-fragments`` does: for an HTML answer, ``#part``
must match an element's ``id`` or an ``<a name>``.  Fragments no HTML
anchor stands for are not judged: ``#top`` (always valid), text fragments
(``#:~:text=``), hash routes (``#/path``, ``#!path``).  GitHub renders the
ids of a README's headings as ``user-content-<id>`` and resolves the plain
``#<id>`` in script: both count.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urldefrag

#: At most this much of a page is read to look for anchors.
BODY_LIMIT = 5 * 1024 * 1024

_TAG = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)>")
_ATTRIBUTE = re.compile(rb"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def fragment(url: str) -> str | None:
    """The fragment of ``url`` worth checking (decoded), or ``None``."""
    part = urldefrag(url)[1]
    if not part or part.lower() == "top" or part.startswith((":~:", "/", "!")):
        return None
    return unquote(part)


def anchors_in(body: bytes) -> frozenset[str]:
    """Every ``id`` and ``<a name>`` in an HTML document (values decoded)."""
    found: set[str] = set()
    for tag in _TAG.finditer(body):
        attributes = tag.group(2)
        if b"id" not in attributes.lower() and b"name" not in attributes.lower():
            continue
        is_a = tag.group(1).lower() == b"a"
        for match in _ATTRIBUTE.finditer(attributes):
            if match.group(1).lower() == b"name" and not is_a:
                continue
            raw = match.group(2) if match.group(2) is not None else match.group(3) or match.group(4) or b""
            found.add(html.unescape(raw.decode("utf-8", "replace")))
    return frozenset(found)


def has_anchor(anchors: frozenset[str], part: str) -> bool:
    return part in anchors or f"user-content-{part}" in anchors or f"user-content-{part.lower()}" in anchors


def is_html(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml")
