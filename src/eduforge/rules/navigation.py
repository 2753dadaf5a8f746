"""Rules ``nav-target`` and ``nav-chain``: the ``prev``/``next`` frontmatter links.

Starlight takes ``prev``/``next`` as ``true``/``false``, a label string, or
``{link, label}``.  A ``link`` is used as written, so it must carry the base,
lead to a page that is built (not a draft), and not to the page itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from eduforge.problem import Problem
from eduforge.rules import NAV_CHAIN, NAV_TARGET
from eduforge.rules.links import judge
from eduforge.site.index import Site
from eduforge.site.locales import ROOT
from eduforge.site.markdown import Link
from eduforge.site.page import Page


def nav_link(page: Page, key: str) -> Link | None:
    label = f"{key}.link"
    for link in page.facts.links:
        if link.kind == "frontmatter" and link.label == label:
            return link
    return None


def check(page: Page, site: Site) -> Iterator[Problem]:
    for key in ("prev", "next"):
        link = nav_link(page, key)
        if link is None:
            continue
        position = (link.line, link.column)
        resolution = site.resolver.resolve(link.target, page)
        if resolution.status == "asset":
            yield Problem(page.path, *position, NAV_TARGET, f'{key}.link "{link.target}" is a file, not a page')
            continue
        if resolution.status == "page" and resolution.page is page:
            lesson = "previous" if key == "prev" else "next"
            yield Problem(
                page.path,
                *position,
                NAV_TARGET,
                f'{key}.link "{link.target}" points to this page itself; link to the {lesson} lesson or remove it',
            )
            continue
        yield from judge(page, site, link.target, position, f"{key}.link", NAV_TARGET, resolution=resolution)
        if key == "next" and resolution.status == "page" and resolution.page is not None:
            yield from _chain(page, site, resolution.page, position)


def _chain(page: Page, site: Site, target: Page, position: tuple[int, int]) -> Iterator[Problem]:
    """A's next is B, so B's explicit prev should be A.  B in another locale is the fallback page Starlight
    serves in A's (its frontmatter is the default locale page's, leading back into that locale): no chain."""
    back = nav_link(target, "prev")
    if back is None or (target.locale or ROOT) != (page.locale or ROOT):
        return
    resolved = site.resolver.resolve(back.target, target)
    if resolved.status == "page" and resolved.page is not None and resolved.page is not page:
        yield Problem(
            page.path,
            *position,
            NAV_CHAIN,
            f"next.link goes to {target.path}, whose prev.link goes to {resolved.page.url}, not back to this page; make the two agree",
        )
