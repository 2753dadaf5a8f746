"""``--format json`` writes its document in one write, with the bytes ``json.dump`` would have written.

``json.dump`` to the output stream makes about 25 writes per problem; with 40,000 problems that
was ~1 M writes and ~3 s of CPU through click's stream.
"""

from __future__ import annotations

import io
import json
import time
from typing import Any

from eduforge.engine import RunResult
from eduforge.problem import Problem, Severity
from eduforge.report.json_report import report


class CountingStream(io.StringIO):
    """A text stream that counts the writes it gets."""

    writes = 0

    def write(self, text: str, /) -> int:
        self.writes += 1
        return super().write(text)


def test_forty_thousand_problems_are_one_write_of_the_same_bytes() -> None:
    problems = [
        Problem(
            f"docs/caf\udce9-{i % 40}.md",
            i + 1,
            3,
            "link-target",
            f'link "/x{i}/\x1b[2K" goes nowhere — ü',
            Severity.ERROR if i % 3 else Severity.WARNING,
        )
        for i in range(40_000)
    ]
    result = RunResult(problems, 40, None)  # type: ignore[arg-type]  # the report never reads the site
    stream = CountingStream()
    started = time.process_time()
    report(result, stream, color=False)
    cpu = time.process_time() - started
    assert stream.writes == 1
    expected: dict[str, Any] = {
        "version": 1,
        "problems": [
            {
                "path": f"docs/caf\ufffd-{i % 40}.md",
                "line": i + 1,
                "column": 3,
                "severity": "error" if i % 3 else "warning",
                "rule": "link-target",
                "message": f'link "/x{i}/\x1b[2K" goes nowhere — ü',
            }
            for i in range(40_000)
        ],
        "summary": {"files": 40, "errors": 26_666, "warnings": 13_334},
    }
    dumped = io.StringIO()
    json.dump(expected, dumped, ensure_ascii=False, indent=2)
    assert stream.getvalue() == dumped.getvalue() + "\n"
    assert '"message": "link \\"/x0/\\u001b[2K\\" goes nowhere — ü"' in stream.getvalue()
    assert cpu < 1.0, f"{cpu:.2f} s of CPU"
