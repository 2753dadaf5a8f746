"""Reading the project's small side files (package.json, tsconfig.json, a host's redirects, .gitignore).

A FIFO, a device or a link to ``/dev/zero`` can stand where such a file is expected: ``read_text``
would wait for a writer that never comes, or read forever.  :func:`read_regular` opens the file
without blocking, checks what it is once open, and reads at most ``limit`` bytes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

MAX_SIDE_FILE_BYTES = 16 * 1024 * 1024
"""Far above any real tsconfig.json, vercel.json or .gitignore; a larger one is not read."""


def open_regular(file: Path) -> BinaryIO:
    """``file`` opened for reading when it is a regular file, else OSError (ValueError: a NUL in the name).

    It is opened without blocking and checked once open, so a FIFO put in its place never makes the run
    wait (a plain open waits for a writer)."""
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # a folder, a FIFO, a device
            raise OSError(errno.EINVAL, "not a regular file", str(file))
    except OSError:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def read_regular(file: Path, limit: int = MAX_SIDE_FILE_BYTES) -> bytes | None:
    """The bytes of ``file`` when it is a regular file of at most ``limit`` bytes, else ``None``."""
    try:
        with open_regular(file) as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                return None
            data = handle.read(limit + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= limit else None


def read_regular_text(file: Path, limit: int = MAX_SIDE_FILE_BYTES) -> str | None:
    """:func:`read_regular` as UTF-8 text (a BOM dropped, line ends as written), ``None`` when not UTF-8."""
    data = read_regular(file, limit)
    try:
        return data.decode("utf-8-sig") if data is not None else None
    except UnicodeDecodeError:
        return None
