"""Progress of a long URL check on stderr: a redrawn line on a terminal, a line now and then elsewhere."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

#: Seconds between the progress lines written where stderr is not a terminal (CI logs).
PLAIN_EVERY = 5.0


class Progress:
    """``checking external URLs 120/2000, 3 problems``.

    On a terminal the line is redrawn in place with ``\\r`` at most ``rate``
    times a second and :meth:`close` erases it.  Elsewhere (a CI log) a
    plain line is written every ``every`` seconds, naming the host with the
    most URLs left, so a long run is visibly alive and its bottleneck named;
    a run shorter than ``every`` writes nothing.
    """

    def __init__(
        self,
        total: int,
        *,
        enabled: bool,
        stream: TextIO | None = None,
        rate: float = 10.0,
        every: float = PLAIN_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._total = total
        self._clock = clock
        self._width = 0
        isatty = getattr(self._stream, "isatty", None)
        self._tty = bool(isatty is not None and isatty())
        self._interval = 1.0 / rate if self._tty else every
        self._last = float("-inf") if self._tty else clock()
        self.active = bool(enabled and total > 0)
        self.poll = min(self._interval, 1.0)
        """How often the caller should offer an update, in seconds."""

    def update(self, done: int, problems: int, busiest: Callable[[], tuple[str, int] | None] | None = None) -> None:
        if not self.active:
            return
        now = self._clock()
        if now - self._last < self._interval and (done < self._total or not self._tty):
            return
        self._last = now
        noun = "problem" if problems == 1 else "problems"
        if self._tty:
            text = f"checking external URLs {done}/{self._total}, {problems} {noun}"
            self._write("\r" + text.ljust(self._width))
            self._width = len(text)
            return
        text = f"eduforge: checked {done} of {self._total} external URLs, {problems} {noun}"
        slowest = busiest() if busiest is not None else None
        if slowest is not None:
            text += f"; slowest host: {slowest[0]} ({slowest[1]} left)"
        self._write(text + "\n")

    def close(self) -> None:
        if self.active and self._tty and self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            self.active = False
