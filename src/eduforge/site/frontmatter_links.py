"""The links a frontmatter makes, each at the position of its value.

``prev.link``/``next.link``, ``hero.actions[].link``, ``hero.image.file|dark|light``
(files next to the page), the ``href``/``src`` of HTML in the fields Starlight
renders as HTML, and every other string that is an http(s) URL (for the
external check).  Computed once when the page is read, so cached runs need no
frontmatter at all.
"""

from __future__ import annotations

from typing import Any

from eduforge.site.frontmatter import Frontmatter, PathKey, display
from eduforge.site.markdown import ASSET_TAGS, Link, tag_attributes

HTML_FIELDS: tuple[PathKey, ...] = (
    ("banner", "content"),
    ("hero", "title"),
    ("hero", "tagline"),
    ("hero", "image", "html"),
)
"""Fields Starlight documents as HTML."""


def _link(frontmatter: Frontmatter, path: PathKey, target: str, label: str, asset: bool = False) -> Link:
    line, column = frontmatter.position(path)
    return Link(target, line, column, "frontmatter", label=label, asset=asset)


def _link_in(
    frontmatter: Frontmatter, path: PathKey, value: str, offset: int, target: str, label: str, asset: bool = False
) -> Link:
    """A link written inside the string ``value`` from ``offset`` on, at its own line and column."""
    line, column = frontmatter.position_in(path, value, offset)
    return Link(target, line, column, "frontmatter", label=label, asset=asset)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def frontmatter_links(frontmatter: Frontmatter) -> list[Link]:
    data = frontmatter.data or {}
    links: list[Link] = []
    claimed: set[PathKey] = set()
    for key in ("prev", "next"):
        value = data.get(key)
        if isinstance(value, dict) and isinstance(value.get("link"), str):
            links.append(_link(frontmatter, (key, "link"), value["link"], f"{key}.link"))
            claimed.add((key, "link"))
    hero = _mapping(data.get("hero"))
    actions = hero.get("actions")
    actions = actions if isinstance(actions, list) else []
    for index, action in enumerate(actions):
        if isinstance(action, dict) and isinstance(action.get("link"), str):
            path: PathKey = ("hero", "actions", index, "link")
            links.append(_link(frontmatter, path, action["link"], display(path)))
            claimed.add(path)
    image = _mapping(hero.get("image"))
    for key in ("file", "dark", "light"):
        source = image.get(key)
        if isinstance(source, str) and not source.startswith(("~", "@")):
            links.append(_link(frontmatter, ("hero", "image", key), source, f"hero.image.{key}", asset=True))
            claimed.add(("hero", "image", key))
    for path, value in frontmatter.strings:
        if path in claimed:
            continue
        if path in HTML_FIELDS and "<" in value:
            for tag, attr, target, offset in tag_attributes(value):
                if attr != "id":
                    label = f"{display(path)} {tag} {attr}"
                    links.append(_link_in(frontmatter, path, value, offset, target, label, asset=tag in ASSET_TAGS))
        elif value.strip()[:8].lower().startswith(("http://", "https://")):
            offset = len(value) - len(value.lstrip())
            links.append(_link_in(frontmatter, path, value, offset, value.strip(), display(path)))
    return links
