"""A cache of URLs that answered 2xx, so unchanged links are not fetched every run.

One JSON file, ``<cache_dir>/external-urls.json``: ``{"version": 1,
"checked": {url: unix_time}, "anchors": {url: [id, ...]}}``.  Only
successes are stored; failures are always checked again.  ``anchors`` holds,
for pages fetched to check fragments (``check_fragments``), the page's ids:
a fragment's verdict is decided from them on every run, so a cached page
needs no request even when a new fragment into it appears.  Saving re-reads the file, merges, and replaces it
atomically (temporary file + ``os.replace``), so two runs sharing the
folder never leave a torn file: at worst one run's new entries are lost and
fetched again next time.  An unreadable or corrupt cache is ignored (one
warning on stderr) and rebuilt; a read-only one is used but not updated.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

FILE_NAME = "external-urls.json"
VERSION = 1


class UrlCache:
    def __init__(
        self,
        directory: Path,
        max_age: float,
        *,
        stderr: TextIO | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = directory / FILE_NAME
        self._max_age = max_age
        self._stderr = stderr
        self._clock = clock
        self._entries: dict[str, float] = {}
        self._new: dict[str, float] = {}
        self._anchors: dict[str, list[str]] = {}
        self._new_anchors: dict[str, list[str]] = {}
        self._warned = False

    def load(self) -> None:
        self._entries, self._anchors = self._read(warn=True)

    def fresh(self, url: str, *, anchors: bool = False) -> bool:
        """Whether ``url`` succeeded within ``max_age`` (and, with ``anchors``, its anchors are known)."""
        if anchors and url not in self._anchors:
            return False
        checked = self._entries.get(url)
        if checked is None:
            return False
        age = self._clock() - checked
        return 0 <= age <= self._max_age

    def anchors(self, url: str) -> frozenset[str] | None:
        found = self._anchors.get(url)
        return None if found is None else frozenset(found)

    def record(self, url: str, anchors: frozenset[str] | None = None) -> None:
        self._new[url] = self._clock()
        if anchors is not None:
            self._new_anchors[url] = sorted(anchors)

    def save(self) -> None:
        if not self._new:
            return
        now = self._clock()
        on_disk, on_disk_anchors = self._read(warn=False)
        merged = {url: when for url, when in on_disk.items() if 0 <= now - when <= self._max_age}
        merged.update(self._new)
        anchors = {url: ids for url, ids in on_disk_anchors.items() if url in merged}
        anchors.update(self._new_anchors)
        content: dict[str, object] = {"version": VERSION, "checked": merged}
        if anchors:
            content["anchors"] = anchors
        payload = json.dumps(content, separators=(",", ":"), sort_keys=True)
        directory = self.path.parent
        temp: str | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            ignore = directory / ".gitignore"
            if not ignore.exists():  # the folder may be shared with the page cache, or made by hand
                ignore.write_text("# created by eduforge\n*\n", encoding="utf-8")
            fd, temp = tempfile.mkstemp(prefix=".external-urls.", suffix=".tmp", dir=directory)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(temp, self.path)
            temp = None
            self._entries.update(self._new)
            self._anchors.update(self._new_anchors)
            self._new.clear()
            self._new_anchors.clear()
        except OSError as exc:
            why = exc.strerror or exc
            self._warn(f"could not write the URL cache {self.path} ({why}); URLs will be checked again next run")
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    def _read(self, *, warn: bool) -> tuple[dict[str, float], dict[str, list[str]]]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return {}, {}  # nothing cached yet; a bad folder is reported when saving
        except (OSError, UnicodeDecodeError) as exc:
            if warn:
                self._warn(f"ignoring the unreadable URL cache {self.path} ({getattr(exc, 'strerror', None) or exc})")
            return {}, {}
        try:
            data = json.loads(text)
            valid = isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("checked"), dict)
            if not valid:
                raise ValueError("unexpected content")
            anchors = data.get("anchors")
            return (
                {
                    str(url): float(when)
                    for url, when in data["checked"].items()
                    if isinstance(when, int | float) and not isinstance(when, bool)
                },
                {
                    str(url): [str(i) for i in ids]
                    for url, ids in (anchors.items() if isinstance(anchors, dict) else ())
                    if isinstance(ids, list)
                },
            )
        except (ValueError, RecursionError) as exc:
            if warn:
                why = "nested too deeply" if isinstance(exc, RecursionError) else exc
                self._warn(f"ignoring the corrupt URL cache {self.path} ({why}); it will be rebuilt")
            return {}, {}

    def _warn(self, text: str) -> None:
        if self._warned:
            return
        self._warned = True
        print(f"eduforge: warning: {text}", file=self._stderr or sys.stderr)
