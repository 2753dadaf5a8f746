"""The Problem value object every check produces and every reporter formats."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at one position of one file.

    ``path`` is the file's path relative to the project root, with ``/``
    separators; ``line`` and ``column`` are 1-based.  Problems sort by
    position, so reports read top to bottom.
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def with_severity(self, severity: Severity) -> Problem:
        return Problem(self.path, self.line, self.column, self.rule, self.message, severity)


def did_you_mean(word: Any, choices: Iterable[str], prefix: str = "") -> str:
    """``'; did you mean "draft"?'`` when a choice is close to ``word``, else ``""``."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f'; did you mean "{prefix}{close[0]}"?' if close else ""
