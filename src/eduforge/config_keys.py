"""The config keys of ``eduforge.toml``, declared once.

Validation, the did-you-mean for unknown keys and values, the README's table
(``config_reference``) and the published JSON Schema of ``eduforge.toml``
(``config_json_schema``, committed as ``schemas/eduforge.schema.json``) all come
from :data:`CONFIG_KEYS`.  The ``[external]`` table has its own declaration in
``eduforge.external.settings``; ``[rules]`` takes the rule catalogue's ids.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from eduforge.errors import ConfigError

Kind = Literal[
    "string", "path", "bool", "choice", "strings", "table", "number", "integer", "duration", "codes", "networks"
]


@dataclass(frozen=True)
class ConfigKey:
    """One top-level key: its kind, default, what it does, and the astro.config option it overrides."""

    name: str
    kind: Kind
    help: str
    default: Any = None
    choices: tuple[str, ...] = ()
    astro: str = ""
    """The astro.config option this key overrides (``base``, ``starlight.locales``); ``""``: none."""
    example: str = ""


CONFIG_KEYS: tuple[ConfigKey, ...] = (
    ConfigKey(
        "content",
        "path",
        "the content folder (pages)",
        "src/content/docs",
        astro="srcDir + /content/docs, or the docs collection's glob({ base })",
    ),
    ConfigKey("base", "string", "the site base every absolute link starts with", "/", astro="base", example='"/docs"'),
    ConfigKey(
        "trailing_slash",
        "choice",
        "whether page URLs end with /",
        "ignore",
        choices=("always", "never", "ignore"),
        astro="trailingSlash",
    ),
    ConfigKey("locales", "strings", "locale folders besides the root locale", [], astro="starlight.locales"),
    ConfigKey(
        "default_locale", "string", "the default locale's folder (empty: the root locale)", "", astro="defaultLocale"
    ),
    ConfigKey("lang", "string", "the root locale's language, e.g. id", "", astro="starlight.locales.root.lang"),
    ConfigKey("title", "string", "the site title (exports)", "", astro="starlight.title"),
    ConfigKey("site", "string", "the deployed origin, e.g. https://example.org", "", astro="site"),
    ConfigKey(
        "extra_routes",
        "strings",
        "URL globs served by something else (generated pages, other apps), after the base",
        [],
        example='["/api/**", "/releases/"]',
    ),
    ConfigKey("astro_config", "path", "the astro.config file to read (default: found beside the config)", ""),
    ConfigKey(
        "schema",
        "string",
        "\"starlight\": Starlight's schema with the content config's own fields (docsSchema extend, plugins);"
        ' "astro": the file astro sync generates; or a JSON Schema file',
        "starlight",
    ),
    ConfigKey("schemas", "table", "[[schemas]] tables {glob, schema}: per-glob schemas, first match wins", []),
    ConfigKey("rules", "table", "rule id = error, warning or off", {}),
    ConfigKey("ignore", "strings", "globs of content files not to read", []),
    ConfigKey("public", "path", "the folder served as is at the base", "public"),
    ConfigKey("i18n_fallback", "bool", "a page missing in a locale is served from the default locale", True),
    ConfigKey(
        "source_links",
        "bool",
        "links to a page's source file (./page.md) are valid: a Markdown plugin of the site rewrites them"
        " (on by itself with astro-rehype-relative-markdown-links)",
        False,
    ),
    ConfigKey(
        "base_links",
        "bool",
        "root-relative links in page bodies get the base from a Markdown plugin of the site (/guide/ is"
        " base/guide/; on by itself when astro.config gives one of the site's own plugins the base)",
        False,
    ),
    ConfigKey(
        "link_components",
        "table",
        'component = [props holding links, any name: `Btn = ["to"]`], added to LinkCard, LinkButton, Card, a, img and Image (`X = []` turns one off)',
        None,
    ),
    ConfigKey("cache_dir", "path", "where the cache lives", ".eduforge-cache"),
    ConfigKey("external", "table", "[external] URL checking (see External URLs)", {}),
)

KEYS_BY_NAME: dict[str, ConfigKey] = {key.name: key for key in CONFIG_KEYS}

EXTERNAL_KEYS: tuple[ConfigKey, ...] = (
    ConfigKey("enabled", "bool", "check external URLs without --external", False),
    ConfigKey("timeout", "number", "seconds per request: the whole exchange, not each read", 10),
    ConfigKey("retries", "integer", "extra attempts for 429, 5xx, timeouts, resets (0–10)", 2),
    ConfigKey("max_concurrency", "integer", "requests in flight, in total (1–512)", 32),
    ConfigKey("per_host", "integer", "requests in flight per host name (1–64)", 4),
    ConfigKey("accept", "codes", "extra status codes treated as fine, e.g. [403, 429]; 2xx always are", []),
    ConfigKey("exclude", "strings", "regular expressions searched in the URL as written: matches are skipped", []),
    ConfigKey(
        "allow_private", "networks", 'true, or addresses/CIDR blocks that may be contacted, e.g. ["10.0.0.0/8"]', False
    ),
    ConfigKey("cache", "bool", "reuse recent successes", True),
    ConfigKey("cache_max_age", "duration", 'seconds, or "30m", "12h", "1d"', "1d"),
    ConfigKey("check_fragments", "bool", "also check that #fragments name an anchor of the HTML page", False),
    ConfigKey("user_agent", "string", "the User-Agent header", "eduforge/<version> (+link checker)"),
)
"""The ``[external]`` table's keys; their values are parsed by ``eduforge.external.settings``."""


def hint(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """``; did you mean 'x'?`` or the list of what is allowed."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(choices)}"


def check_table(table: Mapping[str, Any]) -> None:
    """Every key known and of its kind; raises ConfigError naming the first that is not."""
    for name, value in table.items():
        key = KEYS_BY_NAME.get(name)
        if key is None:
            raise ConfigError(f"{name}: unknown config key{hint(name, [k.name for k in CONFIG_KEYS])}")
        check_value(key, value)


def check_value(key: ConfigKey, value: Any) -> None:
    name = key.name
    if key.kind in ("string", "path") and not isinstance(value, str):
        what = "a folder or file path" if key.kind == "path" else "a string"
        example = f" such as {key.example}" if key.example else ""
        raise ConfigError(f"{name}: must be {what}{example} (got {value!r})")
    if key.kind == "bool" and not isinstance(value, bool):
        raise ConfigError(f"{name}: must be true or false (got {value!r})")
    if key.kind == "choice" and value not in key.choices:
        close = difflib.get_close_matches(value, key.choices, n=1) if isinstance(value, str) else []
        suggestion = f"; did you mean '{close[0]}'?" if close else ""
        raise ConfigError(f"{name}: must be one of {', '.join(key.choices)} (got {value!r}){suggestion}")
    if key.kind == "strings" and not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise ConfigError(f"{name}: must be a list of strings (got {value!r})")


def config_reference() -> str:
    """The README's table of config keys (a test keeps the README equal to it)."""
    rows = ["| key | what it sets | default | overrides astro.config |", "| --- | --- | --- | --- |"]
    keys = [
        *CONFIG_KEYS,
        *(ConfigKey(f"external.{key.name}", key.kind, key.help, key.default) for key in EXTERNAL_KEYS),
    ]
    for key in keys:
        default = _toml(key.default) if key.default not in (None, {}, "") else "–"
        rows.append(f"| `{key.name}` | {key.help} | {default} | {f'`{key.astro}`' if key.astro else '–'} |")
    return "\n".join(rows)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    if isinstance(value, list):
        return "`[]`" if not value else f"`{value}`"
    return f"`{value}`"


def config_json_schema() -> dict[str, Any]:
    """A JSON Schema of ``eduforge.toml`` for editors (Taplo, Even Better TOML): published as a file."""
    properties = _properties(CONFIG_KEYS)
    properties["external"] = {
        "description": "URL checking (see External URLs)",
        "type": "object",
        "properties": _properties(EXTERNAL_KEYS),
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "eduforge.toml",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


_KIND_SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "path": {"type": "string"},
    "bool": {"type": "boolean"},
    "strings": {"type": "array", "items": {"type": "string"}},
    "number": {"type": "number", "exclusiveMinimum": 0},
    "integer": {"type": "integer", "minimum": 0},
    "duration": {"type": ["number", "string"]},
    "codes": {"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 999}},
    "networks": {"type": ["boolean", "array"], "items": {"type": "string"}},
}


def _properties(keys: tuple[ConfigKey, ...]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key in keys:
        spec: dict[str, Any] = {"description": key.help, **_KIND_SCHEMAS.get(key.kind, {})}
        if key.kind == "choice":
            spec["enum"] = list(key.choices)
        elif key.name == "schemas":
            spec.update(
                type="array",
                items={
                    "type": "object",
                    "properties": {"glob": {"type": "string"}, "schema": {"type": "string"}},
                    "required": ["glob", "schema"],
                    "additionalProperties": False,
                },
            )
        elif key.name == "rules":
            spec.update(type="object", additionalProperties={"enum": ["error", "warning", "info", "off"]})
        elif key.kind == "table":
            spec["type"] = "object"
        if key.default not in (None, {}):
            spec["default"] = key.default
        properties[key.name] = spec
    return properties
