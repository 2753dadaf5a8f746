"""Fixture sites for the exporter: Starlight-shaped projects under ``sites/``, copied to tmp folders."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

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
