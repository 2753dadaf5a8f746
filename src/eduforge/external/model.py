"""Values passed between the URL checker's stages: uses in, outcomes out."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from eduforge.problem import Problem, Severity

BROKEN_RULE = "external-broken"
UNVERIFIED_RULE = "external-unverified"


@dataclass(frozen=True)
class UrlUse:
    """One occurrence of a URL in a page.

    ``url`` is the URL as written (fragment included); ``path`` is the file's
    project-relative posix path; ``line`` and ``column`` are 1-based.
    """

    url: str
    path: str
    line: int
    column: int


class Kind(enum.Enum):
    """What a check concluded about one URL."""

    OK = "ok"
    BROKEN = "broken"  # definitely wrong: an error
    UNVERIFIED = "unverified"  # inconclusive: a warning
    SKIPPED = "skipped"  # not checked on purpose (private address, excluded)


@dataclass(frozen=True)
class Outcome:
    """The verdict on one distinct URL.

    For ``BROKEN`` and ``UNVERIFIED``, ``what`` says what happened and ``fix``
    what the author can do; the message is built per use so that it quotes
    the URL exactly as that use wrote it.  For ``SKIPPED``, ``what`` is the
    reason.  ``offline`` marks failures that a machine without any network
    would also produce; when every fetched URL fails that way the checker
    reports one "no network" warning instead of one per URL.
    """

    kind: Kind
    what: str = ""
    fix: str = ""
    status: int | None = None
    offline: bool = field(default=False, compare=False)
    cacheable: bool = field(default=False, compare=False)
    anchors: frozenset[str] | None = field(default=None, compare=False)
    """For an HTML page fetched to check fragments: its ids and ``<a name>`` values."""
    truncated: bool = field(default=False, compare=False)
    """The page was larger than the body limit: ``anchors`` are those of its beginning."""
    unknown_host: str = field(default="", compare=False)
    """For "host does not exist" verdicts: the name the resolver did not know."""

    def message(self, url: str) -> str:
        if self.kind is Kind.BROKEN:
            return f"{url} {self.what}; {self.fix}"
        if self.kind is Kind.UNVERIFIED:
            return f"could not verify {url} ({self.what}); {self.fix}"
        raise ValueError(f"no message for a {self.kind.value} outcome")

    def problem(self, use: UrlUse) -> Problem:
        if self.kind is Kind.BROKEN:
            return Problem(use.path, use.line, use.column, BROKEN_RULE, self.message(use.url), Severity.ERROR)
        return Problem(use.path, use.line, use.column, UNVERIFIED_RULE, self.message(use.url), Severity.WARNING)


OK = Outcome(Kind.OK, cacheable=True)


@dataclass
class ExternalReport:
    """What :func:`check_urls` found.

    ``problems`` holds one problem per use of a failing URL, sorted by
    position; ``checked`` counts the distinct URLs fetched over the network
    and ``from_cache`` those answered by the cache; ``skipped`` lists
    ``(url, reason)`` for each distinct URL not checked on purpose.
    """

    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    from_cache: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Lines for ``-v`` (how the run went: proxies, slow hosts)."""
