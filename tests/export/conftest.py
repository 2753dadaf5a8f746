"""Fixture sites for the exporter (Starlight-shaped projects under ``sites/``, copied to tmp folders)
and the headless browser the browser tests share."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

SITES = Path(__file__).parent / "sites"


@pytest.fixture
def fixture_site(tmp_path: Path) -> Callable[[str], Path]:
    """``fixture_site("pusat")``: a copy of ``sites/pusat`` in a tmp folder (exports go beside it)."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(SITES / name, target)
        return target

    return copy


CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    """A missing browser fails the test (never a skip that would hide a broken export)."""
    pytest.fail(f"the browser test needs Debian's chromium and playwright: {reason} (bash .ci/run installs both)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright)")
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()
