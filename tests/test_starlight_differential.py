"""Differential test: eduforge's Starlight schema check must agree with Starlight itself.

``tests/data/starlight_verdicts.json`` holds frontmatter cases and the verdict of
Starlight's own ``docsSchema()`` on each (YAML parsed by Astro's js-yaml ``load``).
It is produced by ``tests/differential/harness.ts``; see tests/differential/README.md
to regenerate it for a new Starlight release.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eduforge.api import schema_problems

TESTS = Path(__file__).parent
VERDICTS: dict[str, Any] = json.loads((TESTS / "data" / "starlight_verdicts.json").read_text(encoding="utf-8"))
SCHEMA: dict[str, Any] = json.loads((TESTS.parent / "schemas" / "starlight.schema.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = VERDICTS["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_eduforge_agrees_with_starlight(case: dict[str, Any]) -> None:
    problems = schema_problems(case["yaml"])
    shown = "\n".join(f"  {p.line}:{p.column} {p.rule} {p.message}" for p in problems) or "  (none)"
    assert (len(problems) == 0) == case["valid"], (
        f"Starlight {VERDICTS['starlight_version']} says {'valid' if case['valid'] else 'INVALID'}"
        f" for {case['name']}:\n"
        f"--- yaml\n{case['yaml']}---\n"
        f"Starlight: {case['starlight_error'] or '(no issue)'}\n"
        f"eduforge problems:\n{shown}"
    )


def test_case_names_are_unique() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))


def test_cases_cover_both_verdicts() -> None:
    assert sum(case["valid"] for case in CASES) > 100
    assert sum(not case["valid"] for case in CASES) > 100


def test_schema_tracks_the_same_starlight_release() -> None:
    assert SCHEMA["x-starlight-version"] == VERDICTS["starlight_version"]


def test_schema_icon_names_match_starlight() -> None:
    """`hero.actions[].icon` accepts exactly the names Starlight's IconSchema accepts."""
    assert SCHEMA["$defs"]["builtinIcon"]["enum"] == VERDICTS["icon_names"]


def _subschemas(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(_subschemas(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_subschemas(item))
    return found


def test_every_union_branch_has_a_title() -> None:
    """eduforge prints "x must be one of: <titles>", so no branch may be anonymous."""
    for sub in _subschemas(SCHEMA):
        for keyword in ("anyOf", "oneOf"):
            for branch in sub.get(keyword, []):
                assert isinstance(branch.get("title"), str) and branch["title"], branch


def test_every_top_level_property_is_described() -> None:
    for name, prop in SCHEMA["properties"].items():
        assert prop.get("description"), name


SLOW_PATH_CASES = {"prev/date", "next/date", "date-as-object/next-datetime"}
"""A date where prev/next take {link, label}: jsonschema-rs sees the date as a closed object's key."""


@pytest.mark.parametrize("case", VERDICTS["cases"], ids=[c["name"] for c in VERDICTS["cases"]])
def test_fast_path_never_accepts_what_the_exact_validator_rejects(case: dict[str, Any]) -> None:
    """jsonschema-rs may only shortcut pages jsonschema itself finds valid."""
    from eduforge.config import schema_file
    from eduforge.site.frontmatter import split_and_parse
    from eduforge.validation import _rs_instance, compiled

    data = split_and_parse(f"---\n{case['yaml']}\n---\n").data
    if data is None:
        return
    validator = compiled(schema_file("starlight", Path.cwd()))
    assert validator.fast is not None
    if validator.fast.is_valid(_rs_instance(data)):
        assert validator.exact.is_valid(data)
    else:  # stricter is safe (the exact validator then decides), but should be rare
        assert not validator.exact.is_valid(data) or case["name"] in SLOW_PATH_CASES
