"""zod expressions as the JS reader gives them, built by hand: ``z("object", obj(a=z("string")))``."""

from __future__ import annotations

from typing import Any

from eduforge.project.values import Call, ImportRef, JSArray, JSObject, Member, Position

ZED = ImportRef("astro:content", "z", local="z")


def z(name: str, *args: Any) -> Call:
    """``z.name(args…)``."""
    return Call(Member(ZED, name), args)


def coerce(name: str) -> Call:
    return Call(Member(Member(ZED, "coerce"), name), ())


def m(target: Any, name: str, *args: Any, at: Position | None = None) -> Call:
    """``target.name(args…)``."""
    return Call(Member(target, name), args, at)


def obj(**entries: Any) -> JSObject:
    result = JSObject()
    result.update(entries)
    return result


def arr(*items: Any) -> JSArray:
    result = JSArray()
    result.extend(items)
    return result
