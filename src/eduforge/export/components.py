"""Starlight components the exporter draws itself: ``<Icon>`` (and the ``icon`` of Card,
LinkButton and LinkCard), and the notice for components it does not know.

The icons are Starlight's own (:mod:`eduforge.export.starlight_icons`, 24×24 filled paths in
``currentColor``); a name outside Starlight's set is drawn as a neutral dot with the name as its
title, and reported once.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from eduforge.export.render import escape_html
from eduforge.export.starlight_icons import icon_paths

DOT = '<circle cx="12" cy="12" r="4"/>'

_CSS_LENGTH = re.compile(r"^[\d.]+(?:px|rem|em|%)?$")
_CSS_COLOR = re.compile(r"^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]+|var\(--[\w-]+\))$")


def icon_svg(
    name: str,
    label: str = "",
    size: str = "",
    color: str = "",
    warnings: list[str] | None = None,
    css_class: str = "icon",
) -> str:
    """An inline SVG for one of Starlight's icon names (a dot with the name as title for others)."""
    paths = icon_paths(name)
    if paths is None:
        if warnings is not None and name:
            message = f'the icon "{name}" is not in the Starlight icon set; a dot is shown in its place'
            if message not in warnings:
                warnings.append(message)
        paths = f"<title>{escape_html(name)}</title>{DOT}"
    style = []
    if size and _CSS_LENGTH.match(size):
        style.append(f"width:{size};height:{size}")
    if color and _CSS_COLOR.match(color):
        style.append(f"color:{color}")
    style_attr = f' style="{";".join(style)}"' if style else ""
    aria = f' role="img" aria-label="{escape_html(label)}"' if label else ' aria-hidden="true"'
    return (
        f'<svg class="{css_class}" data-icon="{escape_html(name)}" viewBox="0 0 24 24" fill="currentColor"{aria}{style_attr}>'
        f"{paths}</svg>"
    )


ASIDE_ICONS = {"note": "information", "tip": "rocket", "caution": "warning", "danger": "error"}
"""The icon Starlight gives each aside type (``integrations/aside-utils.ts``)."""


def aside_icon(kind: str, icon: str = "") -> str:
    """An aside's title icon: its ``icon`` prop when it names one of Starlight's icons, else its type's."""
    name = icon if icon and icon_paths(icon) is not None else ASIDE_ICONS.get(kind, "information")
    return icon_svg(name, css_class="icon aside-icon")


def icon_from(attrs: dict[str, Any], warnings: list[str]) -> str:
    """``<Icon name label size color>`` as SVG."""

    def text(key: str) -> str:
        value = attrs.get(key)
        return value if isinstance(value, str) else ""

    return icon_svg(text("name"), text("label"), text("size"), text("color"), warnings)


NOTICE = "component-unknown: "
"""The start of a notice (rule ``component-unknown``, info) rather than a warning: the export
prints each one once, however many pages use the component."""


TRANSPARENT = frozenset({"Fragment"})
"""Components that are only their children (Astro's ``<Fragment>``): no wrapper, no notice."""


def unknown_message(name: str) -> str:
    """The notice for a component the export does not draw (``""``: none)."""
    if name in TRANSPARENT:
        return ""
    return f"{NOTICE}<{name}> is not a component the export draws (the site's own or a plugin's): its children and text props are shown"


def is_notice(message: str) -> bool:
    return message.startswith(NOTICE)


def string_props(attrs: dict[str, Any]) -> list[tuple[str, str]]:
    """The props written as text (``author="Ana"``): what a site's own component shows."""
    return [(key, value) for key, value in attrs.items() if isinstance(value, str) and value.strip()]


def unknown_open(name: str, attrs: dict[str, Any]) -> str:
    """The wrapper of an unknown component: its one-line text props in one line, each prop of
    several lines (code in a template literal, as docs sites pass it to their own components) as
    preformatted text, then its children."""
    if name in TRANSPARENT:
        return ""
    props = string_props(attrs)
    short = [(key, value) for key, value in props if "\n" not in value]
    line = (
        '<p class="component-props">'
        + " · ".join(f'<span data-prop="{escape_html(k)}">{escape_html(v)}</span>' for k, v in short)
        + "</p>\n"
        if short
        else ""
    )
    blocks = "".join(
        f'<pre class="component-prop" data-prop="{escape_html(k)}"><code>{escape_html(_block(v))}</code></pre>\n'
        for k, v in props
        if "\n" in v
    )
    return f'<div class="component" data-component="{escape_html(name)}">\n{line}{blocks}'


def _block(value: str) -> str:
    """A prop of several lines as its lines read: common indent and blank first and last lines dropped."""
    return textwrap.dedent(value.strip("\n").rstrip()).strip("\n")
