"""Content generated at build time: pages a script writes before ``astro build`` and git ignores.

Sites generate reference pages (CLI help, API docs, changelogs) into the content folder and list
them in a ``.gitignore`` (``src/content/docs/reference/.gitignore: cli.mdx``).  In a fresh clone
those pages do not exist, yet the built site serves them: a link or sidebar entry to one is not
broken.  A missing content path that a ``.gitignore`` of the project covers is taken to be such a
page (the ``-v`` notes say so), never reported as missing.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

MAX_FOLDERS = 20_000
"""Folders walked looking for .gitignore files (a content folder is far smaller)."""

PAGE_SUFFIXES = (".md", ".mdx", ".mdoc", ".markdown")


class GeneratedContent:
    """The project's ``.gitignore`` rules that apply to the content folder."""

    def __init__(self, project_root: Path, content: Path) -> None:
        self.project_root = project_root
        self.content = content

    @cached_property
    def _specs(self) -> list[tuple[str, object]]:
        """``(folder, spec)`` for every .gitignore from the repository root down into the content folder."""
        import pathspec

        files: list[Path] = []
        for folder in (self.project_root, *self.project_root.parents):
            if (folder / ".gitignore").is_file():
                files.append(folder / ".gitignore")
            if (folder / ".git").exists():
                break
        walked = 0
        for folder, names, filenames in os.walk(self.content):
            names[:] = [name for name in names if not name.startswith(".") and name != "node_modules"]
            walked += 1
            if ".gitignore" in filenames:
                files.append(Path(folder) / ".gitignore")
            if walked > MAX_FOLDERS:
                break
        specs = []
        for file in files:
            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()[:5000]
            except OSError:
                continue
            specs.append((str(file.parent), pathspec.GitIgnoreSpec.from_lines(lines)))
        return specs

    def ignored(self, path: Path) -> bool:
        """Whether git ignores ``path`` (absolute) by one of the project's .gitignore files."""
        text = str(path)
        for folder, spec in self._specs:
            if text.startswith(folder + os.sep) and spec.match_file(os.path.relpath(text, folder)):  # type: ignore[attr-defined]
                return True
        return False

    def page(self, relative: str) -> bool:
        """Whether the page at content-relative ``relative`` (a slug such as ``reference/cli``) is generated."""
        if not self._specs:
            return False
        base = self.content / relative
        candidates = [base.with_name(base.name + suffix) for suffix in PAGE_SUFFIXES]
        candidates += [base / f"index{suffix}" for suffix in PAGE_SUFFIXES]
        return any(self.ignored(candidate) for candidate in candidates)

    def folder(self, relative: str) -> bool:
        """Whether the content folder ``relative`` is generated (ignored itself, or its files would be)."""
        if not self._specs:
            return False
        base = self.content / relative
        return self.ignored(base) or self.ignored(base / "index.md") or self.ignored(base / "x.mdx")
