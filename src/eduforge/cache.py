"""The page cache: what reading a page taught us, keyed by the file's content.

One file, ``pages-<key>.marshal`` in the cache folder, where ``<key>`` hashes the
eduforge version, the settings and the schema files (with every file their
``$ref``s reach): change any of them and the cache is simply not found.  Entries
hold only plain data (``marshal``, never ``pickle``), are matched by the file's
size and stat stamp (mtime, ctime, inode), else by a BLAKE2 digest of its bytes,
and are written atomically, with a ``.gitignore`` of ``*`` beside them.

The cache must never lie: every file is sealed (a bounded size and a keyed BLAKE2b
MAC, with a key kept outside the project) and nothing is unmarshalled before the
seal is verified.  A truncated, corrupted or hand-made file (a committed cache
folder in a pull request) is a miss, never a verdict, and the main file is
rewritten whole.  Link checks are recomputed from the cached facts only for the
pages a change can reach (the links memo, see engine.py); a cache that cannot be
read or written is ignored.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import json
import marshal
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

from eduforge import __version__
from eduforge.config import Settings
from eduforge.problem import Problem
from eduforge.site.frontmatter import Frontmatter, LoadIssue
from eduforge.site.markdown import BodyFacts, Heading, Link
from eduforge.site.page import Page

FORMAT = 12  # 11: page-local problems include component-unknown; 12: frontmatter URLs at their own column
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
            [p.as_tuple() for p in page.local_problems],
            {line: None if rules is None else tuple(sorted(rules)) for line, rules in page.suppressions.items()},
        ),
        sidebar_facts(page),
    )


def sidebar_facts(page: Page) -> bytes:
    """A digest of what the sidebar rules read of a page's frontmatter besides its identity:
    ``sidebar``, ``template`` and where ``title`` is (``orphan-page`` points there)."""
    frontmatter = page.frontmatter
    data = frontmatter.data or {}
    facts = (data.get("sidebar"), data.get("template"), frontmatter.key_positions.get(("title",)))
    return hashlib.blake2b(repr(facts).encode(), digest_size=8).digest()


def decode(state: State, file: str, path: str) -> Page:
    """A page from its State; its reading fields are unpacked one by one on first use."""
    source_id, slug, locale, url, title, draft, slug_line, anchors, packed, sidebar = state
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
    page.__dict__["sidebar_facts"] = sidebar
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
            return [Problem.from_tuple(p) for p in problems]
        return {line: None if rules is None else frozenset(rules) for line, rules in suppressions.items()}


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
        with file.open("rb") as stream:
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
    return (
        isinstance(entry, tuple)
        and len(entry) == 4
        and isinstance(entry[0], int)
        and isinstance(entry[1], int)
        and isinstance(entry[2], bytes)
        and isinstance(entry[3], tuple)
        and len(entry[3]) == 10
    )


class LinkMemo(NamedTuple):
    """The link checks of a run, as remembered."""

    site: dict[str, tuple[str, bytes]]
    """Every page then: path → (URL key, content digest)."""
    pages: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]
    """Checked pages: path → (the URL keys its checks looked up, its problems as tuples)."""


class PageCache:
    """``path -> (size, stat stamp, digest, state)``, loaded once and saved once per run.

    An entry whose size and stat stamp (:func:`stat_stamp`) match the file is used
    without reading it; otherwise the file is read and its digest decides.
    """

    def __init__(self, folder: Path | None, key: str) -> None:
        self.file = folder / f"pages-{key}.marshal" if folder else None
        self.key = key
        self.entries: dict[str, tuple[Any, ...]] = {}
        self.changed = False
        self.warning: str | None = None
        self.memo_files: dict[str, bool] = {}
        self.delta: dict[str, Any] = {}
        self.changed_paths: set[str] = set()
        self.heal = False
        """The main file was not trusted: the next save rewrites it whole."""
        self._memo: dict[str, Any] | None = None
        self.sidebar_changed = False
        if self.file is not None:
            self._load()

    def _load(self) -> None:
        assert self.file is not None
        try:
            entries = read_sealed(self.file, "pages", self.key)
        except CacheDoubt as error:
            self.warning = f"ignoring the untrusted cache {self.file} ({error}); it is rebuilt"
            self.heal = True
            return
        if entries is None:
            return
        if not isinstance(entries, dict):
            self.heal = True
            return
        self.entries = {path: entry for path, entry in entries.items() if isinstance(path, str) and _entry_ok(entry)}
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
            delta = read_sealed(self._delta_file(), "delta", self.key)
        except CacheDoubt:
            self.heal = True
            return {}
        if not isinstance(delta, dict):
            return {}
        self.delta = {path: entry for path, entry in delta.items() if isinstance(path, str) and _entry_ok(entry)}
        return self.delta

    def has(self, path: str) -> bool:
        return path in self.entries

    def by_stat(self, path: str, size: int, stamp: int) -> State | None:
        entry = self.entries.get(path)
        if entry is not None and size >= 0 and stamp >= 0 and entry[0] == size and entry[1] == stamp:
            state: State = entry[3]
            return state
        return None

    def by_digest(self, path: str, file_digest: bytes, size: int, stamp: int) -> State | None:
        entry = self.entries.get(path)
        if entry is not None and entry[2] == file_digest:
            self.put(path, file_digest, entry[3], size, stamp)  # refresh the stat for next time
            state: State = entry[3]
            return state
        return None

    def put(self, path: str, file_digest: bytes, state: State, size: int, stamp: int) -> None:
        """``stamp`` from :func:`stat_stamp`; -1 (changed just now) is never trusted next time."""
        self.entries[path] = (size if stamp >= 0 else -1, stamp, file_digest, state)
        self.changed = True
        self.changed_paths.add(path)

    def digest_of(self, path: str) -> bytes:
        entry = self.entries.get(path)
        return entry[2] if entry is not None else b""

    # -- the site-check memo ----------------------------------------------------
    # Each page's link problems, with the URL keys its checks looked up (its dependencies),
    # and every page's URL key and digest as they were.  engine.py keeps the entries no
    # change reaches; they are valid only for the same routes (``fingerprint``) and while
    # every remembered linked file still exists or not as before.  The same file keeps the
    # sidebar rules' problems (see engine.py), with the files they looked at.
    def _memo_file(self) -> Path | None:
        return self.file.with_name(self.file.name.replace("pages-", "links-")) if self.file else None

    def _memo_document(self) -> dict[str, Any]:
        if self._memo is None:
            memo_file = self._memo_file()
            try:
                document = read_sealed(memo_file, "links", self.key) if memo_file is not None else None
            except CacheDoubt:
                document = None
            self._memo = document if isinstance(document, dict) else {}
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

    def load_sidebar(self, key: bytes) -> tuple[list[tuple[Any, ...]], list[str]] | None:
        try:
            found, problems, notes, files = self._memo_document()["sidebar"]
            if found != key or any(os.path.isfile(name) != existed for name, existed in files.items()):
                return None
            return list(problems), list(notes)
        except (KeyError, TypeError, ValueError, AttributeError, OSError):
            return None

    def keep_sidebar(
        self, key: bytes, problems: list[tuple[Any, ...]], notes: list[str], files: dict[str, bool]
    ) -> None:
        """Remember the sidebar rules' results (saved with the links memo); ``files``: every file whose
        existence they may have depended on, and whether it existed."""
        self._memo_document()["sidebar"] = (key, problems, notes, files)
        self.sidebar_changed = True

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
        if "sidebar" in self._memo_document():
            document["sidebar"] = self._memo_document()["sidebar"]
        with contextlib.suppress(OSError):  # the memo is an optimisation only
            _atomic_write(memo_file, seal("links", self.key, document))

    def save(self, keep: set[str]) -> None:
        """Write the entries of the pages that still exist, atomically; drop older cache files."""
        if self.file is None or not (self.changed or self.heal or set(self.entries) - keep):
            return
        try:
            removed = set(self.entries) - keep
            small = len(self.delta) + len(self.changed_paths) <= DELTA_LIMIT
            if not removed and not self.heal and small and self.file.exists():
                delta = {**self.delta, **{path: self.entries[path] for path in self.changed_paths}}
                _atomic_write(self._delta_file(), seal("delta", self.key, delta))
                return
            entries = {path: entry for path, entry in self.entries.items() if path in keep}
            _atomic_write(self.file, seal("pages", self.key, entries))
            self._delta_file().unlink(missing_ok=True)
            for old in self.file.parent.glob("*-*.marshal"):
                if old.name.split("-", 1)[1] != self.file.name.split("-", 1)[1]:
                    old.unlink(missing_ok=True)
        except OSError as error:
            self.warning = f"cache not saved ({error.strerror or error}); eduforge works without it"


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
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, file)
    except BaseException:
        os.unlink(temporary)
        raise
