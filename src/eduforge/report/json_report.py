"""``{"version": 1, "problems": [...], "summary": {...}}`` — the shape is a contract.

Strings are JSON-escaped as usual (control characters as ``\\u001b``); a lone
surrogate (a file name that is not UTF-8) becomes U+FFFD so the output is always UTF-8.
"""

from __future__ import annotations

import json
from typing import TextIO

from eduforge.engine import RunResult
from eduforge.report.escape import unicode_safe


def report(result: RunResult, stream: TextIO, color: bool) -> None:
    document = {
        "version": 1,
        "problems": [
            {
                "path": unicode_safe(p.path),
                "line": p.line,
                "column": p.column,
                "severity": str(p.severity),
                "rule": p.rule,
                "message": unicode_safe(p.message),
            }
            for p in result.problems
        ],
        "summary": {"files": result.files, "errors": result.errors, "warnings": result.warnings},
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
