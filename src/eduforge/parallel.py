"""Use every core: run a function over chunks of work in forked worker processes.

Workers are forked, so they share the parent's memory copy-on-write: the
``context`` (settings, or the whole Site) is never pickled, and modules the
parent imported are already loaded.  Where fork is unavailable, or the work is
small, everything runs in-process.

``multiprocessing`` and ``concurrent.futures`` are imported only when work is
forked: they cost a commit hook's start-up ~15 ms and the hook lints a few pages.
"""

from __future__ import annotations

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


class WorkerDied(Exception):
    """A worker process ended without a result (killed, out of memory, a crash in C code)."""


def _run_chunk(job: tuple[Callable[[Any, list[Any]], list[Any]], list[Any]]) -> list[Any]:
    function, chunk = job
    return function(_context, chunk)


def _run_alone(function: Callable[[Any, list[Item]], list[Result]], item: Item) -> list[Result]:
    """``function(context, [item])`` in a forked process of its own; ``WorkerDied`` if it dies."""
    import multiprocessing

    fork = multiprocessing.get_context("fork")
    receiver, sender = fork.Pipe(duplex=False)
    process = fork.Process(target=_send_result, args=(function, item, sender))
    process.start()
    sender.close()
    try:
        result: list[Result] = receiver.recv()
    except EOFError:
        process.join()
        raise WorkerDied(f"the worker process died (exit code {process.exitcode})") from None
    finally:
        receiver.close()
    process.join()
    return result


def _send_result(function: Callable[[Any, list[Any]], list[Any]], item: Any, sender: Any) -> None:
    sender.send(function(_context, [item]))
    sender.close()


def fork_map(
    function: Callable[[Any, list[Item]], list[Result]],
    items: Sequence[Item],
    context: Any,
    *,
    min_items: int,
    on_lost: Callable[[Item, BaseException], list[Result]] | None = None,
) -> list[Result]:
    """``function(context, chunk)`` over chunks of ``items``, results in order.

    ``function`` must be a module-level function (it is sent to the workers by name).
    When a worker process dies, the items of the chunks it took down are run again one
    by one, each in a process of its own, and ``on_lost(item, error)`` stands for the
    result of an item that kills that process too; without ``on_lost``, ``WorkerDied``
    is raised.
    """
    global _context
    workers = min(usable_cores(), 8)
    if len(items) < min_items or workers < 2:
        return function(context, list(items))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if "fork" not in multiprocessing.get_all_start_methods():
        return function(context, list(items))
    size = max(25, -(-len(items) // (workers * 4)))
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    _context = context
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run_chunk, (function, chunk)) for chunk in chunks]
            done: list[list[Result] | None] = []
            for future in futures:
                try:
                    done.append(future.result())
                except BrokenProcessPool:
                    done.append(None)
        results: list[Result] = []
        for chunk, chunk_results in zip(chunks, done, strict=True):
            if chunk_results is None:
                chunk_results = [result for item in chunk for result in _alone_or_lost(function, item, on_lost)]
            results.extend(chunk_results)
        return results
    finally:
        _context = None


def _alone_or_lost(
    function: Callable[[Any, list[Item]], list[Result]],
    item: Item,
    on_lost: Callable[[Item, BaseException], list[Result]] | None,
) -> list[Result]:
    try:
        return _run_alone(function, item)
    except WorkerDied as died:
        if on_lost is None:
            raise
        return on_lost(item, died)
