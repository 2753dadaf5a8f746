"""``path:line:col: severity rule message``, one problem a line, then a summary."""

from __future__ import annotations

from typing import TextIO

import click

from eduforge.engine import RunResult
from eduforge.problem import Severity
from eduforge.report.escape import visible


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def report(result: RunResult, stream: TextIO, color: bool) -> None:
    for problem in result.problems:
        severity = str(problem.severity)
        if color:
            hue = {Severity.ERROR: "red", Severity.WARNING: "yellow"}.get(problem.severity, "cyan")
            severity = click.style(severity, fg=hue, bold=True)
        location = f"{visible(problem.path)}:{problem.line}:{problem.column}:"
        rule = click.style(problem.rule, dim=True) if color else problem.rule
        stream.write(
            f"{click.style(location, bold=True) if color else location} {severity} {rule} {visible(problem.message)}\n"
        )
    files = plural(result.files, "file")
    if result.problems:
        notes = f", {result.infos} info" if result.infos else ""
        summary = f"{plural(result.errors, 'error')}, {plural(result.warnings, 'warning')}{notes} in {files}"
        if color:
            hue = "red" if result.errors else "yellow" if result.warnings else "cyan"
            summary = click.style(summary, fg=hue, bold=True)
    else:
        summary = f"{files} checked, no problems"
        if color:
            summary = click.style(summary, fg="green")
    stream.write(summary + "\n")
