"""Small entry points for tests and scripts that want eduforge's checks on a string."""

from __future__ import annotations

from pathlib import Path

from eduforge.engine import page_problems
from eduforge.problem import Problem, Severity
from eduforge.rules import RULES
from eduforge.site.page import load_page
from eduforge.validation import compiled, schema_file, validate


def schema_problems(frontmatter_yaml: str) -> list[Problem]:
    """Errors (YAML and schema) for a frontmatter against the built-in Starlight schema."""
    text = f"---\n{frontmatter_yaml}\n---\n"
    page = load_page(Path("page.md"), "page", "page.md", "", (), text=text)
    problems = list(page_problems(page))
    if page.frontmatter.data is not None:
        validator = compiled(schema_file("starlight", Path.cwd()))
        for error in validate(validator, page.frontmatter.data):
            line, column = page.frontmatter.position(error.path)
            problems.append(Problem(page.path, line, column, "schema", error.message))
    return [p for p in problems if RULES[p.rule].severity is Severity.ERROR]
