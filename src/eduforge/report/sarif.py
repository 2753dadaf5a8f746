"""SARIF 2.1.0 for GitHub code scanning (``upload-sarif``); valid against the OASIS schema.

Paths become URI references relative to ``%SRCROOT%``: every byte outside
RFC 3986's unreserved set (``%``, ``#``, ``?``, ``:``, spaces, non-ASCII, the
bytes of a file name that is not UTF-8) is percent-encoded, so a URI always
names the file it came from.  Messages show control characters as visible escapes.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from eduforge import __version__
from eduforge.engine import RunResult
from eduforge.problem import Problem, Severity
from eduforge.report.escape import unicode_safe, visible
from eduforge.rules import RULES


def path_uri(path: str) -> str:
    """A relative path (``/`` separators) as an RFC 3986 URI reference."""
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
"""SARIF levels: an info is a ``note``."""


def _default_level(rule_id: str) -> str:
    severity = RULES[rule_id].severity
    return "none" if severity is None else _LEVEL[severity]


def _result(problem: Problem, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": problem.rule}
    if problem.rule in index:
        result["ruleIndex"] = index[problem.rule]
    result.update(
        {
            "level": _LEVEL[problem.severity],
            "message": {"text": unicode_safe(visible(problem.message)) or problem.rule},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": path_uri(problem.path), "uriBaseId": "%SRCROOT%"},
                        "region": _region(problem),
                    }
                }
            ],
        }
    )
    if problem.fix is not None:
        result["fixes"] = [_fix(problem)]
    return result


def _region(problem: Problem) -> dict[str, int]:
    region = {"startLine": max(problem.line, 1), "startColumn": max(problem.column, 1)}
    if problem.end_line >= region["startLine"] and problem.end_column >= 1:
        region.update(endLine=problem.end_line, endColumn=problem.end_column)
    return region


def _fix(problem: Problem) -> dict[str, Any]:
    """SARIF ``fixes``: the replacements in the problem's file; an unsafe one says so in its properties."""
    assert problem.fix is not None
    return {
        "description": {"text": unicode_safe(visible(problem.fix.title))},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": path_uri(problem.path), "uriBaseId": "%SRCROOT%"},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": edit.line,
                            "startColumn": edit.column,
                            "endLine": edit.end_line,
                            "endColumn": edit.end_column,
                        },
                        "insertedContent": {"text": unicode_safe(edit.new)},
                    }
                    for edit in problem.fix.edits
                ],
            }
        ],
        "properties": {"safe": problem.fix.safe},
    }


def report(result: RunResult, stream: TextIO, color: bool) -> None:
    rule_ids = sorted(RULES)
    index = {rule_id: number for number, rule_id in enumerate(rule_ids)}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "eduforge",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/eduforge/",
                        "rules": [
                            {
                                "id": rule_id,
                                "shortDescription": {"text": RULES[rule_id].summary},
                                "defaultConfiguration": {"level": _default_level(rule_id)},
                            }
                            for rule_id in rule_ids
                        ],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {
                        "uri": (result.display_root or result.site.settings.project_root).resolve().as_uri() + "/"
                    }
                },
                "columnKind": "unicodeCodePoints",  # columns count characters, as every eduforge position does
                "results": [_result(p, index) for p in result.problems],
            }
        ],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
