"""Small JS/TS files in a tmp project, read statically (the ``js`` fixture of tests/project)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eduforge.project.js import Module, load_module
from eduforge.project.values import Position


class Files:
    """A tmp project folder: ``write`` files, ``load`` one, ``default`` reads ``export default <expr>``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def load(self, name: str, text: str | bytes | None = None) -> Module:
        if text is not None:
            self.write(name, text)
        return load_module(self.root / name, root=self.root)

    def default(self, expression: str, name: str = "astro.config.mjs", before: str = "") -> Any:
        """The default export of a file holding ``before`` then ``export default <expression>;``."""
        module = self.load(name, f"{before}export default {expression};\n")
        assert module.problems == [], module.problems
        return module.default

    def at(self, name: str, line: int, column: int) -> Position:
        return Position(self.root / name, line, column)
