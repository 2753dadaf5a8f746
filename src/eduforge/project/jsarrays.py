"""Arrays with gaps: a spread that cannot be read makes the indexes after it, and the length, unknown."""

from __future__ import annotations

from eduforge.project.values import JSArray, Position, Unknown


def gap_reason(array: JSArray) -> str:
    """What the first unreadable spread of ``array`` is."""
    element = array[array.gap] if array.gap is not None and array.gap < len(array) else None
    return (
        f"a spread that cannot be read ({element.reason})"
        if isinstance(element, Unknown)
        else "a spread that cannot be read"
    )


def extend(array: JSArray, more: JSArray) -> None:
    """``[...array, ...more]`` in place, with positions and the first gap."""
    if more.gap is not None and array.gap is None:
        array.gap = len(array) + more.gap
    array.extend(more)
    array.positions.extend(more.positions)


def slice_array(array: JSArray, start: int, position: Position | None) -> JSArray | Unknown:
    """``array.slice(start)`` (a rest element); Unknown when a gap comes before ``start``."""
    if array.gap is not None and array.gap < start:
        return Unknown(f"the rest depends on {gap_reason(array)}", position)
    result = JSArray(position)
    extend(result, array)
    del result[:start], result.positions[:start]
    if result.gap is not None:
        result.gap -= start
    return result
