"""From the project's files to eduforge's settings: astro.config options, locales, versions.

``detect_project(root)`` reads ``astro.config.*`` (statically, see ``astro.py``)
and ``package.json``/lockfiles, and turns them into settings values named like
the eduforge.toml keys, each with where it came from (``astro.config.mjs:12:5``).
eduforge.toml then overrides them key by key (``eduforge.config``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduforge.project.astro import TOML_KEY, AstroConfig, Sourced, find_astro_config, read_astro_config
from eduforge.project.values import JSObject, Position, Unknown, dotted_name
from eduforge.project.versions import package_version
from eduforge.site.locales import ROOT, from_astro_i18n, from_starlight

if TYPE_CHECKING:
    from eduforge.config import Locale, Redirect


@dataclass
class Detected:
    values: dict[str, Any] = field(default_factory=dict)
    """Settings values by eduforge.toml key name (plus ``sidebar``, ``pagination``, ``src_dir``, ``logo``)."""
    sources: dict[str, str] = field(default_factory=dict)
    locale_info: list[Locale] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    plugin_routes: list[tuple[str, str]] = field(default_factory=list)
    """``(package, URL glob)`` a plugin serves where its options say (starlight-openapi's ``base``)."""
    markdown_plugins: list[str] = field(default_factory=list)
    component_overrides: list[str] = field(default_factory=list)
    astro_version: str | None = None
    starlight_version: str | None = None
    astro_config: Path | None = None
    notes: list[tuple[str, int, int, str]] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    """What ``-v`` says about values only the exports use (``site``) or plugins eduforge does not model."""
    files: list[Path] = field(default_factory=list)


_MEMO: dict[tuple[str, str], Detected] = {}


def detect_project(root: Path, astro_file: Path | None = None) -> Detected:
    """What the project's own files say; memoized by the content of the files read."""
    file = astro_file if astro_file is not None else find_astro_config(root)
    key = (str(root), _digest(file, root))
    if key not in _MEMO:
        _MEMO[key] = _detect(root, file)
    return _MEMO[key]


def _digest(file: Path | None, root: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    for path in (file, root / "package.json", root / "package-lock.json"):
        if path is not None:
            try:
                stat = os.stat(path)
                h.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}".encode())
            except OSError:
                h.update(f"{path}:-".encode())
    return h.hexdigest()


def _detect(root: Path, file: Path | None) -> Detected:
    detected = Detected()
    astro = package_version(root, "astro")
    starlight = package_version(root, "@astrojs/starlight")
    detected.astro_version = astro.text if astro else None
    detected.starlight_version = starlight.text if starlight else None
    if astro:
        detected.sources["astro"] = astro.source
    if starlight:
        detected.sources["starlight"] = starlight.source
    if file is None or not file.is_file():
        return detected
    detected.astro_config = file
    config = read_astro_config(file)
    detected.files = config.files
    for note in config.notes:
        where = _where(note.position, root, file)
        if note.affects_checks:
            detected.notes.append((*where, note.message))
        else:
            detected.remarks.append(f"{where[0]}:{where[1]}:{where[2]}: {note.message}")
    _astro_options(config, detected, root)
    if config.starlight is not None:
        _starlight_options(config, detected, root)
    return detected


def _where(position: Position | None, root: Path, fallback: Path) -> tuple[str, int, int]:
    file = position.file if position else fallback
    try:
        relative = file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = str(file)
    return (relative, position.line, position.column) if position else (relative, 1, 1)


def _source(sourced: Sourced, root: Path, file: Path) -> str:
    path, line, column = _where(sourced.position, root, file)
    return f"{path}:{line}:{column}"


def _set(detected: Detected, key: str, sourced: Sourced, root: Path, file: Path, value: Any = None) -> None:
    value = sourced.value if value is None else value
    if value is None:
        return
    detected.values[key] = value
    detected.sources[key] = _source(sourced, root, file)


def _note(detected: Detected, sourced: Sourced, root: Path, file: Path, message: str) -> None:
    detected.notes.append((*_where(sourced.position, root, file), message))


def _astro_options(config: AstroConfig, detected: Detected, root: Path) -> None:
    from eduforge.config import Redirect

    file = config.file
    options = config.astro
    for option, key, allowed in (
        ("base", "base", None),
        ("trailingSlash", "trailing_slash", ("always", "never", "ignore")),
        ("site", "site", None),
        ("srcDir", "src_dir", None),
        ("build.format", "build_format", ("file", "directory", "preserve")),
    ):
        sourced = options.get(option)
        if sourced is None or sourced.value is None:
            continue
        value = sourced.value
        if option == "srcDir" and isinstance(value, str):
            value = value.removeprefix("./") or "."
        if not isinstance(value, str) or (allowed and value not in allowed):
            _note(detected, sourced, root, file, _not_accepted(option, value))
            continue
        _set(detected, key, sourced, root, file, value)
    redirects = options.get("redirects")
    if redirects is not None and isinstance(redirects.value, JSObject):
        table = redirects.value
        for source, destination in table.items():
            if isinstance(destination, JSObject):
                destination = destination.get("destination")
            if isinstance(destination, str):
                position = table.key_positions.get(source)
                detected.redirects.append(Redirect(source, destination, _source(Sourced(None, position), root, file)))
    detected.markdown_plugins = list(options["markdownPlugins"].value) if "markdownPlugins" in options else []
    if "baseLinks" in options:
        _set(detected, "base_links", options["baseLinks"], root, file)
    if "integrations" in options:
        detected.plugins.extend(options["integrations"].value)
    i18n = options.get("i18n")
    if i18n is not None and isinstance(i18n.value, JSObject):
        _astro_i18n(detected, i18n.value, root, file)


def _element_position(array: list[Any], number: int) -> Position | None:
    positions: list[Position | None] = getattr(array, "positions", [])
    return positions[number] if number < len(positions) else None


def _not_accepted(option: str, value: Any, toml_key: str = "") -> str:
    """Why an Astro option's value is ignored, naming the value as the config writes it."""
    name = dotted_name(value)
    if name:  # foo(), an undeclared name: what it is is known only when the config runs
        key = toml_key or TOML_KEY.get(option, "")
        fix = f": set {key} in eduforge.toml" if key else ""
        return f"{option} is {name}, known only when the config runs; eduforge ignores it{fix}"
    if isinstance(value, bool):
        shown = str(value).lower()
    elif isinstance(value, str | int | float):
        shown = repr(value)
    else:
        shown = "an object" if isinstance(value, dict) else "an array" if isinstance(value, list) else "not a string"
    return f"{option} is {shown}, which Astro does not accept; eduforge ignores it"


def _astro_i18n(detected: Detected, i18n: JSObject, root: Path, file: Path) -> None:
    """Keep Astro's ``i18n`` when its ``locales`` is a list (or absent); else say why it is ignored."""
    locales = i18n.get("locales")
    if locales is None:
        locales = []
    if isinstance(locales, list):
        detected.values["astro_i18n"] = i18n
        for number, entry in enumerate(locales):
            path = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(path, str):  # from_astro_i18n leaves it out
                option = f"i18n.locales[{number}]" + (".path" if isinstance(entry, dict) else "")
                written = getattr(entry, "value_positions", {}).get("path") or _element_position(locales, number)
                position = written or i18n.value_positions.get("locales") or i18n.position
                _note(detected, Sourced(path, position), root, file, _not_accepted(option, path, "locales"))
        return
    where = Sourced(locales, i18n.value_positions.get("locales") or i18n.position)
    if isinstance(locales, Unknown):
        why = f"cannot be read statically ({locales.reason}); eduforge ignores i18n: set locales in eduforge.toml"
    else:
        why = f"is {locales!r}, which Astro does not accept (a list of locales); eduforge ignores i18n"
    _note(detected, where, root, file, f"i18n.locales {why}")


def _starlight_options(config: AstroConfig, detected: Detected, root: Path) -> None:
    file = config.file
    options = config.starlight or {}
    title = options.get("title")
    if title is not None and isinstance(title.value, str | dict):
        _set(detected, "title", title, root, file, title.value if isinstance(title.value, str) else dict(title.value))
    logo = options.get("logo")
    if logo is not None and isinstance(logo.value, dict):
        source = logo.value.get("src") or logo.value.get("light")
        if isinstance(source, str):
            _set(detected, "logo", logo, root, file, source)
            dark, alt = logo.value.get("dark"), logo.value.get("alt")
            if "src" not in logo.value and isinstance(dark, str):
                _set(detected, "logo_dark", logo, root, file, dark)
            if isinstance(alt, str):
                _set(detected, "logo_alt", logo, root, file, alt)
            if logo.value.get("replacesTitle") is True:
                _set(detected, "logo_replaces_title", logo, root, file, True)
    for key in ("sidebar", "pagination"):
        if key in options and options[key].value is not None:
            _set(detected, key, options[key], root, file)
    if "plugins" in options:
        detected.plugins.extend(options["plugins"].value)
    if "pluginRoutes" in options:
        detected.plugin_routes.extend(options["pluginRoutes"].value)
    components = options.get("components")
    if components is not None and isinstance(components.value, dict):
        detected.component_overrides.extend(name for name in ("Sidebar", "Pagination") if name in components.value)
    if "routeMiddleware" in options:
        detected.component_overrides.append("routeMiddleware")
    locales = options.get("locales")
    default = options.get("defaultLocale")
    if locales is not None and isinstance(locales.value, dict) and locales.value:
        default_key = default.value if default is not None and isinstance(default.value, str) else None
        infos, default_locale = from_starlight(locales.value, default_key)
        where = _source(locales, root, file)
    elif locales is None and isinstance(detected.values.get("astro_i18n"), JSObject):
        i18n = detected.values["astro_i18n"]
        infos, default_locale = from_astro_i18n(i18n)
        where = _source(Sourced(None, i18n.position), root, file)
    else:
        return
    root_locale = next((info for info in infos if info.key == ROOT), None)
    if root_locale is not None:  # a monolingual site in that language, or the multilingual site's root
        detected.values["lang"], detected.sources["lang"] = root_locale.lang, where
    if len(infos) > 1 or root_locale is None:
        detected.locale_info = list(infos)
        detected.values["locales"] = [info.key for info in infos if info.key != ROOT]
        detected.sources["locales"] = where
        if default_locale is not None:
            detected.values["default_locale"] = default_locale
            detected.sources["default_locale"] = _source(default, root, file) if default is not None else where
