"""Use every core: run a function over chunks of work in forked worker processes.

Workers are forked, so they share the parent's memory copy-on-write: the
``context`` (settings, or the whole Site) is never pickled, and modules the
parent imported are already loaded.  Where fork is unavailable, or the work is
small, everything runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_context: Any = None


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run_chunk(job: tuple[Callable[[Any, list[Any]], list[Any]], list[Any]]) -> list[Any]:
    function, chunk = job
    return function(_context, chunk)


def fork_map(
    function: Callable[[Any, list[Item]], list[Result]], items: Sequence[Item], context: Any, *, min_items: int
) -> list[Result]:
    """``function(context, chunk)`` over chunks of ``items``, results in order.

    ``function`` must be a module-level function (it is sent to the workers by name).
    """
    global _context
    workers = min(usable_cores(), 8)
    if len(items) < min_items or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return function(context, list(items))
    size = max(25, -(-len(items) // (workers * 4)))
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    _context = context
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [
                result
                for results in pool.map(_run_chunk, [(function, chunk) for chunk in chunks])
                for result in results
            ]
    finally:
        _context = None
