"""A one-line progress display on stderr, only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """``checking external URLs 120/2000, 3 problems`` redrawn in place with ``\\r``.

    Draws nothing at all unless ``enabled`` and the stream is a TTY, so CI
    logs and JSON output stay clean.  Redraws at most ``rate`` times a
    second; :meth:`close` erases the line.
    """

    def __init__(
        self,
        total: int,
        *,
        enabled: bool,
        stream: TextIO | None = None,
        rate: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._total = total
        self._interval = 1.0 / rate
        self._clock = clock
        self._last = float("-inf")
        self._width = 0
        isatty = getattr(self._stream, "isatty", None)
        self.active = bool(enabled and total > 0 and isatty is not None and isatty())

    def update(self, done: int, problems: int) -> None:
        if not self.active:
            return
        now = self._clock()
        if done < self._total and now - self._last < self._interval:
            return
        self._last = now
        noun = "problem" if problems == 1 else "problems"
        text = f"checking external URLs {done}/{self._total}, {problems} {noun}"
        self._write("\r" + text.ljust(self._width))
        self._width = len(text)

    def close(self) -> None:
        if self.active and self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            self.active = False
