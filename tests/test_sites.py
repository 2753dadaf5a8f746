"""Whole Starlight-shaped fixture sites under tests/sites/: `eduforge lint` output, exactly.

Each folder is a project (astro.config.mjs or eduforge.toml) with ``expected.txt``,
the text report reviewed by hand.  The shipped curriculum in content/ must stay clean.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run

TESTS = Path(__file__).parent
SITES = sorted(path.parent for path in (TESTS / "sites").glob("*/expected.txt"))


@pytest.mark.parametrize("site", SITES, ids=[site.name for site in SITES])
def test_fixture_site_report(site: Path) -> None:
    expected = (site / "expected.txt").read_text(encoding="utf-8")
    result = run(site, "lint", "--no-cache")
    assert result.output == expected
    assert result.exit_code == (1 if " error " in expected else 0)


def test_shipped_content_is_clean() -> None:
    result = run(TESTS.parent, "lint", "--no-cache", "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("files checked, no problems\n")
