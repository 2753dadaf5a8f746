"""Which Starlight project each path belongs to: monorepos and runs from any folder.

A path belongs to its nearest project above it (a folder holding eduforge.toml,
``[tool.eduforge]`` or ``astro.config.*``).  A folder with no project above it
holds the projects found below it (``docs/`` in Starlight's own repository).
pre-commit passes files of several sites at once: each is linted with its own
project.  Reports on GitHub need paths relative to the repository root.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from eduforge.config import find_project
from eduforge.project.astro import find_astro_config

_NOT_PROJECTS = frozenset({"node_modules", "dist", "build", "vendor", "__pycache__"})
MAX_DEPTH = 4


def real_path(path: Path) -> Path:
    """``path`` absolute with its symbolic links resolved, like ``Path.resolve()`` but with no
    RuntimeError for a link that loops (its looping part stays as written: reading it reports it)."""
    return Path(os.path.realpath(path))


@dataclass
class Workspace:
    projects: dict[Path, list[Path]] = field(default_factory=dict)
    """Project root → the paths given inside it (empty: the whole project)."""
    outside: list[Path] = field(default_factory=list)
    """Paths that belong to no project."""
    unmarked: bool = False
    """No project was found at, above or below the folder: it is read as one with the default settings."""


def projects_below(folder: Path, depth: int = MAX_DEPTH) -> list[Path]:
    """Project roots under ``folder`` (not inside node_modules, dot folders, or another project)."""
    found: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _NOT_PROJECTS or not entry.is_dir(follow_symlinks=False):
            continue
        child = Path(entry.path)
        if find_project(child) == child:
            if _may_be_starlight(child):
                found.append(child)
        elif depth > 1:
            found.extend(projects_below(child, depth - 1))
    return found


def _may_be_starlight(project: Path) -> bool:
    """Whether a project found below is one to lint: it has an eduforge config, or its astro.config names
    Starlight (its package or a preset's), or it has Starlight's content folder.  A plain Astro app beside
    the docs (a monorepo's demo UI) has none of these: linting it could only fail on a missing folder."""
    astro = find_astro_config(project)
    if astro is None or any(
        (project / name).exists() for name in ("eduforge.toml", "pyproject.toml", "src/content/docs")
    ):
        return True
    try:
        return "starlight" in astro.read_text(encoding="utf-8", errors="replace").lower()
    except OSError:
        return True


def group(paths: tuple[Path, ...], cwd: Path) -> Workspace:
    """Each path under its project; with no paths, the project at or above ``cwd`` (or those below it)."""
    workspace = Workspace()
    if not paths:
        root = find_project(cwd)
        found = [root] if root is not None else projects_below(cwd)
        workspace.unmarked = not found
        for project in found or [cwd]:
            workspace.projects.setdefault(project, [])
        return workspace
    for path in paths:
        resolved = real_path(cwd / path)
        start = resolved if resolved.is_dir() else resolved.parent
        root = find_project(start)
        if root is not None:
            workspace.projects.setdefault(root, []).append(path)
            continue
        below = projects_below(resolved) if resolved.is_dir() else []
        if below:
            for project in below:
                workspace.projects.setdefault(project, [])
        else:
            workspace.outside.append(path)
    return workspace


def repository_root(start: Path) -> Path | None:
    """The git top level at or above ``start`` (a folder holding ``.git``), or ``None``."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None
