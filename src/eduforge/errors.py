"""Failures that end a run early, each mapped to an exit code by the CLI."""

from __future__ import annotations


class EduforgeError(Exception):
    """A known failure; the CLI prints its message on one line."""

    exit_code = 3


class ConfigError(EduforgeError):
    """A bad config file, key or value: exit code 2."""

    exit_code = 2


class UsageError(EduforgeError):
    """Bad command-line usage: exit code 2."""

    exit_code = 2
