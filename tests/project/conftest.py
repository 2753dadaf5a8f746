"""The ``js`` fixture: write small JS/TS files into a tmp project and read them statically."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsfiles import Files


@pytest.fixture
def js(tmp_path: Path) -> Files:
    return Files(tmp_path)
