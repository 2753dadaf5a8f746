"""``schema = "astro"``: Astro's generated JSON Schema judges as zod does.

``tests/data/zod_verdicts.json`` also holds, per config, what ``astro sync`` would write
for its schema (``z.toJSONSchema`` with Astro 7's options, see tests/differential/zod/harness.mjs).
eduforge's reading of that file must agree with zod on every case, except where zod runs code
(``.refine()``…) that a JSON Schema cannot say: there eduforge may accept what zod rejects.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eduforge.project.content_config import SiteSchema, astro_generated_schema
from eduforge.site.page import load_page
from eduforge.validation import validate

TESTS = Path(__file__).parent.parent
VERDICTS: dict[str, Any] = json.loads((TESTS / "data" / "zod_verdicts.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = VERDICTS["cases"]
UNREPRESENTABLE = {"loose": {"even", "checked", "custom", "tree"}}
"""Fields whose zod checks are code: the generated schema cannot carry them (eduforge accepts more)."""
LOST_BY_ASTRO = {"context": {"minutes", "featured"}, "chains": {"version"}}
"""Where Astro's file is stricter than zod and nothing in it tells: ``z.coerce.*`` is written as its
output type, and ``/^v\\d+$/i`` loses its flag.  The static reading (schema = "starlight") gets these right."""


def generated(config: str, folder: Path) -> SiteSchema:
    file = folder / f"{config}.schema.json"
    if not file.exists():
        file.write_text(json.dumps(VERDICTS["astro_schemas"][config]), encoding="utf-8")
    return astro_generated_schema(file, None)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("astro")


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_generated_schema_agrees_with_zod(case: dict[str, Any], folder: Path) -> None:
    site = generated(case["config"], folder)
    page = load_page(Path("page.md"), "page", "page.md", "", (), text=f"---\n{case['yaml']}---\n")
    data = page.frontmatter.data or {}
    errors = validate(site.compiled, data, page.frontmatter.date_paths)
    keys = {str(error.path[0]) for error in errors if error.path} | {
        key for error in errors if not error.path for key in site.schema.get("required", []) if key not in data
    }
    explain = f"{case['name']}: zod {case['valid']} {case['keys']} ({case['zod_error']}); eduforge {[e.message for e in errors]}"
    expected = set(case["keys"])
    lost = LOST_BY_ASTRO.get(case["config"], set())
    if case["valid"]:
        assert errors == [] or keys <= lost, explain
    else:
        assert keys - lost <= expected and expected - keys <= UNREPRESENTABLE.get(case["config"], set()), explain


def test_generated_keys_are_known_for_unknown_key(folder: Path) -> None:
    site = generated("lesson", folder)
    assert site.known_keys is not None and {"level", "duration", "short", "$schema"} <= site.known_keys
