"""A URL's scheme as a browser decides it, and whether the URL may be emitted.

A filter that matches ``^javascript:`` on the text as written is easy to pass:
browsers decode character references in attributes (``java&#9;script:``),
strip leading and trailing C0 controls and spaces (``\\x01javascript:``) and
remove every ASCII tab and newline inside the URL (``java\\tscript:``) before
they look for the scheme (WHATWG URL standard, "basic URL parser").  Every
place that emits or judges a link asks :func:`unsafe_scheme`, which does the
same, so lint's ``link-unsafe`` and the exporter always agree.
"""

from __future__ import annotations

import html
import re

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
RUNS_CODE = frozenset({"javascript", "vbscript"})
SAFE_PLACEHOLDER = "#"
"""What the exporter writes instead of a URL that must not be emitted."""


def browser_view(raw: str) -> str:
    """The URL text a browser parses: references decoded, C0/space trimmed, tabs and newlines removed."""
    text = html.unescape(raw) if "&" in raw else raw
    return _TAB_OR_NEWLINE.sub("", text.strip(_C0_OR_SPACE))


def url_scheme(raw: str) -> str | None:
    """The lowercase scheme a browser sees in ``raw`` (``"javascript"``), or None for a relative URL."""
    match = _SCHEME.match(browser_view(raw))
    return match.group(1).lower() if match else None


def unsafe_scheme(raw: str, *, image: bool = False) -> str | None:
    """The scheme that makes ``raw`` unsafe to emit, or None when it is safe.

    ``javascript:`` and ``vbscript:`` run code; ``data:`` is allowed only as an
    image source (``image=True``) with an ``image/…`` media type.
    """
    scheme = url_scheme(raw)
    if scheme in RUNS_CODE:
        return scheme
    if scheme == "data":
        media = browser_view(raw)[5:].lstrip().lower()
        return None if image and media.startswith("image/") else scheme
    return None


def safe_url(raw: str, *, image: bool = False) -> str:
    """``raw``, or :data:`SAFE_PLACEHOLDER` when a browser would run or refuse it."""
    return SAFE_PLACEHOLDER if unsafe_scheme(raw, image=image) else raw
