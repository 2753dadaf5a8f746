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


POOL_CHUNK = 1000
"""The most items a pool worker takes at once: its results are held (and pickled) whole until sent, and
arrive in the main process in one piece."""
FRESH_CHUNK = 2500
"""The most items a process forked for one chunk takes (``fork_map(fresh=True)``): fewer bound what it
copies of the parent, more share the cost of a fork (~10 ms for a parent of 1 GB)."""


class WorkerDied(Exception):
    """A worker process ended without a result (killed, out of memory, a crash in C code)."""


def _run_chunk(job: tuple[Callable[[Any, list[Any]], list[Any]], list[Any]]) -> list[Any]:
    function, chunk = job
    return function(_context, chunk)


def _run_alone(function: Callable[[Any, list[Item]], list[Result]], item: Item) -> list[Result]:
    """``function(context, [item])`` in a forked process of its own; ``WorkerDied`` if it dies."""
    [result] = _fresh_processes(function, [[item]], 1)
    if isinstance(result, WorkerDied):
        raise result
    return result


def _fresh_processes(
    function: Callable[[Any, list[Item]], list[Result]], chunks: list[list[Item]], workers: int
) -> list[list[Result] | WorkerDied]:
    """``function(context, chunk)`` for each chunk in a process forked for it alone, ``workers`` at a
    time; ``WorkerDied`` for a chunk whose process died.

    A process that ends after one chunk holds only what that chunk touched of the parent's memory: a
    long-lived pool worker ends up with a private copy of every page of the parent it ever read
    (reference counts write to the objects they count, and a written page is copied), one copy per worker.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    fork = multiprocessing.get_context("fork")
    results: list[list[Result] | WorkerDied] = []
    running: dict[Any, tuple[int, Any, Any]] = {}
    try:
        while len(results) < len(chunks) or running:
            while len(results) < len(chunks) and len(running) < workers:
                receiver, sender = fork.Pipe(duplex=False)
                chunk = chunks[len(results)]
                process = fork.Process(target=_send_result, args=(function, chunk, sender), daemon=True)
                process.start()
                sender.close()
                running[receiver] = (len(results), process, receiver)
                results.append(WorkerDied("not run"))
            for ready in wait(list(running)):
                index, process, receiver = running.pop(ready)
                try:
                    results[index] = receiver.recv()
                except (EOFError, OSError):  # it died before sending all of its results
                    process.join()
                    results[index] = WorkerDied(f"the worker process died (exit code {process.exitcode})")
                finally:
                    receiver.close()
                process.join()
    finally:  # interrupted (Ctrl-C): no process is left running
        for _, process, receiver in running.values():
            process.terminate()
            process.join()
            receiver.close()
    return results


def _send_result(function: Callable[[Any, list[Any]], list[Any]], chunk: list[Any], sender: Any) -> None:
    sender.send(function(_context, chunk))
    sender.close()


def fork_map(
    function: Callable[[Any, list[Item]], list[Result]],
    items: Sequence[Item],
    context: Any,
    *,
    min_items: int,
    on_lost: Callable[[Item, BaseException], list[Result]] | None = None,
    fresh: bool = False,
) -> list[Result]:
    """``function(context, chunk)`` over chunks of ``items``, results in order.

    ``function`` must be a module-level function (it is sent to the workers by name).
    When a worker process dies, the items of the chunks it took down are run again one
    by one, each in a process of its own, and ``on_lost(item, error)`` stands for the
    result of an item that kills that process too; without ``on_lost``, ``WorkerDied``
    is raised.

    ``fresh``: each chunk (of at most ``FRESH_CHUNK`` items) runs in a process forked for it
    alone, for work that reads much of a large ``context`` (see :func:`_fresh_processes`);
    otherwise a pool of workers forked once takes the chunks.
    """
    global _context
    if not items:  # no chunk to call function on (a chunk is never empty)
        return []
    workers = min(usable_cores(), 8)
    if len(items) < min_items or workers < 2:
        return function(context, list(items))
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return function(context, list(items))
    size = min(max(25, -(-len(items) // (workers * 4))), FRESH_CHUNK if fresh else POOL_CHUNK)
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    _context = context
    try:
        done: list[list[Result] | None]
        if fresh:
            ran = _fresh_processes(function, chunks, workers)
            done = [None if isinstance(result, WorkerDied) else result for result in ran]
        else:
            done = _in_pool(function, chunks, workers)
        results: list[Result] = []
        for chunk, chunk_results in zip(chunks, done, strict=True):
            if chunk_results is None:
                chunk_results = [result for item in chunk for result in _alone_or_lost(function, item, on_lost)]
            results.extend(chunk_results)
        return results
    finally:
        _context = None


def _in_pool(
    function: Callable[[Any, list[Item]], list[Result]], chunks: list[list[Item]], workers: int
) -> list[list[Result] | None]:
    """The chunks' results from a pool of ``workers`` forked processes; None for the chunks lost when
    a worker died (the pool is broken from then on)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: list[list[Result] | None] = []
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_run_chunk, (function, chunk)) for chunk in chunks]
        for future in futures:
            try:
                done.append(future.result())
            except BrokenProcessPool:
                done.append(None)
    return done


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
