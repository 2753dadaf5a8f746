"""The project's Astro and Starlight versions, from what npm installed or was asked for.

First match wins: ``node_modules/<pkg>/package.json`` (what is installed), the
lockfile (``package-lock.json``, ``pnpm-lock.yaml``, ``yarn.lock``, ``bun.lock``),
then the range in ``package.json`` (its lowest version: ``^0.28.2`` → ``0.28.2``).
Each is looked for in the project folder and then up to the repository root
(monorepos keep the lockfile at the top).  Nothing found: ``None`` (eduforge then
behaves as the current releases do, and ``-v`` says so).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from eduforge.safe_read import read_regular, read_regular_text

_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)")
MAX_LOCKFILE_BYTES = 64 * 1024 * 1024


def parse_version(text: str | None) -> tuple[int, int, int] | None:
    """``(0, 28, 2)`` from ``"0.28.2"``, ``"^0.28.0"`` or ``"~0.28"``; ``None`` when there is none."""
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text or "")
    if match is None:
        return None
    return (int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


@dataclass(frozen=True)
class Version:
    text: str
    """As found: ``0.28.2``."""
    source: str
    """Where: ``node_modules/@astrojs/starlight/package.json``, ``package-lock.json``, ``package.json (^0.28.2)``."""

    @property
    def parts(self) -> tuple[int, int, int]:
        return parse_version(self.text) or (0, 0, 0)


def _folders(project: Path) -> list[Path]:
    """The project folder and its parents up to the repository root (a folder holding .git)."""
    folders = [project]
    for parent in project.parents:
        if (folders[-1] / ".git").exists():
            break
        folders.append(parent)
        if len(folders) > 6:
            break
    return folders


def _read_json(file: Path) -> object:
    text = read_regular_text(file, MAX_LOCKFILE_BYTES)  # a FIFO or /dev/zero here is not read
    try:
        return json.loads(text) if text is not None else None
    except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than Python recurses
        return None


def package_version(project: Path, package: str) -> Version | None:
    """The version of ``package`` the project uses, or ``None``."""
    for folder in _folders(project):
        installed = _read_json(folder / "node_modules" / package / "package.json")
        if isinstance(installed, dict) and isinstance(installed.get("version"), str):
            return Version(installed["version"], f"node_modules/{package}/package.json")
        found = _from_lockfiles(folder, package)
        if found is not None:
            return found
    for folder in _folders(project):
        manifest = _read_json(folder / "package.json")
        if not isinstance(manifest, dict):
            continue
        for table in ("dependencies", "devDependencies", "peerDependencies"):
            spec = manifest.get(table, {}).get(package) if isinstance(manifest.get(table), dict) else None
            if isinstance(spec, str) and spec.startswith("workspace:"):
                found = _workspace_package(_folders(project)[-1], package)
                if found is not None:
                    return found
            if isinstance(spec, str) and (match := _VERSION.search(spec)):
                return Version(match.group(0), f"package.json ({spec})")
    return None


def _workspace_package(repository: Path, package: str) -> Version | None:
    """A package of the same monorepo (``workspace:*``): its own package.json under ``packages/``."""
    for manifest_file in sorted(repository.glob("packages/*/package.json"))[:200]:
        manifest = _read_json(manifest_file)
        if isinstance(manifest, dict) and manifest.get("name") == package and isinstance(manifest.get("version"), str):
            return Version(manifest["version"], manifest_file.relative_to(repository).as_posix())
    return None


def _from_lockfiles(folder: Path, package: str) -> Version | None:
    lock = _read_json(folder / "package-lock.json")
    if isinstance(lock, dict) and isinstance(lock.get("packages"), dict):
        entry = lock["packages"].get(f"node_modules/{package}")
        if isinstance(entry, dict) and isinstance(entry.get("version"), str):
            return Version(entry["version"], "package-lock.json")
    for name, pattern in (
        ("pnpm-lock.yaml", rf"^\s+'?/?{re.escape(package)}@(\d+\.\d+\.\d+[^:'\s(]*)"),
        ("yarn.lock", rf'^"?{re.escape(package)}@[^\n]*\n\s+version:?\s+"?(\d+\.\d+\.\d+[^"\s]*)'),
        ("bun.lock", rf'"{re.escape(package)}": \["{re.escape(package)}@(\d+\.\d+\.\d+[^"]*)"'),
    ):
        file = folder / name
        data = read_regular(file, MAX_LOCKFILE_BYTES)
        if data is None:
            continue
        text = data.decode("utf-8", errors="replace")
        match = re.search(pattern, text, re.M)
        if match:
            return Version(match.group(1), name)
    return None
