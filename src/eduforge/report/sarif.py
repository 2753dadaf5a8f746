"""SARIF 2.1.0 for GitHub code scanning (``upload-sarif``)."""

from __future__ import annotations

import json
from typing import TextIO

from eduforge import __version__
from eduforge.engine import RunResult
from eduforge.rules import RULES


def report(result: RunResult, stream: TextIO, color: bool) -> None:
    rule_ids = sorted(RULES)
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
                                "defaultConfiguration": {"level": str(RULES[rule_id].severity)},
                            }
                            for rule_id in rule_ids
                        ],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {"uri": (result.display_root or result.site.settings.project_root).as_uri() + "/"}
                },
                "results": [
                    {
                        "ruleId": p.rule,
                        "ruleIndex": rule_ids.index(p.rule),
                        "level": str(p.severity),
                        "message": {"text": p.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": p.path, "uriBaseId": "%SRCROOT%"},
                                    "region": {"startLine": p.line, "startColumn": p.column},
                                }
                            }
                        ],
                    }
                    for p in result.problems
                ],
            }
        ],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
