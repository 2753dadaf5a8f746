"""Bytecode for the code under test, written before anything is timed.

``pip install eduforge`` writes the ``.pyc`` of every module at install time; an editable
checkout gets them on its first run, unless ``PYTHONDONTWRITEBYTECODE`` is set (as on some CI
machines and sandboxes), and then every run compiles all of eduforge from source: about
0.35 s of CPU per process on the bench machine, more than the whole commit-hook run.  Timing
that would measure the checkout, not what users wait for.  ``py_compile`` writes the files
whatever the variable says.
"""

from __future__ import annotations

import compileall
from pathlib import Path


def compile_sources(src: Path) -> None:
    """Write (or refresh) the ``__pycache__`` of every module under ``src``, quietly."""
    if not compileall.compile_dir(str(src), quiet=1):
        raise SystemExit(f"cannot compile the Python sources under {src}")
