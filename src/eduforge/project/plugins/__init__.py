"""Frontmatter schemas that Starlight plugins export, built in: one small module per plugin.

A content config uses them by import (``import { blogSchema } from 'starlight-blog/schema'``,
then ``extend: (context) => blogSchema(context)``); eduforge cannot read a package's
code, so each module here writes the plugin's schema as :class:`~eduforge.project.zod.Z`
values.  To add a plugin: a module with ``SOURCE`` (the import path), ``VERSION`` (the
release it mirrors) and ``SCHEMAS`` (export name -> function returning the Z), and one
line in ``_MODULES`` below.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from eduforge.project.plugins import starlight_blog, starlight_obsidian
from eduforge.project.zod import Z

_MODULES: tuple[ModuleType, ...] = (starlight_blog, starlight_obsidian)

PLUGIN_SCHEMAS: dict[tuple[str, str], Callable[[], Z]] = {
    (module.SOURCE, name): build for module in _MODULES for name, build in module.SCHEMAS.items()
}
"""``(import source, export name)`` -> the schema that export builds (called with the schema context)."""

PLUGIN_VERSIONS: dict[str, str] = {module.SOURCE: module.VERSION for module in _MODULES}
