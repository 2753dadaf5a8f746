"""Differential test: eduforge's reading of a content config's ``extend`` must judge as zod does.

``tests/data/zod_verdicts.json`` holds frontmatter cases and the verdict of the real zod
(the version Astro ships) on each, against the extension schema of a content config in
``tests/differential/zod/configs/``; see tests/differential/zod/README.md to regenerate.
eduforge reads the same config files statically (nothing is executed), translates the
extension to JSON Schema and validates with its own validator.

The verdicts must agree on every case: valid or not, and the set of top-level keys with a
problem.  One allowance: on a field eduforge notes as not fully checked (``.refine()``,
``z.custom()``…) it may accept what zod rejects, never the reverse.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from eduforge.project.content_config import ContentConfig
from eduforge.project.js import load_module
from eduforge.project.zod import schema_of
from eduforge.site.page import load_page
from eduforge.validation import CompiledSchema, compile_schema, validate

TESTS = Path(__file__).parent.parent
CONFIGS = TESTS / "differential" / "zod" / "configs"
VERDICTS: dict[str, Any] = json.loads((TESTS / "data" / "zod_verdicts.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = VERDICTS["cases"]


@cache
def extension(config: str) -> tuple[CompiledSchema, frozenset[str]]:
    """The config's extension as eduforge reads it, and the fields it notes as not fully checked."""
    file = CONFIGS / f"{config}.mjs"
    reader = ContentConfig(file, load_module(file))
    node = reader.extension()
    assert node is not None, f"eduforge found no docsSchema({{ extend }}) in {file}"
    noted = frozenset(note.field.split(".")[0].split("[")[0] for note in reader.translator.notes)
    return compile_schema(schema_of(node), CONFIGS), noted


def failing_keys(validator: CompiledSchema, data: dict[str, Any]) -> set[str]:
    keys: set[str] = set()
    for error in validator.exact.iter_errors(data):
        path = list(error.absolute_path)
        if path:
            keys.add(str(path[0]))
        elif error.validator == "required":
            keys.update(key for key in error.validator_value if key not in data)
    return keys


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_eduforge_agrees_with_zod(case: dict[str, Any]) -> None:
    validator, noted = extension(case["config"])
    page = load_page(Path("page.md"), "page", "page.md", "", (), text=f"---\n{case['yaml']}---\n")
    assert page.frontmatter.data is not None, page.issues
    data = page.frontmatter.data
    valid = validate(validator, data, page.frontmatter.date_paths) == []
    keys = set() if valid else failing_keys(validator, data)
    expected = set(case["keys"])
    explain = (
        f"zod {VERDICTS['zod_version']} says {'valid' if case['valid'] else 'INVALID ' + str(sorted(expected))}"
        f" for {case['name']}:\n--- yaml\n{case['yaml']}---\nzod: {case['zod_error'] or '(no issue)'}\n"
        f"eduforge: {'valid' if valid else sorted(keys)}; fields not fully checked: {sorted(noted) or 'none'}"
    )
    if case["valid"]:
        assert valid, explain
    else:
        assert keys <= expected and expected - keys <= noted, explain


def test_the_verdicts_cover_both_sides() -> None:
    assert len(CASES) >= 250
    assert sum(case["valid"] for case in CASES) > 80
    assert sum(not case["valid"] for case in CASES) > 150
    assert len({case["name"] for case in CASES}) == len(CASES)


def test_only_the_loose_config_has_fields_not_fully_checked() -> None:
    for config in sorted({case["config"] for case in CASES}):
        _, noted = extension(config)
        if config == "loose":
            assert noted == {"even", "upper", "checked", "custom", "tree"}
        elif config == "context":
            assert noted == set()
        else:
            assert noted == set(), config


def test_leniency_is_rare() -> None:
    """eduforge accepts what zod rejects only on the loose config's untranslatable fields."""
    lenient = []
    for case in CASES:
        validator, _ = extension(case["config"])
        page = load_page(Path("page.md"), "page", "page.md", "", (), text=f"---\n{case['yaml']}---\n")
        data = page.frontmatter.data or {}
        keys = failing_keys(validator, data)
        if not case["valid"] and keys != set(case["keys"]):
            lenient.append(case["name"])
    assert all(name.startswith("loose/") for name in lenient), lenient
