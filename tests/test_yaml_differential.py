"""eduforge reads hostile frontmatter as js-yaml does (what Astro runs): the same cases are
errors, and every other case gives a value of the same type.

The verdicts were recorded by ``tests/differential/yaml-verdicts.mjs`` under node, from js-yaml
itself; they are committed, so this test needs no node.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from eduforge.problem import Severity
from eduforge.rules import RULES
from eduforge.site.frontmatter import split_and_parse
from helpers import TESTS

RECORDED = json.loads((TESTS / "data" / "yaml_verdicts.json").read_text(encoding="utf-8"))


def _js_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    return {str: "string", list: "array", dict: "object"}[type(value)]


def test_the_verdicts_come_from_a_known_js_yaml() -> None:
    assert RECORDED["js-yaml"] == "4.3.2"
    assert len(RECORDED["cases"]) > 300


@pytest.mark.parametrize("case", RECORDED["cases"], ids=[case["name"] for case in RECORDED["cases"]])
def test_eduforge_agrees_with_js_yaml(case: dict[str, str]) -> None:
    frontmatter = split_and_parse(f"---\n{case['yaml']}\n---\n")
    errors = [issue for issue in frontmatter.issues if RULES[issue.rule].severity is Severity.ERROR]
    for issue in frontmatter.issues:
        assert issue.line >= 2 and issue.column >= 1, issue
    if case["verdict"] == "error":
        assert errors, f"js-yaml refuses this frontmatter; eduforge read {frontmatter.data!r}"
        assert frontmatter.data is None
    else:
        assert errors == []
        assert frontmatter.data is not None
        assert _js_type(frontmatter.data["v"]) == case["verdict"]
