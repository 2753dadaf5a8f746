"""Shared test helpers: Starlight-shaped sites written into tmp folders, and the CLI."""

from __future__ import annotations

import json
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from eduforge.cli import cli

TESTS = Path(__file__).parent


@dataclass
class SiteBuilder:
    root: Path

    def write(self, relative: str, text: str | bytes, dedent: bool = True) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n") if dedent else text, encoding="utf-8")
        return path

    def page(self, relative: str, text: str) -> Path:
        return self.write(f"docs/{relative}", text)


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in ``root`` the way a user would (cwd = project)."""
    runner = CliRunner()
    previous = os.getcwd()
    os.chdir(root)
    try:
        return runner.invoke(
            cli, list(args), env={"GITHUB_ACTIONS": "", "NO_COLOR": "1", **(env or {})}, catch_exceptions=False
        )
    finally:
        os.chdir(previous)


def problems(root: Path, *args: str) -> list[tuple[str, int, int, str, str, str]]:
    """The JSON report's problems as (path, line, column, severity, rule, message) tuples."""
    result = run(root, *args, "--format", "json")
    document: dict[str, Any] = json.loads(result.output)
    return [(p["path"], p["line"], p["column"], p["severity"], p["rule"], p["message"]) for p in document["problems"]]
