"""What the link checks need from a page body: headings (with ids), explicit ids, links.

The body is parsed with pyromark (pulldown-cmark, CommonMark + GFM tables,
footnotes, strikethrough): about fifty times faster than a pure-Python parser,
and every event carries its byte range, so each link is reported at its own
line:column.  Text in code spans and code blocks is never a link.

MDX is not CommonMark: a ``<Steps>`` line would open an HTML block that hides
the Markdown after it.  So MDX bodies are parsed with their ESM lines
(``import``/``export``), tag-only JSX lines and one-line ``{expressions}`` blanked
out (same length, so offsets stay true); the blanked tags' link props are read
from the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from eduforge.site.slug import Slugger

LinkKind = str
"""``link`` | ``image`` | ``html`` | ``component`` | ``bare`` (body) | ``frontmatter``."""


class Heading(NamedTuple):
    level: int
    text: str
    id: str
    line: int


class Link(NamedTuple):
    """A link target as written (body or frontmatter), at its own position in the file."""

    target: str
    line: int
    column: int
    kind: LinkKind
    tag: str = ""
    """For ``html``/``component`` links: the tag name (``a``, ``img``, ``LinkCard``)."""
    attr: str = ""
    """For ``html``/``component`` links: the attribute (``href``, ``src``, ``link``)."""
    label: str = ""
    """For ``frontmatter`` links: where they are (``prev.link``, ``hero.actions[0].link``)."""
    asset: bool = False
    """A file (image) rather than a page: relative targets resolve against the Markdown file."""


@dataclass
class BodyFacts:
    headings: list[Heading] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    """Every fragment a link may target: heading ids and explicit ``id=`` attributes."""
    links: list[Link] = field(default_factory=list)


_TAG = re.compile(
    r"<([A-Za-z][\w.:-]*)((?:\s+[^\s=<>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|\{[^{}]*\}|[^\s\"'=<>`]+))?)*+)\s*/?>", re.S
)
"""An HTML/JSX start tag. Attribute names never hold ``<`` and the attribute list is possessive,
so a line like ``<div <a <a …`` fails at once at every ``<`` instead of backtracking (linear)."""
_ATTR = re.compile(r"([^\s=<>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|\{[^{}]*\}|[^\s\"'=<>`]+))?", re.S)
ASSET_TAGS = frozenset({"img", "Image", "Picture", "source", "video", "audio", "track"})
"""Tags whose ``src`` is a file, not a page."""
_LINK_ATTRIBUTES = frozenset({"href", "src", "link", "srcset", "id"})
_BARE_URL = re.compile(r"https?://[^\s<>\[\]`\"']+")
"""A bare URL's candidate text; :func:`_bare_url` trims its end the way GitHub's Markdown does."""


def _bare_url(candidate: str) -> str:
    """Drop trailing punctuation and unbalanced closing parentheses (GFM extended autolinks).

    ``https://en.wikipedia.org/wiki/Mercury_(planet)`` keeps its ``)``;
    ``(see https://example.com/a).`` ends at ``/a``.
    """
    url = candidate
    while url:
        last = url[-1]
        if last in ".,;:!?*_~" or (last == ")" and url.count(")") > url.count("(")):
            url = url[:-1]
        else:
            break
    return url


_MDX_BLANKED = re.compile(
    r"^(?:(?:import|export)\b.*"  # ESM
    r"|[ \t]*(?:</?[A-Za-z][\w.:-]*(?:\s+[^<>]*?)?/?>[ \t]*)+"  # a line of JSX/HTML tags only
    r"|[ \t]*\{.*\}[ \t]*)$",  # a one-line {expression} or {/* comment */}
    re.M,
)


@lru_cache(maxsize=1)
def _parser() -> Any:
    import pyromark

    options = pyromark.Options
    return pyromark.Markdown(
        options=options.ENABLE_TABLES
        | options.ENABLE_STRIKETHROUGH
        | options.ENABLE_TASKLISTS
        | options.ENABLE_FOOTNOTES
        | options.ENABLE_GFM
    )


def warm_up() -> None:
    """Create the parser now (before worker processes fork)."""
    _parser()


def tag_attributes(html: str) -> Iterator[tuple[str, str, str]]:
    """``(tag, attribute, value)`` for the literal link and id attributes of HTML/JSX tags."""
    for name, attr, value, _offset in _tag_attributes(html):
        yield name, attr, value


def _tag_attributes(html: str) -> Iterator[tuple[str, str, str, int]]:
    for tag_match in _TAG.finditer(html):
        name, attrs_start = tag_match.group(1), tag_match.start(2)
        for attr in _ATTR.finditer(tag_match.group(2)):
            attr_name, raw = attr.group(1), attr.group(2)
            if attr_name not in _LINK_ATTRIBUTES or raw is None:
                continue
            value = _literal(raw)
            if value is None:
                continue
            offset = attrs_start + attr.start(2) + (1 if raw[:1] in "\"'" else 2 if raw[:1] == "{" else 0)
            yield name, attr_name, value.split()[0] if attr_name == "srcset" and value.strip() else value, offset


def _literal(value: str) -> str | None:
    if value[:1] in "\"'":
        return value[1:-1]
    if value.startswith("{"):
        inner = value[1:-1].strip()
        if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "\"'`":
            return inner[1:-1]
        return None  # an expression: not a literal we can read
    return value


class _Positions:
    """Byte offsets of the parser → (line, column) in the file, columns in characters.

    Line starts are found once per body and looked up by bisection; columns of non-ASCII
    text are counted from the previous position on the same line. Links come in document
    order, so a page costs O(size) however many links it has.
    """

    def __init__(self, text: str, data: bytes, first_line: int) -> None:
        self.text = text
        self.data = data
        self.ascii = len(data) == len(text)
        self.first_line = first_line
        self._line_starts: list[int] | None = None
        self._cursor = (0, 0)
        """``(byte offset, characters since its line start)`` of the last non-ASCII column."""
        self._chars = (0, 0)
        """``(character offset, byte offset)`` of the last ``byte_of`` answer."""

    def at(self, offset: int) -> tuple[int, int]:
        starts = self._line_starts
        if starts is None:
            starts = self._line_starts = [0, *(match.end() for match in re.finditer(b"\n", self.data))]
        index = bisect.bisect_right(starts, offset) - 1
        start = starts[index]
        if self.ascii:
            return index + self.first_line, offset - start + 1
        last, count = self._cursor
        if not start <= last <= offset:
            last, count = start, 0
        count += len(self.data[last:offset].decode("utf-8", "replace"))
        self._cursor = (offset, count)
        return index + self.first_line, count + 1

    def byte_of(self, char_offset: int) -> int:
        """The byte offset of a character offset of the body."""
        if self.ascii:
            return char_offset
        chars, byte = self._chars
        if char_offset < chars:
            chars = byte = 0
        byte += len(self.text[chars:char_offset].encode("utf-8", "surrogatepass"))
        self._chars = (char_offset, byte)
        return byte


def _blank_mdx(body: str, code: list[tuple[int, int]], positions: _Positions) -> tuple[str, list[tuple[int, str]]]:
    """The body with MDX-only syntax blanked, and the blanked spans (byte offset, text)."""
    spans: list[tuple[int, str]] = []
    pieces: list[str] = []
    last = 0
    code.sort()
    code_starts = [start for start, _end in code]
    for match in _MDX_BLANKED.finditer(body):
        if not match.group(0).strip():
            continue
        byte_start = positions.byte_of(match.start())
        index = bisect.bisect_right(code_starts, byte_start) - 1
        if index >= 0 and byte_start < code[index][1]:
            continue
        pieces.append(body[last : match.start()])
        pieces.append(re.sub(r"[^\n]", " ", match.group(0)))
        spans.append((byte_start, match.group(0)))
        last = match.end()
    pieces.append(body[last:])
    return "".join(pieces), spans


def analyze_body(body: str, first_line: int, mdx: bool = False) -> BodyFacts:
    """Headings, ids and links of a body whose first line is line ``first_line`` of the file."""
    facts = BodyFacts()
    if not body.strip():
        return facts
    parser = _parser()
    data = body.encode("utf-8", "surrogatepass")
    events = list(parser.events_with_range(body))
    if mdx and ("<" in body or "import" in body or "{" in body):
        code = [
            (r["start"], r["end"])
            for e, r in events
            if isinstance(e, dict)
            and (e.get("Start") == "CodeBlock" or (isinstance(e.get("Start"), dict) and "CodeBlock" in e["Start"]))
        ]
        blanked, spans = _blank_mdx(body, code, _Positions(body, data, first_line))
        if spans:
            events = parser.events_with_range(blanked)
            positions = _Positions(body, data, first_line)
            for byte_offset, text in spans:
                _tags(text, byte_offset, positions, facts)
    _walk(events, _Positions(body, data, first_line), facts)
    return facts


def _joined_texts(events: list[tuple[Any, dict[str, int]]]) -> list[tuple[Any, dict[str, int]]]:
    """Adjacent Text events as one: the parser splits text at ``_``, ``(`` and entities, bare URLs span them."""
    joined: list[tuple[Any, dict[str, int]]] = []
    for event, where in events:
        if event.__class__ is not str and "Text" in event and joined:
            previous, previous_where = joined[-1]
            if previous.__class__ is not str and "Text" in previous and previous_where["end"] == where["start"]:
                joined[-1] = (
                    {"Text": previous["Text"] + event["Text"]},
                    {"start": previous_where["start"], "end": where["end"]},
                )
                continue
        joined.append((event, where))
    return joined


def _walk(events: list[tuple[Any, dict[str, Any]]], positions: _Positions, facts: BodyFacts) -> None:
    """One pass over the events; Text events, most of them, take the shortest path."""
    events = _joined_texts(events)
    slugger = Slugger()
    heading: list[str] | None = None
    heading_level = heading_start = 0
    in_code = in_link = 0
    for event, where in events:
        if event.__class__ is str:  # SoftBreak, HardBreak, Rule…
            if heading is not None and event.endswith("Break"):
                heading.append(" ")
            continue
        text = event.get("Text")
        if text is not None:
            if in_code:
                continue
            if heading is not None:
                heading.append(text)
            if not in_link and "://" in text:
                for match in _BARE_URL.finditer(text):
                    url = _bare_url(match.group(0))
                    if url.partition("://")[2]:
                        _add_target(facts, positions, url, where["start"], where["end"], "bare")
            continue
        start = event.get("Start")
        if start is not None:
            if start.__class__ is str:
                continue  # Paragraph, Item, TableCell…
            if "Link" in start or "Image" in start:
                is_link = "Link" in start
                in_link += is_link
                _add_target(
                    facts,
                    positions,
                    (start["Link"] if is_link else start["Image"])["dest_url"],
                    where["start"],
                    where["end"],
                    "link" if is_link else "image",
                )
            elif "Heading" in start:
                heading, heading_level, heading_start = [], int(start["Heading"]["level"][1]), where["start"]
            elif "CodeBlock" in start:
                in_code += 1
            continue
        end = event.get("End")
        if end is not None:
            if end == "Link":
                in_link -= 1
            elif end == "CodeBlock":
                in_code -= 1
            elif end.__class__ is dict and "Heading" in end and heading is not None:
                title = "".join(heading).strip()
                facts.headings.append(
                    Heading(heading_level, title, slugger.slug(title), positions.at(heading_start)[0])
                )
                heading = None
            continue
        code = event.get("Code")
        if code is not None:
            if heading is not None:
                heading.append(code)
            continue
        html = event.get("Html") or event.get("InlineHtml")
        if html is not None:
            _tags(html, where["start"], positions, facts)


def _add_target(facts: BodyFacts, positions: _Positions, target: str, start: int, end: int, kind: LinkKind) -> None:
    """A link in the byte range [start, end): reported where its target is written, else at the start."""
    found = positions.data.find(target.encode(), start, end) if target else -1
    line, column = positions.at(found if found >= 0 else start)
    facts.links.append(Link(target, line, column, kind, asset=kind == "image"))


def _tags(html: str, start: int, positions: _Positions, facts: BodyFacts) -> None:
    """Links and ids in raw HTML or JSX (``<a href>``, ``<img src>``, ``<LinkCard href>``, ``id=``)
    starting at byte ``start`` of the body."""
    ascii_only = html.isascii()
    chars = byte = 0  # attributes come in order: count the bytes before each one incrementally
    for name, attr, value, offset in _tag_attributes(html):
        if attr == "id":
            facts.ids.add(value)
        elif value:
            if not ascii_only:
                byte += len(html[chars:offset].encode("utf-8", "surrogatepass"))
                chars = offset
            line, column = positions.at(start + (offset if ascii_only else byte))
            kind = "html" if name[0].islower() else "component"
            facts.links.append(Link(value, line, column, kind, name, attr, asset=name in ASSET_TAGS))
