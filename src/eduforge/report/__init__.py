"""Reporters only format: a RunResult in, text out.  ``REPORTERS`` feeds ``--format``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from eduforge.engine import RunResult
from eduforge.report import github, json_report, sarif, text

Reporter = Callable[[RunResult, TextIO, bool], None]
"""``report(result, stream, color)``."""

REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "json": json_report.report,
    "github": github.report,
    "sarif": sarif.report,
}
