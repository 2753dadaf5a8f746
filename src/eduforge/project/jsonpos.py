"""A JSON file as JSObject/JSArray values that know where each entry is written.

The file has already passed ``json.loads``; this second pass only adds positions, with the standard
library's C string scanner doing the heavy part (several times quicker than a syntax tree).
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable
from json.decoder import JSONDecoder
from pathlib import Path
from typing import Any

from eduforge.project.values import JSArray, JSObject, Position, Unknown

_SPACE = re.compile(r"[ \t\n\r]*")
_SPACE_CHARS = frozenset(" \t\n\r")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONSTANTS = {"true": True, "false": False, "null": None, "NaN": float("nan"), "Infinity": float("inf")}
_DECODER = JSONDecoder()
_scanstring: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")  # noqa: B009
"""The standard library's C string scanner (untyped in typeshed): (text, offset after the quote) -> (value, end)."""
_SAFE_INTEGER = 2**53


class _Reader:
    def __init__(self, file: Path, text: str, max_depth: int) -> None:
        self.file, self.text, self.max_depth = file, text, max_depth
        self._at, self._line, self._start = 0, 1, 0  # the last position asked: positions are asked in order

    def position(self, offset: int) -> Position:
        text = self.text
        if offset < self._at:
            self._at, self._line, self._start = 0, 1, 0
        newlines = text.count("\n", self._at, offset)
        if newlines:
            self._line += newlines
            self._start = text.rfind("\n", self._at, offset) + 1
        self._at = offset
        return Position(self.file, self._line, offset - self._start + 1)

    def skip(self, at: int) -> int:
        if self.text[at : at + 1] not in _SPACE_CHARS:
            return at
        match = _SPACE.match(self.text, at)
        return match.end() if match else at

    def value(self, at: int, depth: int) -> tuple[Any, int]:
        """The value starting at ``at`` (no space before it) and the offset after it."""
        text = self.text
        char = text[at]
        if depth > self.max_depth:
            _, end = _DECODER.raw_decode(text, at)
            return Unknown(f"the JSON is nested more than {self.max_depth} levels deep", self.position(at)), end
        if char == "{":
            return self.object(at, depth)
        if char == "[":
            return self.array(at, depth)
        if char == '"':
            value, end = _scanstring(text, at + 1)
            return value, end
        number = _NUMBER.match(text, at)
        if number is not None and number.end() > at:
            if number.group(1) or number.group(2):
                return float(number.group()), number.end()
            integer = int(number.group())
            return (float(integer) if abs(integer) > _SAFE_INTEGER else integer), number.end()
        for word, constant in _CONSTANTS.items():
            if text.startswith(word, at):
                return constant, at + len(word)
        if text.startswith("-Infinity", at):
            return float("-inf"), at + len("-Infinity")
        raise ValueError(f"not JSON at offset {at}")  # unreachable for text json.loads accepted

    def object(self, at: int, depth: int) -> tuple[JSObject, int]:
        obj = JSObject(self.position(at))
        at = self.skip(at + 1)
        if self.text[at] == "}":
            return obj, at + 1
        while True:
            key_position = self.position(at)
            key, at = _scanstring(self.text, at + 1)
            at = self.skip(self.skip(at) + 1)  # the colon
            value_position = self.position(at)
            value, end = self.value(at, depth + 1)
            obj[key] = value
            obj.key_positions[key] = key_position
            obj.value_positions[key] = value_position
            at = self.skip(end)
            if self.text[at] == "}":
                return obj, at + 1
            at = self.skip(at + 1)  # the comma

    def array(self, at: int, depth: int) -> tuple[JSArray, int]:
        array = JSArray(self.position(at))
        at = self.skip(at + 1)
        if self.text[at] == "]":
            return array, at + 1
        while True:
            array.positions.append(self.position(at))
            value, end = self.value(at, depth + 1)
            array.append(value)
            at = self.skip(end)
            if self.text[at] == "]":
                return array, at + 1
            at = self.skip(at + 1)


def read_json(file: Path, text: str, max_depth: int) -> Any:
    """The value of a JSON text that ``json.loads`` accepts, with positions (1-based, columns in characters)."""
    reader = _Reader(file, text, max_depth)
    value, _ = reader.value(reader.skip(0), 0)
    return value
