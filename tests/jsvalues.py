"""Statically read JS values built by hand (what eduforge.project.js gives for an astro.config).

``js(value)`` turns Python data into :class:`JSArray`/:class:`JSObject` with positions
laid out as if each key and each array element were written on a line of its own:
the outer value starts at 1:1, and every key or element takes the next line, indented
by two columns per level; a value starts two columns after its ``key:``::

    [                                    1:1
      {                                  2:3   (element 0)
        label: "Pengenalan",             3:5   key, value at 3:12
        link: "/pengenalan",             4:5   key, value at 4:11
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from eduforge.project.values import JSArray, JSObject, Position


def js(value: Any, file: Path | str = "astro.config.mjs") -> Any:
    path = Path(file)
    lines = itertools.count(2)

    def build(item: Any, position: Position, indent: int) -> Any:
        if isinstance(item, dict):
            obj = JSObject(position)
            for key, child in item.items():
                line = next(lines)
                obj.key_positions[key] = Position(path, line, indent)
                obj.value_positions[key] = Position(path, line, indent + len(key) + 2)
                obj[key] = build(child, obj.value_positions[key], indent + 2)
            return obj
        if isinstance(item, list):
            array = JSArray(position)
            for child in item:
                at = Position(path, next(lines), indent)
                array.positions.append(at)
                array.append(build(child, at, indent + 2))
            return array
        return item

    return build(value, Position(path, 1, 1), 3)
