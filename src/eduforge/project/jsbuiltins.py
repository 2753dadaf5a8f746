"""The few pure built-in calls folded when every argument is known.

``Object.fromEntries/entries/keys/values/assign/freeze``, ``JSON.parse`` of a literal, and on known
arrays ``map``/``filter`` with a simple function, ``concat``, ``join``, ``includes``; on strings
``toLowerCase``/``toUpperCase``/``trim``.  Calls into ``path``/``url`` compute file paths at run time:
they are Unknown.  Every other call stays a :class:`Call` for the readers to interpret.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from eduforge.project.jsarrays import extend, gap_reason
from eduforge.project.jsops import MAX_ITEMS, MAX_TEXT, js_string, truth
from eduforge.project.values import (
    Global,
    ImportRef,
    JSArray,
    JSFunction,
    JSObject,
    Member,
    Position,
    Unknown,
    position_of,
)

NOT_FOLDED: Any = object()
_PATH_MODULES = frozenset({"path", "node:path", "url", "node:url", "path/posix", "node:path/posix"})


def _incomplete(value: Any) -> str | None:
    """Why a value is not fully known for folding, or None when it is."""
    if isinstance(value, Unknown):
        return value.reason
    if isinstance(value, JSObject) and value.unknown:
        return value.unknown[0].reason
    return None


def _from_json(value: Any, position: Position) -> Any:
    if isinstance(value, dict):
        obj = JSObject(position)
        for key, item in value.items():
            obj[key] = _from_json(item, position)
            obj.key_positions[key] = obj.value_positions[key] = position
        return obj
    if isinstance(value, list):
        array = JSArray(position)
        array.extend(_from_json(item, position) for item in value)
        array.positions.extend([position] * len(array))
        return array
    return value


def _object_call(name: str, args: tuple[Any, ...], position: Position) -> Any:
    first = args[0] if args else None
    if name == "freeze":
        return first
    if name == "fromEntries":
        if not isinstance(first, JSArray):
            return NOT_FOLDED
        result = JSObject(position)
        for entry, at in zip(first, first.positions, strict=False):
            if not isinstance(entry, JSArray) or not entry:
                return Unknown("Object.fromEntries gets an entry that is not a known [key, value] pair", at or position)
            key = js_string(entry[0])
            if key is None:
                return Unknown("Object.fromEntries gets a key that is not a known string", at or position)
            result[key] = entry[1] if len(entry) > 1 else None
            result.key_positions[key] = entry.positions[0] or at or position
            result.value_positions[key] = (entry.positions[1] if len(entry) > 1 else None) or at or position
        return result
    if name in ("entries", "keys", "values") and isinstance(first, JSObject):
        result_array = JSArray(position)
        for key, item in first.items():
            if name == "entries":
                pair = JSArray(first.key_positions.get(key, position))
                pair.extend([key, item])
                pair.positions.extend([first.key_positions.get(key), first.value_positions.get(key)])
                result_array.append(pair)
            else:
                result_array.append(key if name == "keys" else item)
            result_array.positions.append(
                first.key_positions.get(key) if name != "values" else first.value_positions.get(key)
            )
        return result_array
    if name == "assign" and args and all(isinstance(arg, JSObject) for arg in args):
        merged = JSObject(position)
        for source in args:
            for key, item in source.items():
                merged[key] = item
                merged.key_positions[key] = source.key_positions.get(key, position)
                merged.value_positions[key] = source.value_positions.get(key, position)
        return merged
    return NOT_FOLDED


def _apply(function: Any, args: tuple[Any, ...]) -> Any:
    if not isinstance(function, JSFunction) or function._apply is None:
        return NOT_FOLDED
    return function._apply(args)


def _array_call(array: JSArray, name: str, args: tuple[Any, ...], position: Position) -> Any:
    if name == "filter" and array.gap is not None:
        return Unknown(f"the filtered array has {gap_reason(array)}", position)
    if name in ("map", "filter"):
        result = JSArray(position)
        result.gap = array.gap
        for index, (item, at) in enumerate(zip(array, array.positions, strict=False)):
            value = _apply(args[0] if args else None, (item, index, array))
            if value is NOT_FOLDED:
                return NOT_FOLDED
            if name == "map":
                result.append(value)
                result.positions.append(position_of(value) or at)
                continue
            keep = truth(value)
            if keep is None:
                reason = value.reason if isinstance(value, Unknown) else "the filter's test cannot be read statically"
                return Unknown(reason, position)
            if keep:
                result.append(item)
                result.positions.append(at)
        return result
    if name == "concat":
        if len(array) + sum(len(arg) if isinstance(arg, JSArray) else 1 for arg in args) > MAX_ITEMS:
            return Unknown(f"the array gets more than {MAX_ITEMS:,} elements", position)
        result = JSArray(position)
        extend(result, array)
        for arg in args:
            if isinstance(arg, JSArray):
                extend(result, arg)
            else:
                result.append(arg)
                result.positions.append(position_of(arg))
        return result
    if name == "join":
        separator = args[0] if args else ","
        parts = [js_string(item) if item is not None else "" for item in array]
        if not isinstance(separator, str) or any(part is None for part in parts):
            return NOT_FOLDED
        if sum(len(part or "") for part in parts) + len(separator) * len(parts) > MAX_TEXT:
            return Unknown(f"the join makes a text longer than {MAX_TEXT:,} characters", position)
        return separator.join(part or "" for part in parts)
    if name == "includes" and args and js_string(args[0]) is not None:
        found = any(item == args[0] and type(item) is type(args[0]) for item in array)
        return found or (Unknown(f"the array has {gap_reason(array)}", position) if array.gap is not None else False)
    return NOT_FOLDED


_STRING_METHODS: dict[str, Callable[[str], str]] = {
    "toLowerCase": str.lower,
    "toUpperCase": str.upper,
    "trim": str.strip,
}


def fold(callee: Any, args: tuple[Any, ...], position: Position, text: str) -> Any:
    """The folded value of ``callee(*args)``, an Unknown for run-time path computations, or NOT_FOLDED."""
    if isinstance(callee, ImportRef) and callee.source in _PATH_MODULES:
        return Unknown(f"`{text}` computes a file path at run time", position)
    if not isinstance(callee, Member):
        return NOT_FOLDED
    owner, name = callee.object, callee.property
    if isinstance(owner, ImportRef) and owner.source in _PATH_MODULES:
        return Unknown(f"`{text}` computes a file path at run time", position)
    reason = next((why for arg in args if (why := _incomplete(arg)) is not None), None)
    if isinstance(owner, Global) and owner.name in ("Object", "JSON"):
        if reason is not None:
            return Unknown(reason, position)
        if owner.name == "Object":
            return _object_call(name, args, position)
        if name == "parse" and args and isinstance(args[0], str):
            try:
                return _from_json(json.loads(args[0]), position)
            except (ValueError, RecursionError):
                return Unknown("JSON.parse gets text that is not valid JSON", position)
        return NOT_FOLDED
    if isinstance(owner, JSArray):
        if reason is not None and name != "map":
            return Unknown(reason, position)
        return _array_call(owner, name, args, position)
    if isinstance(owner, str) and name in _STRING_METHODS and not args:
        return _STRING_METHODS[name](owner)
    return NOT_FOLDED
