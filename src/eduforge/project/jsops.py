"""JavaScript's operators on statically known values: truthiness, `+` and comparisons, `||`/`&&`/`??`, `typeof`, `a.b`.

An operand that is an :class:`Unknown` makes the result Unknown; when every Unknown operand has a
fallback, the result carries the operator applied to the fallbacks (``base + '/x'`` where ``base`` is
``process.env.BASE || '/docs'`` falls back to ``'/docs/x'``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from eduforge.project.jsarrays import gap_reason
from eduforge.project.values import (
    UNDEFINED,
    Call,
    Global,
    ImportRef,
    JSArray,
    JSFunction,
    JSObject,
    Member,
    Param,
    Position,
    Regex,
    Unknown,
    dotted_name,
)

_SYMBOLIC = (Call, Member, ImportRef, Global, Param)

MAX_TEXT = 1_000_000
"""The longest text folded (``a + a`` repeated would otherwise double without end)."""
MAX_ITEMS = 100_000
"""The most elements an array may get by spreads and concat."""
_NO = object()


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def truth(value: Any) -> bool | None:
    """JavaScript truthiness; ``None`` when it cannot be known (an Unknown without fallback, a call…)."""
    if isinstance(value, Unknown):
        return truth(value.fallback) if value.has_fallback else None
    if isinstance(value, _SYMBOLIC):
        return None
    if value is None or value is UNDEFINED:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    if isinstance(value, bool | int | float | str):
        return bool(value)
    return isinstance(value, JSObject | JSArray | JSFunction | Regex) or None


def nullish(value: Any) -> bool | None:
    """``value ?? …`` takes the right side: ``null`` or ``undefined``; ``None`` when it cannot be known."""
    if isinstance(value, Unknown):
        return nullish(value.fallback) if value.has_fallback else None
    if isinstance(value, _SYMBOLIC):
        return None
    return value is None or value is UNDEFINED


def js_number_string(value: int | float) -> str:
    """How JavaScript writes a number in a string (``1``, not ``1.0``)."""
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
    return repr(value)


def js_string(value: Any) -> str | None:
    """``String(value)`` for primitives; ``None`` for anything else (objects, symbolic values, Unknowns)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return js_number_string(value)
    if value is None:
        return "null"
    if value is UNDEFINED:
        return "undefined"
    return None


def _resolved(value: Any) -> Any:
    """The value, or an Unknown's fallback, or ``_NO``."""
    if isinstance(value, Unknown):
        return value.fallback if value.has_fallback else _NO
    return value


def _strict_equal(left: Any, right: Any) -> bool | None:
    primitive = (str, int, float, type(None), type(UNDEFINED))
    if not isinstance(left, primitive) or not isinstance(right, primitive):
        return None
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if is_number(left) and is_number(right):
        return bool(left == right)
    return type(left) is type(right) and left == right


def _known(op: str, left: Any, right: Any) -> Any:
    """``left op right`` on known values; ``_NO`` when JavaScript's answer is not one eduforge computes."""
    if op == "+":
        if isinstance(left, str) or isinstance(right, str):
            lt, rt = js_string(left), js_string(right)
            if lt is None or rt is None or len(lt) + len(rt) > MAX_TEXT:
                return _NO
            return lt + rt
        if is_number(left) and is_number(right):
            return _arithmetic("+", left, right)
        return _NO
    if op in ("===", "!==", "==", "!="):
        loose = op in ("==", "!=")
        if loose and {left is None or left is UNDEFINED, right is None or right is UNDEFINED} == {True}:
            equal: bool | None = True
        elif loose and type(left) is not type(right) and not (is_number(left) and is_number(right)):
            equal = None
        else:
            equal = _strict_equal(left, right)
        if equal is None:
            return _NO
        return equal if op in ("===", "==") else not equal
    if is_number(left) and is_number(right):
        return _arithmetic(op, left, right)
    if isinstance(left, str) and isinstance(right, str) and op in ("<", ">", "<=", ">="):
        return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}[op]
    return _NO


_SAFE_INTEGER = 2**53


def _arithmetic(op: str, left: int | float, right: int | float) -> Any:
    """JavaScript arithmetic: doubles, computed in ints only while they are exact (never huge)."""
    if abs(left) > _SAFE_INTEGER or abs(right) > _SAFE_INTEGER or op == "**":
        left, right = float(left), float(right)
    try:
        if op == "+":
            result: Any = left + right
        elif op == "-":
            result = left - right
        elif op == "*":
            result = left * right
        elif op == "/":
            result = left / right
        elif op == "%":
            result = math.fmod(left, right)
        elif op == "**":
            result = math.pow(left, right)
        else:
            return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}.get(op, _NO)
    except OverflowError:
        return math.inf
    except (ZeroDivisionError, ValueError):
        return _NO
    if isinstance(result, int) and abs(result) > _SAFE_INTEGER:
        return float(result)
    return result


def binary(op: str, left: Any, right: Any, position: Position, text: str) -> Any:
    """``left op right`` for a non-logical operator."""
    unknown = next((side for side in (left, right) if isinstance(side, Unknown)), None)
    tests_mode = op in ("===", "==", "!==", "!=") and any(
        isinstance(side, str) and side == "production" for side in (left, right)
    )
    if tests_mode and (unknown is not None or any(isinstance(side, _SYMBOLIC) for side in (left, right))):
        # A test of the build mode (`process.env.NODE_ENV === 'production'`): what a production build sees.
        reason = unknown.reason if unknown is not None else "depends on the build mode"
        return Unknown(reason, position, fallback=op in ("===", "=="))
    if unknown is None:
        result = _known(op, left, right)
        if result is _NO and op == "+" and isinstance(left, str) and isinstance(right, str):
            return Unknown(f"`{text}` makes a text longer than {MAX_TEXT:,} characters", position)
        if result is _NO:
            return Unknown(f"`{text}` combines values that cannot be read statically", position)
        return result
    lr, rr = _resolved(left), _resolved(right)
    result = _NO if lr is _NO or rr is _NO else _known(op, lr, rr)
    if result is _NO:
        return Unknown(unknown.reason, position)
    return Unknown(unknown.reason, position, fallback=result)


def logical(op: str, left: Any, right: Callable[[], Any], position: Position, text: str) -> Any:
    """``left || right``, ``left && right``, ``left ?? right`` with JavaScript's short-circuit.

    When ``left`` cannot be known, the result is an Unknown whose fallback is what the code falls back
    to: ``right`` for ``||`` and ``??`` (``process.env.BASE || '/docs'``); none for ``&&``.
    """
    decided = nullish(left) if op == "??" else truth(left)
    takes_right = None if decided is None else (decided if op == "??" else decided == (op == "&&"))
    if takes_right is None:
        name = dotted_name(left) or text
        reason = left.reason if isinstance(left, Unknown) else f"depends on {name}, which cannot be read statically"
        if op == "&&":
            return Unknown(reason, position)
        fallback = _resolved(right())
        return Unknown(reason, position) if fallback is _NO else Unknown(reason, position, fallback=fallback)
    if not isinstance(left, Unknown):
        return right() if takes_right else left
    if not takes_right:
        return left
    fallback = _resolved(right())
    return Unknown(left.reason, position) if fallback is _NO else Unknown(left.reason, position, fallback=fallback)


def typeof(value: Any) -> str | None:
    """JavaScript's ``typeof`` of a known value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is UNDEFINED:
        return "undefined"
    if value is None or isinstance(value, JSObject | JSArray | Regex):
        return "object"
    return "function" if isinstance(value, JSFunction) else None


def is_environment(value: Any) -> bool:
    """``process.env`` or ``import.meta.env``."""
    return (
        isinstance(value, Member)
        and value.property == "env"
        and isinstance(value.object, Global)
        and value.object.name in ("process", "import.meta")
    )


def member(obj: Any, key: str, position: Position | None) -> Any:
    """``obj[key]``: a known entry, ``undefined`` for a known object without it, else symbolic or Unknown."""
    if isinstance(obj, JSObject):
        if key in obj:
            return obj[key]
        if obj.unknown:
            return Unknown(f"{key} may come from an entry that cannot be read ({obj.unknown[0].reason})", position)
        return UNDEFINED
    if isinstance(obj, JSArray | str):
        index = int(key) if key.isascii() and key.isdigit() else None
        gap = obj.gap if isinstance(obj, JSArray) else None
        if isinstance(obj, JSArray) and gap is not None and (key == "length" or (index or 0) >= gap):
            return Unknown(f"the array's {key} depends on {gap_reason(obj)}", position)
        if key == "length":
            return len(obj)
        if index is not None:
            return obj[index] if index < len(obj) else UNDEFINED
        return Member(obj, key, position)
    if isinstance(obj, Unknown):
        return Unknown(obj.reason, position)
    if obj is None or obj is UNDEFINED:
        return Unknown(f"reads {key} of {'null' if obj is None else 'undefined'}", position)
    if is_environment(obj):
        return Unknown(f"reads the environment variable {key}", position)
    if isinstance(obj, ImportRef) and obj.name == "*" and not obj.local:
        return ImportRef(obj.source, key, position, key)  # `const { x } = require('pkg')` imports x
    return Member(obj, key, position)
