"""The Problem value object every check produces and every reporter formats, and the Fix it may carry."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """A notice: never fails a run, not even with --strict."""

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` at ``line``:``column`` (1-based, characters, the positions every rule reports) by ``new``.

    The span ends at ``end_line``:``end_column`` (exclusive). A rule proposes an edit from the facts it has
    (a link's target and position, a frontmatter value and position); :func:`eduforge.fix.locate` settles it
    against the file's text: the text there must be ``old`` (else the fix is dropped). With ``scalar``,
    ``old`` is the value of a YAML scalar and, when the scalar is quoted, the quotes are replaced too
    (``'2024-09-30'`` → ``2024-09-30``); without it a quoted value keeps its quotes (a link's target).
    """

    line: int
    column: int
    end_line: int
    end_column: int
    old: str
    new: str
    scalar: bool = False

    @classmethod
    def at(cls, line: int, column: int, old: str, new: str, scalar: bool = False) -> Edit:
        return cls(line, column, line, column + len(old), old, new, scalar)


@dataclass(frozen=True)
class Fix:
    """Edits of the problem's own file that make the problem go away.

    ``safe`` fixes write exactly what the message suggests and change nothing the page means
    (``--fix`` applies them); unsafe ones (``--unsafe-fixes``) change what the page does.
    """

    edits: tuple[Edit, ...]
    safe: bool
    title: str
    """What the fix does, for people: ``replace "/pengenalan" with "/pusat-belajar/pengenalan/"``."""

    def as_tuple(self) -> tuple[Any, ...]:
        return (tuple(dataclasses.astuple(edit) for edit in self.edits), self.safe, self.title)

    @classmethod
    def from_tuple(cls, data: tuple[Any, ...]) -> Fix:
        edits, safe, title = data
        return cls(tuple(Edit(*edit) for edit in edits), bool(safe), str(title))


def replace_fix(edit: Edit, safe: bool) -> Fix:
    """The common fix: one value written differently."""
    return Fix((edit,), safe, f'replace "{edit.old}" with "{edit.new}"')


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at one position of one file.

    ``path`` is the file's path relative to the project root, with ``/``
    separators; ``line`` and ``column`` are 1-based.  Problems sort by
    position, so reports read top to bottom.  ``end_line``/``end_column``
    (0: unknown) end the offending text; ``fix`` is what would repair it.
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    end_line: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)
    fix: Fix | None = field(default=None, compare=False)

    def with_severity(self, severity: Severity) -> Problem:
        return dataclasses.replace(self, severity=severity)

    def with_fix(self, fix: Fix | None) -> Problem:
        """The problem with ``fix``, and its end where the fix's first edit ends."""
        if fix is None or not fix.edits:
            return self
        first = fix.edits[0]
        return dataclasses.replace(self, fix=fix, end_line=first.end_line, end_column=first.end_column)

    def as_tuple(self) -> tuple[Any, ...]:
        """Plain data for worker processes and the cache (marshal): :meth:`from_tuple` reads it back."""
        head = (self.path, self.line, self.column, self.rule, self.message)
        if self.fix is None and not self.end_line:
            return head
        return (*head, self.end_line, self.end_column, self.fix.as_tuple() if self.fix else None)

    @classmethod
    def from_tuple(cls, data: tuple[Any, ...] | list[Any]) -> Problem:
        path, line, column, rule, message = data[:5]
        if len(data) < 8:
            return cls(path, line, column, rule, message)
        fix = Fix.from_tuple(data[7]) if data[7] is not None else None
        return cls(path, line, column, rule, message, Severity.ERROR, data[5], data[6], fix)


def closest(word: Any, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word`` (difflib's ratio ≥ 0.6), or None."""
    if not isinstance(word, str):
        return None
    import difflib  # lazily: not every run needs it (start-up time)

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: Any, choices: Iterable[str], prefix: str = "") -> str:
    """``'; did you mean "draft"?'`` when a choice is close to ``word``, else ``""``."""
    close = closest(word, choices)
    return f'; did you mean "{prefix}{close}"?' if close is not None else ""
