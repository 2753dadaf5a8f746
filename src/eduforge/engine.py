"""The run: discover and read pages (cache, parallel), index the site, run the rules,
stamp severities, keep what the user asked about.

``lint(settings, paths, families)`` is what every checking command calls; the
CLI only turns options into Settings and the result into output and an exit code.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eduforge.cache import LinkMemo, PageCache, SidebarMemo, cache_key, decode, digest, stat_stamp, unpack
from eduforge.config import Settings, schema_files_in_use
from eduforge.errors import UsageError
from eduforge.parallel import fork_map
from eduforge.problem import Problem, Severity
from eduforge.project.versions import parse_version
from eduforge.project.workspace import real_path
from eduforge.rules import RULES, links, navigation, site_integrity
from eduforge.site.frontmatter import KeptFrontmatter
from eduforge.site.index import Site, SkippedFile, discover, posix_relative, url_key
from eduforge.site.markdown import BodyFacts
from eduforge.site.page import PAGE_SUFFIXES, Page, Reading, read_bytes
from eduforge.suppress import is_suppressed, unsuppressed

if TYPE_CHECKING:
    from eduforge.analysis import WorkItem

SiteCheck = Callable[[Page, Site], Iterator[Problem]]

SITE_CHECKS: list[SiteCheck] = [navigation.check, links.check, site_integrity.check]
"""Rules that need the whole site; page-local rules run while pages are read (analysis.py)."""

ProjectCheck = Callable[[Site], Iterator[Problem]]


def config_notes(site: Site) -> Iterator[Problem]:
    """Rule ``astro-config``: what reading astro.config could not know, at its line:col."""
    for path, line, column, message in site.settings.config_notes:
        yield Problem(path, line, column, "astro-config", message)


def content_config_notes(site: Site) -> Iterator[Problem]:
    """Rule ``content-config``: the docs schema of the content config could not be read as written."""
    schema = site.settings.site_schema
    for path, line, column, message in schema.warnings if schema is not None else ():
        yield Problem(path, line, column, "content-config", message)


PROJECT_CHECKS: list[ProjectCheck] = [config_notes, content_config_notes]
"""Rules about the project's own files (astro.config): run once, on whole-site runs."""

SidebarCheck = Callable[[Site, list[Page], bool, list[str]], Iterator[Problem]]
"""``check(site, selected, report_config, notes)``: rules on the sidebar config and the pages it reaches, run
once per run: problems in the config files when ``report_config``, else only the ``selected`` pages'; ``-v`` notes."""


def _sidebar_rules(site: Site, selected: list[Page], report_config: bool, notes: list[str]) -> Iterator[Problem]:
    """rules/sidebar.py's check, imported when the sidebar memo cannot answer (start-up time)."""
    from eduforge.rules import sidebar

    return sidebar.check(site, selected, report_config, notes)


SIDEBAR_CHECKS: list[SidebarCheck] = [_sidebar_rules]


@dataclass
class RunResult:
    problems: list[Problem]
    files: int
    site: Site
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    """Lines for ``-v`` (cache, skipped URLs…)."""

    display_root: Path | None = None
    """The folder problem paths are relative to (the project root unless relocated)."""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)

    @property
    def infos(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.INFO)


def relative_path(file: Path, settings: Settings) -> str:
    return posix_relative(str(file), settings.project_root)


def open_cache(settings: Settings, use_cache: bool, lazy: bool = False) -> PageCache:
    """``lazy``: the commit hook's cache, looked up entry by entry (``cache.lookup``, when it has one)."""
    return PageCache(
        settings.cache_dir if use_cache else None, cache_key(settings, schema_files_in_use(settings)), lazy=lazy
    )


MARKDOC = "@astrojs/markdoc"


def page_suffixes(settings: Settings) -> frozenset[str]:
    """The page file types: Markdown and MDX, and ``.mdoc`` when the site uses Astro's Markdoc integration."""
    return PAGE_SUFFIXES | {".mdoc"} if MARKDOC in settings.plugins else PAGE_SUFFIXES


def legacy_collections(settings: Settings) -> bool:
    """Astro 4 (legacy content collections) skips ``_``-prefixed folders; Astro 5's loaders do not."""
    parts = parse_version(settings.astro_version)
    return parts is not None and parts < (5, 0, 0)


def build_site(
    settings: Settings,
    cache: PageCache | None = None,
    notes: list[str] | None = None,
    body: bool = True,
    kept: dict[str, KeptFrontmatter] | None = None,
) -> Site:
    """Read every page of the content root once (from the cache where the file is unchanged).

    ``body=False`` (``validate``): pages the cache lacks are read for their frontmatter only, and
    not cached; their bodies are never parsed.  ``kept``: see :func:`~eduforge.analysis.analyze_many`."""
    if not settings.content.is_dir():
        raise UsageError(f"content folder {settings.content} does not exist; set content in eduforge.toml")
    _check_content_folder(settings)
    cache = cache or PageCache(None, "")
    sources, skipped = discover(
        settings.content,
        settings.ignore,
        page_suffixes(settings),
        skip_underscore_folders=legacy_collections(settings),
        listings=cache.listings,
    )
    if cache.listings is not None:
        cache.folders = folder_stamps(settings.content, cache.listings.walked) if cache.listings.complete else None
        cache.relisted = cache.listings.relisted
        cache.listings.save()
    root = str(settings.project_root.resolve())
    cache.reads_with(functools.partial(_read_again, settings, sources, root))
    pages, digests, work = _from_cache(sources, cache, root)
    started = time.perf_counter()
    if work:
        from eduforge.analysis import analyze_many  # jsonschema and markdown parsing load only when needed

        for (slot, size, mtime, item), (file_digest, cacheable, state) in zip(
            work, analyze_many([w[3] for w in work], settings, body, kept), strict=False
        ):
            file, _, path, _ = item
            pages[slot] = decode(state, file, path)
            digests[path] = file_digest
            if cacheable:
                cache.put(path, file_digest, state, size, mtime)
    cache.save({page.path for page in pages if page is not None})
    if notes is not None:
        notes.append(
            f"pages: {len(sources)} ({len(sources) - len(work)} from cache, {len(work)} read in {time.perf_counter() - started:.2f} s)"
        )
        if cache.warning:
            notes.append(cache.warning)
    skipped = [SkippedFile(relative_path(settings.content / s.path, settings), s.reason) for s in skipped]
    return Site(settings, [page for page in pages if page is not None], skipped, digests=digests)


def folder_stamps(content: Path, walked: dict[str, int]) -> dict[str, int]:
    """The folders walked, content-relative (``""`` the root, else ending in ``/``), with their stamps."""
    top = str(content.resolve())
    return {("" if folder == top else folder[len(top) + 1 :] + "/"): stamp for folder, stamp in walked.items()}


def _read_again(settings: Settings, sources: list[tuple[str, str]], root: str, path: str) -> Reading:
    """A page read afresh, when its cached record cannot be trusted."""
    from eduforge.analysis import analyze_many

    found = next(((f, i) for f, i in sources if posix_relative(f, root) == path), None)
    if found is None:  # not a page of this run: nothing to say about it
        return BodyFacts(), [], [], {}
    [(_digest, _cacheable, state)] = analyze_many([(*found, path, None)], settings)
    return unpack(state[1])


def _from_cache(
    sources: list[tuple[str, str]], cache: PageCache, root: str
) -> tuple[list[Page | None], dict[str, bytes], list[tuple[int, int, int, WorkItem]]]:
    """Pages the cache still knows (same size and mtime, or same bytes), and the work left:
    ``(slot, size, mtime, item)`` for each page to read."""
    pages: list[Page | None] = []
    digests: dict[str, bytes] = {}
    work: list[tuple[int, int, int, WorkItem]] = []
    top = root.rstrip(os.sep) + os.sep
    for file, source_id in sources:
        path = file[len(top) :] if file.startswith(top) else file
        if os.sep != "/":
            path = path.replace(os.sep, "/")
        try:
            stat = os.stat(file)
            size, mtime = stat.st_size, stat_stamp(stat)
        except OSError:
            size = mtime = -1
        entry = cache.by_stat(path, size, mtime)
        if entry is None and cache.has(path):  # touched, maybe unchanged: the bytes decide
            raw, _issue = read_bytes(file, size)
            if raw is not None:
                entry = cache.by_digest(path, digest(raw), size, mtime)
        if entry is None:
            work.append((len(pages), size, mtime, (file, source_id, path, size if size >= 0 else None)))
            pages.append(None)
        else:
            digests[path] = entry[2]
            pages.append(cache.page(entry, file, path))
    return pages, digests, work


def select(site: Site, paths: Iterable[Path]) -> list[Page]:
    """The pages under the given files or folders; all pages when none are given."""
    hooked: list[Page] | None = getattr(site, "selected", None)
    if hooked is not None:
        return list(hooked)  # a commit-hook run (hook.py) has only these
    targets = [real_path(path) for path in paths]
    if not targets:
        return list(site.pages)
    root = site.settings.project_root.resolve()
    wanted_files: set[str] = set()
    wanted_folders: list[str] = []
    for target in targets:
        if not os.path.lexists(target):
            raise UsageError(f"{target}: no such file or folder")
        if not target.is_relative_to(root):
            continue
        relative = target.relative_to(root).as_posix()
        if target.is_dir():
            wanted_folders.append("" if relative == "." else relative + "/")
        else:
            wanted_files.add(relative)
    return [
        page
        for page in site.pages
        if page.path in wanted_files or any(page.path.startswith(folder) for folder in wanted_folders)
    ]


def stamp(problems: Iterable[Problem], settings: Settings, families: Iterable[str]) -> list[Problem]:
    """Apply configured severities, drop rules turned off or not asked for, sort."""
    wanted = {"load", *families}
    stamped = set()
    for problem in problems:
        rule = RULES[problem.rule]
        level = settings.rules.get(problem.rule, rule.severity)
        if level is not None and rule.family in wanted:
            stamped.add(problem.with_severity(level))
    return sorted(stamped)


def page_problems(page: Page) -> Iterator[Problem]:
    """What reading the page found: load issues and page-local rule problems."""
    if page.clean:
        return  # a page with nothing to say: no need to load its record
    for issue in page.issues:
        yield Problem(page.path, issue.line, issue.column, issue.rule, issue.message)
    yield from page.local_problems


def _external(
    settings: Settings, pages: list[Page], progress: bool, notes: list[str], use_cache: bool = True
) -> list[Problem]:
    """The pages' external URLs' problems, those the pages do not suppress; the URL cache follows
    ``cache_dir`` and ``--no-cache``."""
    from eduforge.external import check_urls  # requests loads only when URLs are checked
    from eduforge.external.collect import collect

    external = dataclasses.replace(
        settings.external,
        cache=settings.external.cache and use_cache,
        cache_dir=settings.cache_dir or settings.external.cache_dir,
    )
    report = check_urls(collect(pages), external, progress=progress)
    notes.append(
        f"external URLs: {report.checked} checked, {report.from_cache} from cache, {len(report.skipped)} skipped"
    )
    notes.extend(report.notes)
    notes.extend(f"  skipped {url}: {reason}" for url, reason in report.skipped)
    by_path = {page.path: page for page in pages}
    return [p for p in report.problems if not is_suppressed(p, by_path[p.path].suppressions)]


PARALLEL_LINKS_FROM = 2000
"""Below this many pages, checking links in worker processes costs more than it saves."""
MEMO_FROM = 200
"""A run on fewer pages than this (of a larger site) checks their links afresh without the memo."""


Checked = dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]]
"""Pages checked: path → (the URL keys the checks looked up, the problems as tuples)."""


def _check_pages(context: tuple[Site, bool], indices: list[int]) -> list[tuple[Checked, dict[str, bool]]]:
    """The site-wide rules on some pages (by index): their problems, what they looked up, and the
    files their links needed.  ``context``: the site, and whether the results are remembered (the
    link memo); when not, only the pages with problems are given back, without what they looked up
    (what crosses back from a worker process stays in the main one until the run ends)."""
    site, remember = context
    results: Checked = {}
    many = len(indices) >= MEMO_FROM
    for index in indices:
        page = site.pages[index]
        if remember:  # duplicate-url depends on the page's own URL
            site.looked_up = {sys.intern(url_key(page.url))}
        try:
            problems: list[tuple[object, ...]] = [p.as_tuple() for check in SITE_CHECKS for p in check(page, site)]
        except (Exception, RecursionError) as error:  # one page's failure never ends the run
            from eduforge.analysis import internal_error

            message = internal_error(error, "checking the links of this page")
            problems = [(page.path, 1, 1, "internal-error", message)]
        if remember or problems:
            results[page.path] = (tuple(site.looked_up or ()), problems)
        if many:
            page.forget_reading()  # its facts are loaded again if needed: never every page's at once
    site.looked_up = None
    return [(results, site.files_looked_at() if remember else {})]


def _lost_page_check(site: Site, index: int, error: BaseException) -> list[tuple[Checked, dict[str, bool]]]:
    """What stands for the site-wide checks of a page whose worker process died on it."""
    from eduforge.analysis import internal_error

    path = site.pages[index].path
    problem = (path, 1, 1, "internal-error", internal_error(error, "checking the links of this page"))
    return [({path: ((), [problem])}, {})]


def _fingerprint(site: Site, cache: PageCache) -> bytes:
    """What every link verdict depends on besides the pages: the site's other routes (``src/pages``,
    redirects, plugins, host rules).  Settings and schemas are in the cache key already."""
    if cache.file is None:
        return b""
    return hashlib.blake2b(repr(site.routes.routes).encode(), digest_size=16).digest()


def _still_true(site: Site, memo: LinkMemo | None) -> LinkMemo:
    """The remembered link results no change since reaches, and the site as it is now.

    A page is checked again when its own file changed, when a page it looked up (a link
    target, a fallback, its own URL) changed, appeared or went away, and, when anything
    changed at all, when it had problems (a did-you-mean depends on every URL of the site).
    Pages whose checks depend on nothing that changed keep their verdicts.
    """
    now = {page.path: (sys.intern(url_key(page.url)), site.digests.get(page.path, b"")) for page in site.pages}
    if memo is None:
        return LinkMemo(now, {})
    changed = {path for path, entry in now.items() if not entry[1] or memo.site.get(path) != entry}
    changed.update(memo.site.keys() - now.keys())
    if not changed:
        return LinkMemo(now, memo.pages)
    keys = {entry[0] for path in changed for entry in (now.get(path), memo.site.get(path)) if entry is not None}
    kept = {
        path: entry
        for path, entry in memo.pages.items()
        if path in now and path not in changed and not entry[1] and keys.isdisjoint(entry[0])
    }
    return LinkMemo(now, kept)


def config_files(settings: Settings) -> set[Path]:
    """The project's config files, and the file the sidebar is written in (resolved): a run given one of
    them reports on the config."""
    files = set(settings.config_files)
    position = getattr(settings.sidebar, "position", None)
    if position is not None:
        written = Path(position.file)
        files.add((written if written.is_absolute() else settings.project_root / written).resolve())
    return files


def _sidebar_problems(
    site: Site, selected: list[Page], paths: list[Path], notes: list[str], cache: PageCache
) -> Iterator[Problem]:
    """The sidebar checks' problems; a page's problems minus what the page suppresses."""
    files = config_files(site.settings)
    report_config = not paths or any(real_path(path) in files for path in paths)
    by_path = {page.path: page for page in selected}
    for problem in _sidebar_checks(site, selected, report_config, notes, cache):
        page = by_path.get(problem.path)
        if page is None or not is_suppressed(problem, page.suppressions):
            yield problem


def _sidebar_checks(
    site: Site, selected: list[Page], report_config: bool, notes: list[str], cache: PageCache
) -> list[Problem]:
    """The sidebar rules' problems, reused from the last run while no page's identity or sidebar
    facts changed and every file the checks looked at still exists or not as before (the config
    is in the cache key): building every locale's sidebar costs more than the rest of a warm run."""
    if cache.file is None:
        return [problem for check in SIDEBAR_CHECKS for problem in check(site, selected, report_config, notes)]
    h = hashlib.blake2b(repr(site.routes.routes).encode(), digest_size=16)
    h.update(b"".join(page.sidebar_key or b"?" * 8 for page in site.pages))
    key = h.digest()
    remembered = cache.load_sidebar(key)
    if remembered is None:
        found: list[str] = []
        problems = [
            p.as_tuple()
            for check in SIDEBAR_CHECKS
            for p in check(site, site.pages, True, found)  # everything: the filter below picks
        ]
        remembered = SidebarMemo(key, problems, found, site.files_looked_at(), cache.state())
        cache.keep_sidebar(remembered)
    elif remembered.state != cache.state():  # still true of the site as the cache now holds it (the hook's test)
        cache.keep_sidebar(remembered._replace(state=cache.state()), changed=False)
    notes.extend(remembered.notes)
    wanted = {page.path for page in selected}
    pages = {page.path for page in site.pages}
    return [
        Problem.from_tuple(p) for p in remembered.problems if p[0] in wanted or (report_config and p[0] not in pages)
    ]


def lint(
    settings: Settings,
    paths: Iterable[Path] = (),
    families: Iterable[str] = ("schema", "links"),
    use_cache: bool = False,
    progress: bool = False,
    kept: dict[str, KeptFrontmatter] | None = None,
) -> RunResult:
    """Check the pages under ``paths`` (all when empty) against the whole site.

    ``families`` picks the rule families: ``schema``, ``links``, ``external``.  ``kept`` (the export's):
    filled with what the export needs of the frontmatter of each page read (see :func:`build_site`).
    """
    started = time.perf_counter()
    families, paths = tuple(families), tuple(paths)
    notes: list[str] = []
    from eduforge.hook import MAX_PAGES, WholeSiteNeeded

    cache = open_cache(settings, use_cache, lazy=bool(paths) and len(paths) <= MAX_PAGES)
    if cache.lookup is not None:
        try:
            return _hook_lint(settings, paths, families, cache, progress, started)
        except WholeSiteNeeded as why:
            notes.append(f"the whole site is read: {why}")
            cache = open_cache(settings, use_cache)
    site = build_site(settings, cache, notes, body=bool({"links", "external"} & set(families)), kept=kept)
    selected = select(site, paths)
    raw: list[Problem] = []
    whole = len(selected) == len(site.pages)
    fingerprint = _fingerprint(site, cache) if "links" in families else b""
    # checking a few pages costs less than loading the memo of every page (the commit hook)
    remembered = cache.load_memo(fingerprint) if fingerprint and (whole or len(selected) > MEMO_FROM) else None
    memo = _still_true(site, remembered) if remembered is not None or whole else LinkMemo({}, {})
    computed: Checked = {}
    files_seen: dict[str, bool] = {}
    links_started = time.perf_counter()
    if "links" in families:
        chosen = {id(page) for page in selected}
        to_check = [
            index for index, page in enumerate(site.pages) if id(page) in chosen and page.path not in memo.pages
        ]
        lost = functools.partial(_lost_page_check, site)
        remember = bool(fingerprint) and whole  # the memo is saved
        frozen = len(to_check) >= PARALLEL_LINKS_FROM
        if frozen:
            _ = site.resolver  # built once here and shared by the workers, not once in each
            # forked workers share the site's memory until written: out of the collector's sight, no
            # collection in a worker writes to (and so copies) every object of it
            gc.freeze()
        try:
            for chunk_results, chunk_files in fork_map(
                _check_pages, to_check, (site, remember), min_items=PARALLEL_LINKS_FROM, on_lost=lost, fresh=True
            ):
                computed.update(chunk_results)
                files_seen.update(chunk_files)
        finally:
            if frozen:
                gc.unfreeze()
    for page in selected:
        found = list(page_problems(page))
        if "links" in families:
            checked = computed.get(page.path) or memo.pages.get(page.path)
            found.extend(Problem.from_tuple(problem) for problem in (checked[1] if checked else ()))
        if found:
            raw.extend(unsuppressed(found, page.suppressions))
    if "links" in families:
        given = {relative_path(real_path(path), settings) for path in paths}
        raw.extend(p for p in links.check_redirects(site) if not paths or p.path in given)
        notes.extend(site.notes())
        notes.append(
            f"links checked on {len(to_check)} page{'' if len(to_check) == 1 else 's'} ({len(selected) - len(to_check)} unchanged since the last run)"
            f" in {time.perf_counter() - links_started:.2f} s"
        )
    if "links" in families:
        raw.extend(_sidebar_problems(site, selected, list(paths), notes, cache))
    # a run on some pages (the commit hook) leaves the memo as it was: the next whole run compares
    # the site with the memo's and re-checks what changed since; rewriting it would cost more than the run
    changed = computed or cache.sidebar_changed or remembered is None or remembered.site != memo.site
    if fingerprint and whole and changed:
        cache.save_memo(fingerprint, files_seen, LinkMemo(memo.site, {**memo.pages, **computed}))
    selected_paths = {page.path for page in selected}
    if not paths or any(real_path(Path(p)) in settings.config_files for p in paths):
        raw.extend(problem for check in PROJECT_CHECKS for problem in check(site))
    named = [relative_path(real_path(Path(p)), settings) for p in paths]
    raw.extend(
        Problem(s.path, 1, 1, "file-skipped", f"skipped: {s.reason}")
        for s in site.skipped
        if not paths or s.path in selected_paths or any(_within(s.path, name) for name in named)
    )
    if "external" in families:
        raw.extend(_external(settings, selected, progress, notes, use_cache))
    if cache.changed_paths or cache.heal:  # a record that could not be trusted was read again
        cache.save({page.path for page in site.pages})
    return RunResult(stamp(raw, settings, families), len(selected), site, time.perf_counter() - started, notes)


def _check_content_folder(settings: Settings) -> None:
    """Refuse a content folder that holds the project (``content = "/"`` or ``"../.."``): every file
    below it would be read, the whole file system for ``/``; Astro's content is inside the project."""
    content, root = Path(os.path.realpath(settings.content)), Path(os.path.realpath(settings.project_root))
    if content != root and root.is_relative_to(content):
        raise UsageError(
            f"content folder {settings.content} holds the project {settings.project_root} itself; "
            "set content in eduforge.toml to the folder of the pages (Starlight's is src/content/docs)"
        )


def _within(path: str, named: str) -> bool:
    """Whether a file (project-relative) is the given path or under it: a skipped file is no page,
    but a looping link or FIFO that pre-commit passes by name is still reported."""
    return named in (".", path) or path.startswith(named.rstrip("/") + "/")


def _hook_lint(
    settings: Settings,
    paths: tuple[Path, ...],
    families: tuple[str, ...],
    cache: PageCache,
    progress: bool,
    started: float,
) -> RunResult:
    """``lint`` of a few pages from the lookup file (see hook.py): raises ``WholeSiteNeeded`` when it cannot say."""
    from eduforge.hook import HookSite, WholeSiteNeeded, changed_folder, selected_pages, sidebar_problems

    if not settings.content.is_dir():
        raise WholeSiteNeeded("no content folder")
    why = changed_folder(settings, cache)
    if why is not None:
        raise WholeSiteNeeded(why)
    site = HookSite(settings, cache, body=bool({"links", "external"} & set(families)))
    selected = selected_pages(site, paths)
    raw: list[Problem] = []
    notes: list[str] = []
    checked = 0
    for page in selected:
        found = list(page_problems(page))
        if "links" in families:
            try:
                site_found = [problem for check in SITE_CHECKS for problem in check(page, site)]
            except WholeSiteNeeded:
                raise
            except (Exception, RecursionError) as error:  # the whole run reports it as an internal-error problem
                raise WholeSiteNeeded(f"checking {page.path} failed ({type(error).__name__})") from None
            if site.missed and stamp(unsuppressed(site_found, page.suppressions), settings, families):
                raise WholeSiteNeeded(f"{page.path} has link problems and a URL no page has here")
            found.extend(site_found)
            checked += 1
        if found:
            raw.extend(unsuppressed(found, page.suppressions))
    memo = None
    if "links" in families:
        sidebar_found, memo = sidebar_problems(site, selected)
        by_path = {page.path: page for page in selected}
        raw.extend(p for p in sidebar_found if not is_suppressed(p, by_path[p.path].suppressions))
        notes.append(f"links checked on {checked} page{'' if checked == 1 else 's'} (from the cache's lookup file)")
    if "external" in families:
        raw.extend(_external(settings, selected, progress, notes, True))
    state = cache.state()
    cache.save_lazy()
    if memo is not None and cache.state() != state:  # the sidebar facts are as they were: the memo still holds
        cache.keep_sidebar(memo._replace(state=cache.state()), changed=False)
    if cache.warning:
        notes.append(cache.warning)
    notes.insert(0, f"pages: {site.page_count} looked up in the cache (commit-hook run)")
    return RunResult(stamp(raw, settings, families), len(selected), site, time.perf_counter() - started, notes)


def relocated(result: RunResult, display_root: Path) -> RunResult:
    """The result with problem paths relative to ``display_root`` (the repository or the working folder)
    instead of the project root, when the project is inside it."""
    root = result.site.settings.project_root.resolve()
    if root == display_root or not root.is_relative_to(display_root):
        result.display_root = root
        return result
    prefix = root.relative_to(display_root).as_posix() + "/"
    problems = [dataclasses.replace(p, path=prefix + p.path) for p in result.problems]
    return dataclasses.replace(result, problems=sorted(problems), display_root=display_root)


def combine(results: list[RunResult], display_root: Path) -> RunResult:
    """One result for a run over several projects (a monorepo, pre-commit across sites)."""
    if len(results) == 1:
        return results[0]
    first = results[0]
    problems = sorted(p for result in results for p in result.problems)
    notes = [note for result in results for note in result.notes]
    seconds = sum(result.seconds for result in results)
    files = sum(result.files for result in results)
    return RunResult(problems, files, first.site, seconds, notes, display_root=display_root)
