"""The suite's own rule (tests/ci_skips.py): under CI (CI=true) a skipped test fails the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent


def _run_suite(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_one.py").write_text(
        "import pytest\n\ndef test_ok():\n    pass\n\ndef test_needs_a_tool():\n    pytest.skip('no tool')\n",
        encoding="utf-8",
    )
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = str(TESTS)
    if ci is not None:
        env["CI"] = ci
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "ci_skips", str(tmp_path)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)


def test_a_skip_fails_the_run_under_ci(tmp_path: Path) -> None:
    result = _run_suite(tmp_path, "true")
    assert result.returncode == 1
    assert "CI=true: 1 skipped test(s) fail the run:" in result.stdout
    assert "test_one.py::test_needs_a_tool" in result.stdout


def test_a_skip_is_only_reported_outside_ci(tmp_path: Path) -> None:
    result = _run_suite(tmp_path, None)
    assert result.returncode == 0
    assert "1 passed, 1 skipped" in result.stdout
