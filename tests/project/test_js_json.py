"""JSON with positions agrees with json.loads on every document, and every position points where it says."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from eduforge.project.jsonpos import read_json
from eduforge.project.values import JSArray, JSObject, Position, Unknown

_LEAVES: list[Any] = [0, -1, 2.5, 1e300, 2**60, 'é\n"x\\A', "", True, False, None, "😀 日本"]


def _document(rnd: random.Random, depth: int = 0) -> Any:
    choice = rnd.random()
    if depth > 5 or choice < 0.3:
        return rnd.choice(_LEAVES)
    if choice < 0.65:
        return {rnd.choice(["a", "b", "é", "k k", ""]): _document(rnd, depth + 1) for _ in range(rnd.randint(0, 4))}
    return [_document(rnd, depth + 1) for _ in range(rnd.randint(0, 4))]


def _as_javascript(value: Any) -> Any:
    """json.loads's value as JavaScript reads it: integers past 2**53 are doubles."""
    if isinstance(value, dict):
        return {key: _as_javascript(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_javascript(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return float(value)
    return value


def _char_at(lines: list[str], position: Position | None) -> str:
    assert position is not None
    return lines[position.line - 1][position.column - 1]


def _check_positions(lines: list[str], value: Any) -> None:
    if isinstance(value, JSObject):
        assert _char_at(lines, value.position) == "{"
        for key, item in value.items():
            assert _char_at(lines, value.key_positions[key]) == '"'
            assert _char_at(lines, value.value_positions[key]) == json.dumps(item, ensure_ascii=False)[0] or isinstance(
                item, float
            )
            _check_positions(lines, item)
    elif isinstance(value, JSArray):
        assert _char_at(lines, value.position) == "["
        for item in value:
            _check_positions(lines, item)


def test_agrees_with_json_loads_and_positions_point_at_the_values() -> None:
    rnd = random.Random(11)
    for _ in range(800):
        text = json.dumps(
            _document(rnd),
            ensure_ascii=rnd.random() < 0.5,
            indent=rnd.choice([None, 1, "\t"]),
            separators=rnd.choice([None, (",", ":"), (" , ", " : ")]),
        )
        value = read_json(Path("x.json"), text, 200)
        assert value == _as_javascript(json.loads(text)), text
        _check_positions(text.split("\n"), value)


def test_duplicate_keys_keep_the_first_place_and_the_last_value() -> None:
    value = read_json(Path("x.json"), '{"a": 1, "b": 2, "a": 3}', 200)
    assert list(value.items()) == [("a", 3), ("b", 2)]
    assert value.value_positions["a"] == Position(Path("x.json"), 1, 23)


def test_nesting_past_the_limit_is_unknown() -> None:
    value = read_json(Path("x.json"), "[[[[1]]]]", 2)
    assert value == [[[Unknown("the JSON is nested more than 2 levels deep", Position(Path("x.json"), 1, 4))]]]
