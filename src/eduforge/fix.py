"""Applying fixes: position-exact edits on the original bytes of a page file.

A rule proposes an :class:`~eduforge.problem.Edit` from the facts it has (a position and the text it
expects there); :func:`locate` settles it against the file's text, and a fix whose text is not there
(the file changed, the value is escaped or spread over lines) is dropped, never guessed.

Nothing outside the edited spans changes: the file is decoded losslessly (a BOM kept aside, line ends
as they are, CRLF, CR or mixed), edited by character offsets and encoded back, so comments, quoting,
key order, indentation and blank lines stay byte for byte. (ruamel.yaml's round trip was measured on
the seed pages and rewrites what it does not model: see README "Fixing".) Every result is read again:
the frontmatter must parse with no new problem and hold the same data apart from the fixed values, and
the links must be the same apart from the fixed ones; else the fix is not applied. Writes are atomic
(a temporary file in the same folder, the mode kept, then a rename), and a file whose bytes changed
since they were read is not written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduforge.cache import digest
from eduforge.problem import Edit, Fix, Problem
from eduforge.report.escape import visible
from eduforge.site.frontmatter import split_and_parse
from eduforge.site.frontmatter_links import frontmatter_links
from eduforge.site.markdown import analyze_body
from eduforge.site.page import read_bytes

BOM = "\ufeff"
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass
class Source:
    """A file's text as it is on disk: ``text`` keeps its line ends; the BOM is kept aside."""

    raw: bytes
    text: str
    bom: bool
    line_starts: list[int]

    @classmethod
    def decode(cls, raw: bytes) -> Source | None:
        if b"\x00" in raw:
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        bom = text.startswith(BOM)
        text = text[1:] if bom else text
        return cls(raw, text, bom, [0, *(match.end() for match in _LINE_END.finditer(text))])

    def offset(self, line: int, column: int) -> int | None:
        """The character offset of a 1-based line:column, or None when it is not in the text."""
        if not 1 <= line <= len(self.line_starts) or column < 1:
            return None
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        offset = start + column - 1
        return offset if offset <= end else None

    def encoded(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8")


def locate(source: Source, edit: Edit) -> tuple[int, int, Edit] | None:
    """The edit's exact span ``(start, end)`` in the text, and the edit with its exact positions."""
    start = source.offset(edit.line, edit.column)
    if start is None or "\n" in edit.old or "\r" in edit.old:
        return None
    text, old = source.text, edit.old
    if text.startswith(old, start) and not (edit.scalar and start > 0 and text[start - 1] in "'\""):
        span = (start, start + len(old))
    elif start < len(text) and text[start] in "'\"" and text.startswith(old + text[start], start + 1):
        span = (start, start + len(old) + 2) if edit.scalar else (start + 1, start + 1 + len(old))
    else:
        return None
    column = edit.column + (span[0] - start)
    exact = dataclasses.replace(edit, column=column, end_line=edit.line, end_column=column + span[1] - span[0])
    return span[0], span[1], exact


def settle(problems: Iterable[Problem], root: Path) -> list[Problem]:
    """The problems with every fix located in its file (exact positions), or dropped when it cannot be."""
    sources: dict[str, Source | None] = {}
    settled = []
    for problem in problems:
        if problem.fix is None:
            settled.append(problem)
            continue
        if problem.path not in sources:
            raw, _ = read_bytes(root / problem.path)
            sources[problem.path] = Source.decode(raw) if raw is not None else None
        source = sources[problem.path]
        located = [locate(source, edit) for edit in problem.fix.edits] if source is not None else [None]
        if all(found is not None for found in located):
            fix = dataclasses.replace(problem.fix, edits=tuple(found[2] for found in located if found is not None))
            settled.append(dataclasses.replace(problem, fix=None).with_fix(fix))
        else:
            settled.append(dataclasses.replace(problem, fix=None))
    return settled


# --- applying ------------------------------------------------------------------------------


@dataclass
class FileOutcome:
    path: str
    fixed: int = 0
    before: bytes = b""
    after: bytes = b""
    note: str = ""
    """Why nothing was written (read-only, changed on disk, the result did not read back the same)."""


@dataclass
class FixOutcome:
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(file.fixed for file in self.files)

    @property
    def changed(self) -> list[FileOutcome]:
        return [file for file in self.files if file.fixed and not file.note]

    def diff(self, prefix: str = "") -> Iterator[str]:
        """A unified diff of every change (``a/``/``b/`` paths, as git and ruff show it; ``prefix``
        leads from the folder paths are shown from to the project root)."""
        import difflib  # lazily: not every run needs it (start-up time)

        for file in self.changed:
            before = file.before.decode("utf-8").splitlines(keepends=True)
            after = file.after.decode("utf-8").splitlines(keepends=True)
            path = visible(f"{prefix}{file.path}")
            yield from map(_diff_line, difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))


def _diff_line(line: str) -> str:
    """A diff line safe for a terminal: the page's control characters escaped as every report
    escapes them (tabs and a BOM kept: they move no cursor), one line each (a line that ends in a
    lone CR, or in nothing, as diff shows it)."""
    ending = "\r\n" if line.endswith("\r\n") else line[-1:] if line.splitlines() != [line] else ""
    text = visible(line[: len(line) - len(ending)], keep="\t\ufeff")
    if ending in ("\n", "\r\n"):
        return text + ending
    return text + (visible(ending) + "\n" if ending else "\n\\ No newline at end of file\n")


def wanted(problem: Problem, unsafe: bool) -> Fix | None:
    fix = problem.fix
    return fix if fix is not None and (fix.safe or unsafe) else None


def apply_fixes(
    problems: Iterable[Problem], root: Path, digests: dict[str, bytes], *, unsafe: bool = False, write: bool = True
) -> FixOutcome:
    """Apply the fixes of ``problems`` (paths relative to ``root``), file by file.

    ``digests`` are the digests of the bytes the run read: a file that no longer has them is left alone.
    """
    by_path: dict[str, list[Fix]] = {}
    for problem in problems:
        fix = wanted(problem, unsafe)
        if fix is not None:
            by_path.setdefault(problem.path, []).append(fix)
    outcome = FixOutcome()
    for path, fixes in sorted(by_path.items()):
        outcome.files.append(_fix_file(root / path, path, fixes, digests.get(path), write))
    return outcome


def _fix_file(file: Path, path: str, fixes: list[Fix], read_digest: bytes | None, write: bool) -> FileOutcome:
    outcome = FileOutcome(path)
    raw, issue = read_bytes(file)
    source = Source.decode(raw) if raw is not None else None
    if raw is None or source is None:
        outcome.note = issue.message if issue is not None else "not UTF-8 text; not fixed"
        return outcome
    if read_digest is not None and digest(raw) != read_digest:
        outcome.note = "changed on disk since it was read; not written (run again)"
        return outcome
    text, applied = _best_text(source, fixes, file.suffix == ".mdx")
    if not applied:
        outcome.note = "the fixes would not read back as intended (invalid YAML or another value changed); not applied"
        return outcome
    outcome.fixed, outcome.before, outcome.after = applied, raw, source.encoded(text)
    if write:
        outcome.note = _write(file, raw, outcome.after)
    return outcome


def _best_text(source: Source, fixes: list[Fix], mdx: bool) -> tuple[str, int]:
    """The text with every fix that reads back as intended: all together, else each one alone."""
    spans = _spans(source, fixes)
    text = _edited(source, spans)
    if spans and _reads_back(source.text, text, spans, mdx):
        return text, len(spans)
    if len(spans) > ONE_BY_ONE:
        return source.text, 0  # reading a big page back once per fix would cost its size times the fixes
    kept = [span for span in spans if _reads_back(source.text, _edited(source, [span]), [span], mdx)]
    text = _edited(source, kept)
    if kept and _reads_back(source.text, text, kept, mdx):
        return text, len(kept)
    return source.text, 0


Span = tuple[Fix, int, int, Edit]

ONE_BY_ONE = 16
"""When a file's fixes do not read back together, at most this many are tried one by one."""


def _spans(source: Source, fixes: list[Fix]) -> list[Span]:
    """The located edits, in order, without overlaps (the one starting first wins; the next pass gets the rest)."""
    located: list[tuple[int, int, int, Span]] = []
    for order, fix in enumerate(fixes):
        found = locate(source, fix.edits[0]) if len(fix.edits) == 1 else None  # every eduforge fix is one edit
        if found is not None:
            start, end, edit = found
            located.append((start, order, end, (fix, start, end, edit)))
    spans: list[Span] = []
    for start, _, end, span in sorted(located, key=lambda item: (item[0], item[1])):
        if spans and start == spans[-1][1] and span[3].new == spans[-1][3].new and end == spans[-1][2]:
            continue  # the same edit proposed twice (two problems of one link)
        if spans and start < spans[-1][2]:
            continue  # overlaps the edit before it
        spans.append(span)
    return spans


def _edited(source: Source, spans: list[Span]) -> str:
    parts, last = [], 0
    for _, start, end, edit in sorted(spans, key=lambda span: span[1]):
        parts += [source.text[last:start], edit.new]
        last = end
    return "".join(parts) + source.text[last:]


def _normal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _reads_back(before: str, after: str, spans: list[Span], mdx: bool) -> bool:
    """Whether ``after`` means what ``before`` meant apart from the edited values."""
    old, new = split_and_parse(_normal(before)), split_and_parse(_normal(after))
    new_issues = Counter(issue.rule for issue in new.issues) - Counter(issue.rule for issue in old.issues)
    if new_issues or (old.data is None) != (new.data is None):
        return False
    edits = [edit for *_, edit in spans]
    if not _same_data(_leaves(old.data), _leaves(new.data), edits):
        return False
    old_links = Counter(link.target for link in _links(old, mdx))
    new_links = Counter(link.target for link in _links(new, mdx))
    for edit in edits:
        if old_links[edit.old] > 0:
            old_links[edit.old] -= 1
            old_links[edit.new] += 1
    return +old_links == +new_links


def _links(frontmatter: Any, mdx: bool) -> list[Any]:
    body = analyze_body(frontmatter.body, frontmatter.body_line, mdx=mdx)
    return [*body.links, *frontmatter_links(frontmatter)]


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    if isinstance(data, dict):
        return {leaf: value for key, item in data.items() for leaf, value in _leaves(item, (*path, key)).items()}
    if isinstance(data, list):
        return {leaf: value for key, item in enumerate(data) for leaf, value in _leaves(item, (*path, key)).items()}
    return {path: data}


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _same_data(old: dict[tuple[Any, ...], Any], new: dict[tuple[Any, ...], Any], edits: list[Edit]) -> bool:
    """Every leaf is as it was, or changed as one of the edits says (a value rewritten, a key renamed)."""
    renames = {edit.old: edit.new for edit in edits}
    for path, value in old.items():
        moved = tuple(renames.get(key, key) if isinstance(key, str) else key for key in path)
        if path in new and new[path] == value and type(new[path]) is type(value):
            continue
        target = new.get(moved, _MISSING) if moved != path else new.get(path, _MISSING)
        if target is _MISSING:
            return False
        if moved != path and target == value:
            continue
        if not any(_shown(value).replace(edit.old, edit.new, 1) == _shown(target) for edit in edits):
            return False
    return len(old) == len(new)


_MISSING = object()


def _write(file: Path, before: bytes, after: bytes) -> str:
    """Write ``after`` atomically if the file still holds ``before``; a note when it was not written."""
    try:
        status = file.stat()
        if not os.access(file, os.W_OK) or not status.st_mode & stat.S_IWUSR:
            return "read-only; not fixed"
        import tempfile  # lazily: not every run needs it (start-up time)

        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".eduforge")
    except OSError as error:
        return f"cannot be written ({error.strerror or error}); not fixed"
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(after)
            stream.flush()
            os.fchmod(stream.fileno(), stat.S_IMODE(status.st_mode))
            os.fsync(stream.fileno())
        current, _ = read_bytes(file)
        if current != before:
            os.unlink(temporary)
            return "changed on disk since it was read; not written (run again)"
        os.replace(temporary, file)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return f"cannot be written ({error.strerror or error}); not fixed"
    return ""
