"""Inline suppressions, as markdownlint and yamllint users expect them.

In a real comment of the body (HTML ``<!-- -->`` or MDX ``{/* */}``) or of the
frontmatter (a YAML comment)::

    <!-- eduforge-disable-next-line link-target -->
    {/* eduforge-disable-next-line */}
    # eduforge-disable-next-line unknown-key
    <!-- eduforge-disable-line link-anchor -->     (on the line it silences)
    <!-- eduforge-disable-file nav-chain -->        (anywhere: the whole file)

No rule ids means every rule.  Ids are separated by spaces or commas.  Text in
code (a fenced block that shows a directive, an inline code span) silences
nothing, and a rule id eduforge does not have is a ``suppression`` warning
(a typo would silence nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from eduforge.problem import Problem, did_you_mean
from eduforge.site.frontmatter import Frontmatter, LoadIssue

_DIRECTIVE = re.compile(r"eduforge-disable-(next-line|line|file)\b([ \t\w,-]*?)(?:-->|\*/|$)", re.M)
_NAME = re.compile(r"[^\s,]+")
_YAML_COMMENT = re.compile(r"(?:^|[ \t])#.*")
_BLOCK_SCALAR = re.compile(r"(?:^|[:\-?][ \t]+)[|>][0-9+-]*[ \t]*(?:#.*)?$")

Suppressions = dict[int, frozenset[str] | None]
"""Line → rule ids silenced there (``None``: all).  Line 0 is the whole file."""

Comment = tuple[int, int, str]
"""``(line, column, text)`` of a comment in the file."""


def find_suppressions(
    text: str, frontmatter: Frontmatter | None = None, comments: Iterable[Comment] = ()
) -> tuple[Suppressions, list[LoadIssue]]:
    """The directives of the frontmatter's YAML comments and of the body's ``comments``, and a
    warning for each rule id in them that eduforge does not have."""
    from eduforge.rules import RULES  # the catalogue imports nothing of this module

    found: Suppressions = {}
    issues: list[LoadIssue] = []
    every = [*yaml_comments(text, frontmatter), *comments] if "eduforge-disable" in text else []
    for line, column, comment in every:
        for match in _DIRECTIVE.finditer(comment):
            before = comment[: match.start()]
            at_line = line + before.count("\n")
            at_column = (column if "\n" not in before else 1) + len(before.rsplit("\n", 1)[-1])
            names = [(name.group(0), name.start()) for name in _NAME.finditer(match.group(2))]
            for name, offset in names:
                if name not in RULES:
                    where = at_column + match.start(2) - match.start() + offset
                    issues.append(LoadIssue(at_line, where, "suppression", _unknown(match.group(0), name, RULES)))
            rules = frozenset(name for name, _ in names if name in RULES) or None
            if names and rules is None:
                continue  # only unknown ids: silencing everything instead would hide real problems
            target = {"next-line": at_line + 1, "line": at_line, "file": 0}[match.group(1)]
            previous = found.get(target, frozenset())
            found[target] = None if rules is None or previous is None else previous | rules
    return found, issues


def _unknown(directive: str, name: str, rules: Iterable[str]) -> str:
    kind = directive.split()[0].removesuffix("-->").removesuffix("*/")
    hint = did_you_mean(name, rules) or "; `eduforge rules` lists them"
    return f'{kind} names the rule "{name}", which eduforge does not have, so it silences nothing{hint}'


def yaml_comments(text: str, frontmatter: Frontmatter | None) -> Iterator[Comment]:
    """The comments of the frontmatter's YAML: ``#`` at a line start or after a space, outside quotes
    and block scalars (``key: |``), as js-yaml reads them."""
    if frontmatter is None or frontmatter.fence_line is None:
        return
    lines = text.split("\n")[frontmatter.fence_line : max(frontmatter.body_line - 2, frontmatter.fence_line)]
    block_indent: int | None = None
    for number, line in enumerate(lines, start=frontmatter.fence_line + 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue  # content of a block scalar
            block_indent = None
        match = _comment_in(line)
        if match is not None:
            yield number, match + 1, line[match:].rstrip("\r")
        code = line[:match] if match is not None else line
        if _BLOCK_SCALAR.search(code.rstrip()):
            block_indent = indent


def _comment_in(line: str) -> int | None:
    """Where a YAML comment starts in ``line`` (0-based), outside quoted scalars, or None."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (index == 0 or line[index - 1] in " \t:[{,-"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
    return None


def is_suppressed(problem: Problem, suppressions: Suppressions) -> bool:
    for line in (0, problem.line):
        if line in suppressions:
            rules = suppressions[line]
            if rules is None or problem.rule in rules:
                return True
    return False


def unsuppressed(problems: Iterable[Problem], suppressions: Suppressions) -> list[Problem]:
    return [p for p in problems if not is_suppressed(p, suppressions)] if suppressions else list(problems)
