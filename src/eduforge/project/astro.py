"""Read ``astro.config.*`` as Astro would, without running it.

The file is parsed and evaluated statically (``eduforge.project.js``); from
``defineConfig({...})`` we take Astro's ``base``, ``trailingSlash``, ``site``,
``srcDir``, ``redirects``, ``markdown`` plugins and the integrations; from the
``starlight({...})`` integration (found by its import, ``@astrojs/starlight``)
its ``title``, ``logo``, ``locales``, ``defaultLocale``, ``sidebar``,
``pagination``, ``plugins`` and component overrides.

A value eduforge cannot know statically is never guessed silently: it becomes
a :class:`ConfigNote` at its line:col naming the eduforge.toml key that sets
it, and, where the code names a literal fallback, saying that value was used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduforge.project.values import UNDEFINED, Call, ImportRef, JSFunction, JSObject, Position, Unknown, dotted_name
from eduforge.site.slug import github_slug

ASTRO_CONFIG_NAMES = ("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.cjs", "astro.config.mts")
STARLIGHT_PACKAGE = "@astrojs/starlight"

TOML_KEY = {
    "base": "base",
    "trailingSlash": "trailing_slash",
    "site": "site",
    "srcDir": "content",
    "locales": "locales",
    "defaultLocale": "default_locale",
    "title": "title",
    "sidebar": "",
    "redirects": "",
}
"""The eduforge.toml key that sets what an astro.config option would (``""``: none)."""


@dataclass(frozen=True)
class ConfigNote:
    """Something eduforge could not read, or read with a fallback: a warning at its position."""

    position: Position | None
    message: str
    affects_checks: bool = True
    """False for what only the exports use (``site``, ``title``, ``logo``) and for plugins eduforge
    knows nothing of: said with ``-v``, not reported as a warning on every run."""


EXPORT_ONLY = frozenset({"site", "title", "logo"})
CHECKED_PLUGINS = ("starlightBlog", "starlight-blog", "changelogs", "lunaria", "Lunaria", "sidebarTopics", "topics")
"""Plugins whose routes, schemas or sidebars eduforge models (a conditional one of these is worth a warning)."""


@dataclass
class Sourced:
    """A value and where it was written."""

    value: Any
    position: Position | None


@dataclass
class AstroConfig:
    """What the astro.config says, option by option (only the options it sets)."""

    file: Path
    astro: dict[str, Sourced] = field(default_factory=dict)
    """Astro's options: base, trailingSlash, site, srcDir, redirects, i18n, markdownPlugins, integrations."""
    starlight: dict[str, Sourced] | None = None
    """The Starlight integration's options, or ``None`` when no Starlight integration was found."""
    notes: list[ConfigNote] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    """Every file read (the config and its imports): the cache key covers them."""


def find_astro_config(folder: Path) -> Path | None:
    for name in ASTRO_CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def read_astro_config(file: Path) -> AstroConfig:
    """Read one astro.config file; never raises for its content."""
    from eduforge.project.js import load_module  # tree-sitter loads only for projects that have a config

    result = AstroConfig(file)
    module = load_module(file)
    result.files = list(getattr(module, "files", [file]))
    result.notes.extend(ConfigNote(problem.position, problem.message) for problem in module.problems)
    config = _unwrap_define_config(module.default)
    if not isinstance(config, JSObject):
        where = getattr(config, "position", None)
        why = config.reason if isinstance(config, Unknown) else "it does not export a config object"
        result.notes.append(
            ConfigNote(where, f"the Astro config cannot be read statically ({why}); eduforge uses its defaults")
        )
        return result
    for key in ("base", "trailingSlash", "site", "srcDir", "redirects", "i18n"):
        if key in config and config[key] is not UNDEFINED:
            result.astro[key] = _sourced(config, key, result.notes, "")
    for unread in config.unknown:  # `...sharedConfig()`: what it sets is not known
        result.notes.append(
            ConfigNote(
                unread.position,
                f"the options this spread adds to the Astro config cannot be read statically ({unread.reason});"
                " eduforge uses the defaults of base, trailingSlash, srcDir, redirects, i18n and build.format unless the"
                " config sets them itself",
            )
        )
    build = config.get("build")
    if isinstance(build, JSObject) and build.get("format", UNDEFINED) is not UNDEFINED:
        result.astro["build.format"] = _sourced(build, "format", result.notes, "build.")
    markdown = config.get("markdown")
    if isinstance(markdown, JSObject):
        folder = file.parent
        names = [name for key in PLUGIN_KEYS for name in _plugin_names(markdown.get(key), folder)]
        names += _processor_plugins(markdown.get("processor"), folder)
        result.astro["markdownPlugins"] = Sourced(names, markdown.position)
        given = _given_the_base(markdown, config.get("base"))
        if given is not None:
            result.astro["baseLinks"] = given
    integrations = list(_flatten(config.get("integrations")))
    result.astro["integrations"] = Sourced(
        [name for name in (_package_of(item) for item in integrations) if name],
        config.value_positions.get("integrations"),
    )
    starlight = next((call for call in map(_starlight_call, integrations) if call is not None), None)
    if starlight is not None:
        result.starlight = _starlight_options(starlight, result.notes)
    return result


def _unwrap_define_config(value: Any) -> Any:
    """``defineConfig({...})`` (or any wrapper call of one object) → the object."""
    for _ in range(4):
        if isinstance(value, Call) and value.args and isinstance(value.args[0], (JSObject, Call)):
            value = value.args[0]
        else:
            break
    return value


def _flatten(value: Any) -> Iterator[Any]:
    """Astro flattens nested integration arrays (``[a, [b, c]]``) and drops falsy entries."""
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif value not in (None, False):
        yield value


def _package_of(value: Any) -> str:
    """The package an integration or plugin comes from: ``starlight-blog`` for ``starlightBlog({...})``."""
    callee = value.callee if isinstance(value, Call) else value
    if isinstance(callee, ImportRef):
        return callee.source
    return dotted_name(callee)


STARLIGHT_PRESETS = {("starlight-plugin-icons", "default"): "starlight"}
"""Integrations that call ``starlight()`` themselves, with the options under one key of theirs:
``Icons({ starlight: {...} })`` of starlight-plugin-icons is ``starlight({...})`` plus its own plugin."""


def _starlight_call(value: Any) -> Call | None:
    """The ``starlight({...})`` call an integration is, or the one a known preset makes of its options."""
    if _is_starlight(value):
        return value  # type: ignore[no-any-return]
    if not isinstance(value, Call) or not isinstance(value.callee, ImportRef) or not value.args:
        return None
    key = STARLIGHT_PRESETS.get((value.callee.source, value.callee.name))
    options = value.args[0]
    if key is None or not isinstance(options, JSObject) or key not in options:
        return None
    return Call(value.callee, (options[key],), options.value_positions.get(key, value.position))


def _is_starlight(value: Any) -> bool:
    if not isinstance(value, Call):
        return False
    callee = value.callee
    if isinstance(callee, ImportRef):
        return callee.source == STARLIGHT_PACKAGE
    return dotted_name(callee) == "starlight"


SATTERI_HEADING_IDS = "@astrojs/markdown-satteri:headingAttributes"
"""The plugin name eduforge gives satteri's ``headingAttributes`` feature (``## Title {#id}``)."""


PLUGIN_KEYS = ("remarkPlugins", "rehypePlugins")


def _processor_plugins(processor: Any, folder: Path) -> list[str]:
    """Astro 7's ``markdown.processor``: ``unified({ remarkPlugins, rehypePlugins })`` from
    ``@astrojs/markdown-remark``, or satteri's ``mdastPlugins`` and ``features`` (``headingAttributes``:
    ``{#id}`` ids)."""
    if not isinstance(processor, Call) or not isinstance(processor.callee, ImportRef) or not processor.args:
        return []
    options, source = processor.args[0], processor.callee.source
    if not isinstance(options, JSObject):
        return []
    if source == "@astrojs/markdown-remark":
        return [name for key in PLUGIN_KEYS for name in _plugin_names(options.get(key), folder)]
    if source != "@astrojs/markdown-satteri":
        return []
    names = list(_plugin_names(options.get("mdastPlugins"), folder))
    features = options.get("features")
    if isinstance(features, JSObject) and features.get("headingAttributes") is True:
        names.append(SATTERI_HEADING_IDS)
    return names


def _plugin_names(value: Any, folder: Path) -> Iterator[str]:
    """remark/rehype plugin names: ``[remarkHeadingId, [rehypeX, {options}]]``. A plugin of the site's own
    (imported from a project file, or written in the config) is named by its file relative to the config's
    ``folder``: ``./plugins/links.ts``, ``./astro.config.ts`` (see :data:`LOCAL_PLUGIN`)."""
    if not isinstance(value, list):
        return
    for item in value:
        if isinstance(item, list) and item:
            item = item[0]
        position = getattr(item, "position", None)
        if not isinstance(item, ImportRef) and isinstance(position, Position):
            yield LOCAL_PLUGIN + os.path.relpath(position.file, folder).replace(os.sep, "/")
            continue
        name = _package_of(item)
        if name:
            yield name


def _given_the_base(markdown: JSObject, base: Any) -> Sourced | None:
    """Where a Markdown plugin of the site's own is made with the site's ``base`` as an argument
    (``rehypePlugins: [rehypeBaseLinks(BASE)]``): Starlight leaves authored links as written, and the
    fix its maintainers suggest is such a plugin, which puts the base before root-relative links."""
    if not isinstance(base, str) or not base.strip("/"):
        return None
    wanted = base.strip("/")
    for key in PLUGIN_KEYS:
        plugins = markdown.get(key)
        for item in plugins if isinstance(plugins, list) else ():
            if isinstance(item, list) and item:
                item = item[0]
            made_with = getattr(item, "made_with", None) if isinstance(item, JSFunction) else None
            if made_with and any(isinstance(arg, str) and arg.strip("/") == wanted for arg in made_with):
                return Sourced(True, markdown.value_positions.get(key, markdown.position))
    return None


LOCAL_PLUGIN = "./"
"""How a plugin of the site's own is named among ``markdown_plugins``: its file after ``./``."""


def _starlight_options(call: Call, notes: list[ConfigNote]) -> dict[str, Sourced]:
    options = call.args[0] if call.args else None
    if not isinstance(options, JSObject):
        why = options.reason if isinstance(options, Unknown) else "its options are not an object literal"
        notes.append(
            ConfigNote(
                call.position, f"the Starlight options cannot be read statically ({why}); eduforge uses defaults"
            )
        )
        return {}
    found: dict[str, Sourced] = {}
    for key in ("title", "logo", "locales", "defaultLocale", "sidebar", "pagination", "components", "routeMiddleware"):
        if key in options and options[key] is not UNDEFINED:
            found[key] = _sourced(options, key, notes, "starlight.")
    if "plugins" in options:
        found["plugins"] = Sourced(
            [name for name in (_package_of(item) for item in _flatten(options["plugins"])) if name],
            options.value_positions.get("plugins"),
        )
        routes = [pattern for item in _flatten(options["plugins"]) for pattern in _plugin_route_patterns(item)]
        if routes:
            found["pluginRoutes"] = Sourced(routes, options.value_positions.get("plugins"))
    for item in _flatten(options.get("plugins")):
        if isinstance(item, Unknown):
            notes.append(
                ConfigNote(
                    item.position,
                    f"a Starlight plugin cannot be read statically ({item.reason})",
                    affects_checks=any(name in item.reason for name in CHECKED_PLUGINS),
                )
            )
    return found


LUNARIA = "@lunariajs/starlight"


def _plugin_route_patterns(plugin: Any) -> Iterator[tuple[str, str]]:
    """``(package, URL glob)`` of the pages a plugin serves where its options say: starlight-openapi serves
    each schema's pages below its ``base``, each segment slugged (``starlightOpenAPI([{ base: 'api/pets' }])``
    → ``/api/pets/**``); Lunaria its dashboard at ``route`` (``lunaria({ route: '/dashboard' })``, instead of
    ``/lunaria``).  A base or route that cannot be read statically serves nothing eduforge knows of."""
    if not isinstance(plugin, Call) or not plugin.args:
        return
    package = _package_of(plugin)
    if package == LUNARIA:
        route = plugin.args[0].get("route") if isinstance(plugin.args[0], JSObject) else None
        if isinstance(route, str) and route.strip("/"):
            yield LUNARIA, "/" + route.strip("/")
        return
    if package != "starlight-openapi":
        return
    schemas = plugin.args[0]
    for schema in schemas if isinstance(schemas, list) else ():
        base = schema.get("base") if isinstance(schema, JSObject) else None
        if isinstance(base, str) and base.strip("/"):
            yield "starlight-openapi", "/" + "/".join(github_slug(part) for part in base.split("/") if part) + "/**"


def _sourced(container: JSObject, key: str, notes: list[ConfigNote], prefix: str) -> Sourced:
    """An option's value; an Unknown is reported, and replaced by its literal fallback when it has one."""
    value = container[key]
    position = container.value_positions.get(key) or container.key_positions.get(key)
    if isinstance(value, Unknown):
        toml_key = TOML_KEY.get(key, "")
        setting = f"; set {toml_key} in eduforge.toml to be sure" if toml_key else ""
        if value.has_fallback:
            notes.append(
                ConfigNote(
                    value.position or position,
                    f"{prefix}{key} cannot be read statically ({value.reason}); eduforge used its fallback "
                    f"{_show(value.fallback)}{setting}",
                    affects_checks=key not in EXPORT_ONLY,
                )
            )
            return Sourced(value.fallback, value.position or position)
        notes.append(
            ConfigNote(
                value.position or position,
                f"{prefix}{key} cannot be read statically ({value.reason}); eduforge uses its default{setting}",
                affects_checks=key not in EXPORT_ONLY,
            )
        )
        return Sourced(None, position)
    return Sourced(value, position)


def _show(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)
