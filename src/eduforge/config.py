"""Settings: the config file, its keys and values, and Starlight project detection.

Lookup order: ``--config PATH``; else ``eduforge.toml`` or a ``pyproject.toml``
with ``[tool.eduforge]``, walking up from the working directory; else a
Starlight project is detected (``astro.config.*`` beside ``src/content/docs``).
The folder holding the config file is the *project root*: reported paths are
relative to it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from eduforge.errors import ConfigError
from eduforge.external.settings import ExternalSettings, settings_from_table
from eduforge.problem import Severity

if TYPE_CHECKING:
    from eduforge.project.content_config import SiteSchema

TrailingSlash = Literal["always", "never", "ignore"]
TRAILING_SLASH_VALUES = ("always", "never", "ignore")
RULE_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "off": None}

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
    locales: tuple[str, ...] = ()
    default_locale: str | None = None
    schema: str = "starlight"
    schemas: tuple[SchemaMapping, ...] = ()
    rules: Mapping[str, Severity | None] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    public: Path | None = None
    i18n_fallback: bool = True
    link_components: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_LINK_COMPONENTS))
    cache_dir: Path | None = None
    external: ExternalSettings = field(default_factory=ExternalSettings)
    lang: str | None = None
    """Language of the root locale (``id``, ``en``…), for exports; else read from astro.config."""
    detected_from: str | None = None
    """Which astro.config file values were read from, when there was no config file."""
    site_schema: SiteSchema | None = None
    """The docs collection's schema (Starlight's merged with the content config's), when ``schema``
    is ``"starlight"`` or ``"astro"``; its repr is a digest, so the page cache key covers it."""

    def describe(self) -> list[str]:
        """Lines for ``-v``: where the settings came from and what they are."""
        source = (
            str(self.config_file)
            if self.config_file
            else f"no config file; detected from {self.detected_from or 'defaults'}"
        )
        return [
            f"config: {source}",
            f"project root: {self.project_root}",
            f"content: {self.content}",
            f"base: {self.base or '/'}  trailing_slash: {self.trailing_slash}",
            f"locales: {', '.join(self.locales) or '(root only)'}  default_locale: {self.default_locale or '(root)'}",
            f"schema: {self.schema}" + "".join(f"; {m.glob} -> {m.schema}" for m in self.schemas),
            *self._site_schema_lines(),
        ]

    def _site_schema_lines(self) -> list[str]:
        site = self.site_schema
        if site is None:
            return []
        return [
            f"site schema: {site.origin}",
            *(f"  warning: {w}" for w in site.warnings),
            *(f"  {n}" for n in site.notes),
        ]


def normalize_base(base: str) -> str:
    stripped = base.strip().strip("/")
    return f"/{stripped}" if stripped else ""


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest eduforge.toml, pyproject.toml with [tool.eduforge], or astro.config.*, at or above ``start``.

    In one folder, an eduforge config wins over an astro.config (which means: detect).
    """
    for folder in (start, *start.parents):
        candidate = folder / "eduforge.toml"
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("eduforge")
            if isinstance(table, dict):
                return pyproject, table
        for name in _ASTRO_CONFIGS:
            if (folder / name).is_file():
                return folder / name, {}
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None
    return data


def load_settings(config_path: Path | None = None, cwd: Path | None = None) -> Settings:
    return with_site_schema(_load_settings(config_path, cwd))


def with_site_schema(settings: Settings) -> Settings:
    """Settings with the site's docs schema read from its content config (``schema = "starlight"|"astro"``)."""
    if settings.schema not in SITE_SCHEMAS:
        return settings
    from eduforge.project.content_config import site_schema

    return replace(settings, site_schema=site_schema(settings.project_root, mode=settings.schema))


def _load_settings(config_path: Path | None = None, cwd: Path | None = None) -> Settings:
    cwd = (cwd or Path.cwd()).resolve()
    if config_path is not None:
        config_path = config_path.resolve()
        if not config_path.is_file():
            raise ConfigError(f"--config {config_path}: no such file")
        table = _read_toml(config_path)
        if config_path.name == "pyproject.toml":
            table = table.get("tool", {}).get("eduforge", {})
        return settings_from_config(table, config_path.parent, config_path)
    found = find_config(cwd)
    if found is not None:
        path, table = found
        if path.name in _ASTRO_CONFIGS:  # the nearest project is a Starlight one without config
            return detect_starlight(path.parent)
        return settings_from_config(table, path.parent, path)
    return detect_starlight(cwd)


_ASTRO_CONFIGS = ("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.cjs", "astro.config.mts")
_BASE_LITERAL = re.compile(r"""\bbase\s*:\s*(['"`])([^'"`]*)\1""")
_SLASH_LITERAL = re.compile(r"""\btrailingSlash\s*:\s*(['"`])(always|never|ignore)\1""")


def detect_starlight(root: Path) -> Settings:
    """Settings for a project without config (``find_config`` found its astro.config, or nothing):
    Starlight layout and astro.config literals."""
    content = root / "src" / "content" / "docs"
    if not content.is_dir():
        content = root / "content"
    base, trailing_slash, source = "", "ignore", None
    for name in _ASTRO_CONFIGS:
        astro_config = root / name
        if astro_config.is_file():
            text = astro_config.read_text(encoding="utf-8", errors="replace")
            if match := _BASE_LITERAL.search(text):
                base = match.group(2)
            if match := _SLASH_LITERAL.search(text):
                trailing_slash = match.group(2)
            source = name
            break
    public = root / "public"
    return Settings(
        project_root=root,
        config_file=None,
        content=content,
        base=normalize_base(base),
        trailing_slash=trailing_slash,  # type: ignore[arg-type]
        public=public,
        cache_dir=root / ".eduforge-cache",
        detected_from=source,
        external=settings_from_table({}, root),
    )


# --- validation of the config table ------------------------------------------------

_KEYS = (
    "content",
    "base",
    "trailing_slash",
    "locales",
    "default_locale",
    "schema",
    "schemas",
    "rules",
    "ignore",
    "public",
    "i18n_fallback",
    "link_components",
    "cache_dir",
    "lang",
    "external",
)


def _expect(key: str, value: Any, kind: type | tuple[type, ...], allowed: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{key}: must be {allowed} (got {value!r})")
    return value


def _string_list(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{key}: must be a list of strings (got {value!r})")
    return tuple(value)


def settings_from_config(table: Mapping[str, Any], root: Path, config_file: Path | None) -> Settings:
    """Validate a config table (top-level keys of eduforge.toml) into Settings."""
    from eduforge.rules import RULES  # the rule catalogue; imported late to keep config light

    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{unknown[0]}: unknown config key; allowed keys: {', '.join(_KEYS)}")
    content = root / _expect("content", table.get("content", _default_content(root)), str, "a folder path")
    base = normalize_base(_expect("base", table.get("base", "/"), str, 'a path such as "/" or "/docs"'))
    trailing_slash = table.get("trailing_slash", "ignore")
    if trailing_slash not in TRAILING_SLASH_VALUES:
        raise ConfigError(f"trailing_slash: must be one of {', '.join(TRAILING_SLASH_VALUES)} (got {trailing_slash!r})")
    allowed = '"starlight", "astro" or a path to a JSON Schema file'
    schema = _expect("schema", table.get("schema", "starlight"), str, allowed)
    if schema not in SITE_SCHEMAS and not (root / schema).is_file():
        raise ConfigError(f"schema: no such file {root / schema}; use {allowed}")
    rules: dict[str, Severity | None] = {}
    for rule_id, level in _expect("rules", table.get("rules", {}), dict, "a table of rule id = level").items():
        if rule_id not in RULES:
            raise ConfigError(f"rules.{rule_id}: unknown rule; known rules: {', '.join(sorted(RULES))}")
        if level not in RULE_LEVELS:
            raise ConfigError(f"rules.{rule_id}: must be one of error, warning, off (got {level!r})")
        rules[rule_id] = RULE_LEVELS[level]
    return Settings(
        project_root=root,
        config_file=config_file,
        content=content,
        base=base,
        trailing_slash=trailing_slash,
        locales=_string_list("locales", table.get("locales", [])),
        default_locale=_expect("default_locale", table.get("default_locale", ""), str, "a locale folder name") or None,
        schema=schema,
        schemas=_schema_mappings(table.get("schemas", [])),
        rules=rules,
        ignore=_string_list("ignore", table.get("ignore", [])),
        public=root / _expect("public", table.get("public", "public"), str, "a folder path"),
        i18n_fallback=_expect("i18n_fallback", table.get("i18n_fallback", True), bool, "true or false"),
        link_components=_link_components(table.get("link_components")),
        cache_dir=root / _expect("cache_dir", table.get("cache_dir", ".eduforge-cache"), str, "a folder path"),
        lang=_expect("lang", table.get("lang", ""), str, 'a language tag such as "id" or "en"') or None,
        external=settings_from_table(_expect("external", table.get("external", {}), dict, "a table"), root),
    )


def _default_content(root: Path) -> str:
    return "src/content/docs" if (root / "src" / "content" / "docs").is_dir() else "content"


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
    if value is None:
        return dict(DEFAULT_LINK_COMPONENTS)
    if not isinstance(value, dict):
        raise ConfigError(f"link_components: must be a table of component = [props] (got {value!r})")
    return {name: _string_list(f"link_components.{name}", props) for name, props in value.items()}
