"""Rule ``slug``: a page's slug must be a plain URL path below the site.

A slug becomes a URL and, in the HTML export, folders and a file
(``<slug>/index.html``).  So a slug may not have ``.`` or ``..`` segments,
start with ``/``, hold NUL or other control characters or backslashes, use a
name the export writes itself (``_static``, ``print.html``, ``index.html``,
``.eduforge-export``), or have a segment longer than file systems allow
(255 bytes).  The exporter asks :func:`slug_problem` too and leaves such a
page out, so a hostile slug never writes outside the export folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eduforge.problem import Problem
from eduforge.rules import SLUG
from eduforge.site.page import Page

RESERVED = frozenset({"_static", "print.html", "index.html", ".eduforge-export"})
"""Names the HTML export writes itself: a lesson folder by that name would collide with them."""
MAX_SEGMENT_BYTES = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def slug_problem(slug: str, written: str | None = None) -> str | None:
    """What is wrong with ``slug`` (as the page is served), or None.

    ``written`` is the frontmatter value as written, when the page sets one.
    """
    if written is not None and written.startswith("/"):
        return 'starts with "/": a slug is a path below the site base; remove the leading "/"'
    control = _CONTROL.search(slug)
    if control:
        return f"contains the control character U+{ord(control.group()):04X}; remove it"
    if "\\" in slug:
        return 'contains a backslash; URL paths separate folders with "/"'
    for segment in slug.split("/"):
        if segment in (".", ".."):
            return f'has a "{segment}" segment, which would leave the page\'s folder; remove the dot segments'
        if segment in RESERVED:
            return f'uses the name "{segment}", which the HTML export writes itself; choose another slug'
        size = len(segment.encode("utf-8", "surrogatepass"))
        if size > MAX_SEGMENT_BYTES:
            return f"has a segment of {size} bytes; file systems allow {MAX_SEGMENT_BYTES}, shorten it"
    return None


def check(page: Page) -> Iterator[Problem]:
    """Page-local: the frontmatter ``slug`` (or the slug made from the file's path)."""
    written = page.data.get("slug")
    problem = slug_problem(page.slug, written if isinstance(written, str) else None)
    if problem is None:
        return
    if isinstance(written, str):
        line, column = page.frontmatter.position(("slug",))
        yield Problem(page.path, line, column, SLUG, f'slug "{written}" {problem}')
    else:
        yield Problem(page.path, 1, 1, SLUG, f'the slug "{page.slug}" made from the file\'s path {problem}')
