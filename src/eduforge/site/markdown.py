"""What the link checks need from a page body: headings (with ids), explicit ids, links.

markdown-it-py parses the blocks; inline parsing, the costly part, runs only for
inline content that can hold a link or markup (a ``[``, ``<``, `` ` ``, ``&``,
``\\`` or ``://``).  MDX bodies are parsed without CommonMark HTML blocks, so the
Markdown inside ``<Steps>``…``</Steps>`` is still Markdown, as MDX reads it.
Text in code spans and code blocks is never a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from eduforge.site.slug import Slugger

if TYPE_CHECKING:  # markdown-it is imported on first parse: a warm cached run never needs it
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LinkKind = str
"""``link`` | ``image`` | ``definition`` | ``html`` | ``component`` | ``bare``."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    line: int


@dataclass(frozen=True)
class Link:
    """A link target as written in the body, at its own position in the file."""

    target: str
    line: int
    column: int
    kind: LinkKind
    tag: str = ""
    """For ``html``/``component`` links: the tag name (``a``, ``img``, ``LinkCard``)."""
    attr: str = ""
    """For ``html``/``component`` links: the attribute (``href``, ``src``, ``link``)."""


@dataclass
class BodyFacts:
    headings: list[Heading] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    """Every fragment a link may target: heading ids and explicit ``id=`` attributes."""
    links: list[Link] = field(default_factory=list)


_INLINE_RULES = ["text", "newline", "escape", "backticks", "link", "image", "autolink", "html_inline", "entity"]
_LINK_TRIGGER = re.compile(r"[\[<]|://")
"""Inline content without these cannot hold a link, so it is not inline-parsed."""
_HEADING_TRIGGER = re.compile(r"[\[<`&\\*_~]|://")
"""Heading text without these is its own plain text."""
_TAG = re.compile(r"<([A-Za-z][\w.:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|\{[^{}]*\}|[^\s\"'=<>`]+))?)*)\s*/?>", re.S)
_ATTR = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|\{[^{}]*\}|[^\s\"'=<>`]+))?", re.S)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]`\"']+[^\s<>()\[\]`\"'.,;:!?]")
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.M)


@lru_cache(maxsize=2)
def _parser(mdx: bool) -> MarkdownIt:
    """A parser that does only block parsing by itself; ``analyze_body`` picks what to inline-parse."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.core.ruler.disable(["inline"])
    md.inline.ruler.enableOnly(_INLINE_RULES + ["emphasis"])
    if mdx:  # MDX has no HTML blocks: a <Component> line must not swallow the Markdown after it
        md.block.ruler.disable(["html_block"])
    md.validateLink = lambda url: True  # report javascript: links, don't hide them
    md.normalizeLink = lambda url: url  # keep targets as written
    md.normalizeLinkText = lambda url: url
    return md


def _quoted(value: str | None) -> str | None:
    if value is None:
        return None
    if value[:1] in "\"'":
        return value[1:-1]
    if value.startswith("{"):
        inner = value[1:-1].strip()
        if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "\"'`":
            return inner[1:-1]
        return None  # an expression: not a literal we can read
    return value


class _Locator:
    """Finds where a target is written, searching forward from the last hit in a block."""

    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line

    def find(self, text: str, start_line: int, start_col: int = 0) -> tuple[int, int]:
        for index in range(start_line, len(self.lines)):
            column = self.lines[index].find(text, start_col if index == start_line else 0)
            if column >= 0:
                return index, column
        return -1, -1


def analyze_body(body: str, first_line: int, mdx: bool = False) -> BodyFacts:
    """Headings, ids and links of a body whose first line is line ``first_line`` of the file."""
    facts = BodyFacts()
    if not body.strip():
        return facts
    md = _parser(mdx)
    env: dict = {}
    tokens = md.parse(body, env)
    lines = body.split("\n")
    locator = _Locator(lines, first_line)
    slugger = Slugger()
    heading_level = 0
    for token in tokens:
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline" and token.map:
            _inline(md, token, env, facts, locator, slugger, heading_level)
            heading_level = 0
        elif token.type == "html_block" and token.map:
            _tags(token.content, token.map[0], locator, facts)
    if env.get("references"):
        _definitions(body, locator, facts)
    return facts


def _inline(md: MarkdownIt, token: Token, env: dict, facts: BodyFacts, locator: _Locator,
            slugger: Slugger, heading_level: int) -> None:
    content = token.content
    start = token.map[0]  # type: ignore[index]
    if not (_HEADING_TRIGGER if heading_level else _LINK_TRIGGER).search(content):
        if heading_level:
            facts.headings.append(Heading(heading_level, content, slugger.slug(content), start + locator.first_line))
        return
    children: list[Token] = []
    md.inline.parse(content, md, env, children)
    text_parts: list[str] = []
    cursor = (start, 0)
    in_link = 0
    for child in children:
        kind = child.type
        if kind == "text":
            text_parts.append(child.content)
            if "://" in child.content and not in_link:
                for match in _BARE_URL.finditer(child.content):
                    cursor = _add(facts, locator, match.group(0), "bare", cursor)
        elif kind == "code_inline":
            text_parts.append(child.content)
        elif kind == "link_open":
            href = child.attrs.get("href")
            in_link += 1
            if isinstance(href, str):
                cursor = _add(facts, locator, href, "link", cursor)
        elif kind == "link_close":
            in_link -= 1
        elif kind == "image":
            src = child.attrs.get("src")
            if isinstance(src, str):
                cursor = _add(facts, locator, src, "image", cursor)
            text_parts.append(child.content)
        elif kind == "html_inline":
            _tags(child.content, cursor[0], locator, facts, cursor[1])
        elif kind in ("softbreak", "hardbreak"):
            text_parts.append(" ")
    if heading_level:
        text = "".join(text_parts).strip()
        facts.headings.append(Heading(heading_level, text, slugger.slug(text), start + locator.first_line))


def _add(facts: BodyFacts, locator: _Locator, target: str, kind: LinkKind,
         cursor: tuple[int, int], tag: str = "", attr: str = "") -> tuple[int, int]:
    line, column = locator.find(target, *cursor)
    if line < 0:  # written differently (escapes, entities) or by reference: use the block start
        line, column = cursor[0], 0
        found = cursor
    else:
        found = (line, column + len(target))
    facts.links.append(Link(target, line + locator.first_line, column + 1, kind, tag, attr))
    return found


def tag_attributes(html: str) -> Iterator[tuple[str, str, str]]:
    """``(tag, attribute, value)`` for the literal link and id attributes of HTML/JSX tags."""
    for tag_match in _TAG.finditer(html):
        name = tag_match.group(1)
        for attr in _ATTR.finditer(tag_match.group(2)):
            attr_name, value = attr.group(1), _quoted(attr.group(2))
            if value is not None and attr_name in _LINK_ATTRIBUTES:
                yield name, attr_name, value.split()[0] if attr_name == "srcset" and value.strip() else value


_LINK_ATTRIBUTES = frozenset({"href", "src", "link", "srcset", "id"})


def _tags(html: str, start_line: int, locator: _Locator, facts: BodyFacts, start_col: int = 0) -> None:
    """Links and ids in raw HTML or JSX tags: ``<a href>``, ``<img src>``, ``<LinkCard href>``, ``id=``."""
    cursor = (start_line, start_col)
    for name, attr_name, value in tag_attributes(html):
        if attr_name == "id":
            facts.ids.add(value)
        elif value:
            kind = "html" if name[0].islower() else "component"
            cursor = _add(facts, locator, value, kind, cursor, tag=name, attr=attr_name)


def _definitions(body: str, locator: _Locator, facts: BodyFacts) -> None:
    """Reference definitions ``[label]: target``, reported where they are written."""
    seen = {(link.line, link.target) for link in facts.links}
    for match in _DEFINITION.finditer(body):
        target = match.group(2) if match.group(2) is not None else match.group(3)
        line = body.count("\n", 0, match.start())
        column = match.start(2) if match.group(2) is not None else match.start(3)
        column -= match.start()
        link = Link(target, line + locator.first_line, column + 1, "definition")
        if (link.line, link.target) not in seen:
            facts.links.append(link)
