"""Helpers for the export tests: build a site's curricula, run the export command."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result

from eduforge.config import load_settings
from eduforge.curriculum import Curriculum, Section, build_curricula
from eduforge.engine import build_site
from eduforge.export.data import with_frontmatter
from helpers import run

SCHEMA = Path(__file__).parents[2] / "schemas" / "export.schema.json"


def curricula(root: Path, include_drafts: bool = False) -> list[Curriculum]:
    site = build_site(load_settings(cwd=root))
    with_frontmatter(site.pages)
    return build_curricula(site, include_drafts=include_drafts)


def order(curriculum: Curriculum) -> list[str]:
    return [lesson.slug for lesson in curriculum.lessons]


def tree(entries: list) -> list:  # type: ignore[type-arg]
    """The sidebar as nested lists: sections as (label, [children]), lessons as slugs."""
    return [(entry.label, tree(entry.children)) if isinstance(entry, Section) else entry.slug for entry in entries]


def export(root: Path, *args: str) -> Result:
    return run(root, "export", *args)
