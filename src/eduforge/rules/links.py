"""Rules for the links a page makes: ``link-target``, ``link-draft``, ``link-anchor``,
``link-asset``, ``link-unsafe``, ``link-trailing-slash``.

Checked: body links (inline, reference, autolink, raw HTML ``<a href>``/``<img src>``,
MDX component props such as ``<LinkCard href>``), ``hero.actions[].link``,
``hero.image.file|dark|light``, and links inside the frontmatter HTML strings
``banner.content``, ``hero.title`` and ``hero.tagline``.  URLs to other hosts are
left to the external-URL check.
"""

from __future__ import annotations

import difflib
from typing import Iterator

from eduforge.problem import Problem
from eduforge.site.frontmatter import PathKey
from eduforge.site.index import Site
from eduforge.site.markdown import Link, tag_attributes
from eduforge.site.page import Page
from eduforge.site.resolve import Resolution

_ASSET_TAGS = frozenset({"img", "Image", "Picture", "source", "video", "audio", "track"})
_HTML_FIELDS: tuple[PathKey, ...] = (("banner", "content"), ("hero", "title"), ("hero", "tagline"))


def check(page: Page, site: Site) -> Iterator[Problem]:
    for link in page.facts.links:
        if _is_checked(link, site):
            asset = link.kind == "image" or link.tag in _ASSET_TAGS
            label = "image" if asset else "link"
            yield from judge(page, site, link.target, (link.line, link.column), label, "link-target", asset=asset)
    yield from _frontmatter_links(page, site)


def _is_checked(link: Link, site: Site) -> bool:
    if link.kind == "bare":
        return False
    if link.kind == "component":
        return link.attr in site.settings.link_components.get(link.tag, ())
    return True


def _frontmatter_links(page: Page, site: Site) -> Iterator[Problem]:
    data, frontmatter = page.data, page.frontmatter
    hero = data.get("hero") if isinstance(data.get("hero"), dict) else {}
    actions = hero.get("actions") if isinstance(hero.get("actions"), list) else []
    for index, action in enumerate(actions):
        if isinstance(action, dict) and isinstance(action.get("link"), str):
            path = ("hero", "actions", index, "link")
            yield from judge(page, site, action["link"], frontmatter.position(path), f"hero.actions[{index}].link", "link-target")
    image = hero.get("image") if isinstance(hero.get("image"), dict) else {}
    for key in ("file", "dark", "light"):
        source = image.get(key)
        if isinstance(source, str) and not source.startswith(("~", "@")):
            yield from judge(page, site, source, frontmatter.position(("hero", "image", key)), f"hero.image.{key}", "link-target", asset=True)
    for path in _HTML_FIELDS:
        value = _get(data, path)
        if isinstance(value, str) and "<" in value:
            where = ".".join(map(str, path))
            for tag, attr, target in tag_attributes(value):
                if attr != "id":
                    asset = tag in _ASSET_TAGS
                    yield from judge(page, site, target, frontmatter.position(path), f"{where} {tag} {attr}", "link-target", asset=asset)


def _get(data: dict, path: PathKey) -> object:
    value: object = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None  # type: ignore[arg-type]
    return value


def judge(page: Page, site: Site, raw: str, position: tuple[int, int], label: str, rule: str,
          *, asset: bool = False) -> Iterator[Problem]:
    """Problems for one link: unresolved, draft target, missing anchor, wrong slash."""
    resolution = site.resolver.resolve(raw, page, asset=asset)
    line, column = position
    described = f'{label} "{raw}"'
    status = resolution.status
    if status == "unsafe":
        yield Problem(page.path, line, column, "link-unsafe", f"{described}: {resolution.message}")
    elif status == "missing":
        yield Problem(page.path, line, column, rule, f"{described} {resolution.message}{_did_you_mean(resolution)}")
    elif status == "missing-asset":
        yield Problem(page.path, line, column, "link-asset", f"{described}: {resolution.message}{_did_you_mean(resolution)}")
    elif status == "page" and resolution.page is not None:
        target = resolution.page
        if target.draft and not page.draft:
            yield Problem(page.path, line, column, "link-draft" if rule != "nav-target" else rule,
                          f"{described} goes to the draft page {target.path}: drafts are not built, so this is a 404 in production; publish it or remove the link")
        if resolution.fragment:
            yield from _anchor(page, target, resolution, described, position)
    if resolution.slash_problem:
        yield Problem(page.path, line, column, "link-trailing-slash", f"{described} {resolution.slash_problem}")


def _did_you_mean(resolution: Resolution) -> str:
    return f'; did you mean "{resolution.suggestion}"?' if resolution.suggestion else ""


def _anchor(page: Page, target: Page, resolution: Resolution, described: str, position: tuple[int, int]) -> Iterator[Problem]:
    fragment = resolution.fragment or ""
    ids = target.facts.ids | {heading.id for heading in target.facts.headings} | {"_top"}
    if fragment in ids:
        return
    where = "this page" if target is page else target.path
    close = difflib.get_close_matches(fragment, sorted(ids), n=1, cutoff=0.6)
    hint = f'; did you mean "#{close[0]}"?' if close else ""
    yield Problem(page.path, *position, "link-anchor", f'{described}: no heading or id "{fragment}" on {where}{hint}')
