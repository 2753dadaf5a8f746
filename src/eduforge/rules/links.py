"""Rules for the links a page makes: ``link-target``, ``link-draft``, ``link-anchor``,
``link-asset``, ``link-file``, ``link-unsafe``, ``link-trailing-slash``, ``link-locale``; and the
site's ``redirect-target`` (a redirect's destination must be served).

Checked: body links (inline, reference, autolink, raw HTML ``<a href>``/``<img src>``,
MDX component props such as ``<LinkCard href>``), ``hero.actions[].link``,
``hero.image.file|dark|light``, and links inside the frontmatter HTML fields
(``banner.content``, ``hero.title``, ``hero.tagline``, ``hero.image.html``).
URLs to other hosts are left to the external-URL check; ``prev``/``next`` to
the navigation rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eduforge.problem import Edit, Fix, Problem, closest, replace_fix
from eduforge.project.astro import LOCAL_PLUGIN
from eduforge.rules import (
    LINK_ANCHOR,
    LINK_ASSET,
    LINK_DRAFT,
    LINK_FILE,
    LINK_LOCALE,
    LINK_TARGET,
    LINK_TRAILING_SLASH,
    LINK_UNSAFE,
    NAV_TARGET,
    REDIRECT_TARGET,
)
from eduforge.site.index import Site, posix_relative
from eduforge.site.locales import ROOT
from eduforge.site.markdown import GENERATED_IDS, Link
from eduforge.site.page import Page
from eduforge.site.resolve import Resolution
from eduforge.site.routes import redirect_destinations, where_position
from eduforge.site.suggest import SuggestionIndex

NAV_LABELS = frozenset({"prev.link", "next.link"})


def check(page: Page, site: Site) -> Iterator[Problem]:
    resolve = site.resolver.resolve
    translated = _translated(page, site)
    base = site.settings.base
    base_links = base if site.settings.base_links else ""
    for link in page.facts.links:
        if not _is_checked(link, site):
            continue
        target = link.target
        if base_links and _gets_the_base(link, base):
            target = base + target  # the site's Markdown plugin writes it so (base_links)
        resolution = resolve(target, page, asset=link.asset)
        if base and resolution.message.startswith("is missing the site base") and _gets_the_base(link, base):
            resolution = resolution._replace(message=resolution.message + _base_links_hint(site))
        status = resolution.status
        if status in ("skip", "asset") or (
            status == "page"
            and not _needs_more(page, resolution)
            and (not translated or _other_locale(page, site, resolution) is None)
        ):
            continue  # the common cases (another host, an image, a page), decided without building a message
        label = link.label or ("image" if link.asset else "link")
        yield from judge(
            page,
            site,
            link.target,
            (link.line, link.column),
            label,
            LINK_TARGET,
            asset=link.asset,
            resolution=resolution,
        )


def _gets_the_base(link: Link, base: str) -> bool:
    """Whether a Markdown plugin that adds the base (``base_links``) rewrites this link: a root-relative
    link of the body (not an image, a component's prop or a frontmatter field) without the base."""
    target = link.target
    if link.asset or link.kind in ("frontmatter", "component") or link.label:
        return False
    return target[:1] == "/" and target[:2] != "//" and target != base and not target.startswith(base + "/")


def _base_links_hint(site: Site) -> str:
    """For a body link missing the base on a site with Markdown plugins of its own: the setting that says
    one of them adds it (eduforge never runs them)."""
    own = [name for name in site.settings.markdown_plugins if name.startswith(LOCAL_PLUGIN)]
    if not own:
        return ""
    return f" (if the site's own Markdown plugin {' or '.join(own)} adds it, set base_links = true)"


def _is_checked(link: Link, site: Site) -> bool:
    if link.kind == "bare" or link.label in NAV_LABELS:
        return False
    if link.kind == "component" or (link.kind == "html" and link.attr not in HTML_LINK_ATTRIBUTES):
        return link.attr in site.settings.link_components.get(link.tag, ())  # a prop read for link_components
    return True


HTML_LINK_ATTRIBUTES = frozenset({"href", "src", "srcset", "link", ""})
"""The attributes of HTML tags that are links wherever they are written (``""``: not from a tag)."""


def judge(
    page: Page,
    site: Site,
    raw: str,
    position: tuple[int, int],
    label: str,
    rule: str,
    *,
    asset: bool = False,
    resolution: Resolution | None = None,
) -> Iterator[Problem]:
    """Problems for one link: unresolved, draft target, missing anchor, wrong slash."""
    if resolution is None:
        resolution = site.resolver.resolve(raw, page, asset=asset)
    status = resolution.status
    line, column = position
    described = f'{label} "{raw}"'
    if status in ("page", "route"):
        yield from _locale(page, site, resolution, described, position)
    if status in ("skip", "asset") or (status == "page" and not _needs_more(page, resolution)):
        return
    if status == "unsafe":
        yield Problem(page.path, line, column, LINK_UNSAFE, f"{described}: {resolution.message}")
    elif status == "missing":
        message = f"{described} {resolution.message}{_did_you_mean(resolution)}"
        yield Problem(page.path, line, column, rule, message).with_fix(_target_fix(raw, position, resolution))
    elif status == "unserved-file":
        yield Problem(page.path, line, column, LINK_FILE, f"{described} {resolution.message}")
    elif status == "missing-asset":
        message = f"{described}: {resolution.message}{_did_you_mean(resolution)}"
        yield Problem(page.path, line, column, LINK_ASSET, message).with_fix(_target_fix(raw, position, resolution))
    elif status == "page" and resolution.page is not None:
        target = resolution.page
        if target.draft and not page.draft:
            yield Problem(
                page.path,
                line,
                column,
                LINK_DRAFT if rule != NAV_TARGET else rule,
                f"{described} goes to the draft page {target.path}: drafts are not built, so this is a 404 in production; publish it or remove the link",
            )
        if resolution.fragment:
            yield from _anchor(page, target, resolution, (raw, described), position)
    if resolution.slash_problem:
        slash = Problem(page.path, line, column, LINK_TRAILING_SLASH, f"{described} {resolution.slash_problem}")
        yield slash.with_fix(_slash_fix(raw, position))


SAFE_REPLACEMENT = re.compile(r"[^\s\"'`\\<>()\[\]{}]+")
"""What a fix may write as a link target: nothing that ends or escapes a Markdown, HTML, JSX or YAML value."""


def _target_fix(raw: str, position: tuple[int, int], resolution: Resolution) -> Fix | None:
    """The did-you-mean as a fix: safe when it is what the link meant (the base was missing, it names a
    page's source file, or only letter case differs), unsafe when it is merely the closest page."""
    suggestion = resolution.suggestion
    if not suggestion or suggestion == raw or not SAFE_REPLACEMENT.fullmatch(suggestion):
        return None
    message = resolution.message
    safe = message.startswith(("is missing the site base", "links to the source file")) or raw.casefold().rstrip(
        "/"
    ) == suggestion.casefold().rstrip("/")
    return replace_fix(Edit.at(*position, raw, suggestion), safe)


def _slash_fix(raw: str, position: tuple[int, int]) -> Fix | None:
    """Add or drop the trailing slash of the link's path (before any ?query or #fragment)."""
    cut = min((index for index in (raw.find("?"), raw.find("#")) if index >= 0), default=len(raw))
    path, rest = raw[:cut], raw[cut:]
    fixed = path[:-1] if path.endswith("/") else path + "/"
    if not fixed or not SAFE_REPLACEMENT.fullmatch(fixed + rest):
        return None
    return replace_fix(Edit.at(*position, raw, fixed + rest), True)


def _needs_more(page: Page, resolution: Resolution) -> bool:
    """Whether a link to a page needs a closer look: a slash problem, a draft, an unknown anchor."""
    target = resolution.page
    if resolution.slash_problem or target is None or (target.draft and not page.draft):
        return True
    return bool(resolution.fragment) and _unknown_fragment(resolution.fragment or "", target)


def _unknown_fragment(fragment: str, target: Page) -> bool:
    """Whether no heading or id of the page is ``fragment``, and no component builds ids there."""
    return not target.has_anchor(fragment) and not target.has_anchor(GENERATED_IDS)


def _translated(page: Page, site: Site) -> bool:
    """Whether the page is in a locale other than the default one (``link-locale`` applies)."""
    return page.locale is not None and page.locale != site.locales.default and site.locales.multilingual


def _locale(
    page: Page, site: Site, resolution: Resolution, described: str, position: tuple[int, int]
) -> Iterator[Problem]:
    """``link-locale``: a translated page links into another locale although its own locale serves
    the same page (translated, or as a fallback page)."""
    target = _other_locale(page, site, resolution) if _translated(page, site) else None
    if target is None:
        return
    locales, base, own = site.locales, site.settings.base, page.locale or ROOT
    rest = resolution.path[len(base) :]
    same = base + locales.move(rest, target, own)
    if not site.resolver.serves(same):
        return  # the page exists only there: linking across is the only way
    fixed = site.resolver.shown(same) + (f"#{resolution.fragment}" if resolution.fragment else "")
    yield Problem(
        page.path,
        *position,
        LINK_LOCALE,
        f'{described} leads from this {own} page into the {target or "root"} locale; link the {own} version "{fixed}" instead',
    )


def _other_locale(page: Page, site: Site, resolution: Resolution) -> str | None:
    """The locale a link resolved into when it is another one than the page's own, else None."""
    if not resolution.path:
        return None
    rest = resolution.path[len(site.settings.base) :]
    target = site.locales.of_path(rest)
    if target == (page.locale or ROOT) or not site.locales.is_locale(target):
        return None
    return target


def check_redirects(site: Site) -> Iterator[Problem]:
    """``redirect-target``: a redirect whose destination is no page or route of the site."""
    resolver, base = site.resolver, site.settings.base
    for source, destination, where in redirect_destinations(site.settings):
        path = destination.split("#", 1)[0].split("?", 1)[0]
        candidates = [path] if path.startswith(base + "/") or not base else [path, base + "/" + path.lstrip("/")]
        if not path.startswith("/") or any(resolver.serves(candidate) for candidate in candidates):
            continue
        file, line, column = where_position(where)
        suggestion = resolver.suggestion_for(candidates[-1])
        hint = f'; did you mean "{suggestion}"?' if suggestion else "; fix the destination or remove the redirect"
        yield Problem(
            posix_relative(file, site.settings.project_root),
            line,
            column,
            REDIRECT_TARGET,
            f'redirect "{source}" goes to "{destination}", which is no page or route of the site{hint}',
        )


def _did_you_mean(resolution: Resolution) -> str:
    return f'; did you mean "{resolution.suggestion}"?' if resolution.suggestion else ""


def _anchor(
    page: Page, target: Page, resolution: Resolution, link: tuple[str, str], position: tuple[int, int]
) -> Iterator[Problem]:
    """``link-anchor``; ``link`` is the target as written and the link as the message describes it."""
    raw, described = link
    fragment = resolution.fragment or ""
    if not _unknown_fragment(fragment, target):
        return
    where = "this page" if target is page else target.path
    hint = f'; did you mean "#{anchor}"?' if (anchor := _closest_anchor(fragment, target)) is not None else ""
    problem = Problem(page.path, *position, LINK_ANCHOR, f'{described}: no heading or id "{fragment}" on {where}{hint}')
    yield problem.with_fix(_anchor_fix(raw, fragment, target, position))


ANCHOR_SCAN = 500
"""Anchors a did-you-mean compares one by one (difflib); those of a page with more are looked up in
an index (site/suggest.py), as page URLs are: each of 1,000 broken anchors on a page of 1,000
headings compared with all of them cost 30 s."""

_ANCHOR_INDEXES: dict[int, tuple[Page, SuggestionIndex, dict[str, list[str]]]] = {}


def _anchor_index(target: Page) -> tuple[SuggestionIndex, dict[str, list[str]]]:
    """The did-you-mean index of a page's anchors and its anchors by casefold, built once per page."""
    known = _ANCHOR_INDEXES.get(id(target))
    if known is None or known[0] is not target:
        by_case: dict[str, list[str]] = {}
        for anchor in sorted(target.anchors):
            by_case.setdefault(anchor.casefold(), []).append(anchor)
        known = _ANCHOR_INDEXES[id(target)] = (target, SuggestionIndex(target.anchors, ""), by_case)
    return known[1], known[2]


def _closest_anchor(fragment: str, target: Page) -> str | None:
    if len(target.anchors) <= ANCHOR_SCAN:
        return closest(fragment, target.anchors)
    return _anchor_index(target)[0].best(fragment)


def _same_case(fragment: str, target: Page) -> list[str]:
    """The anchors that differ from ``fragment`` only in letter case."""
    if len(target.anchors) <= ANCHOR_SCAN:
        return [anchor for anchor in target.anchors if anchor.casefold() == fragment.casefold()]
    return _anchor_index(target)[1].get(fragment.casefold(), [])


def _anchor_fix(raw: str, fragment: str, target: Page, position: tuple[int, int]) -> Fix | None:
    """The anchor with the right letter case (safe), else the closest anchor the message names (unsafe)."""
    written = raw.rpartition("#")[2]
    same_case = _same_case(fragment, target)
    anchor = same_case[0] if len(same_case) == 1 else _closest_anchor(fragment, target)
    if anchor is None or written != fragment or not SAFE_REPLACEMENT.fullmatch(anchor):
        return None  # an escaped fragment (%C3%BC) is left to the author
    fixed = raw[: len(raw) - len(written)] + anchor
    return replace_fix(Edit.at(*position, raw, fixed), safe=len(same_case) == 1)
