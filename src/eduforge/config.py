"""Settings: the config file, its keys and values, and Starlight project detection.

Lookup order: ``--config PATH``; else ``eduforge.toml`` or a ``pyproject.toml``
with ``[tool.eduforge]``, walking up from the working directory; else a
Starlight project is detected (``astro.config.*`` beside ``src/content/docs``).
The folder holding the config file is the *project root*: reported paths are
relative to it.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from eduforge.config_keys import check_table, hint
from eduforge.errors import ConfigError
from eduforge.external.settings import ExternalSettings, settings_from_table
from eduforge.problem import Severity

if TYPE_CHECKING:
    from eduforge.project.content_config import DocsFolder, SiteSchema

TrailingSlash = Literal["always", "never", "ignore"]
TRAILING_SLASH_VALUES = ("always", "never", "ignore")
RULE_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "off": None}

DEFAULT_LINK_COMPONENTS = {
    "LinkCard": ("href",),
    "LinkButton": ("href",),
    "Card": ("href", "link"),
    "a": ("href",),
    "img": ("src",),
    "Image": ("src",),
}


BUILTIN_SCHEMAS = Path(__file__).parent / "schemas"
"""Schemas shipped with eduforge; ``"starlight"`` names ``starlight.schema.json``."""


def schema_file(name: str, project_root: Path) -> Path:
    """The file a ``schema`` setting names: ``"starlight"``/``"astro"`` (built in) or a path relative to the project."""
    return BUILTIN_SCHEMAS / "starlight.schema.json" if name in SITE_SCHEMAS else (project_root / name)


SITE_SCHEMAS = ("starlight", "astro")
"""``schema`` values that mean the site's own docs schema (see project/content_config.py)."""


def schema_files_in_use(settings: Settings) -> list[Path]:
    """The configured schema files and their neighbours (``$ref`` targets): the cache key covers them."""
    files = {
        schema_file(name, settings.project_root) for name in {settings.schema, *(m.schema for m in settings.schemas)}
    }
    for folder in {file.parent for file in files}:
        files.update(folder.glob("*.json"))
    return sorted(files)


@dataclass(frozen=True)
class Locale:
    """A Starlight locale: ``key`` is its URL segment (``""`` for the root locale)."""

    key: str
    lang: str
    """BCP-47 language tag (``fr``, ``zh-CN``): the page's ``lang`` attribute."""
    label: str = ""
    dir: Literal["ltr", "rtl"] = "ltr"


@dataclass(frozen=True)
class Redirect:
    """One entry of Astro's ``redirects``: ``source`` → ``destination`` (both as written)."""

    source: str
    destination: str
    where: str = ""
    """``astro.config.mjs:12:5`` or ``eduforge.toml``."""


@dataclass(frozen=True)
class SchemaMapping:
    glob: str
    schema: str
    """``"starlight"`` or a path relative to the project root."""


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, resolved to absolute paths."""

    project_root: Path
    config_file: Path | None
    content: Path
    base: str = ""
    """The site base without trailing slash: ``""`` or ``"/pusat-belajar"``."""
    trailing_slash: TrailingSlash = "ignore"
    build_format: str = "directory"
    """Astro's ``build.format``: ``"file"`` builds ``guides/intro.html``, so the browser resolves a page's
    relative links from its folder (``guides/``), and ``intro.html`` is a link to the page."""
    locales: tuple[str, ...] = ()
    default_locale: str | None = None
    schema: str = "starlight"
    schemas: tuple[SchemaMapping, ...] = ()
    rules: Mapping[str, Severity | None] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    public: Path | None = None
    i18n_fallback: bool = True
    source_links: bool = False
    """A Markdown plugin of the site rewrites links to a page's source file (``./page.md``) to its URL."""
    base_links: bool = False
    """A Markdown plugin of the site puts the base before the root-relative links of page bodies."""
    link_components: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_LINK_COMPONENTS))
    cache_dir: Path | None = None
    external: ExternalSettings = field(default_factory=ExternalSettings)
    lang: str | None = None
    """Language of the root locale (``id``, ``en``…), for exports; else read from astro.config."""
    detected_from: str | None = None
    """Which astro.config file values were read from, when there was no config file."""
    # --- the Starlight project as astro.config declares it (see eduforge.project) ---
    locale_info: tuple[Locale, ...] = ()
    """Every locale with its lang and dir; empty for a monolingual site.  ``locales`` are their keys
    (without the root locale), ``default_locale`` the default's key (``None``: the root locale)."""
    sidebar: Any = None
    """Starlight's ``sidebar`` as read from astro.config (a JSArray of JSObject/str items, with
    positions; see eduforge.project.values), or ``None``: every page is autogenerated."""
    pagination: bool = True
    redirects: tuple[Redirect, ...] = ()
    extra_routes: tuple[str, ...] = ()
    """URL globs served by something else (``/api/**``), relative to the base."""
    plugins: tuple[str, ...] = ()
    """Package names of the Starlight plugins (``starlight-blog``) and Astro integrations in use."""
    plugin_routes: tuple[tuple[str, str], ...] = ()
    """``(package, URL glob)`` that plugins serve where their options say (starlight-openapi's ``base``)."""
    title: str | Mapping[str, str] = ""
    """Starlight's ``title``: one string, or one per ``lang``."""
    logo: str | None = None
    """Starlight's ``logo.src`` (or ``logo.light``), as written."""
    logo_dark: str | None = None
    """Starlight's ``logo.dark``: the logo on a dark background."""
    logo_alt: str = ""
    logo_replaces_title: bool = False
    """Starlight's ``logo.replacesTitle``: the title is there for screen readers only."""
    site: str | None = None
    """Astro's ``site`` (``https://example.org``), when set."""
    src_dir: Path | None = None
    markdown_plugins: tuple[str, ...] = ()
    """Names of the remark/rehype plugins (``remark-heading-id``), which change ids and links."""
    astro_version: str | None = None
    starlight_version: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict)
    """Where each effective value came from: ``astro.config.mjs:12:5``, ``eduforge.toml`` or ``default``."""
    astro_config: Path | None = None
    """The astro.config file read, if any."""
    config_notes: tuple[tuple[str, int, int, str], ...] = ()
    """``(path, line, column, message)``: what reading astro.config could not know (rule ``astro-config``)."""
    config_remarks: tuple[str, ...] = ()
    """Lines for ``-v``: values of astro.config that matter only to the exports, read with a fallback."""
    component_overrides: tuple[str, ...] = ()
    """Starlight components the site replaces (``Sidebar``, ``Pagination``) and ``routeMiddleware``."""
    config_files: tuple[Path, ...] = ()
    """Every project file the settings were read from (the cache key covers them)."""
    autogenerate_root: str = ""
    """The docs folder's path from the project root when a ``glob()`` loader reads it from outside
    ``src/content/docs`` (``docs``): Starlight's autogenerate directories then start with it."""
    site_schema: SiteSchema | None = None
    """The docs collection's schema (Starlight's merged with the content config's ``extend`` and plugin
    schemas), when ``schema`` is ``"starlight"`` or ``"astro"``; its repr is a digest of the schema, so
    the page cache key (which hashes ``repr(settings)``) covers it."""

    def describe(self) -> list[str]:
        """Lines for ``-v`` and ``eduforge config``: every effective value and where it came from."""
        config = str(self.config_file) if self.config_file else "no eduforge.toml"
        astro = f"; read {self.astro_config.name}" if self.astro_config else ""
        lines = [f"config: {config}{astro}", f"project root: {self.project_root}"]
        shown = {
            "content": str(self.content),
            "base": self.base or "/",
            "trailing_slash": self.trailing_slash,
            "build_format": self.build_format,
            "locales": ", ".join(
                f"{lo.key or 'root'} ({lo.lang}{', rtl' if lo.dir == 'rtl' else ''})" for lo in self.locale_info
            )
            or ", ".join(self.locales)
            or "(root only)",
            "default_locale": self.default_locale or "(root)",
            "site": self.site or "(not set)",
            "title": self.title
            if isinstance(self.title, str)
            else ", ".join(f"{k}: {v}" for k, v in self.title.items()),
            "sidebar": "(autogenerated)"
            if self.sidebar is None
            else f"{len(self.sidebar)} top-level entries"
            if isinstance(self.sidebar, list | tuple)
            else "(not an array eduforge can read; the sidebar is not checked)",
            "pagination": str(self.pagination).lower(),
            "redirects": str(len(self.redirects)),
            "extra_routes": ", ".join(self.extra_routes) or "(none)",
            "plugins": ", ".join(self.plugins) or "(none)",
            "markdown_plugins": ", ".join(self.markdown_plugins) or "(none)",
            "base_links": str(self.base_links).lower(),
            "schema": self.schema + "".join(f"; {m.glob} -> {m.schema}" for m in self.schemas),
            "astro": self.astro_version or "unknown (eduforge behaves as the current release)",
            "starlight": self.starlight_version or "unknown (eduforge behaves as the current release)",
        }
        for key, value in shown.items():
            lines.append(f"{key}: {value}  [{self.sources.get(key, 'default')}]")
        lines.extend(f"note: {remark}" for remark in self.config_remarks)
        if self.component_overrides:
            lines.append(
                f"note: the site overrides {', '.join(self.component_overrides)}: its sidebar order and prev/next "
                "may differ from Starlight's, which eduforge follows"
            )
        return lines + self._site_schema_lines()

    def _site_schema_lines(self) -> list[str]:
        site = self.site_schema
        if site is None:
            return []
        return [
            f"site schema: {site.origin}",
            *(f"  warning: {path}:{line}:{column}: {message}" for path, line, column, message in site.warnings),
            *(f"  {n}" for n in site.notes),
        ]


def normalize_base(base: str) -> str:
    stripped = base.strip().strip("/")
    return f"/{stripped}" if stripped else ""


CONFIG_NAMES = ("eduforge.toml", "pyproject.toml")


def find_project(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding eduforge.toml, a pyproject.toml with
    ``[tool.eduforge]``, or an astro.config.*: the project root."""
    from eduforge.project.astro import find_astro_config

    for folder in (start, *start.parents):
        if (folder / "eduforge.toml").is_file() or find_astro_config(folder) is not None:
            return folder
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return folder
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror or error}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM: TOML does not allow one, but editors on Windows write it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ConfigError(f"{path}:{line}: the config is not valid UTF-8; save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({_toml_error(error)})") from None
    except RecursionError:  # arrays or inline tables nested deeper than Python recurses
        raise ConfigError(f"{path}: cannot read config: its arrays or tables are nested too deeply") from None


def _toml_error(error: tomllib.TOMLDecodeError) -> str:
    """Where TOML failed, in eduforge's words: the position tomllib names, without its phrasing."""
    where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    return f"line {where.group(1)}, column {where.group(2)}" if where else "at the end of the file"


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    """``[tool.eduforge]`` of a pyproject.toml, ``None`` when it has none; exit 2 when it is no table."""
    data = _read_toml(path)
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool must be a table (got {tool!r})")
    table = tool.get("eduforge")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.eduforge] must be a table (got {table!r})")
    return table


def _config_table(folder: Path) -> tuple[Path | None, dict[str, Any]]:
    toml = folder / "eduforge.toml"
    if toml.is_file():
        return toml, _read_toml(toml)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        table = _pyproject_table(pyproject)
        if table is not None:
            return pyproject, table
    return None, {}


def load_settings(config_path: Path | None = None, cwd: Path | None = None) -> Settings:
    """The settings of the project at or above ``cwd`` (or of ``--config``)."""
    cwd = (cwd or Path.cwd()).resolve()
    if config_path is not None:
        config_path = Path(os.path.realpath(config_path))  # a link that loops is no file (Path.resolve raises)
        if not config_path.is_file():
            if config_path.exists():
                raise ConfigError(
                    f"--config {config_path}: not a regular file (a folder, a pipe or a device);"
                    " name an eduforge.toml or pyproject.toml file"
                )
            raise ConfigError(f"--config {config_path}: no such file")
        table = _read_toml(config_path)
        if config_path.name == "pyproject.toml":
            table = _pyproject_table(config_path) or {}
        return settings_for(config_path.parent, config_path, table)
    root = find_project(cwd) or cwd
    config_file, table = _config_table(root)
    return settings_for(root, config_file, table)


def settings_for(root: Path, config_file: Path | None, table: Mapping[str, Any]) -> Settings:
    """eduforge.toml (``table``) over astro.config over defaults, key by key."""
    from eduforge.project.detect import detect_project

    check_table(table)
    label = "eduforge.toml" if config_file is None or config_file.name != "pyproject.toml" else "[tool.eduforge]"
    astro_file = root / table["astro_config"] if table.get("astro_config") else None
    detected = detect_project(root, astro_file)
    values: dict[str, Any] = dict(detected.values)
    sources: dict[str, str] = dict(detected.sources)
    for key, value in table.items():
        values[key] = value
        sources[key] = label
    return _build(root, config_file, values, sources, detected)


def _build(
    root: Path, config_file: Path | None, values: dict[str, Any], sources: dict[str, str], detected: Any
) -> Settings:
    from eduforge.rules import RULES  # the rule catalogue; imported late to keep config light

    src_dir = root / values["src_dir"] if isinstance(values.get("src_dir"), str) else root / "src"
    content_default = src_dir / "content" / "docs"
    loaded_from = _docs_folder(root, src_dir)
    if loaded_from is not None and "content" not in values:
        _require_folder(loaded_from, root)
        content_default = loaded_from.folder
        sources = {**sources, "content": loaded_from.source}
    elif not content_default.is_dir() and (root / "content").is_dir() and "content" not in values:
        content_default = root / "content"
    content = root / values["content"] if "content" in values else content_default
    schema = values.get("schema", "starlight")
    if schema not in SITE_SCHEMAS and not (root / schema).is_file():
        raise ConfigError(f'schema: no such file {root / schema}; use "starlight" or a path to a JSON Schema file')
    for name in {schema, *(m.schema for m in _schema_mappings(values.get("schemas", [])))} - set(SITE_SCHEMAS):
        if (root / name).is_file():
            _check_schema_file(root / name)
    rules: dict[str, Severity | None] = {}
    rule_table = values.get("rules", {})
    if not isinstance(rule_table, dict):
        raise ConfigError(f"rules: must be a table of rule id = level (got {rule_table!r})")
    for rule_id, level in rule_table.items():
        if rule_id not in RULES:
            raise ConfigError(f"rules.{rule_id}: unknown rule{hint(rule_id, sorted(RULES))}")
        if not isinstance(level, str) or level not in RULE_LEVELS:  # a list or table is unhashable
            raise ConfigError(f"rules.{rule_id}: must be one of error, warning, info, off (got {level!r})")
        rules[rule_id] = RULE_LEVELS[level]
    external = values.get("external", {})
    if not isinstance(external, dict):
        raise ConfigError(f"external: must be a table (got {external!r})")
    locale_info = tuple(detected.locale_info)
    locales = tuple(values.get("locales", ()))
    if sources.get("locales", "").startswith(("eduforge.toml", "[tool")):
        root_locale = () if values.get("default_locale") else (Locale("", values.get("lang") or "en"),)
        locale_info = (*root_locale, *(Locale(key, key) for key in locales)) if locales else ()
    return Settings(
        project_root=root,
        config_file=config_file,
        content=content,
        base=normalize_base(values.get("base", "/")),
        trailing_slash=values.get("trailing_slash", "ignore"),
        build_format=values.get("build_format", "directory"),
        locales=locales,
        default_locale=values.get("default_locale") or None,
        schema=schema,
        schemas=_schema_mappings(values.get("schemas", [])),
        rules=rules,
        ignore=tuple(values.get("ignore", ())),
        public=root / values.get("public", "public"),
        i18n_fallback=values.get("i18n_fallback", True),
        source_links=values.get("source_links", False) is True,
        base_links=values.get("base_links", False) is True,
        link_components=_link_components(values.get("link_components")),
        cache_dir=root / values.get("cache_dir", ".eduforge-cache"),
        external=settings_from_table(external, root),
        lang=values.get("lang") or None,
        detected_from=detected.astro_config.name if detected.astro_config else None,
        locale_info=locale_info,
        sidebar=values.get("sidebar"),
        pagination=values.get("pagination", True) is not False,
        redirects=tuple(detected.redirects),
        extra_routes=tuple(values.get("extra_routes", ())),
        plugins=tuple(detected.plugins),
        plugin_routes=tuple(detected.plugin_routes),
        title=values.get("title", ""),
        logo=values.get("logo"),
        logo_dark=values.get("logo_dark"),
        logo_alt=values.get("logo_alt", ""),
        logo_replaces_title=values.get("logo_replaces_title", False) is True,
        site=values.get("site") or None,
        src_dir=src_dir,
        markdown_plugins=tuple(detected.markdown_plugins),
        astro_version=detected.astro_version,
        starlight_version=detected.starlight_version,
        sources=sources,
        astro_config=detected.astro_config,
        config_notes=tuple(detected.notes),
        config_remarks=tuple(detected.remarks),
        component_overrides=tuple(detected.component_overrides),
        config_files=tuple(detected.files),
        site_schema=_site_schema(root, src_dir, schema, detected.starlight_version),
        autogenerate_root=_autogenerate_root(loaded_from, root, src_dir),
    )


def _docs_folder(root: Path, src_dir: Path) -> DocsFolder | None:
    """The docs collection's ``glob({ base })`` folder, when it is a folder inside the project (not its root).

    A folder outside the project (``base: "../guides"``) is not taken: eduforge reads no file outside
    the project, so such a site sets ``content`` itself.
    """
    from eduforge.project.content_config import docs_folder

    found = docs_folder(root, src_dir)
    if found is None:
        return None
    if "\0" in str(found.folder):
        return found  # no folder can be named so: _require_folder says where it is written
    folder, project = os.path.realpath(found.folder), os.path.realpath(root)
    inside = folder != project and os.path.commonpath([folder, project]) == project
    return found if inside else None


def _require_folder(loaded_from: DocsFolder, root: Path) -> None:
    """A ``glob({ base })`` that names no folder (a file, a FIFO, a symlink loop, a missing folder) is a
    config error that says where the base is written, not "content folder does not exist"."""
    if os.path.isdir(loaded_from.folder):  # never raises: a name too long or with a NUL is no folder
        return
    what = "is not a folder" if os.path.lexists(loaded_from.folder) else "does not exist"
    shown = os.path.relpath(loaded_from.folder, root)
    raise ConfigError(
        f'{loaded_from.source}: the docs collection\'s glob() base "{shown}" {what}; make base a folder of'
        " the project, or set content in eduforge.toml"
    )


def _autogenerate_root(loaded_from: DocsFolder | None, root: Path, src_dir: Path) -> str:
    """What Starlight's autogenerate directories start with: ``""``, or the docs folder from the project root.

    Starlight matches ``autogenerate.directory`` against each entry's ``filePath`` (from the project
    root) less ``src/content/docs/``; a ``glob()`` loader reading ``./docs`` leaves ``docs/guides/x.md``.
    """
    if loaded_from is None or "\0" in str(loaded_from.folder):
        return ""
    folder, collection = os.path.realpath(loaded_from.folder), os.path.realpath(src_dir / "content" / "docs")
    return "" if folder == collection else Path(os.path.relpath(folder, os.path.realpath(root))).as_posix()


def _check_schema_file(file: Path) -> None:
    """A ``schema`` file that is not a valid JSON Schema (``{"type": 5}``) is a config error, not a silent pass."""
    from eduforge.validation import SchemaLoadError, compiled

    try:
        compiled(file)
    except SchemaLoadError as error:
        raise ConfigError(f"schema: {error}") from None


def _site_schema(root: Path, src_dir: Path, schema: str, starlight: str | None) -> SiteSchema | None:
    """The content config's docs schema, for ``schema = "starlight"`` (the default) or ``"astro"``."""
    if schema not in SITE_SCHEMAS:
        return None
    from eduforge.project.content_config import site_schema

    return site_schema(root, src_dir, mode=schema, starlight_version=starlight)


def _schema_mappings(value: Any) -> tuple[SchemaMapping, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"schemas: must be a list of {{glob = ..., schema = ...}} tables (got {value!r})")
    mappings = []
    for index, entry in enumerate(value):
        if (
            not isinstance(entry, dict)
            or set(entry) != {"glob", "schema"}
            or not all(isinstance(v, str) for v in entry.values())
        ):
            raise ConfigError(
                f"schemas[{index}]: must be a table with exactly the string keys glob and schema (got {entry!r})"
            )
        mappings.append(SchemaMapping(entry["glob"], entry["schema"]))
    return tuple(mappings)


def _link_components(value: Any) -> dict[str, tuple[str, ...]]:
    """The built-in link components with the configured ones added (a name listed again is replaced:
    ``LinkCard = []`` stops checking it)."""
    if value is None:
        return dict(DEFAULT_LINK_COMPONENTS)
    if not isinstance(value, dict):
        raise ConfigError(f"link_components: must be a table of component = [props] (got {value!r})")
    components = dict(DEFAULT_LINK_COMPONENTS)
    for name, props in value.items():
        if not isinstance(props, list) or not all(isinstance(prop, str) for prop in props):
            raise ConfigError(f"link_components.{name}: must be a list of strings (got {props!r})")
        components[name] = tuple(props)
    return components
