"""Inline suppressions, as markdownlint and yamllint users expect them.

In the body (HTML or MDX comment) or the frontmatter (YAML comment)::

    <!-- eduforge-disable-next-line link-target -->
    {/* eduforge-disable-next-line */}
    # eduforge-disable-next-line unknown-key
    <!-- eduforge-disable-line link-anchor -->     (on the line it silences)
    <!-- eduforge-disable-file nav-chain -->        (anywhere: the whole file)

No rule ids means every rule.  Ids are separated by spaces or commas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from eduforge.problem import Problem

_DIRECTIVE = re.compile(r"eduforge-disable-(next-line|line|file)\b([ \t\w,-]*?)(?:-->|\*/|$)", re.M)

Suppressions = dict[int, frozenset[str] | None]
"""Line → rule ids silenced there (``None``: all).  Line 0 is the whole file."""


def find_suppressions(text: str) -> Suppressions:
    if "eduforge-disable" not in text:
        return {}
    found: Suppressions = {}
    for match in _DIRECTIVE.finditer(text):
        kind, names = match.group(1), match.group(2)
        rules = frozenset(name for name in re.split(r"[\s,]+", names) if name) or None
        line = text.count("\n", 0, match.start()) + 1
        target = {"next-line": line + 1, "line": line, "file": 0}[kind]
        previous = found.get(target, frozenset())
        found[target] = None if rules is None or previous is None else previous | rules
    return found


def is_suppressed(problem: Problem, suppressions: Suppressions) -> bool:
    for line in (0, problem.line):
        if line in suppressions:
            rules = suppressions[line]
            if rules is None or problem.rule in rules:
                return True
    return False


def unsuppressed(problems: Iterable[Problem], suppressions: Suppressions) -> list[Problem]:
    return [p for p in problems if not is_suppressed(p, suppressions)] if suppressions else list(problems)
