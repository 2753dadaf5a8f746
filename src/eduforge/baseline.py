"""Baselines: record today's problems, then report only new ones.

An entry is a problem's rule, its file (relative to the baseline file's folder, ``/`` separators) and a
fingerprint of the offending text: the problem's line with its spacing collapsed and what the message
says is wrong (before its first ``;``, numbers masked: a did-you-mean that changes as pages are added
does not count), hashed. Lines moving (text added above) or other lines changing leave it alone; editing
the offending line itself makes the problem new. Entries are counted: two same problems on two same
lines are two entries.

The file is JSON, sorted, one entry per line, so it diffs well in review::

    {"version": 1, "problems": [
      {"rule": "unknown-key", "path": "src/content/docs/a.md", "fingerprint": "3f1c…"},
      …]}
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eduforge.errors import PATH_ERRORS, UsageError
from eduforge.problem import Problem
from eduforge.site.page import decode_text, read_bytes

Entry = tuple[str, str, str]
"""``(rule, path, fingerprint)``."""


class Lines:
    """The lines of the files problems are in, read once each."""

    def __init__(self) -> None:
        self._files: dict[Path, list[str]] = {}

    def line(self, file: Path, number: int) -> str:
        if file not in self._files:
            raw, _ = read_bytes(file) if file.is_file() else (None, None)
            text, _ = decode_text(raw) if raw is not None else (None, None)
            self._files[file] = (text or "").split("\n")
        lines = self._files[file]
        return lines[number - 1] if 1 <= number <= len(lines) else ""


def entry(problem: Problem, root: Path, folder: Path, lines: Lines) -> Entry:
    """The baseline entry of a problem whose path is relative to ``root``."""
    file = root / problem.path
    text = " ".join(lines.line(file, problem.line).split())
    what = re.sub(r"[0-9]+", "0", problem.message.split("; ", 1)[0])
    key = f"{problem.rule}\0{text}\0{what}".encode("utf-8", "surrogateescape")
    fingerprint = hashlib.blake2b(key, digest_size=8)
    return problem.rule, Path(os.path.relpath(file, folder)).as_posix(), fingerprint.hexdigest()


def write(file: Path, entries: Iterable[Entry]) -> int:
    """Write the baseline atomically; the number of entries."""
    rows = sorted(entries)
    body = ",\n".join(
        "  " + json.dumps({"rule": rule, "path": path, "fingerprint": fp}, ensure_ascii=False)
        for rule, path, fp in rows
    )
    data = ('{"version": 1, "problems": [\n' + body + ("\n" if rows else "") + "]}\n").encode(
        "utf-8", "surrogateescape"
    )
    folder = Path(os.path.realpath(file)).parent  # Path.resolve raises on a link that loops
    import tempfile  # lazily: not every run needs it (start-up time)

    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{file.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # a file anyone may read, as the user's other files (mkstemp's is 0600)
        os.replace(temporary, file)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return len(rows)


def read(file: Path) -> Counter[Entry]:
    """The entries of a baseline file; a file that is not one is a usage error (exit 2)."""
    try:
        mode = file.stat().st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # a FIFO waits for a writer, /dev/zero never ends
            why = "not a regular file (a pipe or device?)"
            raise UsageError(f"--baseline {file}: {why}; give the baseline file --write-baseline wrote")
        document = json.loads(file.read_text(encoding="utf-8"))
        rows = document["problems"] if isinstance(document, dict) and document.get("version") == 1 else None
        if not isinstance(rows, list):
            raise ValueError("no version 1 problems list")
        return Counter((str(row["rule"]), str(row["path"]), str(row["fingerprint"])) for row in rows)
    except FileNotFoundError:
        raise UsageError(f"--baseline {file}: no such file; write one with --write-baseline {file}") from None
    except OSError as error:  # a link that loops, a folder, no permission: said in eduforge's words
        why = PATH_ERRORS.get(error.errno or 0) or ("a folder" if file.is_dir() else "it cannot be read")
        raise UsageError(f"--baseline {file}: {why}; give the baseline file --write-baseline wrote") from None
    except RecursionError:
        raise UsageError(
            f"--baseline {file}: not an eduforge baseline (its JSON is nested too deeply to read);"
            " write it with --write-baseline"
        ) from None
    except (ValueError, KeyError, TypeError) as error:
        raise UsageError(
            f"--baseline {file}: not an eduforge baseline ({error}); write it with --write-baseline"
        ) from None


@dataclass
class Filtered:
    problems: list[Problem]
    known: int
    """Problems left out because the baseline has them."""
    fixed: int
    """Baseline entries of the files reported on that no problem matches any more."""


def subtract(
    problems: list[Problem], root: Path, baseline: Counter[Entry], folder: Path, reported: set[str] | None
) -> Filtered:
    """The problems the baseline does not have; ``reported`` (paths as in the baseline, None: every file)
    limits which of the baseline's entries can have been fixed by this run."""
    left = Counter(baseline)
    lines = Lines()
    new, known = [], 0
    for problem in problems:
        key = entry(problem, root, folder, lines)
        if left[key] > 0:
            left[key] -= 1
            known += 1
        else:
            new.append(problem)
    fixed = sum(count for (_, path, _), count in left.items() if count > 0 and (reported is None or path in reported))
    return Filtered(new, known, fixed)
