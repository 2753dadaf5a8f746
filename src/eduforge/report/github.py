"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=rule::message``.

Values are escaped as the runner unescapes them (``%25``, ``%0D``, ``%0A``; in
properties also ``%3A`` and ``%2C``), so a message can never end the command
early or start another; every other control character (ESC first: the log
viewer renders ANSI colours) is shown as a visible escape.
"""

from __future__ import annotations

from typing import TextIO

from eduforge.engine import RunResult
from eduforge.problem import Severity
from eduforge.report.escape import visible
from eduforge.report.text import plural


def _data(text: str) -> str:
    return visible(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
"""GitHub's workflow commands: an info is a ``::notice``."""


def report(result: RunResult, stream: TextIO, color: bool) -> None:
    for p in result.problems:
        path = p.path.removeprefix("./")
        stream.write(
            f"::{_COMMAND[p.severity]} file={_property(path)},line={p.line},col={p.column},title={_property(p.rule)}::{_data(p.message)}\n"
        )
    errors, warnings = plural(result.errors, "error"), plural(result.warnings, "warning")
    stream.write(f"eduforge: {errors}, {warnings} in {plural(result.files, 'file')}\n")
