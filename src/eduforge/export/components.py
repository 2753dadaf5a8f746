"""Starlight components the exporter draws itself: ``<Icon>`` (and the ``icon`` of Card and
LinkButton), and the notice for components it does not know.

The icons are eduforge's own line drawings (24×24, ``currentColor`` strokes) for the names of
Starlight's icon set that lessons use most; any other name is drawn as a neutral dot with the
name as its title, and reported once.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.common.utils import escapeHtml

ICON_PATHS = {
    "star": '<path d="m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z"/>',
    "rocket": (
        '<path d="M14 4c3-1.5 6-1 6-1s.5 3-1 6l-6 6-4-4z"/><path d="m10 11-4-.5L4 13l4 1M13 14l.5 4-2.5 2-1-4"/>'
        '<circle cx="15.5" cy="8.5" r="1.3"/>'
    ),
    "setting": (
        '<circle cx="12" cy="12" r="3"/><path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1'
        'M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1"/>'
    ),
    "pencil": '<path d="M4 20l1-4L16 5l3 3L8 19zM14 7l3 3"/>',
    "information": '<circle cx="12" cy="12" r="9"/><path d="M12 11v5M12 7.5v.5"/>',
    "warning": '<path d="M12 3 2 20h20L12 3z"/><path d="M12 10v4M12 17v.5"/>',
    "approve-check": '<path d="m5 12.5 4.5 4.5L19 7.5"/>',
    "approve-check-circle": '<circle cx="12" cy="12" r="9"/><path d="m8 12.5 3 3 5-6"/>',
    "error": '<circle cx="12" cy="12" r="9"/><path d="m9 9 6 6M15 9l-6 6"/>',
    "close": '<path d="M6 6l12 12M18 6 6 18"/>',
    "right-arrow": '<path d="M5 12h14M13 6l6 6-6 6"/>',
    "left-arrow": '<path d="M19 12H5M11 6l-6 6 6 6"/>',
    "up-arrow": '<path d="M12 19V5M6 11l6-6 6 6"/>',
    "down-arrow": '<path d="M12 5v14M6 13l6 6 6-6"/>',
    "right-caret": '<path d="m9 6 6 6-6 6"/>',
    "left-caret": '<path d="m15 6-6 6 6 6"/>',
    "external": '<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>',
    "document": '<path d="M6 3h8l4 4v14H6z"/><path d="M14 3v4h4M9 12h6M9 16h6"/>',
    "open-book": '<path d="M3 5c3-1 6-1 9 1 3-2 6-2 9-1v14c-3-1-6-1-9 1-3-2-6-2-9-1z"/><path d="M12 6v14"/>',
    "puzzle": ('<path d="M5 8h3a2 2 0 1 1 4 0h3v3a2 2 0 1 1 0 4v4h-4a2 2 0 1 0-4 0H5v-4a2 2 0 1 0 0-4z"/>'),
    "laptop": '<path d="M5 6h14v9H5zM3 18h18"/>',
    "moon": '<path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z"/>',
    "sun": (
        '<circle cx="12" cy="12" r="4"/><path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2'
        'M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/>'
    ),
    "heart": '<path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z"/>',
    "magnifier": '<circle cx="11" cy="11" r="6.5"/><path d="m16 16 4.5 4.5"/>',
    "comment": '<path d="M4 5h16v11H9l-5 4z"/>',
    "list-format": '<path d="M9 6h11M9 12h11M9 18h11M4.5 6h.5M4.5 12h.5M4.5 18h.5"/>',
    "add-document": '<path d="M6 3h8l4 4v14H6z"/><path d="M14 3v4h4M12 11v6M9 14h6"/>',
    "translate": '<path d="M4 5h9M8.5 3v2M6 5c.5 3 2.5 5.5 5 7M11 5c-.5 3-2.5 5.5-5 7M13 21l4-9 4 9M14.5 18h5"/>',
    "seti:folder": '<path d="M3 6h6l2 2h10v11H3z"/>',
    "seti:default": '<path d="M6 3h8l4 4v14H6z"/><path d="M14 3v4h4"/>',
}
ICON_ALIASES = {"check": "approve-check", "cog": "setting", "gear": "setting", "info": "information", "x": "close"}
DOT = '<circle cx="12" cy="12" r="4"/>'

_CSS_LENGTH = re.compile(r"^[\d.]+(?:px|rem|em|%)?$")
_CSS_COLOR = re.compile(r"^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]+|var\(--[\w-]+\))$")


def icon_svg(name: str, label: str = "", size: str = "", color: str = "", warnings: list[str] | None = None) -> str:
    """An inline SVG for one of Starlight's icon names (a dot with the name as title for others)."""
    key = ICON_ALIASES.get(name, name)
    paths = ICON_PATHS.get(key)
    if paths is None:
        if warnings is not None and name:
            message = f'the icon "{name}" is not one eduforge draws; a dot is shown in its place'
            if message not in warnings:
                warnings.append(message)
        paths = f"<title>{escapeHtml(name)}</title>{DOT}"
    style = []
    if size and _CSS_LENGTH.match(size):
        style.append(f"width:{size};height:{size}")
    if color and _CSS_COLOR.match(color):
        style.append(f"color:{color}")
    style_attr = f' style="{";".join(style)}"' if style else ""
    aria = f' role="img" aria-label="{escapeHtml(label)}"' if label else ' aria-hidden="true"'
    return f'<svg class="icon" data-icon="{escapeHtml(name)}" viewBox="0 0 24 24"{aria}{style_attr}>{paths}</svg>'


def icon_from(attrs: dict[str, Any], warnings: list[str]) -> str:
    """``<Icon name label size color>`` as SVG."""

    def text(key: str) -> str:
        value = attrs.get(key)
        return value if isinstance(value, str) else ""

    return icon_svg(text("name"), text("label"), text("size"), text("color"), warnings)


def unknown_message(name: str) -> str:
    """The one warning per unknown component name."""
    return f"the component <{name}> is not known to the exporter; its content is shown without it"


def string_props(attrs: dict[str, Any]) -> list[tuple[str, str]]:
    """The props written as text (``author="Ana"``): what a site's own component shows."""
    return [(key, value) for key, value in attrs.items() if isinstance(value, str) and value.strip()]


def unknown_open(name: str, attrs: dict[str, Any]) -> str:
    """The wrapper of an unknown component: its text props in one line, then its children."""
    props = string_props(attrs)
    line = (
        '<p class="component-props">'
        + " · ".join(f'<span data-prop="{escapeHtml(k)}">{escapeHtml(v)}</span>' for k, v in props)
        + "</p>\n"
        if props
        else ""
    )
    return f'<div class="component" data-component="{escapeHtml(name)}">\n{line}'
