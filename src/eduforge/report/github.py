"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=rule::message``."""

from __future__ import annotations

from typing import TextIO

from eduforge.engine import RunResult


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: RunResult, stream: TextIO, color: bool) -> None:
    for p in result.problems:
        path = p.path.removeprefix("./")
        stream.write(
            f"::{p.severity} file={_property(path)},line={p.line},col={p.column},title={_property(p.rule)}::{_data(p.message)}\n"
        )
    stream.write(f"eduforge: {result.errors} errors, {result.warnings} warnings in {result.files} files\n")
