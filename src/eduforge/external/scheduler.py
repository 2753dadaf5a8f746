"""Hands queued URLs to workers so that no host ever has too many in flight.

The global cap is the number of workers (one request at a time each); the
per-host cap is a counted slot per host.  A worker takes a URL together with
a slot for its host, so idle workers never sit blocked on a busy host while
URLs of other hosts wait: hosts are served round-robin among those with a
free slot.  A redirect to another host moves the slot (release, then wait
for one on the new host); a worker holds at most one slot, so this cannot
deadlock.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class HostScheduler(Generic[T]):
    def __init__(self, per_host: int) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self._per_host = per_host
        self._lock = threading.Lock()
        self._takers = threading.Condition(self._lock)
        self._movers: dict[str, threading.Condition] = {}
        self._waiting_movers: dict[str, int] = {}
        self._queues: dict[str, deque[T]] = {}
        self._active: dict[str, int] = {}
        self._ready: deque[str] = deque()
        self._in_ready: set[str] = set()
        self._pending = 0

    def put(self, host: str, item: T) -> None:
        self.put_many([(host, item)])

    def put_many(self, items: Iterable[tuple[str, T]]) -> None:
        """Queue ``(host, item)`` pairs under one lock round-trip."""
        with self._lock:
            for host, item in items:
                self._queues.setdefault(host, deque()).append(item)
                self._pending += 1
                self._mark_ready(host)
            self._takers.notify_all()

    def take(self, done: Slot | None = None) -> tuple[Slot, T] | None:
        """The next item with a slot held for its host; ``None`` once all are taken.

        ``done``, the slot of the caller's previous item, is released in the
        same critical section (one lock round-trip per URL).  Hosts with a
        free slot take turns, whichever worker asks: the workers share one
        connection pool, so a worker need not stay with a host to reuse its
        kept-alive connection, and hosts progress evenly (a worker sticking
        to its host would leave the hosts that started with fewer workers
        for a long tail at the end, when few hosts are left and the per-host
        cap idles the rest of the workers).
        """
        with self._lock:
            if done is not None and done.host is not None:
                host = done.host
                done.host = None
                self._release_locked(host)
            while True:
                while self._ready:
                    host = self._ready.popleft()
                    self._in_ready.discard(host)
                    if self._available(host):
                        return self._hand_out(host)
                if self._pending == 0:
                    return None
                self._takers.wait()

    def _available(self, host: str) -> bool:
        return bool(self._queues.get(host)) and self._active.get(host, 0) < self._per_host

    def _hand_out(self, host: str) -> tuple[Slot, T]:
        item = self._queues[host].popleft()
        self._active[host] = self._active.get(host, 0) + 1
        self._pending -= 1
        self._mark_ready(host)  # to the back: round-robin
        if self._pending == 0:
            self._takers.notify_all()
        return Slot(self, host), item

    def cancel(self) -> None:
        """Drop every queued item; waiting :meth:`take` calls return ``None``."""
        with self._lock:
            for queue in self._queues.values():
                queue.clear()
            self._ready.clear()
            self._in_ready.clear()
            self._pending = 0
            self._takers.notify_all()

    def busiest(self) -> tuple[str, int] | None:
        """The host with the most URLs queued or in flight, and that number (``None`` when all are done)."""
        with self._lock:
            counts = {host: len(queue) + self._active.get(host, 0) for host, queue in self._queues.items()}
        host = max(counts, key=counts.__getitem__, default=None)
        return None if host is None or not counts[host] else (host, counts[host])

    def active(self, host: str) -> int:
        with self._lock:
            return self._active.get(host, 0)

    def _acquire(self, host: str) -> None:
        with self._lock:
            if self._active.get(host, 0) >= self._per_host:
                mover = self._movers.setdefault(host, threading.Condition(self._lock))
                self._waiting_movers[host] = self._waiting_movers.get(host, 0) + 1
                try:
                    while self._active.get(host, 0) >= self._per_host:
                        mover.wait()
                finally:
                    self._waiting_movers[host] -= 1
            self._active[host] = self._active.get(host, 0) + 1

    def _release(self, host: str) -> None:
        with self._lock:
            self._release_locked(host)

    def _release_locked(self, host: str) -> None:
        self._active[host] -= 1
        if self._waiting_movers.get(host):
            # A redirected worker waiting for this host goes first.
            self._movers[host].notify()
            return
        self._mark_ready(host)
        if self._ready:
            self._takers.notify()

    def _mark_ready(self, host: str) -> None:
        if host not in self._in_ready and self._queues.get(host) and self._active.get(host, 0) < self._per_host:
            self._ready.append(host)
            self._in_ready.add(host)


class Slot:
    """A held place in one host's quota; move it on redirects, release it once."""

    __slots__ = ("_scheduler", "host")

    def __init__(self, scheduler: HostScheduler[Any], host: str | None) -> None:
        self._scheduler = scheduler
        self.host = host

    def move_to(self, host: str) -> None:
        if host == self.host:
            return
        self.release()
        self._scheduler._acquire(host)
        self.host = host

    def release(self) -> None:
        if self.host is not None:
            self._scheduler._release(self.host)
            self.host = None
