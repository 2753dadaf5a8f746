"""``{"version": 1, "problems": [...], "summary": {...}}`` — the shape is a contract."""

from __future__ import annotations

import json
from typing import TextIO

from eduforge.engine import RunResult


def report(result: RunResult, stream: TextIO, color: bool) -> None:
    document = {
        "version": 1,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": str(p.severity),
                "rule": p.rule,
                "message": p.message,
            }
            for p in result.problems
        ],
        "summary": {"files": result.files, "errors": result.errors, "warnings": result.warnings},
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
