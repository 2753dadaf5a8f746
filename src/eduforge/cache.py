"""The page cache: what reading a page taught us, keyed by the file's content.

One file, ``pages-<key>.marshal`` in the cache folder, where ``<key>`` hashes the
eduforge version, the settings and the schema files: change any of them and
the cache is simply not found.  Entries hold only plain data (``marshal``, never
``pickle``: a cache folder committed by a hostile pull request must not run
code), are matched by a BLAKE2 digest of the file's bytes, and are written
atomically.  Link checks are never cached: they are recomputed from the cached
facts of every page on each run, so a changed heading re-checks every page
linking to it.  A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from eduforge import __version__
from eduforge.config import Settings
from eduforge.problem import Problem
from eduforge.site.frontmatter import Frontmatter, LoadIssue
from eduforge.site.markdown import BodyFacts, Heading, Link
from eduforge.site.page import Page

FORMAT = 7
State = tuple[Any, ...]
"""A page as plain data: what the cache stores and what worker processes send back."""


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def encode(page: Page) -> State:
    """What the site-wide rules need of a page: never the frontmatter data or body."""
    facts = page.facts
    return (
        page.source_id,
        page.slug,
        page.locale,
        page.url,
        page.title,
        page.draft,
        page.slug_line,
        tuple(sorted(page.anchors)),  # what links *to* the page need: kept out of the packed part
        (
            [tuple(vars(issue).values()) for issue in page.issues],
            [tuple(heading) for heading in facts.headings],
            sorted(facts.ids),
            [tuple(link) for link in facts.links],
            [(p.path, p.line, p.column, p.rule, p.message) for p in page.local_problems],
            {line: None if rules is None else tuple(sorted(rules)) for line, rules in page.suppressions.items()},
        ),
    )


def decode(state: State, file: str, path: str) -> Page:
    """A page from its State; its reading fields are unpacked one by one on first use."""
    source_id, slug, locale, url, title, draft, slug_line, anchors, packed = state
    page = Page(
        filename=file,
        path=path,
        source_id=source_id,
        slug=slug,
        locale=locale,
        url=url,
        frontmatter=Frontmatter(None, None, 1, ""),
        title=title,
        draft=draft,
        slug_line=slug_line,
    )
    page.packed = _Packed(packed)
    page.__dict__["anchors"] = frozenset(anchors)  # the cached_property's slot: no unpacking for anchor checks
    return page


class _Packed:
    """The reading fields of a cached page, as stored: a warm run unpacks only what it reads."""

    __slots__ = ("clean", "data")

    def __init__(self, data: tuple[Any, ...]) -> None:
        self.data = data
        self.clean = not (data[0] or data[4])
        """No load issue and no page-local problem: nothing to report from reading it."""

    def unpack(self, name: str) -> Any:
        issues, headings, ids, links, problems, suppressions = self.data
        if name == "facts":
            return BodyFacts(list(map(Heading._make, headings)), set(ids), list(map(Link._make, links)))
        if name == "issues":
            return [LoadIssue(*issue) for issue in issues]
        if name == "local_problems":
            return [Problem(*p) for p in problems]
        return {line: None if rules is None else frozenset(rules) for line, rules in suppressions.items()}


def cache_key(settings: Settings, schema_files: list[Path]) -> str:
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{FORMAT}|{__version__}|{settings!r}".encode())
    for file in sorted(schema_files):
        try:
            h.update(file.read_bytes())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


DELTA_LIMIT = 200
"""Changed entries kept in the delta file before the main file is rewritten."""
STAT_TRUST_NS = 2_000_000_000
"""A file changed less than this before it was read may change again within one mtime tick:
its size and mtime are not trusted next time (git's "racy" entries)."""


class PageCache:
    """``path -> (size, mtime_ns, digest, state)``, loaded once and saved once per run.

    An entry whose size and mtime match the file is used without reading it;
    otherwise the file is read and its digest decides.
    """

    def __init__(self, folder: Path | None, key: str) -> None:
        self.file = folder / f"pages-{key}.marshal" if folder else None
        self.entries: dict[str, tuple[bytes, State]] = {}
        self.changed = False
        self.warning: str | None = None
        self.memo_files: dict[str, bool] = {}
        self.delta: dict[str, Any] = {}
        self.changed_paths: set[str] = set()
        if self.file is not None:
            self._load()

    def _load(self) -> None:
        assert self.file is not None
        try:
            gc_was_enabled = gc.isenabled()
            gc.disable()  # a million small objects: collecting while loading triples the time
            try:
                entries = marshal.loads(self.file.read_bytes())
            finally:
                if gc_was_enabled:
                    gc.enable()
        except FileNotFoundError:
            return
        except (OSError, EOFError, ValueError, TypeError) as error:
            self.warning = f"ignoring unreadable cache {self.file}: {error}"
            return
        if isinstance(entries, dict):
            self.entries = entries
            self.entries.update(self._read_delta())

    # -- the delta file -----------------------------------------------------------
    # A pre-commit run changes a page or two: rewriting megabytes for that would cost
    # more than the run.  Small changes go to a small file beside the big one, merged
    # on load and folded in when it grows.
    def _delta_file(self) -> Path:
        assert self.file is not None
        return self.file.with_name(self.file.name.replace("pages-", "delta-"))

    def _read_delta(self) -> dict[str, Any]:
        try:
            delta = marshal.loads(self._delta_file().read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        self.delta = delta if isinstance(delta, dict) else {}
        return self.delta

    def has(self, path: str) -> bool:
        return path in self.entries

    def by_stat(self, path: str, size: int, mtime_ns: int) -> State | None:
        entry = self.entries.get(path)
        if isinstance(entry, tuple) and len(entry) == 4 and entry[0] == size and entry[1] == mtime_ns:
            return entry[3]
        return None

    def by_digest(self, path: str, file_digest: bytes, size: int, mtime_ns: int) -> State | None:
        entry = self.entries.get(path)
        if isinstance(entry, tuple) and len(entry) == 4 and entry[2] == file_digest:
            self.put(path, file_digest, entry[3], size, mtime_ns)  # refresh the stat for next time
            return entry[3]
        return None

    def put(self, path: str, file_digest: bytes, state: State, size: int, mtime_ns: int) -> None:
        trusted = mtime_ns < time.time_ns() - STAT_TRUST_NS
        self.entries[path] = (size if trusted else -1, mtime_ns, file_digest, state)
        self.changed = True
        self.changed_paths.add(path)

    def digest_of(self, path: str) -> bytes:
        entry = self.entries.get(path)
        return entry[2] if isinstance(entry, tuple) and len(entry) == 4 else b""

    # -- the site-check memo ----------------------------------------------------
    # Link checks depend on every page and on which linked files exist.  When no
    # page changed (same fingerprint) and every remembered file still exists or
    # not as before, last run's link problems are still true.
    def _memo_file(self) -> Path | None:
        return self.file.with_name(self.file.name.replace("pages-", "links-")) if self.file else None

    def load_memo(self, fingerprint: bytes) -> dict[str, list[tuple[Any, ...]]]:
        memo_file = self._memo_file()
        if memo_file is None:
            return {}
        try:
            memo = marshal.loads(memo_file.read_bytes())
            if not isinstance(memo, dict) or memo.get("fingerprint") != fingerprint:
                return {}
            if any(os.path.isfile(name) != existed for name, existed in memo["files"].items()):
                return {}
            self.memo_files = dict(memo["files"])
            return dict(memo["problems"])
        except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def save_memo(self, fingerprint: bytes, files: dict[str, bool], problems: dict[str, list[tuple[Any, ...]]]) -> None:
        memo_file = self._memo_file()
        if memo_file is None:
            return
        document = {"fingerprint": fingerprint, "files": {**self.memo_files, **files}, "problems": problems}
        with contextlib.suppress(OSError):  # the memo is an optimisation only
            _atomic_write(memo_file, marshal.dumps(document))

    def save(self, keep: set[str]) -> None:
        """Write the entries of the pages that still exist, atomically; drop older cache files."""
        if self.file is None or not (self.changed or set(self.entries) - keep):
            return
        try:
            removed = set(self.entries) - keep
            if not removed and len(self.delta) + len(self.changed_paths) <= DELTA_LIMIT and self.file.exists():
                delta = {**self.delta, **{path: self.entries[path] for path in self.changed_paths}}
                _atomic_write(self._delta_file(), marshal.dumps(delta))
                return
            entries = {path: entry for path, entry in self.entries.items() if path in keep}
            _atomic_write(self.file, marshal.dumps(entries))
            self._delta_file().unlink(missing_ok=True)
            for old in self.file.parent.glob("*-*.marshal"):
                if old.name.split("-", 1)[1] != self.file.name.split("-", 1)[1]:
                    old.unlink(missing_ok=True)
        except OSError as error:
            self.warning = f"cache not saved ({error.strerror or error}); eduforge works without it"


def _atomic_write(file: Path, data: bytes) -> None:
    """Write to a temporary file beside ``file``, then rename: readers never see half a file."""
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, file)
    except BaseException:
        os.unlink(temporary)
        raise
