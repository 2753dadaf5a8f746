"""Every URL the built site serves besides its content pages: a valid link target.

* Astro ``redirects``: each source is served (below the base), ``[param]`` sources as patterns;
* ``src/pages/**`` (under ``srcDir``): pages (``.astro``, Markdown, ``.mdx``, ``.html``) and
  endpoints (``.js``/``.ts``: ``feed.xml.ts`` is ``/feed.xml``), as Astro's route manifest makes
  them (``packages/astro/src/core/routing/create-manifest.ts``): ``index`` is its folder, names
  starting with ``_`` or ``.`` are not routes, ``[param]`` is one segment, ``[...rest]`` any;
* routes Starlight and known plugins add (:data:`PLUGIN_ROUTES`: one line per plugin);
* the host's redirects and rewrites: Netlify's ``netlify.toml`` and ``public/_redirects``,
  Vercel's ``vercel.json`` (their sources are served; 404 rules are not);
* pages generated at build time: page files the ``.gitignore`` files ignore inside the content
  folder (``reference/.gitignore`` holding ``*.mdx``) are served, though not in the repository;
* ``extra_routes`` globs from eduforge.toml (generated pages, other apps on the same host).

Links to these are fine; eduforge does not know their headings, so anchors are not checked.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eduforge.config import Settings
from eduforge.project.values import Call, JSArray, JSObject, Unknown
from eduforge.safe_read import read_regular_text

PAGE_EXTENSIONS = frozenset(
    {".astro", ".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdx", ".mdoc", ".html"}
)
ENDPOINT_EXTENSIONS = frozenset({".js", ".ts"})

STARLIGHT_ROUTES = ("/404", "/pagefind/**")
"""What Starlight itself serves besides the docs: its 404 page and the Pagefind search index."""

PLUGIN_ROUTES: dict[str, tuple[str, ...]] = {
    "starlight-blog": ("/blog/**", "/blog/rss.xml"),
    "starlight-changelogs": (),  # its bases are the `base` options of makeChangelogsSidebarLinks()
    "@lunariajs/starlight": ("/lunaria/**",),
    "starlight-llms-txt": ("/llms.txt", "/llms-full.txt", "/llms-small.txt", "/_llms-txt/**"),
    "@astrojs/sitemap": ("/sitemap-index.xml", "/sitemap-*.xml"),
    "starlight-showcases": (),
}
"""Routes a Starlight plugin or Astro integration adds (below the base, in every locale), by package name."""

LOCALIZED_PLUGINS = frozenset({"starlight-blog", "starlight-changelogs"})
"""Plugins that serve their routes again below each locale (``/fr/blog/``)."""


@dataclass(frozen=True)
class Route:
    """A URL pattern the site serves: ``/feed.xml``, ``/blog/[slug]``, ``/api/**``."""

    pattern: str
    kind: str
    """``page``, ``endpoint``, ``redirect``, ``plugin``, ``host`` (Netlify/Vercel redirects),
    ``generated`` (gitignored pages) or ``extra``."""
    where: str
    """Where it was found: ``src/pages/feed.xml.ts``, ``astro.config.mjs:12:5``, ``plugin starlight-blog``."""


def _segment_regex(segment: str) -> str:
    if segment in ("**",) or re.fullmatch(r"\[\.\.\.[^\]]*\]", segment):
        return "(?:/.*)?"
    parts = re.split(r"(\[\.\.\.[^\]]*\]|\[[^\]]*\]|\*\*|\*|\?)", segment)
    body = "".join(
        ".*"
        if part.startswith("[...") or part == "**"
        else "[^/]+"
        if part.startswith("[")
        else "[^/]*"
        if part == "*"
        else "[^/]"
        if part == "?"
        else re.escape(part)
        for part in parts
    )
    return "/" + body


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A route pattern or URL glob as a regex over paths without trailing slash (``/`` for the root)."""
    segments = [segment for segment in pattern.split("/") if segment]
    if not segments:
        return re.compile(r"/\Z")
    body = "".join(_segment_regex(segment) for segment in segments)
    return re.compile(("(?:/)?" if body.startswith("(?:/.*)?") else "") + body + r"\Z")


def is_dynamic(pattern: str) -> bool:
    return bool(re.search(r"\[[^\]]*\]|\*|\?", pattern))


def is_too_broad(pattern: str) -> bool:
    """Whether a dynamic route has no fixed segment (``/[...slug]``, ``/[lang]/[page]``): it could serve
    any URL, and which ones it builds only its code knows, so it cannot tell a broken link from a good one."""
    segments = [segment for segment in pattern.split("/") if segment]
    return bool(segments) and all(is_dynamic(segment) for segment in segments)


def file_route(relative: str) -> tuple[str, str] | None:
    """``(pattern, kind)`` of a file below ``src/pages`` (``blog/[slug].astro`` → ``/blog/[slug]``), or None."""
    *folders, name = relative.split("/")
    if any(part.startswith(("_", ".")) and part != ".well-known" for part in folders):
        return None
    stem, extension = os.path.splitext(name)
    if stem.startswith(("_", ".")) or not stem:
        return None
    if extension in PAGE_EXTENSIONS:
        kind = "page"
    elif extension in ENDPOINT_EXTENSIONS:
        kind = "endpoint"
    else:
        return None
    segments = folders if stem == "index" else [*folders, stem]
    return "/" + "/".join(segments), kind


def pages_routes(pages: Path, project_root: Path) -> list[Route]:
    """The routes of the files below ``pages`` (Astro's ``src/pages``), sorted by file."""
    found: list[Route] = []
    if not pages.is_dir():
        return found
    for folder, dirs, files in os.walk(pages):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")) or d == ".well-known")
        relative_folder = os.path.relpath(folder, pages).replace(os.sep, "/")
        for name in sorted(files):
            relative = name if relative_folder == "." else f"{relative_folder}/{name}"
            route = file_route(relative)
            if route is not None:
                where = Path(folder, name).relative_to(project_root).as_posix()
                found.append(Route(route[0], route[1], where))
    return found


def changelog_bases(sidebar: Any) -> list[str]:
    """The ``base`` options of ``makeChangelogsSidebarLinks([...])`` calls anywhere in the sidebar."""
    bases: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, Unknown) and value.spread is not None:
            walk(value.spread)
        elif isinstance(value, Call):
            if value.name.endswith("makeChangelogsSidebarLinks"):
                for entries in value.args:
                    for entry in entries if isinstance(entries, list) else ():
                        if isinstance(entry, dict) and isinstance(entry.get("base"), str):
                            bases.append(entry["base"])
            for arg in value.args:
                walk(arg)
        elif isinstance(value, JSObject | dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, JSArray | list | tuple):
            for item in value:
                walk(item)

    walk(sidebar)
    return bases


def plugin_routes(settings: Settings) -> list[Route]:
    """Starlight's own routes and those of the known plugins in use, in every locale where they are localized."""
    found = [Route(pattern, "plugin", "Starlight") for pattern in STARLIGHT_ROUTES]
    in_use = list(settings.plugins)
    if "starlight-changelogs" not in in_use and changelog_bases(settings.sidebar):
        in_use.append("starlight-changelogs")  # its sidebar helper is called: the plugin is there, however added
    named = {plugin for plugin, _ in settings.plugin_routes}  # their options name their routes: no defaults
    for plugin in in_use:
        patterns = [] if plugin in named else list(PLUGIN_ROUTES.get(plugin, ()))
        if plugin == "starlight-changelogs":
            patterns += [f"/{base.strip('/')}/**" for base in changelog_bases(settings.sidebar)]
        prefixes = ["", *(f"/{key}" for key in settings.locales)] if plugin in LOCALIZED_PLUGINS else [""]
        found.extend(
            Route(prefix + pattern, "plugin", f"plugin {plugin}") for prefix in prefixes for pattern in patterns
        )
    found.extend(Route(pattern, "plugin", f"plugin {plugin}") for plugin, pattern in settings.plugin_routes)
    return found


def redirect_routes(settings: Settings) -> list[Route]:
    return [
        Route("/" + redirect.source.strip("/"), "redirect", redirect.where or "redirects")
        for redirect in settings.redirects
    ]


def extra_routes(settings: Settings) -> list[Route]:
    where = settings.sources.get("extra_routes") or "eduforge.toml extra_routes"
    return [Route("/" + glob.strip().lstrip("/"), "extra", where) for glob in settings.extra_routes]


class Routes:
    """The non-content routes of one site; ``match`` takes a path below the base."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes = list(routes)
        self._static: dict[str, Route] = {}
        self._dynamic: list[tuple[re.Pattern[str], Route]] = []
        self.unused = [
            route for route in self.routes if route.kind in ("page", "endpoint") and is_too_broad(route.pattern)
        ]
        """``src/pages`` routes that could serve any URL: listed by ``-v``, not matched."""
        for route in self.routes:
            if route in self.unused:
                continue
            if is_dynamic(route.pattern):
                self._dynamic.append((pattern_regex(route.pattern), route))
            else:
                self._static.setdefault(route.pattern.rstrip("/") or "/", route)

    def match(self, rest: str) -> Route | None:
        """The route serving ``rest`` (``/feed.xml``, ``/blog/post/``), or None."""
        key = rest.rstrip("/") or "/"
        found = self._static.get(key)
        if found is not None:
            return found
        for regex, route in self._dynamic:
            if regex.match(key):
                return route
        return None

    def notes(self) -> list[str]:
        """``-v`` lines: every route found, grouped by where it was found."""
        groups: dict[str, list[str]] = {}
        for route in self.routes:
            if route.kind in ("page", "endpoint"):
                groups.setdefault("src/pages", []).append(f"{route.where} -> {route.pattern}")
            elif route.kind in ("redirect", "host"):
                name = "redirects" if route.kind == "redirect" else "the host's redirects"
                groups.setdefault(name, []).append(f"{route.pattern} ({route.where})")
            else:
                groups.setdefault(route.where, []).append(route.pattern)
        lines = [f"routes from {where}: {_listed(shown)}" for where, shown in groups.items()]
        lines.extend(
            f"{route.where} ({route.pattern}) has no fixed segment and only its code knows which URLs it builds,"
            " so links are not checked against it; list its URLs in extra_routes if links to them are reported"
            for route in self.unused
        )
        return lines


def _host_pattern(source: str, base: str) -> str | None:
    """A Netlify or Vercel source path as a route pattern below the base (``/blog/:slug`` → ``/blog/[slug]``,
    a trailing ``*`` or ``:path*`` → ``**``); None for another host or what is not a plain path pattern."""
    if not source.startswith("/"):
        return None
    pattern = re.sub(r"/:(\w+)[*+]$|/\(\.\*\)$|/\*$", "/**", source)
    pattern = re.sub(r"/:(\w+)", r"/[\1]", pattern)
    if re.search(r"[()?+:]", pattern):
        return None
    if base and (pattern == base or pattern.startswith(base + "/")):
        pattern = pattern[len(base) :] or "/"
    return pattern


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


HostRule = tuple[str, str, str]
"""``(source, status, where)`` of one redirect or rewrite of the host."""


def _netlify_toml(root: Path) -> list[HostRule]:
    text = read_regular_text(root / "netlify.toml")  # a FIFO or /dev/zero here is not read
    if text is None:
        return []
    try:
        rules = tomllib.loads(text).get("redirects", [])
    except (tomllib.TOMLDecodeError, RecursionError):  # RecursionError: nested too deeply
        return []
    return [
        (rule["from"], str(rule.get("status", "301")), f"netlify.toml:{_line_of(text, rule['from'])}")
        for rule in (rules if isinstance(rules, list) else ())
        if isinstance(rule, dict) and isinstance(rule.get("from"), str)
    ]


def _netlify_redirects(file: Path, shown: str) -> list[HostRule]:
    text = read_regular_text(file)  # a FIFO or /dev/zero here is not read
    if text is None:
        return []
    lines = text.splitlines()
    rules = []
    for number, line in enumerate(lines, 1):
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2:
            rules.append((fields[0], fields[2] if len(fields) > 2 else "301", f"{shown}:{number}"))
    return rules


def _vercel_json(root: Path) -> list[HostRule]:
    try:
        config = json.loads(read_regular_text(root / "vercel.json") or "null")  # a FIFO here is not read
    except (ValueError, RecursionError):  # RecursionError: nested too deeply
        return []
    rules = []
    for key in ("redirects", "rewrites"):
        entries = config.get(key) if isinstance(config, dict) else None
        for rule in entries if isinstance(entries, list) else ():
            if isinstance(rule, dict) and isinstance(rule.get("source"), str):
                rules.append((rule["source"], "301", f"vercel.json {key}"))
    return rules


def host_routes(settings: Settings) -> list[Route]:
    """The sources of the host's redirects and rewrites: ``netlify.toml``, ``public/_redirects``, ``vercel.json``.

    A file that cannot be read is ignored (the host complains about it, not a page); 404 rules serve nothing.
    """
    root = settings.project_root
    redirects = (settings.public or root / "public") / "_redirects"
    shown = redirects.relative_to(root).as_posix() if redirects.is_relative_to(root) else "_redirects"
    rules = [*_netlify_toml(root), *_netlify_redirects(redirects, shown), *_vercel_json(root)]
    found = []
    for source, status, where in rules:
        pattern = _host_pattern(source, settings.base)
        if pattern is not None and not status.startswith("404"):
            found.append(Route(pattern, "host", where))
    return found


NOTE_ITEMS = 12
"""How many routes of one origin ``-v`` lists before it counts the rest."""


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:NOTE_ITEMS])
    return shown if len(items) <= NOTE_ITEMS else f"{shown} and {len(items) - NOTE_ITEMS} more"


PAGE_FILE_SUFFIXES = (".md", ".mdx", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn")


def ignored_url_glob(folder: str, pattern: str) -> str | None:
    """The URLs of the pages a ``.gitignore`` pattern in ``folder`` (below the content root) ignores,
    as a glob; None when it ignores no pages.

    ``config.md`` → ``/reference/**/config`` (a pattern without a slash ignores at any depth);
    ``*.mdx`` → ``/release/**/*``; ``javascript/*`` → ``/reference/javascript/*/**`` (folders).
    """
    pattern = pattern.strip()
    if not pattern or pattern.startswith(("#", "!")):
        return None
    anchored = "/" in pattern.rstrip("/")
    path = pattern.strip("/")
    stem, suffix = os.path.splitext(path)
    if suffix in PAGE_FILE_SUFFIXES:
        path = stem
    elif suffix:
        return None  # another kind of file: _data.json, *.png
    else:
        path += "/**"  # a folder: every page below it
    glob = f"{folder}/{path}" if anchored else f"{folder}/**/{path}"
    return "/" + "/".join(part.lower() for part in glob.split("/") if part)


def _gitignore_lines(file: Path) -> list[str]:
    text = read_regular_text(file)  # a FIFO or /dev/zero here is not read
    return text.splitlines() if text is not None else []


def _gitignore_folders(top: str) -> Iterator[str]:
    """The folders at or below ``top`` that hold a ``.gitignore``, top-down, subfolders in name order.

    As ``os.walk`` (links to folders not followed, unreadable folders passed over, hidden folders and
    ``node_modules`` skipped), but from the ``d_type`` of each entry alone: no ``stat`` per folder,
    and no lists of the (many) page files.  A commit hook pays this walk on every run.
    """
    stack = [top]
    while stack:
        folder = stack.pop()
        found, below = False, []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = entry.name
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if name == ".gitignore":
                        found = found or not is_dir
                    elif is_dir and not name.startswith(".") and name != "node_modules" and not entry.is_symlink():
                        below.append(entry.path)
        except OSError:
            continue  # unreadable (or vanished): passed over whole, as os.walk does
        if found:
            yield folder
        stack.extend(sorted(below, reverse=True))


REPOSITORY_DEPTH = 8
"""How many folders above the project are looked at for the repository's root (the one holding ``.git``)."""


def _repository_folders(project_root: Path) -> list[Path]:
    """The project's folder and, when it lies inside a git repository, each folder above it up to the
    repository's root; only the project's folder when no ``.git`` is found within :data:`REPOSITORY_DEPTH`."""
    folders = [project_root]
    if os.path.lexists(project_root / ".git"):
        return folders
    for folder in project_root.parents[:REPOSITORY_DEPTH]:
        folders.append(folder)
        if os.path.lexists(folder / ".git"):
            return folders
    return folders[:1]


def generated_routes(settings: Settings) -> list[Route]:
    """Pages ``.gitignore`` files ignore inside the content folder: generated at build time, so served.

    Read: every ``.gitignore`` below the content folder, and those of the project and of the folders
    above it up to the repository's root (a monorepo's ``docs/`` project) for lines naming paths inside
    the content folder (``src/content/docs/api/``, ``/docs/src/content/docs/releases.md``).
    """
    content, root, found = settings.content, settings.project_root, []
    for above in _repository_folders(root):
        if not content.is_relative_to(above):
            continue
        inside = content.relative_to(above).as_posix() + "/"
        ignore = above / ".gitignore"
        shown = os.path.relpath(ignore, root).replace(os.sep, "/")
        for line in _gitignore_lines(ignore):
            path = line.strip().lstrip("/")
            glob = ignored_url_glob("", "/" + path[len(inside) :]) if path.startswith(inside) else None
            if glob is not None:
                found.append(Route(glob, "generated", shown))
    for folder in _gitignore_folders(str(content)):
        file = Path(folder, ".gitignore")
        relative = Path(folder).relative_to(content).as_posix()
        where = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
        for line in _gitignore_lines(file):
            glob = ignored_url_glob("" if relative == "." else relative, line)
            if glob is not None:
                found.append(Route(glob, "generated", where))
    return found


def site_routes(settings: Settings) -> Routes:
    """Every non-content route of the site, from the config, ``src/pages`` and the plugins."""
    src = settings.src_dir or settings.project_root / "src"
    return Routes(
        [
            *redirect_routes(settings),
            *pages_routes(src / "pages", settings.project_root),
            *plugin_routes(settings),
            *host_routes(settings),
            *generated_routes(settings),
            *extra_routes(settings),
        ]
    )


def where_position(where: str) -> tuple[str, int, int]:
    """``astro.config.mjs:12:5`` → ``("astro.config.mjs", 12, 5)``; a bare file name is at 1:1."""
    match = re.fullmatch(r"(.*?):(\d+):(\d+)", where)
    if match:
        return match.group(1), int(match.group(2)), int(match.group(3))
    return where or "astro.config", 1, 1


def redirect_destinations(settings: Settings) -> Iterator[tuple[str, str, str]]:
    """``(source, destination path, where)`` of each redirect to be checked: internal, not dynamic."""
    for redirect in settings.redirects:
        destination = redirect.destination.strip()
        if re.match(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)", destination) or is_dynamic(destination):
            continue  # another host, or a pattern filled by the source's params
        yield redirect.source, destination, redirect.where
