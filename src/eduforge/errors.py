"""Failures that end a run early, each mapped to an exit code by the CLI."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from typing import Any


class EduforgeError(Exception):
    """A known failure; the CLI prints its message on one line."""

    exit_code = 3


class ConfigError(EduforgeError):
    """A bad config file, key or value: exit code 2."""

    exit_code = 2


class UsageError(EduforgeError):
    """Bad command-line usage: exit code 2."""

    exit_code = 2


PATH_ERRORS = {
    errno.ENAMETOOLONG: "the path is longer than the file system allows; use a shorter one",
    errno.ELOOP: "a symbolic link that loops back to itself",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "on a read-only file system",
    errno.ENOSPC: "no space left on the device",
}
"""Failures of a path the user gave (in the config or on the command line; Python 3.11's
``Path.is_dir`` raises for a name too long): a usage error naming the path, exit 2."""


def error_boundary(function: Callable[..., int]) -> Callable[..., None]:
    """The one place failures become exit codes, for every command.

    Known failures print one line and exit with their code, as does a path the system refuses
    (:data:`PATH_ERRORS`); anything else is an internal error, exit 3, with the traceback only
    under ``--debug``.
    """
    import click

    from eduforge.report.escape import visible

    @functools.wraps(function)
    def wrapper(*args: Any, debug: bool = False, **kwargs: Any) -> None:
        try:
            code = function(*args, **kwargs)
        except EduforgeError as error:  # its message quotes paths and values as written: escaped for the terminal
            click.echo(f"eduforge: {visible(str(error))}", err=True)
            code = error.exit_code
        except BrokenPipeError:  # output piped into `head`: not an error of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 1
        except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
            raise
        except Exception as error:  # the one place that catches everything
            if debug:
                import traceback  # lazily: not every run needs it (start-up time)

                traceback.print_exc()
            if isinstance(error, OSError) and error.errno in PATH_ERRORS and error.filename is not None:
                click.echo(f"eduforge: {visible(os.fsdecode(error.filename))}: {PATH_ERRORS[error.errno]}", err=True)
                code = 2
            else:
                click.echo(
                    f"eduforge: internal error: {type(error).__name__}: {visible(str(error))} "
                    "(run with --debug for the traceback)",
                    err=True,
                )
                code = 3
        sys.exit(code)

    return wrapper
