"""The page cache: what reading a page taught us, keyed by the file's content.

Files in the cache folder are named ``<kind>-<key>``, where ``<key>`` hashes the
eduforge version, the cache FORMAT, the settings and the schema files (with every
file their ``$ref``s reach): change any of them and the cache is simply not found.
A run reads only what it needs (see :class:`PageCache`):

* the **site index** (``pages-``): every page's URL, slug, locale, title, draft,
  anchors, sidebar key and stat stamp: what other pages' link checks need;
* the **records** (``records-<key>.<generation>.bin``): each page's own reading
  (load issues, headings, links, problems, suppressions), at an offset the index
  names, read only for the pages a run reports on: a commit-hook run reads one;
* the **delta** (``delta-``), the **folder listings** (``folders-``), and the
  link and sidebar memos (``links-``, ``sidebar-``, see engine.py).

Entries hold only plain data (``marshal``, never ``pickle``), are matched by the
file's size and stat stamp (mtime, ctime, inode), else by a BLAKE2 digest of its
bytes, and are written atomically, with a ``.gitignore`` of ``*`` beside them.

The cache must never lie: every file is sealed (a bounded size and a keyed BLAKE2b
MAC, with a key kept outside the project) and every record carries its own MAC
(over the cache key, its page's path and content digest); nothing is unmarshalled
before its seal is verified.  A truncated, corrupted or hand-made file (a committed
cache folder in a pull request) is a miss, never a verdict: a page whose record
fails is read again, and the next save rewrites the cache whole.  A cache that
cannot be read or written is ignored.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import json
import marshal
import os
import time
import weakref
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple
from urllib.parse import unquote

from eduforge import __version__
from eduforge.config import Settings
from eduforge.problem import Problem
from eduforge.safe_read import open_regular
from eduforge.site.frontmatter import Frontmatter, LoadIssue
from eduforge.site.index import url_key
from eduforge.site.markdown import BodyFacts, Heading, Link
from eduforge.site.page import Page, Reading, RecordSource

FORMAT = 14  # 12: frontmatter URLs at their own column; 13: a site index + page records; 14: the lookup file
Ident = tuple[Any, ...]
"""What other pages' checks need of a page, kept in the site index: ``(source_id, slug, locale, url,
title, draft, slug_line, anchors, sidebar key, clean)``."""
Record = tuple[Any, ...]
"""What only the page's own report needs, loaded on demand: ``(issues, headings, ids, links,
problems, suppressions)``; kept marshalled (bytes) until used: a third of the memory of the objects."""
State = tuple[Ident, bytes]
"""A page as plain data: what the cache stores and what worker processes send back."""
_IDENT_SIZE = 10


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def encode(page: Page) -> State:
    """A page as plain data: its identity and anchors for the site index, its reading as a marshalled
    record; never the frontmatter data or body."""
    facts = page.facts
    record = (
        [tuple(vars(issue).values()) for issue in page.issues],
        [tuple(heading) for heading in facts.headings],
        sorted(facts.ids),
        [tuple(link) for link in facts.links],
        [p.as_tuple() for p in page.local_problems],
        {line: None if rules is None else tuple(sorted(rules)) for line, rules in page.suppressions.items()},
    )
    ident = (
        page.source_id,
        page.slug,
        page.locale,
        page.url,
        page.title,
        page.draft,
        page.slug_line,
        tuple(sorted(page.anchors)),
        sidebar_key(page),
        not (page.issues or page.local_problems),
    )
    return ident, marshal.dumps(record)


def sidebar_key(page: Page) -> bytes:
    """A digest of what the sidebar rules read of a page: its identity, and of its frontmatter
    ``sidebar``, ``template`` and where ``title`` is (``orphan-page`` points there)."""
    frontmatter = page.frontmatter
    data = frontmatter.data or {}
    facts = (
        (page.path, page.slug, page.locale, page.url, page.draft, page.title),
        (data.get("sidebar"), data.get("template"), frontmatter.key_positions.get(("title",))),
    )
    return hashlib.blake2b(repr(facts).encode(), digest_size=8).digest()


def decode(state: State, file: str, path: str) -> Page:
    """A page from its State (as a worker sent it): every field at hand."""
    ident, record = state
    return _page(ident, file, path, _Inline(record))


def _page(ident: Ident, file: str, path: str, record: RecordSource) -> Page:
    source_id, slug, locale, url, title, draft, slug_line, anchors, sidebar, clean = ident
    # positional, in Page's field order: five times faster than keywords, and a commit-hook run makes 50,000
    return Page(
        file,
        path,
        source_id,
        slug,
        locale,
        url,
        _NO_FRONTMATTER,
        title,
        draft,
        slug_line,
        anchors,
        sidebar,
        clean,
        record,
    )


_NO_FRONTMATTER = Frontmatter(None, None, 1, "")


def unpack(record: Record | bytes) -> Reading:
    """A record's plain data (or its marshalled bytes) as the page's reading fields."""
    data: Record = marshal.loads(record) if isinstance(record, bytes) else record
    issues, headings, ids, links, problems, suppressions = data
    return (
        BodyFacts(list(map(Heading._make, headings)), set(ids), list(map(Link._make, links))),
        [LoadIssue(*issue) for issue in issues],
        [Problem.from_tuple(p) for p in problems],
        {line: None if rules is None else frozenset(rules) for line, rules in suppressions.items()},
    )


class _Inline:
    """A record at hand, marshalled (a page just read, or one from the delta file)."""

    __slots__ = ("record",)

    def __init__(self, record: bytes) -> None:
        self.record = record

    def load(self) -> Reading:
        return unpack(self.record)


class _Stored:
    """A record in the records file, read and verified on first use; a record that cannot be
    trusted is a miss: the page is read again (``PageCache.reread``)."""

    __slots__ = ("cache", "entry", "path")

    def __init__(self, cache: PageCache, path: str, entry: tuple[Any, ...]) -> None:
        self.cache, self.path, self.entry = cache, path, entry

    def load(self) -> Reading:
        record = self.cache.read_record(self.path, self.entry)
        if record is not None:
            return unpack(record)
        return self.cache.reread(self.path)


def cache_key(settings: Settings, schema_files: list[Path]) -> str:
    """What every cached verdict depends on: version, settings, and the bytes of every schema file
    in use, with every local file their ``$ref``s reach (in subfolders too)."""
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{FORMAT}|{__version__}|{settings!r}".encode())
    for file in _with_refs(schema_files):
        h.update(str(file).encode("utf-8", "surrogateescape") + b"\0")
        try:
            h.update(file.read_bytes() if file.is_file() else b"not a file")
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


MAX_SCHEMA_FILES = 1000


def _with_refs(files: list[Path]) -> list[Path]:
    """``files`` and the local files their ``$ref`` values name, followed transitively (bounded)."""
    found: dict[Path, None] = dict.fromkeys(files)
    queue = list(files)
    while queue and len(found) < MAX_SCHEMA_FILES:
        file = queue.pop()
        try:
            document = json.loads(file.read_bytes()) if file.is_file() else None
        except (OSError, ValueError, RecursionError):
            continue
        for ref in _refs(document):
            target = ref.split("#", 1)[0]
            if not target or "://" in target or target.startswith("urn:"):
                continue
            linked = (file.parent / unquote(target)).resolve()
            if linked not in found:
                found[linked] = None
                queue.append(linked)
    return sorted(found)


def _refs(document: Any) -> Iterator[str]:
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                yield ref
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


_ABSENT = "absent"
"""A delta without folders: the lookup file's are current."""
DELTA_LIMIT = 200
"""Changed entries kept in the delta file before the main file is rewritten."""
STAT_TRUST_NS = 2_000_000_000
"""A file changed less than this before it was read may change again within one mtime tick:
its stat is not trusted next time (git's "racy" entries)."""


def stat_stamp(stat: os.stat_result) -> int:
    """What the stat shortcut compares besides the size: mtime, ctime, inode and device, hashed.

    A restored mtime (``touch -d``, ``cp -p``, an editor keeping times) still changes the
    ctime; a file replaced by another changes the inode.  -1 for a file changed too
    recently to be trusted next time.
    """
    if max(stat.st_mtime_ns, stat.st_ctime_ns) >= time.time_ns() - STAT_TRUST_NS:
        return -1
    # the hash of a tuple of ints is the same in every process (only str and bytes hashes are salted)
    return hash((stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)) & 0x3FFF_FFFF_FFFF_FFFF


# -- the sealed file format ---------------------------------------------------------------
# magic | payload length (8 bytes) | keyed BLAKE2b of (kind, cache key, payload) | payload.
# Nothing is unmarshalled before the size is bounded and the MAC verified: a truncated, bit-
# flipped or hand-made file (committed by a pull request) is a miss, never a verdict.  The MAC
# key is a secret of this user on this machine, outside the project, so a file made
# elsewhere can never be verified here.
MAGIC = b"eduforge-cache\x00" + bytes([FORMAT])
MAC_SIZE = 32
MAX_CACHE_BYTES = 512 * 1024 * 1024
"""The most a cache file may be: a load never allocates more than this (and what it unmarshals)."""
_HEADER = len(MAGIC) + 8 + MAC_SIZE


def _secret_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eduforge" / "cache-secret"


_SECRET: bytes | None = None


def secret() -> bytes:
    """This user's cache MAC key (32 random bytes, made once, mode 0600); a per-process one if none can be kept."""
    global _SECRET
    if _SECRET is None:
        _SECRET = _load_secret()
    return _SECRET


def _load_secret() -> bytes:
    file = _secret_file()
    try:
        key = file.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = os.urandom(32)
    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        import tempfile  # lazily: not every run needs it (start-up time)

        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".cache-secret-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(key)
        try:
            os.link(temporary, file)  # never replaces a key another process made first
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
        kept = file.read_bytes()
        return kept if len(kept) == 32 else key
    except OSError:
        return key


def _mac(kind: str, key: str, payload: bytes) -> bytes:
    h = hashlib.blake2b(key=secret(), digest_size=MAC_SIZE, person=b"eduforge-cache")
    h.update(f"{kind}|{key}|{len(payload)}|".encode())
    h.update(payload)
    return h.digest()


def seal(kind: str, key: str, value: Any) -> bytes:
    payload = marshal.dumps(value)
    return MAGIC + len(payload).to_bytes(8, "big") + _mac(kind, key, payload) + payload


def unseal(data: bytes, kind: str, key: str) -> Any:
    """The value sealed in ``data``; raises :class:`CacheDoubt` at the least doubt."""
    if len(data) < _HEADER or not data.startswith(MAGIC):
        raise CacheDoubt("not an eduforge cache file of this version")
    size = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 8], "big")
    payload = data[_HEADER:]
    if size != len(payload):
        raise CacheDoubt("truncated")
    if not hmac.compare_digest(data[len(MAGIC) + 8 : _HEADER], _mac(kind, key, payload)):
        raise CacheDoubt("checksum mismatch")
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a million small objects: collecting while loading triples the time
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError) as error:
        raise CacheDoubt(str(error)) from None
    finally:
        if len(payload) >= FREEZE_FROM:
            # what was loaded holds no cycles: never scanning it again saves a quarter of a commit-hook run
            gc.freeze()
        if gc_was_enabled:
            gc.enable()


FREEZE_FROM = 8 * 1024 * 1024
"""Payloads this large (a site of thousands of pages) are moved out of the cyclic collector's sight."""


class CacheDoubt(Exception):
    """A cache file that cannot be trusted: it is a miss."""


def read_sealed(file: Path, kind: str, key: str) -> Any:
    """The value in a sealed file; None when it does not exist; :class:`CacheDoubt` when it cannot be trusted."""
    try:
        with open_regular(file) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_CACHE_BYTES:
                raise CacheDoubt(f"larger than {MAX_CACHE_BYTES // 1024 // 1024} MB")
            data = stream.read(MAX_CACHE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CacheDoubt(error.strerror or str(error)) from None
    return unseal(data, kind, key)


def _entry_ok(entry: Any) -> bool:
    """An index entry ``(size, stamp, digest, ident, offset, length)`` or a delta entry
    ``(size, stamp, digest, ident, record)``, as plain data of the right shape."""
    return (
        isinstance(entry, tuple)
        and len(entry) in (5, 6)
        and isinstance(entry[0], int)
        and isinstance(entry[1], int)
        and isinstance(entry[2], bytes)
        and isinstance(entry[3], tuple)
        and len(entry[3]) == _IDENT_SIZE
        and (
            isinstance(entry[4], bytes) if len(entry) == 5 else isinstance(entry[4], int) and isinstance(entry[5], int)
        )
    )


class LinkMemo(NamedTuple):
    """The link checks of a run, as remembered."""

    site: dict[str, tuple[str, bytes]]
    """Every page then: path → (URL key, content digest)."""
    pages: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]
    """Checked pages: path → (the URL keys its checks looked up, its problems as tuples)."""


class SidebarMemo(NamedTuple):
    """The sidebar rules' results, as remembered (see engine.py)."""

    key: bytes
    """What they depend on: the routes and every page's sidebar key, hashed."""
    problems: list[tuple[Any, ...]]
    notes: list[str]
    files: dict[str, bool]
    state: tuple[Any, ...]
    """The cache's :meth:`PageCache.state` they were last known true of (what a commit-hook run checks)."""


RECORD_MAC = 16
MAX_RECORD_BYTES = 64 * 1024 * 1024


class PageCache:
    """The page cache of one run: a small site index, per-page records read on demand, the memos.

    * ``pages-<key>.marshal``, the **site index**: for every page ``(size, stat stamp, digest,
      ident, offset, length)``; ``ident`` is what other pages' checks need of it (URL, slug,
      locale, title, draft, anchors, the sidebar key) and ``offset, length`` its record's place
      in the records file.  An entry whose size and stat stamp (:func:`stat_stamp`) match the
      file is used without reading it; otherwise the file is read and its digest decides.
    * ``records-<key>.<generation>.bin``: each page's record (load issues, headings, links,
      problems, suppressions), each with its own MAC, read only for the pages a run reports.
      A new generation is written before the index that names it: readers never mix them.
    * ``delta-<key>.marshal``: what changed since the index was written (entries with their
      records inline, and pages gone), so a commit-hook run writes kilobytes, not the site.
    * ``links-<key>.marshal`` and ``sidebar-<key>.marshal``: the link and sidebar memos (engine.py).
    """

    def __init__(self, folder: Path | None, key: str, lazy: bool = False) -> None:
        self.file = folder / f"pages-{key}.marshal" if folder else None
        self.key = key
        self.entries: dict[str, tuple[Any, ...]] = {}
        self.warning: str | None = None
        self.memo_files: dict[str, bool] = {}
        self.delta: dict[str, Any] = {}
        self.changed_paths: set[str] = set()
        self.heal = False
        """The index or a record was not trusted: the next save rewrites them whole."""
        self.generation = ""
        self.delta_id = ""
        """Names the delta file's contents (new each write): with ``generation``, the state the memos were made on."""
        self.lookup: Lookup | None = None
        """Lazy mode (the commit hook): the site index looked up entry by entry (see :class:`Lookup`)."""
        self._records: BinaryIO | None = None
        self._reader: Callable[[str], Reading] | None = None
        self._memo: dict[str, Any] | None = None
        self.listings = FolderListings(self._memo_file("folders"), key) if self.file is not None else None
        """What each content folder held last time (see :class:`FolderListings`)."""
        self.sidebar_changed = False
        self.relisted = False
        """A folder was listed again this run (it changed): the delta records the folders anew."""
        self.delta_folders: Any = _ABSENT
        """The delta's folders when it has them (they replace the lookup file's), else ``_ABSENT``."""
        self.folders: dict[str, int] | None = None
        """Every content folder walked (content-relative, ``""`` the root, else ending in ``/``) and its
        stat stamp, set by the run; written into the lookup file, None when some folder has no stamp."""
        if self.file is not None and not (lazy and self._open_lookup()):
            self._load()

    def _load(self) -> None:
        assert self.file is not None
        try:
            index = read_sealed(self.file, "pages", self.key)
        except CacheDoubt as error:
            self.warning = f"ignoring the untrusted cache {self.file} ({error}); it is rebuilt"
            self.heal = True
            index = None
        if index is not None and not (isinstance(index, dict) and isinstance(index.get("pages"), dict)):
            self.heal, index = True, None
        if index is not None:
            generation = index.get("records")
            self.generation = generation if isinstance(generation, str) and generation.isalnum() else ""
            self._records = self._open_records(self.generation)
            # sealed by this code for this cache key (FORMAT is in it): the entries are as written
            self.entries = index["pages"] if self._records is not None else {}
            if self._records is None and index["pages"]:
                self.heal = True
        self._read_delta()

    def _records_file(self, generation: str) -> Path:
        assert self.file is not None
        return self.file.with_name(f"records-{self.key}.{generation}.bin")

    def _open_records(self, generation: str) -> BinaryIO | None:
        """The records file, kept open while this cache (and the pages loading from it) lives: a
        writer replacing it never pulls it away."""
        if not generation:
            return None
        try:
            stream = open_regular(self._records_file(generation))
        except OSError:
            return None
        weakref.finalize(self, stream.close)
        return stream

    def _record_mac(self, path: str, file_digest: bytes, payload: bytes) -> bytes:
        h = hashlib.blake2b(key=secret(), digest_size=RECORD_MAC, person=b"eduforge-record")
        h.update(f"{self.key}|{len(payload)}|".encode())
        h.update(path.encode("utf-8", "surrogateescape") + b"\0" + file_digest)
        h.update(payload)
        return h.digest()

    def read_record(self, path: str, entry: tuple[Any, ...]) -> Record | None:
        """The verified record of an index entry, or None (then the next save heals the cache)."""
        offset, length = entry[4], entry[5]
        record: Any = None
        if self._records is not None and offset >= 0 and RECORD_MAC < length <= MAX_RECORD_BYTES:
            try:
                data = _read_at(self._records, offset, length)
            except (OSError, ValueError, OverflowError):
                data = b""
            payload = data[RECORD_MAC:]
            if len(data) == length and hmac.compare_digest(
                data[:RECORD_MAC], self._record_mac(path, entry[2], payload)
            ):
                with contextlib.suppress(EOFError, ValueError, TypeError):
                    record = marshal.loads(payload)
        if isinstance(record, tuple) and len(record) == 6:
            return record
        self.heal = True
        return None

    def reads_with(self, reader: Callable[[str], Reading]) -> None:
        """How to read a page again when its record cannot be trusted (engine.py: the real analysis)."""
        self._reader = reader

    def reread(self, path: str) -> Reading:
        if self._reader is None:
            return BodyFacts(), [], [], {}
        return self._reader(path)

    # -- the lookup file (lazy mode) ----------------------------------------------
    def _lookup_file(self) -> Path:
        assert self.file is not None
        return self.file.with_name(self.file.name.replace("pages-", "lookup-").replace(".marshal", ".bin"))

    def _open_lookup(self) -> bool:
        """Lazy mode: the lookup file's header, the records it names and the delta; never the index.
        False when there is no lookup file to trust (the index is then loaded whole)."""
        lookup = Lookup.open(self._lookup_file(), self.key)
        records = self._open_records(lookup.generation) if lookup is not None else None
        if lookup is None or records is None:
            return False
        self.generation, self._records, self.lookup = lookup.generation, records, lookup
        self._read_delta()
        return True

    def entry_of(self, path: str) -> tuple[Any, ...] | None:
        """Lazy mode: the entry of ``path`` as the cache holds it (this run's, the delta's, the index's)."""
        entry = self.entries.get(path)
        if entry is not None or path in self.delta or self.lookup is None:
            return entry
        found = self.lookup.get("p" + path)
        return found if _entry_ok(found) and len(found) == 6 else None

    def indexed_at(self, key: str) -> list[str]:
        """Lazy mode: the paths the index has at URL key ``key`` (the delta and this run not included)."""
        found = self.lookup.get("u" + key) if self.lookup is not None else None
        return [path for path in found if isinstance(path, str)] if isinstance(found, list) else []

    def folder_stamps(self) -> dict[str, int] | None:
        """Lazy mode: the content folders and their stamps when the index was made (None: unknown)."""
        if self.lookup is None:
            return None
        folders = self.lookup.folders if self.delta_folders is _ABSENT else self.delta_folders
        return folders if isinstance(folders, dict) else None

    def save_lazy(self) -> None:
        """Lazy mode: what this run learnt, into the delta (when small; else a whole run folds it in)."""
        if self.file is None or self.lookup is None or not self.changed_paths or self.heal:
            return  # a delta that was not trusted is left to the whole run, which rewrites the cache whole
        delta = {**self.delta, **{path: self.entries[path] for path in self.changed_paths}}
        if len(delta) > DELTA_LIMIT:
            return
        try:
            self._write_delta(delta)
            self.delta, self.changed_paths = delta, set()
        except OSError as error:
            self.warning = f"cache not saved ({error.strerror or error}); eduforge works without it"

    # -- the delta file -----------------------------------------------------------
    # A pre-commit run changes a page or two: rewriting megabytes for that would cost
    # more than the run.  Small changes go to a small file beside the index, merged on
    # load and folded in when it grows.
    def _delta_file(self) -> Path:
        assert self.file is not None
        return self.file.with_name(self.file.name.replace("pages-", "delta-"))

    def _read_delta(self) -> None:
        try:
            delta = read_sealed(self._delta_file(), "delta", self.key)
        except CacheDoubt:
            self.heal = True
            return
        if not isinstance(delta, dict) or not isinstance(delta.get("pages"), dict):
            return
        delta_id = delta.get("id")
        self.delta_id = delta_id if isinstance(delta_id, str) else ""
        folders = delta.get("folders", _ABSENT)
        self.delta_folders = folders if folders is _ABSENT or folders is None or isinstance(folders, dict) else None
        same_records = delta.get("records") == self.generation and self._records is not None
        for path, entry in delta["pages"].items():
            if not isinstance(path, str):
                continue
            if entry is None:
                self.entries.pop(path, None)
                self.delta[path] = None
            elif _entry_ok(entry) and (len(entry) == 5 or same_records):
                self.entries[path] = self.delta[path] = entry

    # -- the site index -----------------------------------------------------------
    def has(self, path: str) -> bool:
        return path in self.entries

    def by_stat(self, path: str, size: int, stamp: int) -> tuple[Any, ...] | None:
        """The entry of a file whose size and stat stamp are as remembered."""
        entry = self.entries.get(path)
        if entry is not None and size >= 0 and stamp >= 0 and entry[0] == size and entry[1] == stamp:
            return entry
        return None

    def by_digest(self, path: str, file_digest: bytes, size: int, stamp: int) -> tuple[Any, ...] | None:
        """The entry of a file whose bytes are as remembered (its stat is refreshed for next time)."""
        entry = self.entries.get(path)
        if entry is not None and entry[2] == file_digest:
            entry = (size if stamp >= 0 else -1, stamp, *entry[2:])
            self.entries[path] = entry
            self.changed_paths.add(path)
            return entry
        return None

    def page(self, entry: tuple[Any, ...], file: str, path: str) -> Page:
        """The page of an entry: its identity at hand, its record loaded on first use."""
        record: RecordSource = _Inline(entry[4]) if len(entry) == 5 else _Stored(self, path, entry)
        return _page(entry[3], file, path, record)

    def put(self, path: str, file_digest: bytes, state: State, size: int, stamp: int) -> None:
        """``stamp`` from :func:`stat_stamp`; -1 (changed just now) is never trusted next time."""
        if self.file is None:
            return  # no cache (--no-cache): nothing to keep, and the records are freed once read
        ident, record = state
        self.entries[path] = (size if stamp >= 0 else -1, stamp, file_digest, ident, record)
        self.changed_paths.add(path)

    def digest_of(self, path: str) -> bytes:
        entry = self.entries.get(path)
        return entry[2] if entry is not None else b""

    def save(self, keep: set[str]) -> None:
        """Write what changed, atomically (the delta when it is small, else everything whole);
        pages no longer in ``keep`` are dropped, older cache files removed."""
        removed = set(self.entries) - keep
        if self.file is None:
            return
        # a site whose folders all have stamps now but no lookup file yet: written whole, with one
        lookup_missing = self.folders is not None and not self._lookup_file().exists()
        if not (self.changed_paths or self.heal or removed or self.relisted or lookup_missing):
            return
        try:
            delta = {
                **self.delta,
                **{path: self.entries[path] for path in self.changed_paths if path in keep},
                **dict.fromkeys(removed),
            }
            if not self.heal and not lookup_missing and len(delta) <= DELTA_LIMIT and self.file.exists():
                self._write_delta(delta)
                for path in removed:
                    del self.entries[path]
                self.delta = delta
                if self.relisted:
                    self.delta_folders, self.relisted = self.folders, False
            else:
                self._save_whole(keep)
            self.changed_paths = set()
        except OSError as error:
            self.warning = f"cache not saved ({error.strerror or error}); eduforge works without it"

    def _write_delta(self, delta: dict[str, Any]) -> None:
        delta_id = os.urandom(6).hex()
        document: dict[str, Any] = {"records": self.generation, "id": delta_id, "pages": delta}
        folders = self.folders if self.relisted else self.delta_folders
        if folders is not _ABSENT:
            document["folders"] = folders  # a folder changed since the lookup file was written
        _atomic_write(self._delta_file(), seal("delta", self.key, document))
        self.delta_id = delta_id

    def state(self) -> tuple[str, str]:
        """Which index and delta the cache holds now: a memo made on this state still describes the site."""
        return self.generation, self.delta_id

    def _save_whole(self, keep: set[str]) -> None:
        """A new records file, then the index that names it; the delta and older files removed."""
        assert self.file is not None
        old = b""
        if self._records is not None:
            self._records.seek(0)
            old = self._records.read(MAX_CACHE_BYTES + 1)
        chunks: list[bytes] = []
        index: dict[str, tuple[Any, ...]] = {}
        offset = 0
        for path, entry in self.entries.items():
            if path not in keep:
                continue
            if len(entry) == 5:
                data = self._record_mac(path, entry[2], entry[4]) + entry[4]
            else:
                data = old[entry[4] : entry[4] + entry[5]]
                if len(data) != entry[5]:
                    continue
            chunks.append(data)
            index[path] = (*entry[:4], offset, len(data))
            offset += len(data)
        generation = os.urandom(6).hex()
        _atomic_write(self._records_file(generation), b"".join(chunks))
        lookup = self._lookup_file()
        if self.folders is not None:
            _atomic_write(lookup, write_lookup(self.key, generation, index, self.folders))
        else:
            lookup.unlink(missing_ok=True)  # a site read through symbolic links: the hook reads it whole
        _atomic_write(self.file, seal("pages", self.key, {"records": generation, "pages": index}))
        self._delta_file().unlink(missing_ok=True)
        if self._records is not None:
            self._records.close()
        self.generation, self.heal, self.delta, self.delta_id = generation, False, {}, ""
        self.delta_folders, self.relisted = _ABSENT, False
        self.entries, self._records = index, self._open_records(generation)
        kept = {self.file.name.split("-", 1)[1], f"{self.key}.{generation}.bin", f"{self.key}.bin"}
        parent = self.file.parent
        for stale in [*parent.glob("*-*.marshal"), *parent.glob("records-*.bin"), *parent.glob("lookup-*.bin")]:
            if stale.name.split("-", 1)[1] not in kept:
                stale.unlink(missing_ok=True)

    # -- the site-check memos ---------------------------------------------------
    # Each page's link problems, with the URL keys its checks looked up (its dependencies),
    # and every page's URL key and digest as they were.  engine.py keeps the entries no
    # change reaches; they are valid only for the same routes (``fingerprint``) and while
    # every remembered linked file still exists or not as before.  A file of its own keeps
    # the sidebar rules' problems (see engine.py), with the files they looked at.
    def _memo_file(self, kind: str = "links") -> Path | None:
        return self.file.with_name(self.file.name.replace("pages-", f"{kind}-")) if self.file else None

    def _memo_document(self) -> dict[str, Any]:
        if self._memo is None:
            self._memo = _read_document(self._memo_file(), "links", self.key)
        return self._memo

    def load_memo(self, fingerprint: bytes) -> LinkMemo | None:
        memo = self._memo_document()
        try:
            if memo.get("fingerprint") != fingerprint:
                return None
            files, site, pages = memo["files"], memo["site"], memo["pages"]
            if not isinstance(files, dict) or not isinstance(site, dict) or not isinstance(pages, dict):
                return None
            if any(os.path.isfile(name) != existed for name, existed in files.items()):
                return None
            self.memo_files = dict(files)
            return LinkMemo(site, pages)
        except (KeyError, TypeError, ValueError, OSError):
            return None

    def load_sidebar(self, key: bytes | None) -> SidebarMemo | None:
        """The sidebar memo when made for ``key`` (or, with None, whatever key: the caller checks its
        ``state``), and every file it looked at still exists or not as then."""
        try:
            document = _read_document(self._memo_file("sidebar"), "sidebar", self.key)
            found, problems, notes, files = document["sidebar"]
            state = document.get("state")
            if (key is not None and found != key) or any(
                os.path.isfile(name) != existed for name, existed in files.items()
            ):
                return None
            return SidebarMemo(
                found, list(problems), list(notes), dict(files), state if isinstance(state, tuple) else ()
            )
        except (KeyError, TypeError, ValueError, AttributeError, OSError):
            return None

    def keep_sidebar(self, memo: SidebarMemo, changed: bool = True) -> None:
        """Remember the sidebar rules' results; ``memo.files``: every file whose existence they may have
        depended on, and whether it existed; ``memo.state``: the cache's state they describe."""
        self.sidebar_changed = self.sidebar_changed or changed
        sidebar_file = self._memo_file("sidebar")
        if sidebar_file is not None:
            document = {"sidebar": (memo.key, memo.problems, memo.notes, memo.files), "state": memo.state}
            with contextlib.suppress(OSError):  # the memo is an optimisation only
                _atomic_write(sidebar_file, seal("sidebar", self.key, document))

    def save_memo(self, fingerprint: bytes, files: dict[str, bool], memo: LinkMemo) -> None:
        memo_file = self._memo_file()
        if memo_file is None:
            return
        # one object per URL key, referenced twice: marshal then writes each key once and back-references
        same: dict[str, str] = {}
        pages = {
            path: (tuple([same.setdefault(key, key) for key in keys]), problems)
            for path, (keys, problems) in memo.pages.items()
        }
        site = {path: (same.setdefault(key, key), page_digest) for path, (key, page_digest) in memo.site.items()}
        document = {"fingerprint": fingerprint, "files": {**self.memo_files, **files}, "site": site, "pages": pages}
        with contextlib.suppress(OSError):  # the memo is an optimisation only
            _atomic_write(memo_file, seal("links", self.key, document))


# -- the lookup file ---------------------------------------------------------------------
# The site index again, split into buckets a reader fetches one by one: a commit-hook run
# looks up the pages its changed pages link to, never all 50,000.  Layout: the header's
# length (8 bytes), the sealed header ({"records": generation, "folders": {folder: stamp},
# "offsets": bucket offsets as 8-byte integers}), then the buckets: each a MAC over (cache key,
# generation, bucket number, payload) and a marshalled dict of ``"p" + path → entry`` and
# ``"u" + URL key → [paths]`` (in the index's order).
LOOKUP_BUCKET = 32
"""Keys per bucket, on average: a lookup reads and unmarshals about this many entries."""


def _bucket(name: str, count: int) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogateescape")) % count


def _bucket_mac(key: str, generation: str, number: int, payload: bytes) -> bytes:
    h = hashlib.blake2b(key=secret(), digest_size=RECORD_MAC, person=b"eduforge-lookup")
    h.update(f"{key}|{generation}|{number}|{len(payload)}|".encode())
    h.update(payload)
    return h.digest()


def write_lookup(key: str, generation: str, index: dict[str, tuple[Any, ...]], folders: dict[str, int]) -> bytes:
    """The lookup file of ``index`` (path → entry), for the folders walked to find its pages."""
    names: dict[str, Any] = {}
    for path, entry in index.items():
        names["p" + path] = entry
        names.setdefault("u" + url_key(entry[3][3]), []).append(path)
    count = max(1, len(names) // LOOKUP_BUCKET)
    buckets: list[dict[str, Any]] = [{} for _ in range(count)]
    for name, value in names.items():
        buckets[_bucket(name, count)][name] = value
    chunks, offsets, offset = [], [0], 0
    for number, bucket in enumerate(buckets):
        payload = marshal.dumps(bucket)
        chunks.append(_bucket_mac(key, generation, number, payload) + payload)
        offset += len(chunks[-1])
        offsets.append(offset)
    table = b"".join(value.to_bytes(8, "big") for value in offsets)
    header = seal("lookup", key, {"records": generation, "folders": folders, "offsets": table})
    return len(header).to_bytes(8, "big") + header + b"".join(chunks)


class Lookup:
    """A lookup file opened for reading: its header verified, buckets read and verified on demand."""

    def __init__(self, stream: BinaryIO, key: str, header: dict[str, Any], start: int) -> None:
        self.stream, self.key, self.start = stream, key, start
        self.generation: str = header["records"]
        self.folders: dict[str, int] = header["folders"]
        table: bytes = header["offsets"]
        self.offsets = [int.from_bytes(table[i : i + 8], "big") for i in range(0, len(table), 8)]
        self._buckets: dict[int, dict[str, Any]] = {}

    @classmethod
    def open(cls, file: Path, key: str) -> Lookup | None:
        """The lookup file, or None when there is none or it cannot be trusted (the run reads the index)."""
        try:
            stream = open_regular(file)
        except OSError:
            return None
        weakref_ok = False
        try:
            size = int.from_bytes(stream.read(8), "big")
            if not 0 < size <= MAX_CACHE_BYTES:
                return None
            header = unseal(stream.read(size), "lookup", key)
            if not (
                isinstance(header, dict)
                and isinstance(header.get("records"), str)
                and header["records"].isalnum()
                and isinstance(header.get("folders"), dict)
                and isinstance(header.get("offsets"), bytes)
                and len(header["offsets"]) % 8 == 0
                and len(header["offsets"]) >= 16
            ):
                return None
            lookup = cls(stream, key, header, 8 + size)
            weakref.finalize(lookup, stream.close)
            weakref_ok = True
            return lookup
        except (CacheDoubt, OSError):
            return None
        finally:
            if not weakref_ok:
                stream.close()

    def get(self, name: str) -> Any:
        """The value of ``name`` (``"p" + path`` or ``"u" + URL key``), None when absent or untrusted."""
        count = len(self.offsets) - 1
        number = _bucket(name, count)
        bucket = self._buckets.get(number)
        if bucket is None:
            bucket = self._buckets[number] = self._read(number)
        return bucket.get(name)

    def _read(self, number: int) -> dict[str, Any]:
        """A bucket, verified; :class:`CacheDoubt` when it cannot be trusted (the run then reads the index)."""
        begin, end = self.offsets[number], self.offsets[number + 1]
        if not 0 <= begin <= end - RECORD_MAC or end - begin > MAX_RECORD_BYTES:
            raise CacheDoubt("a lookup bucket out of bounds")
        try:
            data = _read_at(self.stream, self.start + begin, end - begin)
        except (OSError, ValueError, OverflowError) as error:
            raise CacheDoubt(str(error)) from None
        payload = data[RECORD_MAC:]
        if len(data) != end - begin or not hmac.compare_digest(
            data[:RECORD_MAC], _bucket_mac(self.key, self.generation, number, payload)
        ):
            raise CacheDoubt("a lookup bucket does not match its checksum")
        try:
            bucket = marshal.loads(payload)
        except (EOFError, ValueError, TypeError) as error:
            raise CacheDoubt(str(error)) from None
        if not isinstance(bucket, dict):
            raise CacheDoubt("a lookup bucket of the wrong shape")
        return bucket


def _read_at(stream: BinaryIO, offset: int, length: int) -> bytes:
    """``length`` bytes at ``offset``; with ``pread`` where there is one, as forked workers share the
    file position of the descriptor they inherit."""
    if hasattr(os, "pread"):
        return os.pread(stream.fileno(), length, offset)
    stream.seek(offset)
    return stream.read(length)


class FolderListings:
    """The content folders' listings, remembered: walking 2,000 folders of 50,000 pages costs more
    than the rest of a commit-hook run.  A folder whose stat stamp (:func:`stat_stamp`) is as then
    holds the same entries: adding, removing or renaming one changes the folder's mtime (a page's
    content does not, and needs no listing)."""

    def __init__(self, file: Path | None, key: str) -> None:
        self.file, self.key = file, key
        self._listed: dict[str, Any] | None = None
        self._visited: dict[str, Any] = {}
        self._changed = False
        self.relisted = False
        """Whether a folder was listed again (it changed since the listings were remembered)."""
        self.walked: dict[str, int] = {}
        """Every folder this run walked and its stamp (what the lookup file records)."""
        self.complete = True
        """Whether every folder walked had a stamp and a listing free of symbolic links."""

    def _folders(self) -> dict[str, Any]:
        if self._listed is None:
            folders = _read_document(self.file, "folders", self.key).get("folders")
            self._listed = folders if isinstance(folders, dict) else {}
        return self._listed

    def stamp(self, folder: str) -> int:
        try:
            return stat_stamp(os.stat(folder))
        except OSError:
            return -1

    def get(self, folder: str, stamp: int) -> list[tuple[str, str, str]] | None:
        entry = self._folders().get(folder)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp and isinstance(entry[1], list):
            self._visited[folder] = entry
            self.walked[folder] = stamp
            items: list[tuple[str, str, str]] = entry[1]
            return items
        return None

    def put(self, folder: str, stamp: int, items: list[tuple[str, str, str]]) -> None:
        if stamp >= 0:
            self._visited[folder] = (stamp, items)
            self.walked[folder] = stamp
        else:
            self.complete = False
        self._changed = self.relisted = True

    def save(self) -> None:
        """Remember the listings of the folders walked this run, when any changed."""
        if self.file is None or not (self._changed or len(self._visited) != len(self._folders())):
            return
        if not self._visited and not self._folders():
            return  # nothing to remember yet (every folder changed just now)
        with contextlib.suppress(OSError):  # an optimisation only
            _atomic_write(self.file, seal("folders", self.key, {"folders": self._visited}))
        self._listed, self._visited, self._changed = self._visited, {}, False


def _read_document(file: Path | None, kind: str, key: str) -> dict[str, Any]:
    """A sealed memo document; empty when there is none or it cannot be trusted."""
    try:
        document = read_sealed(file, kind, key) if file is not None else None
    except CacheDoubt:
        document = None
    return document if isinstance(document, dict) else {}


GITIGNORE = "# written by eduforge: a cache is never committed\n*\n"


def _atomic_write(file: Path, data: bytes) -> None:
    """Write to a temporary file beside ``file``, then rename: readers never see half a file.

    Every write also (re)writes the folder's ``.gitignore`` (``*``), so a cache is never committed.
    """
    file.parent.mkdir(parents=True, exist_ok=True)
    ignore = file.parent / ".gitignore"
    try:
        current = ignore.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = ""
    if "\n*\n" not in "\n" + current:
        ignore.unlink(missing_ok=True)  # never write through a symlink planted there
        ignore.write_text(GITIGNORE, encoding="utf-8")
    import tempfile  # lazily: not every run needs it (start-up time)

    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, file)
    except BaseException:
        os.unlink(temporary)
        raise
