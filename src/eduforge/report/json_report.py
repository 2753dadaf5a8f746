"""``{"version": 1, "problems": [...], "summary": {...}}`` — the shape is a contract.

Strings are JSON-escaped as usual (control characters as ``\\u001b``); a lone
surrogate (a file name that is not UTF-8) becomes U+FFFD so the output is always UTF-8.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from eduforge.engine import RunResult
from eduforge.problem import Problem
from eduforge.report.escape import unicode_safe


def _problem(p: Problem) -> dict[str, Any]:
    """A problem; ``end_line``/``end_column`` and ``fix`` only when known (edits of the problem's own file)."""
    shown: dict[str, Any] = {
        "path": unicode_safe(p.path),
        "line": p.line,
        "column": p.column,
        "severity": str(p.severity),
        "rule": p.rule,
        "message": unicode_safe(p.message),
    }
    if p.end_line:
        shown.update(end_line=p.end_line, end_column=p.end_column)
    if p.fix is not None:
        shown["fix"] = {
            "safe": p.fix.safe,
            "title": unicode_safe(p.fix.title),
            "edits": [
                {
                    "line": e.line,
                    "column": e.column,
                    "end_line": e.end_line,
                    "end_column": e.end_column,
                    "text": unicode_safe(e.new),
                }
                for e in p.fix.edits
            ],
        }
    return shown


def report(result: RunResult, stream: TextIO, color: bool) -> None:
    document = {
        "version": 1,
        "problems": [_problem(p) for p in result.problems],
        "summary": {"files": result.files, "errors": result.errors, "warnings": result.warnings},
    }
    # one write: json.dump would make about 25 small writes per problem (~1 M for 40,000 problems)
    stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
