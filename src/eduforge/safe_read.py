"""Reading the project's small side files (package.json, tsconfig.json, a host's redirects, .gitignore).

A FIFO, a device or a link to ``/dev/zero`` can stand where such a file is expected: ``read_text``
would wait for a writer that never comes, or read forever.  :func:`read_regular` opens the file
without blocking, checks what it is once open, and reads at most ``limit`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_SIDE_FILE_BYTES = 16 * 1024 * 1024
"""Far above any real tsconfig.json, vercel.json or .gitignore; a larger one is not read."""


def read_regular(file: Path, limit: int = MAX_SIDE_FILE_BYTES) -> bytes | None:
    """The bytes of ``file`` when it is a regular file of at most ``limit`` bytes, else ``None``."""
    try:
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:  # a folder, a FIFO, a device
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if len(data) <= limit else None


def read_regular_text(file: Path, limit: int = MAX_SIDE_FILE_BYTES) -> str | None:
    """:func:`read_regular` as UTF-8 text (a BOM dropped, line ends as written), ``None`` when not UTF-8."""
    data = read_regular(file, limit)
    try:
        return data.decode("utf-8-sig") if data is not None else None
    except UnicodeDecodeError:
        return None
