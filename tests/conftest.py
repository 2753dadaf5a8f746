"""The ``site`` fixture (an empty Starlight-shaped project in a tmp folder) and the CI rule on skips."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from eduforge.cli import tune_gc
from helpers import SiteBuilder

pytest_plugins = ["ci_skips"]


@pytest.fixture
def site(tmp_path: Path) -> SiteBuilder:
    """An empty project: eduforge.toml with content = "docs", base = "/pusat-belajar"."""
    builder = SiteBuilder(tmp_path)
    builder.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n')
    (tmp_path / "docs").mkdir()
    return builder


@pytest.fixture
def collector_as_eduforge_runs() -> Iterator[None]:
    """Timed as the command runs: with the collector thresholds ``eduforge`` sets (``tune_gc``)."""
    before = gc.get_threshold()
    tune_gc()
    yield
    gc.set_threshold(*before)
