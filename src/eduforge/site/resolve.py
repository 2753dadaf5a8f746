"""Resolve a link as a browser would on the built site: to a page, an asset, or nothing.

Starlight does not rewrite authored links, so an absolute link must carry the
site ``base``; a relative one resolves against the page's URL (``base/slug/``),
except images and files, which Astro resolves against the Markdown file.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import unicodedata
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote, urlsplit

from eduforge.problem import closest
from eduforge.project.astro import LOCAL_PLUGIN
from eduforge.safe_read import read_regular_text
from eduforge.site.index import Site, inside, posix_relative, url_key
from eduforge.site.locales import ROOT
from eduforge.site.page import PAGE_SUFFIXES, Page, page_url
from eduforge.site.routes import redirect_destinations
from eduforge.site.served import ServedFiles
from eduforge.site.suggest import SuggestionIndex
from eduforge.urlscheme import unsafe_scheme

if TYPE_CHECKING:
    from eduforge.site.routes import Routes

SOURCE_LINK_PLUGINS = frozenset({"astro-rehype-relative-markdown-links"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_DOT_SEGMENT = re.compile(r"/\.\.?(?=/|$)")


def remove_dot_segments(path: str) -> str:
    """An absolute URL path as a browser requests it: ``.`` segments dropped, ``..`` removing the one before.

    RFC 3986 5.2.4 (what the WHATWG URL parser does too): ``/docs/./x`` is ``/docs/x``, ``/docs/a/../`` is
    ``/docs/``, ``..`` never climbs above ``/``; a final ``.`` or ``..`` leaves a trailing slash. Starlight
    writes a sidebar link ``./guide`` as ``/base/./guide``, which the browser so follows to ``/base/guide``.
    """
    out: list[str] = []
    segments = path.split("/")[1:]
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment in (".", ".."):
            if segment == ".." and out:
                out.pop()
            if last:
                out.append("")
            continue
        out.append(segment)
    return "/" + "/".join(out)


_EXTERNAL_SCHEMES = frozenset({"http", "https"})
_SPECIAL = re.compile(r"[%?\\\s]|/\.\.?(?:/|$|#)")
"""What the fast path leaves to the full resolution: escapes, queries, dot segments."""
_WEB = ("https://", "http://")
_ASSET_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_JSONC_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/', re.S)
_JSONC_COMMA = re.compile(r'"(?:[^"\\\n]|\\.)*"|,(?=\s*[}\]])')


def _jsonc(text: str) -> object:
    """A JSON-with-comments text (tsconfig.json: ``//``, ``/* */``, trailing commas) as its value."""
    kept = _JSONC_COMMENT.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else " ", text)
    return json.loads(_JSONC_COMMA.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else "", kept))


def read_aliases(root: Path, name: str = "tsconfig.json") -> list[tuple[str, bool, list[str]]]:
    """tsconfig ``compilerOptions.paths`` as ``(prefix, exact, folders)``, following local ``extends``.

    ``"~/*": ["./src/*"]`` is ``("~/", False, ["<root>/src"])``; targets are relative to ``baseUrl``
    when set, else to the tsconfig's folder.  A file that cannot be read gives no aliases: images
    through them are then reported missing, as before.
    """
    file, seen = root / name, set[Path]()
    while file not in seen and len(seen) < 10:
        seen.add(file)
        text = read_regular_text(file)  # a FIFO or /dev/zero here is not read
        try:
            config = _jsonc(text) if text is not None else None
        except (ValueError, RecursionError):
            return []
        if not isinstance(config, dict):
            return []
        options = config.get("compilerOptions")
        paths = options.get("paths") if isinstance(options, dict) else None
        if isinstance(paths, dict):
            base_url = options.get("baseUrl") if isinstance(options, dict) else None
            folder = file.parent / base_url if isinstance(base_url, str) else file.parent
            return [
                (pattern.removesuffix("*"), not pattern.endswith("*"), _targets(folder, targets))
                for pattern, targets in paths.items()
                if isinstance(targets, list) and _targets(folder, targets)
            ]
        extends = config.get("extends")
        if not (isinstance(extends, str) and extends.startswith(".")):
            return []  # a package's tsconfig (astro/tsconfigs/strict) declares no paths
        file = (file.parent / extends).with_suffix(".json") if not extends.endswith(".json") else file.parent / extends
    return []


def _targets(folder: Path, targets: list[object]) -> list[str]:
    return [
        os.path.normpath(os.path.join(folder, target.removesuffix("*")))
        for target in targets
        if isinstance(target, str)
    ]


class Resolution(NamedTuple):
    """What a link points at.

    ``status`` is one of ``page``, ``route`` (served, but not a content page:
    a redirect, ``src/pages``, a plugin, ``extra_routes``), ``asset`` (an
    existing file), ``skip`` (external, mail, data image…: not ours to check),
    ``unsafe``, ``missing`` (no such page), ``missing-asset``, ``unserved-file`` (a link to an
    existing file the built site does not serve: ``link-file``).
    """

    status: str
    page: Page | None = None
    fragment: str | None = None
    message: str = ""
    """For problems: what is wrong, ending where a did-you-mean may follow."""
    suggestion: str | None = None
    slash_problem: str | None = None
    path: str = ""
    """The URL path the link resolved to (with base), for ``page`` and ``route``: its locale is the link's."""
    file: str = ""
    """For ``asset``: the file (the export copies it), when there is one to copy."""


_SKIP = Resolution("skip")
REDIRECT_HOPS = 5
"""Redirects followed for one link: a longer chain is taken as valid where it stops being followed."""


class Resolver:
    """Resolves links of the pages of one site; built once per run."""

    def __init__(self, site: Site) -> None:
        self.site = site
        settings = site.settings
        self.base = settings.base
        self.content = settings.content.resolve()
        self.public = settings.public.resolve() if settings.public else None
        self.project_root = settings.project_root.resolve()
        self.i18n = site.locales
        self._pools: dict[str, tuple[dict[str, str], SuggestionIndex]] = {}
        """Did-you-mean candidates of each locale: URL key → URL as suggested, and their index."""
        self.base_prefix = self.base + "/"
        self.html_files = settings.build_format == "file"
        """Astro's ``build.format: 'file'``: pages are ``guides/intro.html``, served at ``guides/intro``."""
        self.source_links = settings.source_links or not SOURCE_LINK_PLUGINS.isdisjoint(settings.markdown_plugins)
        """Links to a page's source file (``./x.md``) are valid: a plugin rewrites them to its URL."""
        own = [name for name in settings.markdown_plugins if name.startswith(LOCAL_PLUGIN)]
        self._source_link_hint = (
            f" (if the site's own Markdown plugin {' or '.join(own)} rewrites such links, set source_links = true)"
            if own
            else ""
        )
        self.files_seen: dict[str, bool] = {}
        """Every file whose existence a link depended on, and whether it existed."""
        self.served = ServedFiles(settings)
        self.aliases = read_aliases(self.project_root)
        """tsconfig ``paths``: pattern prefix → folders, for images (``@assets/x.png``, ``~/assets/x.png``)."""
        self._alias_starts = frozenset(prefix[:1] for prefix, _, _ in self.aliases)
        self._served_files: dict[str, Resolution] = {}
        self._images: dict[tuple[str, str], Resolution] = {}
        """Relative images resolved before: (the page's folder, path as written) → resolution."""
        self._written_images: dict[tuple[str, str], Resolution] = {}
        """Images ``./…``, ``../…`` resolved before: (the page's folder, target as written) → resolution."""
        self._known: dict[tuple[str, bool], tuple[Resolution, set[str]]] = {}
        """Resolutions decided before (see :meth:`resolve`), with the URL keys each one looked up."""
        self._redirects = {"/" + source.strip("/"): target for source, target, _ in redirect_destinations(settings)}
        """Astro's ``redirects`` eduforge follows (internal, not dynamic): source route pattern → destination."""
        self._followed: list[str] = []
        """The redirect sources followed for the link being resolved (at most :data:`REDIRECT_HOPS`)."""

    @cached_property
    def routes(self) -> Routes:
        """The site's other routes, on first need: finding them walks the content folder for ``.gitignore``
        files, and most links are to pages."""
        return self.site.routes

    # -- entry point -----------------------------------------------------------
    def resolve(self, raw: str, page: Page, *, asset: bool = False) -> Resolution:
        """``asset=True`` for image sources: relative paths are files next to the Markdown file.

        An absolute link (``/docs/x/#y``) means the same from every page: it is resolved once per
        run, and the URL keys that resolution looked up are recorded again on every later use
        (``Site.looked_up``: the link memo).  Relative links are not remembered: on realistic pages
        (external URLs, images beside each page) too few of them repeat to pay for the lookup, but
        for an image written ``./…`` or ``../…``: it means the same file from every page of a folder
        (see :meth:`_relative_image`)."""
        if raw[:1] != "/":
            if asset and raw[:1] == "." and raw.startswith(("./", "../")):
                return self._relative_image(raw, page)
            return self._resolve(raw, page, asset)
        key = (raw, asset)
        known = self._known.get(key)
        site = self.site
        if known is not None:
            if site.looked_up is not None and known[1]:
                site.looked_up.update(known[1])
            return known[0]
        outer, site.looked_up = site.looked_up, set()
        try:
            resolution = self._resolve(raw, page, asset)
            looked_up = site.looked_up
        finally:
            site.looked_up = outer
        if outer is not None:
            outer.update(looked_up)
        self._known[key] = resolution, looked_up
        return resolution

    def _relative_image(self, raw: str, page: Page) -> Resolution:
        """An image ``./…`` or ``../…``, resolved once per folder and target as written: its path is never
        empty, so only the folder of the page's file decides (an asset looks up no URL: nothing to record)."""
        key = (os.path.dirname(page.filename), raw)
        found = self._written_images.get(key)
        if found is None:
            found = self._written_images[key] = self._resolve(raw, page, True)
        return found

    def _resolve(self, raw: str, page: Page, asset: bool) -> Resolution:
        if raw.startswith(_WEB):
            return _SKIP  # another site: the external-URL check's (no browser reads a scheme in it but http(s))
        if raw.startswith(self.base_prefix) and raw.isascii() and not _SPECIAL.search(raw):
            fast = self._fast(raw)  # the common case: a plain absolute link to a page
            if fast is not None:
                return fast
        unsafe = unsafe_scheme(raw, image=asset)  # decided as browsers do: the exporter asks the same
        if unsafe is not None:
            if unsafe != "data":
                return Resolution(
                    "unsafe", message=f"{unsafe}: links run code instead of navigating; link to a page or remove it"
                )
            if not asset:
                return Resolution("unsafe", message="data: links are blocked by browsers; link to a file instead")
            return Resolution("unsafe", message="a data: image must hold image/… data; use an image file instead")
        target = raw.strip()
        if not target:
            return Resolution("skip")
        scheme_match = _SCHEME.match(target)
        if scheme_match and len(scheme_match.group(1)) > 1:  # C:\ is not a scheme
            return Resolution("skip")  # http(s), mailto:, tel:, data: images…
        if target.startswith("//"):
            return Resolution("skip")
        try:
            parts = urlsplit(target)
        except ValueError as error:
            return Resolution("unsafe", message=f"malformed URL ({error})")
        if "%" in parts.path and re.search(r"%(?![0-9A-Fa-f]{2})", parts.path):
            return Resolution(
                "unsafe", message="malformed URL: a % not followed by two hex digits; write %25 for a literal %"
            )
        path = unicodedata.normalize("NFC", unquote(parts.path))
        fragment = unquote(parts.fragment) if parts.fragment or target.endswith("#") else None
        if not path:
            return Resolution("page", page=page, fragment=fragment)
        if path.startswith("/"):
            if _DOT_SEGMENT.search(path):
                path = remove_dot_segments(path)
            return self._absolute(path, fragment, page)
        if asset and self.aliases and path[:1] in self._alias_starts:
            aliased = self._aliased(path)
            if aliased is not None:
                return aliased
        if asset:
            return self._relative_file(path, fragment, page, asset)
        if self._looks_like_file(path):
            return self._relative_file_link(path, fragment, page)
        joined = self._joined(path, page)
        if joined is None:
            return Resolution("missing", message=f"climbs out of the site (resolves to {self._url_path(path, page)})")
        return self._absolute(joined, fragment, page)

    def _relative_file_link(self, path: str, fragment: str | None, page: Page) -> Resolution:
        """A relative link to a file, as the browser follows it: from the page's URL (Astro leaves a link's
        target as written; only images are resolved from the source file). A page's source file or an
        unserved file beside the source is what the link meant (``link-target``, ``link-file``); a public
        file reached from the source, not from the URL, is a broken link with its URL to write instead."""
        beside = self._relative_file(path, fragment, page, False)
        if beside.status not in ("asset", "missing-asset"):
            return beside  # a page's source file, or a file beside it the site does not serve: what was meant
        joined = self._joined(path, page)
        by_url = self._absolute(joined, fragment, page) if joined is not None else None
        if by_url is not None and by_url.status in ("page", "route", "asset"):
            return by_url  # a public file, a route, or a page whose slug has a dot (release/v0.1.0)
        if beside.status == "missing-asset":
            return beside
        url = self._public_url(beside.file)
        if url is None:  # served, but not from public/ (eduforge cannot say where)
            return beside
        resolved = joined if joined is not None else self._url_path(path, page)
        return Resolution(
            "missing-asset",
            message=f"resolves to {resolved} from the page's URL, where the site serves nothing "
            f"(the file {posix_relative(beside.file, self.project_root)} is served at {url})",
            suggestion=url,
        )

    def _public_url(self, file: str) -> str | None:
        """The URL path (with base) the site serves a file of ``public/`` at; None for a file elsewhere."""
        if self.public is None or not inside(file, self.public):
            return None
        return f"{self.base}/{Path(file).relative_to(self.public).as_posix()}"

    def _url_path(self, path: str, page: Page) -> str:
        """Where the relative ``path`` leads from the page's URL, normalised (``..`` stops at ``/``)."""
        return posixpath.normpath(posixpath.join(self._page_folder(page), path))

    def _joined(self, path: str, page: Page) -> str | None:
        """A relative link's URL path, resolved against the page's URL; None when it climbs out of the site."""
        joined = self._url_path(path, page)
        if path.endswith("/") and not joined.endswith("/"):
            joined += "/"
        return joined if joined.startswith(self.base + "/") or joined == self.base else None

    # -- helpers -----------------------------------------------------------------
    def _fast(self, raw: str) -> Resolution | None:
        path, hash_sign, fragment = raw.partition("#")
        pages = self.site.pages_at(path)
        if not pages or self._looks_like_file(path) or (pages[0].draft and self.i18n.fallback):
            return None
        slash = self._slash_problem(path[len(self.base) :] or "/")
        return Resolution(
            "page", page=pages[0], fragment=fragment if hash_sign else None, slash_problem=slash, path=path
        )

    def _page_folder(self, page: Page) -> str:
        url = page.url
        if self.html_files and page.slug:  # guides/intro.html: its links resolve from guides/
            url = url.rstrip("/")
        return url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"

    def _written(self, url: str) -> str:
        """A page URL as a link to it is written: ``guides/intro``, not ``guides/intro/``, with build.format
        ``'file'`` (``guides/intro/`` asks for ``guides/intro/index.html``, which a static host does not have)."""
        if self.html_files and url.endswith("/") and url != self.base_prefix and url != "/":
            return url[:-1]
        return url

    @staticmethod
    def _looks_like_file(path: str) -> bool:
        if path.endswith("/"):
            return False
        last = path.rsplit("/", 1)[-1]
        return "." in last and bool(_ASSET_SUFFIX.search(last))

    def _relative_file(self, path: str, fragment: str | None, page: Page, asset: bool) -> Resolution:
        folder = os.path.dirname(page.filename)
        if not asset:
            return self._file_in(folder, path, fragment, asset)
        key = (folder, path)  # an image means the same file from every page of its folder
        found = self._images.get(key)
        if found is None:
            found = self._images[key] = self._file_in(folder, path, fragment, asset)
        return found

    def _file_in(self, folder: str, path: str, fragment: str | None, asset: bool) -> Resolution:
        # strings and normpath, not Path.resolve(): no file is read, and lstat calls per image add up
        file = os.path.normpath(os.path.join(folder, path))
        if not inside(file, self.project_root):
            return Resolution("missing-asset", message="points outside the project; eduforge never reads files there")
        if os.path.splitext(file)[1] in PAGE_SUFFIXES and not asset:
            linked = self.site.page_of_file(file)
            if linked is not None and self.source_links:  # astro-rehype-relative-markdown-links rewrites them
                return Resolution("page", page=linked, fragment=fragment, path=linked.url)
            if linked is not None:
                return Resolution(
                    "missing",
                    message="links to the source file, which is not served" + self._source_link_hint,
                    suggestion=linked.url + (f"#{fragment}" if fragment else ""),
                )
        if self.is_file(file):
            if not asset:
                refusal = self.served.link_refusal(file)
                return Resolution("unserved-file", message=refusal) if refusal else Resolution("asset", file=file)
            return self._served(file)
        return Resolution("missing-asset", message=f"no such file: {posix_relative(file, self.project_root)}")

    def _aliased(self, path: str) -> Resolution | None:
        """An image through a tsconfig ``paths`` alias, as Vite resolves it; None if no alias matches."""
        for prefix, exact, folders in self.aliases:
            if not (path == prefix if exact else path.startswith(prefix)):
                continue
            rest = "" if exact else path[len(prefix) :]
            files = [os.path.normpath(os.path.join(folder, rest)) for folder in folders]
            file = next((candidate for candidate in files if self.is_file(candidate)), files[0])
            if self.is_file(file):
                return self._served(file)
            return Resolution("missing-asset", message=f"no such file: {posix_relative(file, self.project_root)}")
        return None

    def _served(self, file: str | Path) -> Resolution:
        """An existing file: an asset if the site serves it (the export copies exactly these).

        Decided once per file and run: a folder's image is linked by every page beside it, and
        each decision resolves symbolic links component by component."""
        name = str(file)
        found = self._served_files.get(name)
        if found is None:
            refusal = self.served.refusal(file)
            found = Resolution("missing-asset", message=refusal) if refusal else Resolution("asset", file=name)
            self._served_files[name] = found
        return found

    def is_file(self, file: str | Path) -> bool:
        """Whether a linked file exists; every answer is remembered for the run's result cache."""
        name = str(file)
        if name not in self.files_seen:
            self.files_seen[name] = os.path.isfile(name)
        return self.files_seen[name]

    def _absolute(self, path: str, fragment: str | None, page: Page) -> Resolution:
        base = self.base
        if base and not (path == base or path.startswith(base + "/")):
            return self._missing_base(path, fragment, page)
        rest = path[len(base) :] or "/"
        if self.html_files and rest.endswith(".html"):
            html = self._html_page(path, fragment)
            if html is not None:
                return html
        slash_problem = self._slash_problem(rest)
        if self._looks_like_file(rest):
            public = self._public_file(rest, slash_problem)
            if public.status != "missing-asset":
                return public
            dotted = self._find_page(path)  # a page whose slug ends with a dot and letters: release/v0.1.0
            if dotted is not None:
                return Resolution("page", page=dotted, fragment=fragment, slash_problem=slash_problem, path=path)
            return self._route(path, rest, fragment, page) if self.routes.match(rest) else public
        found = self._find_page(path)
        if found is not None:
            return Resolution("page", page=found, fragment=fragment, slash_problem=slash_problem, path=path)
        if self.routes.match(rest) is not None:
            return self._route(path, rest, fragment, page)
        served = self._public_page(rest)
        if served is not None:
            return self._served(served)
        return Resolution("missing", message="is not a page of the site", suggestion=self._suggest(path, fragment))

    def _html_page(self, path: str, fragment: str | None) -> Resolution | None:
        """``guides/intro.html`` (or ``guides/index.html``) with build.format ``'file'``: the page built there."""
        stem = path[:-5]
        if stem.endswith("/index"):
            stem = stem[:-5]
        found = self._find_page(stem)
        return Resolution("page", page=found, fragment=fragment, path=stem) if found is not None else None

    def _route(self, path: str, rest: str, fragment: str | None = None, page: Page | None = None) -> Resolution:
        """A link to a non-content route: valid; its slash is checked unless the route is served by something else.
        A link to one of Astro's ``redirects`` leads where the redirect goes: its anchor is checked there, and a
        destination that is no page or route makes the link broken too."""
        route = self.routes.match(rest)
        slash = None if route is None or route.kind in ("extra", "host") else self._slash_problem(rest)
        if route is not None and route.kind == "redirect" and page is not None and len(self._followed) < REDIRECT_HOPS:
            if route.pattern in self._followed:
                loop = " → ".join([*self._followed[self._followed.index(route.pattern) :], route.pattern])
                return Resolution("missing", message=f"redirects in a loop ({loop})")
            followed = self._through_redirect(route.pattern, fragment, page)
            if followed is not None:
                return followed._replace(slash_problem=slash) if followed.status != "missing" else followed
        return Resolution("route", slash_problem=slash, path=path)

    def _through_redirect(self, source: str, fragment: str | None, page: Page) -> Resolution | None:
        """Where the redirect from ``source`` leads: the page (the link's anchor checked on it), the route, or a
        broken link when its destination is neither; None for a destination eduforge does not follow."""
        destination = self._redirects.get(source)
        if destination is None:
            return None
        target, _, own_fragment = destination.partition("#")
        target = target.split("?", 1)[0]
        if not target.startswith("/"):
            return None
        if self.base and not (target == self.base or target.startswith(self.base + "/")):
            target = self.base + target  # Astro puts the base before a destination written without it
        self._followed.append(source)
        try:
            found = self._absolute(target, fragment if fragment is not None else own_fragment or None, page)
        finally:
            self._followed.pop()
        if found.status in ("page", "route", "asset") or found.message.startswith("redirects "):
            return found  # reached, or broken further on: the redirect where it breaks says so
        return Resolution("missing", message=f'redirects to "{destination}", which is no page or route of the site')

    def _missing_base(self, path: str, fragment: str | None, page: Page) -> Resolution:
        with_base = self.base + path
        if self._find_page(with_base) is not None or self.routes.match(path) is not None:
            fixed = self.shown(with_base) + (f"#{fragment}" if fragment else "")
            return Resolution("missing", message=f'is missing the site base "{self.base}"', suggestion=fixed)
        if self.public is not None and self._looks_like_file(path) and self.is_file(self.public / path.strip("/")):
            return Resolution("missing-asset", message=f'is missing the site base "{self.base}"', suggestion=with_base)
        if self._public_page(path) is not None:  # a folder's index.html: a page, not an asset
            fixed = with_base + (f"#{fragment}" if fragment else "")
            return Resolution("missing", message=f'is missing the site base "{self.base}"', suggestion=fixed)
        return Resolution(
            "missing",
            message=f'is not a page of the site (links must start with the base "{self.base}")',
            suggestion=self._suggest(with_base, fragment),
        )

    def _public_file(self, rest: str, slash_problem: str | None) -> Resolution:
        if self.public is None:
            return Resolution("asset")
        file = os.path.normpath(os.path.join(self.public, rest.lstrip("/")))
        if not inside(file, self.public):
            return Resolution("missing-asset", message="climbs out of the public folder")
        if self.is_file(file):
            return self._served(file)
        return Resolution("missing-asset", message=f"no such file: {posix_relative(file, self.project_root)}")

    def _slash_problem(self, rest: str) -> str | None:
        policy = self.site.settings.trailing_slash
        if policy == "ignore" or rest == "/" or self._looks_like_file(rest):
            return None
        if policy == "always" and not rest.endswith("/"):
            return 'needs a trailing slash (trailing_slash = "always")'
        if policy == "never" and rest.endswith("/"):
            return 'must not end with a slash (trailing_slash = "never")'
        return None

    def _find_page(self, path: str) -> Page | None:
        """The page served at ``path`` (with base): its own, or the default locale's as a fallback page."""
        page = self.site.page_at(path)
        if (page is not None and not page.draft) or not self.i18n.fallback:
            return page
        source = self.i18n.fallback_path(path[len(self.base) :])
        fallback = self.site.page_at(self.base + source) if source is not None else None
        # a draft translation is not built, so Starlight serves the default page there instead
        return fallback if fallback is not None and (page is None or not fallback.draft) else page

    def shown(self, path: str) -> str:
        """A page's URL path as the site writes it: with a trailing slash unless ``trailing_slash = "never"``
        or build.format ``'file'``."""
        url = page_url(self.base, url_key(path)[len(self.base) :].strip("/"), self.site.settings.trailing_slash)
        return self._written(url)

    def serves(self, path: str) -> bool:
        """Whether the built site serves ``path`` (with base): a page, a fallback page, a route or a public file."""
        rest = path[len(self.base) :] or "/"
        if self._find_page(path) is not None or self.routes.match(rest) is not None:
            return True
        return self._public_page(rest) is not None

    def _public_page(self, rest: str) -> Path | None:
        """The file of ``public/`` served at ``rest`` (below the base): the file itself, or the ``index.html``
        of a folder (``/archive/2023/`` → ``public/archive/2023/index.html``, as the host and Astro's dev
        server serve it); None for none."""
        if self.public is None:
            return None
        relative = rest.strip("/")
        if not relative:
            return None
        if self.is_file(self.public / relative):
            return self.public / relative
        index = os.path.normpath(os.path.join(self.public, relative, "index.html"))
        return Path(index) if inside(index, self.public) and self.is_file(index) else None

    def suggestion_for(self, path: str) -> str | None:
        """The did-you-mean for a URL path (with base) that is not served: in its locale, or the default one."""
        return self._suggest(path, None)

    def _pool(self, locale: str) -> tuple[dict[str, str], SuggestionIndex]:
        """Did-you-mean candidates for a link into ``locale``: its pages and fallback pages, or, when
        it has no fallback pages, its pages and the default locale's; never another language's."""
        if locale not in self._pools:
            i18n, default = self.i18n, self.i18n.default
            pool = {
                key: self._written(pages[0].url)
                for key, pages in self.site.by_url.items()
                if (pages[0].locale or ROOT) == locale
            }
            for page in self.site.pages if locale != default else ():
                if (page.locale or ROOT) != default:
                    continue
                if i18n.fallback and i18n.is_locale(locale):
                    moved = i18n.move(page.url[len(self.base) :], default, locale)
                    pool.setdefault(url_key(self.base + moved), self.shown(self.base + moved))
                else:
                    pool.setdefault(url_key(page.url), self._written(page.url))
            self._pools[locale] = pool, SuggestionIndex(pool, self.base)
        return self._pools[locale]

    def _suggest(self, path: str, fragment: str | None) -> str | None:
        lowered = self.base + path[len(self.base) :].lower()
        if self._find_page(lowered) is not None:
            return self.shown(lowered) + (f"#{fragment}" if fragment else "")
        candidates, index = self._pool(self.i18n.of_path(path[len(self.base) :]))
        found = index.best(url_key(path))  # a bounded cost per link, whatever the site's size
        if found is None or not fragment:
            return candidates[found] if found is not None else None
        anchor = self._anchor_like(found, fragment)
        if anchor is None:  # that page lacks the anchor: a page alike that has it, else the page alone
            found = index.best(url_key(path), lambda url: self._anchor_like(url, fragment) is not None) or found
            anchor = self._anchor_like(found, fragment)
        return candidates[found] + (f"#{anchor}" if anchor else "")

    def _anchor_like(self, path: str, fragment: str) -> str | None:
        """``fragment`` if the page at ``path`` has it, else its closest anchor, else None."""
        page = self._find_page(path)
        if page is None:
            return None
        return fragment if page.has_anchor(fragment) else closest(fragment, page.anchors)
