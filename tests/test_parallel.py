"""fork_map: results in order from forked processes, a pool's or one process per chunk (``fresh``)."""

from __future__ import annotations

import os
import signal

import pytest

import eduforge.parallel
from eduforge.parallel import FRESH_CHUNK, fork_map


@pytest.fixture(autouse=True)
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eduforge.parallel, "usable_cores", lambda: 2)


def _pid_and_double(factor: int, items: list[int]) -> list[tuple[int, int]]:
    return [(os.getpid(), item * factor) for item in items]


def _die_on_13(factor: int, items: list[int]) -> list[int]:
    if 13 in items and os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    return [item * factor for item in items]


PARENT = os.getpid()


@pytest.mark.parametrize("fresh", [False, True], ids=["pool", "fresh"])
def test_results_come_back_in_order_from_other_processes(fresh: bool) -> None:
    results = fork_map(_pid_and_double, list(range(1000)), 3, min_items=10, fresh=fresh)
    assert [value for _, value in results] == [3 * item for item in range(1000)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_fresh_runs_each_chunk_in_a_process_of_its_own() -> None:
    items = list(range(8 * FRESH_CHUNK + 1))  # 2 workers x 4 chunks would be larger: FRESH_CHUNK items each
    results = fork_map(_pid_and_double, items, 1, min_items=10, fresh=True)
    pids = [pid for pid, _ in results]
    chunks = [pids[i : i + FRESH_CHUNK] for i in range(0, len(pids), FRESH_CHUNK)]
    assert [len(set(chunk)) for chunk in chunks] == [1] * 9
    assert len({chunk[0] for chunk in chunks}) == 9


@pytest.mark.parametrize("fresh", [False, True], ids=["pool", "fresh"])
def test_a_dying_process_costs_only_the_item_that_kills_it(fresh: bool) -> None:
    lost: list[tuple[int, str]] = []

    def on_lost(item: int, error: BaseException) -> list[int]:
        lost.append((item, str(error)))
        return [-1]

    results = fork_map(_die_on_13, list(range(100)), 2, min_items=10, on_lost=on_lost, fresh=fresh)
    assert results == [-1 if item == 13 else 2 * item for item in range(100)]
    assert lost == [(13, "the worker process died (exit code -9)")]


def test_below_min_items_everything_runs_in_process() -> None:
    assert fork_map(_pid_and_double, [1, 2], 5, min_items=10, fresh=True) == [(os.getpid(), 5), (os.getpid(), 10)]
