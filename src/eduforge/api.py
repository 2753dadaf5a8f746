"""Small entry points for tests and scripts that want eduforge's checks on a string."""

from __future__ import annotations

from pathlib import Path

from eduforge.config import Settings, schema_file
from eduforge.engine import page_problems
from eduforge.problem import Problem, Severity
from eduforge.rules import RULES, frontmatter
from eduforge.site.page import load_page


def schema_problems(frontmatter_yaml: str) -> list[Problem]:
    """Errors (YAML and schema) for a frontmatter against the built-in Starlight schema, by position."""
    text = f"---\n{frontmatter_yaml}\n---\n"
    page = load_page(Path("page.md"), "page", "page.md", "", (), text=text)
    settings = Settings(project_root=Path.cwd(), config_file=None, content=Path.cwd())
    page.local_problems = list(frontmatter.check(page, settings, schema=schema_file("starlight", Path.cwd())))
    return sorted(p for p in page_problems(page) if RULES[p.rule].severity is Severity.ERROR)
