"""The commit hook's run: the changed pages, checked against the site index looked up entry by entry.

``eduforge lint CHANGED.md`` with a warm cache costs what the change costs, not what the site
costs: the cache's lookup file (cache.py) is read bucket by bucket, for the pages the changed
pages name, their link targets and the pages at their own URL; each of them is stat'ed (and
read again when its file changed, so a heading renamed since the cache is seen), never all
50,000.  Pages added, removed or renamed change their folder's stat stamp: every content folder
is stat'ed (a few thousand calls), and any change sends the run the whole way.

Nothing stale is ever reported.  Whatever this run cannot decide from the pages it looked at
raises :class:`WholeSiteNeeded`, and ``engine.lint`` runs on the whole site instead: a folder that
changed, a page the index does not know, two pages at one URL, a did-you-mean (it compares with
every URL), a sidebar the changed pages may have changed, and any problem the site-wide rules
find after a URL was looked up in vain (a link that looks broken here may reach a page whose
``slug:`` changed elsewhere); an anchor missing on a page that was found is a verdict.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eduforge.cache import CacheDoubt, PageCache, decode, digest, stat_stamp, unpack
from eduforge.config import Settings
from eduforge.problem import Problem
from eduforge.site.index import Site, posix_relative, url_key
from eduforge.site.page import PAGE_SUFFIXES, Page, Reading, read_bytes

MAX_PAGES = 50
"""More changed pages than this: the whole run (its link memo) is the cheaper way."""


class WholeSiteNeeded(Exception):
    """The hook's shortcut cannot decide this run; the message says why (``-v``)."""


def changed_folder(settings: Settings, cache: PageCache) -> str | None:
    """A content folder whose stat stamp is not as when the index was made (a page added, removed or
    renamed in it), or None when none is."""
    folders = cache.folder_stamps()
    if not folders:
        return "no folder stamps in the cache"
    top = str(settings.content.resolve())
    below = top.rstrip(os.sep) + os.sep  # prefixes are relative, "/"-separated and end with "/"
    for prefix, stamp in folders.items():
        try:
            now = stat_stamp(os.stat(below + prefix if prefix else top))
        except (OSError, ValueError):
            now = -1
        if now != stamp or stamp < 0:
            return f"the folder {prefix or '.'} changed since the cache"
    return None


class _ByUrl(dict[str, list[Page]]):
    """``site.by_url`` of a hook run: a page's URL is looked up; walking every URL is the whole run's job."""

    def __init__(self, site: HookSite) -> None:
        super().__init__()
        self.site = site

    def get(self, key: str, default: Any = None) -> Any:
        return self.site.at_key(key) or default

    def __getitem__(self, key: str) -> list[Page]:
        found = self.site.at_key(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.site.at_key(key) is not None

    def __iter__(self) -> Iterator[str]:
        raise WholeSiteNeeded("a check needs every URL of the site (a did-you-mean)")

    def __len__(self) -> int:
        raise WholeSiteNeeded("a check needs every URL of the site")

    def items(self) -> Any:
        raise WholeSiteNeeded("a check needs every URL of the site (a did-you-mean)")

    keys = values = items


class HookSite(Site):
    """The site as a commit-hook run sees it: the pages it asked for, each verified against its file."""

    def __init__(self, settings: Settings, cache: PageCache, body: bool = True) -> None:
        self.settings, self.cache, self.body = settings, cache, body
        self.skipped, self.digests, self.looked_up = [], {}, None
        self.root = str(settings.project_root.resolve())
        self._pages: dict[str, Page | None] = {}
        self._at: dict[str, list[Page] | None] = {}
        self._urls = _ByUrl(self)
        self.selected: list[Page] = []
        self.missed = False
        """Whether a URL was looked up and no page found: a problem then may be a page the index does not
        know at that URL (a ``slug:`` changed since), and only the whole run can say."""
        self.sidebar_change: str | None = None
        """Why the sidebar rules may see this site differently than when they last ran."""
        self._overlay: dict[str, list[str]] = {}
        """URL key → paths not in the index there: the delta's pages and pages read again."""
        for path, entry in cache.entries.items():
            self._overlay.setdefault(url_key(entry[3][3]), []).append(path)
        cache.reads_with(self._read_record)

    # Site's fields, as a hook run has them
    @property
    def pages(self) -> list[Page]:
        raise WholeSiteNeeded("a check needs every page of the site")

    @pages.setter
    def pages(self, value: list[Page]) -> None:
        raise WholeSiteNeeded("a hook run has no list of pages")

    @property
    def by_url(self) -> dict[str, list[Page]]:
        return self._urls

    @by_url.setter
    def by_url(self, value: dict[str, list[Page]]) -> None:
        raise WholeSiteNeeded("a hook run has no URL table")

    @property
    def page_count(self) -> int:
        return sum(1 for page in self._pages.values() if page is not None)

    def pages_at(self, url_path: str) -> list[Page] | None:
        return self.at_key(url_key(url_path))

    def page_of_file(self, file: str) -> Page | None:
        path = posix_relative(file, self.root)
        if os.path.splitext(path)[1] not in PAGE_SUFFIXES and not path.endswith(".mdoc"):
            return None
        page = self.page(path)
        if page is None and os.path.exists(file):
            raise WholeSiteNeeded(f"{path} is not in the cache")
        return page

    # lookups
    def at_key(self, key: str) -> list[Page] | None:
        """The pages served at URL key ``key``, each checked against its file."""
        if key in self._at:
            return self._at[key]
        try:
            candidates = dict.fromkeys([*self.cache.indexed_at(key), *self._overlay.get(key, ())])
        except CacheDoubt as error:
            raise WholeSiteNeeded(f"the cache's lookup file is not trusted ({error})") from None
        pages = [page for page in map(self.page, candidates) if page is not None and url_key(page.url) == key]
        if len(pages) > 1:
            raise WholeSiteNeeded("two pages at one URL: their order is the whole site's")
        found = self._at[key] = pages or None
        self.missed = self.missed or found is None
        return found

    def page(self, path: str) -> Page | None:
        """The page of ``path`` as its file is now: from the cache when unchanged, else read again."""
        if path not in self._pages:
            try:
                self._pages[path] = self._verified(path)
            except CacheDoubt as error:
                raise WholeSiteNeeded(f"the cache's lookup file is not trusted ({error})") from None
        return self._pages[path]

    def _verified(self, path: str) -> Page | None:
        cache = self.cache
        entry = cache.entry_of(path)
        file = path if os.path.isabs(path) else os.path.join(self.root, path)
        try:
            info = os.stat(file)
        except OSError:
            if entry is not None:
                raise WholeSiteNeeded(f"{path} is gone since the cache") from None
            return None
        if entry is None:
            return None
        if not stat.S_ISREG(info.st_mode):
            raise WholeSiteNeeded(f"{path} is not a regular file")
        size, stamp = info.st_size, stat_stamp(info)
        if size >= 0 and stamp >= 0 and entry[0] == size and entry[1] == stamp:
            return cache.page(entry, file, path)
        raw, _issue = read_bytes(file, size)
        file_digest = digest(raw) if raw is not None else b""
        if raw is not None and file_digest == entry[2]:
            refreshed = (size if stamp >= 0 else -1, stamp, *entry[2:])
            cache.entries[path] = refreshed
            cache.changed_paths.add(path)
            return cache.page(refreshed, file, path)
        page = self._read(entry, file, path, size, stamp)
        if page.sidebar_key != entry[3][8]:
            self.sidebar_change = f"{path} changed what the sidebar reads of it"
        key = url_key(page.url)
        if key != url_key(entry[3][3]):
            self.sidebar_change = f"{path} moved to another URL"
            self._overlay.setdefault(key, []).append(path)
            self._at.pop(key, None)
        return page

    def _read(self, entry: tuple[Any, ...], file: str, path: str, size: int, stamp: int) -> Page:
        from eduforge.analysis import analyze_many  # jsonschema and the parsers load only for a changed page

        [(file_digest, cacheable, state)] = analyze_many([(file, entry[3][0], path, size)], self.settings, self.body)
        if cacheable:
            self.cache.put(path, file_digest, state, size, stamp)
        return decode(state, file, path)

    def _read_record(self, path: str) -> Reading:
        """A page whose cached record cannot be trusted, read afresh."""
        from eduforge.analysis import analyze_many

        entry = self.cache.entry_of(path)
        if entry is None:
            raise WholeSiteNeeded(f"{path} is not in the cache")
        file = os.path.join(self.root, path)
        [(_digest, _cacheable, state)] = analyze_many([(file, entry[3][0], path, None)], self.settings)
        self.cache.heal = True
        return unpack(state[1])


def selected_pages(site: HookSite, paths: tuple[Path, ...]) -> list[Page]:
    """The pages named by ``paths``, as ``engine.select`` picks them (paths outside the project are passed
    over); a folder, a config file or a page the cache does not know needs the whole run."""
    settings = site.settings
    root = settings.project_root.resolve()
    content = settings.content.resolve()
    from eduforge.engine import config_files as project_config_files

    config_files = project_config_files(settings)
    chosen: dict[str, Page] = {}
    for given in paths:
        target = given.resolve()
        if not target.exists() or target.is_dir():
            raise WholeSiteNeeded(f"{given} is a folder or no file")
        if target in config_files:
            raise WholeSiteNeeded(f"{given} is a config file")
        if not target.is_relative_to(root):
            continue
        path = target.relative_to(root).as_posix()
        page = site.page(path)
        if page is None:
            if target.is_relative_to(content) and _page_like(settings, target.relative_to(content).as_posix()):
                raise WholeSiteNeeded(f"{path} is not a page the cache knows")
            continue
        chosen[path] = page
    site.selected = list(chosen.values())
    return site.selected


def _page_like(settings: Settings, relative: str) -> bool:
    """Whether discovery (site/index.py) would take the content file ``relative`` for a page."""
    from eduforge.engine import legacy_collections, page_suffixes
    from eduforge.site.index import takes_file, takes_folder

    *folders, name = relative.split("/")
    legacy = legacy_collections(settings)
    if not all(takes_folder(folder, legacy) for folder in folders):
        return False
    return takes_file(name, relative, page_suffixes(settings), settings.ignore)


def sidebar_problems(site: HookSite, selected: list[Page]) -> tuple[list[Problem], Any]:
    """The selected pages' sidebar problems from the memo, when it was made on the site as the cache
    holds it and nothing this run saw changes what the sidebar rules read."""
    if site.sidebar_change is not None:
        raise WholeSiteNeeded(site.sidebar_change)
    memo = site.cache.load_sidebar(None)
    if memo is None or memo.state != site.cache.state():
        raise WholeSiteNeeded("the sidebar memo does not describe the cached site")
    wanted = {page.path for page in selected}
    return [Problem.from_tuple(p) for p in memo.problems if p[0] in wanted], memo
