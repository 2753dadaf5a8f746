"""Rule ``duplicate-url``: two pages served at one URL (``a.md`` and ``a/index.md``,
names that slug the same, or a frontmatter ``slug:`` colliding with a file)."""

from __future__ import annotations

from collections.abc import Iterator

from eduforge.problem import Problem
from eduforge.rules import DUPLICATE_URL
from eduforge.site.index import Site, url_key
from eduforge.site.page import Page


def check(page: Page, site: Site) -> Iterator[Problem]:
    same = site.by_url.get(url_key(page.url), [])
    if len(same) < 2:
        return
    others = ", ".join(sorted(other.path for other in same if other is not page))
    yield Problem(
        page.path,
        page.slug_line or 1,
        1,
        DUPLICATE_URL,
        f"{page.url} is also the URL of {others}; Starlight builds only one of them: rename, move or set a different slug",
    )
