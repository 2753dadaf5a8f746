"""Rules ``schema`` and ``unknown-key``: frontmatter against its JSON Schema.

The schema of a page is, first match wins: the page's own ``$schema`` key (a
path relative to the page), the first ``[[schemas]]`` entry whose glob matches
the page's path in the content root, the ``schema`` setting: by default
(``"starlight"``) the site's own docs schema, Starlight 0.41's merged with the
content config's ``docsSchema({ extend })`` and plugin schemas; ``"astro"``
prefers the file ``astro sync`` generates (see project/content_config.py).

``unknown-key`` warns about a top-level key the schema does not declare (Starlight
drops it silently), except a key an MDX page reads itself (``frontmatter.x`` in its
body): Astro gives MDX the raw frontmatter, so such a key works, and "remove it"
would be wrong advice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from eduforge.config import Settings, schema_file
from eduforge.problem import Edit, Fix, Problem, closest, replace_fix
from eduforge.rules import SCHEMA, UNKNOWN_KEY
from eduforge.site.frontmatter import Frontmatter
from eduforge.site.index import matches_any
from eduforge.site.page import Page
from eduforge.validation import CompiledSchema, SchemaLoadError, compiled, known_keys, validate


def _validator(page: Page, settings: Settings, schema: Path | None) -> tuple[CompiledSchema, set[str] | None, str]:
    """The page's validator, the top-level keys it knows (None: unknown-key is off) and who drops the
    others (Starlight, or the site's own collection schema)."""
    site = settings.site_schema
    if schema is None and site is not None and not _own_schema(page, settings):
        keys = site.known_keys
        return site.compiled, set(keys) if keys is not None else None, site.drops_unknown
    validator = compiled(schema or schema_path(page, settings))
    return validator, known_keys(validator), "Starlight"


def _own_schema(page: Page, settings: Settings) -> bool:
    """The page names its schema, or a ``[[schemas]]`` glob does."""
    own = page.data.get("$schema")
    if isinstance(own, str) and own:
        return True
    relative = page.source_id + os.path.splitext(page.filename)[1]
    return any(matches_any(relative, (mapping.glob,)) for mapping in settings.schemas)


def schema_path(page: Page, settings: Settings) -> Path:
    own = page.data.get("$schema")
    if isinstance(own, str) and own:
        if "\0" in own:  # no file has such a name (and resolving it would raise)
            raise SchemaLoadError(f"$schema {own!r} contains a NUL character; name a JSON Schema file")
        return (
            schema_file("starlight", settings.project_root)
            if own == "starlight"
            else (page.file.parent / own).resolve()
        )
    if settings.schemas:
        relative = page.source_id + os.path.splitext(page.filename)[1]  # the path in the content root
        for mapping in settings.schemas:
            if matches_any(relative, (mapping.glob,)):
                return schema_file(mapping.schema, settings.project_root)
    return _default_schema(settings.schema, settings.project_root)


@lru_cache(maxsize=8)
def _default_schema(name: str, project_root: Path) -> Path:
    return schema_file(name, project_root)


def check(page: Page, settings: Settings, schema: Path | None = None) -> Iterator[Problem]:
    """Schema problems of the page (against ``schema`` when given, else the page's own schema)."""
    frontmatter = page.frontmatter
    if frontmatter.data is None and page.issues:
        return  # unreadable: the load problems say why
    data: dict[str, Any] = frontmatter.data or {}
    try:
        validator, known, dropped_by = _validator(page, settings, schema)
        errors = validate(validator, data, frontmatter.date_paths)
    except SchemaLoadError as load_error:
        line, column = frontmatter.key_position(("$schema",)) if "$schema" in data else (frontmatter.fence_line or 1, 1)
        yield Problem(page.path, line, column, SCHEMA, str(load_error))
        return
    for error in errors:
        line, column = frontmatter.key_position(error.path) if error.at_key else frontmatter.position(error.path)
        if not error.path:
            line, column = frontmatter.fence_line or 1, 1
        problem = Problem(page.path, line, column, SCHEMA, error.message)
        yield problem.with_fix(_value_fix(frontmatter, error.path, error.replacement))
    yield from _unknown_keys(page, known, dropped_by, validator)


def _value_fix(frontmatter: Frontmatter, path: tuple[str | int, ...], replacement: str | None) -> Fix | None:
    """``yes`` → ``true``, ``'2024-09-30'`` → ``2024-09-30``: the whole scalar (quotes too) rewritten."""
    value: Any = frontmatter.data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if replacement is None or not path or path not in frontmatter.value_positions or not isinstance(value, str):
        return None
    line, column = frontmatter.value_positions[path]
    return replace_fix(Edit.at(line, column, value, replacement, scalar=True), safe=True)


def _unknown_keys(page: Page, known: set[str] | None, dropped_by: str, validator: CompiledSchema) -> Iterator[Problem]:
    """Top-level keys the schema does not declare: ``dropped_by`` (Starlight, or the site's own schema)
    drops them without a word."""
    if known is None:
        return
    for key in page.data:
        if key in known or key == "$schema" or _read_by_page(page, key):
            continue
        meant = closest(key, known)
        if meant is not None and not _renames_cleanly(page.data, key, meant, validator):
            meant = None
        hint = f'; did you mean "{meant}"?' if meant is not None else "; remove it or check its spelling"
        line, column = page.frontmatter.key_position((key,))
        problem = Problem(page.path, line, column, UNKNOWN_KEY, f'unknown key "{key}": {dropped_by} ignores it{hint}')
        rename = Edit.at(line, column, key, meant) if meant is not None else None
        yield problem.with_fix(replace_fix(rename, safe=False) if rename is not None else None)


def _renames_cleanly(data: dict[str, Any], key: str, meant: str, validator: CompiledSchema) -> bool:
    """Whether renaming ``key`` to ``meant`` gives a page the schema accepts there: not when the page has
    ``meant`` already (a duplicate key) or its value is not one ``meant`` takes (``date: 2024-01-15`` is
    no ``draft``, a boolean); a did-you-mean that breaks the build is worse than none."""
    if meant in data:
        return False
    alone = {meant: data[key]}  # the value alone: linear however many keys a page has (missing keys are at ())
    return not any(error.path[:1] == (meant,) for error in validate(validator, alone))


def _read_by_page(page: Page, key: str) -> bool:
    """An MDX page's body reads the key: ``frontmatter.key``, ``frontmatter?.key``, ``frontmatter['key']``."""
    if not page.is_mdx or "frontmatter" not in page.frontmatter.body:
        return False
    name = re.escape(key)
    pattern = rf"\bfrontmatter\s*(?:\?\.|\.)\s*{name}(?![\w$])|\bfrontmatter\s*(?:\?\.)?\[\s*(['\"`]){name}\1\s*\]"
    return re.search(pattern, page.frontmatter.body) is not None
