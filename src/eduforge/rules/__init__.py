"""The rule catalogue: every rule id, its default severity and what it checks.

The core (``eduforge.engine``) runs the check functions of each family and
stamps every problem with the severity the config gives its rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from eduforge.problem import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class RuleInfo:
    """One rule: what `eduforge rules`, the README's rule table and SARIF's rule metadata show."""

    id: str
    severity: Severity
    family: str
    """``load`` (always on), ``schema``, ``links``, ``external``: which commands run it."""
    summary: str
    doc: str = ""
    """Longer user documentation: why it matters and how to fix it (SARIF ``fullDescription``)."""


_CATALOGUE = [
    # reading files and frontmatter
    RuleInfo("file-unreadable", E, "load", "the file cannot be read as a page (binary, too large, unreadable)"),
    RuleInfo("encoding", E, "load", "the file is not valid UTF-8"),
    RuleInfo("frontmatter-fence", E, "load", "the frontmatter's opening --- has no closing ---"),
    RuleInfo("yaml-syntax", E, "load", "the frontmatter is not valid YAML (or uses tags, aliases bombs, deep nesting)"),
    RuleInfo("yaml-duplicate-key", E, "load", "a key appears twice in one mapping"),
    RuleInfo("frontmatter-type", E, "load", "the frontmatter is not a mapping"),
    RuleInfo("frontmatter-date", W, "load", "an impossible date (2024-02-30) that JavaScript silently rolls over"),
    RuleInfo(
        "file-skipped", W, "load", "a page file eduforge will not read (e.g. a symlink leading out of the content root)"
    ),
    RuleInfo(
        "astro-config",
        W,
        "load",
        "a value of astro.config that eduforge cannot read statically (or read with a fallback)",
    ),
    RuleInfo(
        "content-config",
        W,
        "load",
        "the content config's docs schema (or Astro's generated one) cannot be read as written: fewer fields checked",
    ),
    # schema
    RuleInfo("schema", E, "schema", "the frontmatter does not match its JSON Schema (Starlight's by default)"),
    RuleInfo("unknown-key", W, "schema", "a key the schema does not know; Starlight silently drops it (did-you-mean)"),
    # links (navigation, body, anchors, assets)
    RuleInfo(
        "nav-target", E, "links", "prev/next link is not a page, misses the base, is a draft, or is the page itself"
    ),
    RuleInfo(
        "link-target", E, "links", "an internal link (body, hero action, frontmatter HTML) does not resolve to a page"
    ),
    RuleInfo("link-draft", E, "links", "a published page links to a draft page (a 404 in production)"),
    RuleInfo("link-anchor", E, "links", "a #fragment matches no heading or id on the target page"),
    RuleInfo("link-asset", E, "links", "a linked image or file does not exist"),
    RuleInfo("link-trailing-slash", E, "links", "a link's trailing slash contradicts trailing_slash"),
    RuleInfo("link-unsafe", E, "links", "a javascript:/vbscript:/data: link or a malformed URL"),
    RuleInfo("duplicate-url", E, "links", "two pages are served at the same URL"),
    RuleInfo(
        "nav-chain", W, "links", "prev/next overrides contradict each other (A's next is B but B's prev is not A)"
    ),
    # external URLs
    RuleInfo(
        "external-broken", E, "external", "an external URL is definitely broken (404, 410, unknown host, redirect loop)"
    ),
    RuleInfo(
        "external-unverified", W, "external", "an external URL could not be verified (timeout, 403, 429, 5xx, offline)"
    ),
]

RULES: dict[str, RuleInfo] = {rule.id: rule for rule in _CATALOGUE}
