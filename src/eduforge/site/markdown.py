"""What the link checks need from a page body: headings (with ids), explicit ids, links, comments.

The body is parsed with pyromark (pulldown-cmark, CommonMark + GFM tables,
footnotes, strikethrough): about fifty times faster than a pure-Python parser,
and every event carries its byte range, so each link is reported at its own
line:column.  Text in code spans and code blocks is never a link.

MDX is not CommonMark (no indented code, fences at any indentation: see
``mdx_dedent``), and a ``<Steps>`` line would open an HTML block that hides the
Markdown after it.  So MDX bodies are parsed with their ESM lines
(``import``/``export``), tag-only JSX lines, ``{expressions}``, ``{/* comments */}``
and tags spanning lines (``code={`…`}`` props) blanked out, byte for byte, so
the parser's offsets stay those of the file; the blanked tags' link props are
read from the original text.

``tests/test_markdown_differential.py`` holds eduforge to Astro's own reading
(``@astrojs/markdown-remark``, ``@mdx-js/mdx``, github-slugger, smartypants) of
the pages in ``tests/data/markdown_cases/``.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
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
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    """``(line, column, text)`` of the real comments (HTML ``<!-- -->``, MDX ``{/* */}``) that hold an
    ``eduforge-disable`` directive; never text in code (see suppress.py)."""
    fenced: list[bool] | None = None
    """MDX only, while the page-local rules run: which lines of the body are fenced code, as
    :func:`mdx_dedent` read them (so no rule reads the body again); never cached, dropped after."""
    constructs: list[Construct] | None = None
    """MDX only, as :attr:`fenced`: the expressions and tags that span lines."""


_TAG = re.compile(
    r"<([A-Za-z][\w.:-]*)((?:\s+[^\s=<>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|\{[^{}]*\}|[^\s\"'=<>`]+))?)*+)\s*/?>", re.S
)
"""An HTML/JSX start tag. Attribute names never hold ``<`` and the attribute list is possessive,
so a line like ``<div <a <a …`` fails at once at every ``<`` instead of backtracking (linear)."""
_ATTR = re.compile(r"([^\s=<>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|\{[^{}]*\}|[^\s\"'=<>`]+))?", re.S)
ASSET_TAGS = frozenset({"img", "Image", "Picture", "source", "video", "audio", "track"})
"""Tags whose ``src`` is a file, not a page."""
_LINK_ATTRIBUTES = frozenset({"href", "src", "link", "srcset", "id"})
NO_PROPS: frozenset[str] = frozenset()
GENERATED_IDS = "*"
"""Stands among an MDX page's ids for those a component of the site builds from a data file the page
imports (``import Node from '/src/components/ConfigNode.astro'`` and ``import yml from './a.yml?raw'``,
then ``<Node data={parse(yml)} />``): eduforge cannot run the component, so a fragment its headings and
attributes do not have may still be there. No heading or attribute gives this id."""
_DATA_MODULE = re.compile(r"""\.(?:json5?|ya?ml|toml|csv)(?:\?raw)?['"]""")
_DATA_IMPORT = re.compile(r"""\bfrom\s*['"][^'"\n]+\.(?:json5?|ya?ml|toml|csv)(?:\?raw)?['"]""")
_COMPONENT_IMPORT = re.compile(r"""\bfrom\s*['"][^'"\n]+\.(?:astro|[jt]sx|vue|svelte)['"]""")


def link_props(components: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The props ``link_components`` names beyond the ones always read (``href``, ``src``, ``link``,
    ``srcset``): the reading must look at them too (``Btn = ["to"]``: ``<Btn to="/x/">``)."""
    return frozenset(prop for props in components.values() for prop in props) - _LINK_ATTRIBUTES


_BARE_URL = re.compile(
    r"(?:https?://|(?<![\w.@/:+-])www\.)[^\s<>\[\]`\"']+"  # URLs, www. links
    r"|(?<![\w.+/:-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?![\w@-])"  # e-mail addresses
)
"""A bare URL's candidate text (GFM's extended autolinks); :func:`_bare_url` trims its end the way
GitHub's Markdown does.  ``www.x.org`` is ``http://www.x.org``, ``a@x.org`` is ``mailto:a@x.org``."""


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
    r"|[ \t]*(?:</?[A-Za-z][\w.:-]*(?:\s+[^<>]*?)?/?>[ \t]*)+)$",  # a line of JSX/HTML tags only
    re.M,
)


@lru_cache(maxsize=1)
def parser() -> Any:
    """The pulldown-cmark parser with Astro's Markdown options (GFM), shared by lint and the export."""
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
    parser()


def tag_attributes(html: str, extra: frozenset[str] = NO_PROPS) -> Iterator[tuple[str, str, str, int]]:
    """``(tag, attribute, value, offset)`` for the literal link and id attributes of HTML/JSX tags (and
    the ``extra`` ones: :func:`link_props`); ``offset`` is where the value starts in ``html``."""
    return _tag_attributes(html, extra)


def _tag_attributes(html: str, extra: frozenset[str] = NO_PROPS) -> Iterator[tuple[str, str, str, int]]:
    for tag_match in _TAG.finditer(html):
        name, attrs_start = tag_match.group(1), tag_match.start(2)
        for attr in _ATTR.finditer(tag_match.group(2)):
            attr_name, raw = attr.group(1), attr.group(2)
            if (attr_name not in _LINK_ATTRIBUTES and attr_name not in extra) or raw is None:
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


def line_starts(text: str | bytes) -> list[int]:
    """The offset at which each line of ``text`` starts (``0`` first), in its own units (characters
    of a str, bytes of bytes): the line lengths summed in C, no Python step per line."""
    return starts_of_lines(text.split("\n") if isinstance(text, str) else text.split(b"\n"))


def starts_of_lines(lines: Iterable[str | bytes]) -> list[int]:
    """:func:`line_starts` of the text these lines make joined by ``\n``, for a caller that has split it
    already (a split makes an object per line: the costly part)."""
    starts = list(accumulate(map(add, map(len, lines), repeat(1)), initial=0))
    starts.pop()  # the end of the last line, + 1: no line starts there
    return starts


class _Positions:
    """Byte offsets of the parser → (line, column) in the file, columns in characters.

    Positions come mostly in document order: the line of each is counted (in C) from the one
    asked before, forward, or back a little (a heading's start after its links); only a body whose
    backward steps add up to more than its size gets the table of line starts, looked up by bisection.
    Columns of non-ASCII text are counted from the previous position on the same line.  So a page
    costs O(size) however many links it has.
    """

    def __init__(
        self,
        text: str,
        data: bytes,
        first_line: int,
        shift: list[int] | None = None,
        starts: list[int] | None = None,
    ) -> None:
        self.text = text
        self.data = data
        self.shift = shift
        """Characters of indentation removed from each line (MDX, see ``mdx_dedent``), added back to columns."""
        self.ascii = len(data) == len(text)
        self.first_line = first_line
        self.parsed = data
        """The bytes the parser read (MDX: blanked, same length as ``data``)."""
        self.moved: dict[int, int] = {}
        """Line index → bytes of blanks moved from the line's start to its end (MDX, see ``_move_left``)."""
        self._line_starts = starts
        """Byte offset of each line of ``data``, when given or once the backward steps need it."""
        self._line = (0, 0, 0)
        """``(byte offset, line index, line start)`` of the last position asked (no table of line starts)."""
        self._back = 0
        """Bytes looked at going back so far: past ``len(data)``, the table of line starts is made."""
        self._cursor = (0, 0)
        """``(byte offset, characters since its line start)`` of the last non-ASCII column."""
        self._chars = (0, 0)
        """``(character offset, byte offset)`` of the last ``byte_of`` answer."""

    def at(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` in the file of the byte ``offset`` of the body."""
        starts = self._line_starts
        if starts is None:
            index, start = self._line_of(offset)
        else:
            index = bisect_right(starts, offset) - 1
            start = starts[index]
        shift = self.shift
        extra = shift[index] if shift is not None and index < len(shift) else 0
        if self.moved and index in self.moved:
            line_end = self.data.find(b"\n", start)
            offset = min(offset + self.moved[index], line_end if line_end >= 0 else len(self.data))
        if self.ascii:
            return index + self.first_line, offset - start + 1 + extra
        last, count = self._cursor
        if not start <= last <= offset:
            last, count = start, 0
        count += len(self.data[last:offset].decode("utf-8", "replace"))
        self._cursor = (offset, count)
        return index + self.first_line, count + 1 + extra

    def _line_of(self, offset: int) -> tuple[int, int]:
        """``(line index, line start)`` of ``offset``, counted from the last position asked."""
        data = self.data
        last, index, start = self._line
        if offset >= last:
            newlines = data.count(b"\n", last, offset)
            if newlines:
                index += newlines
                start = data.rfind(b"\n", last, offset) + 1
        else:
            newlines = data.count(b"\n", offset, last)
            if newlines:
                index -= newlines
                start = data.rfind(b"\n", 0, offset) + 1
            self._back += last - min(start, offset)
            if self._back > len(data):  # back and forth over the body: bisect from now on
                self._line_starts = line_starts(data)
        self._line = (offset, index, start)
        return index, start

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


_LINE_TAG = re.compile(r"</?[A-Za-z][\w.:-]*(?:\s[^<>]*?)?/?>")
"""A JSX tag on a line that starts with one (``<summary>Show me</summary>``)."""
LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]{1,4}")
"""A list item's marker, after which a line may start with an element or a fence."""
_BLANK_LINE = re.compile(r"\n(?=[<{*+\-\d]|[^\S\n]|import|export)")
"""The lines ``_blank_line`` or ``_move_left`` may change: those starting with a tag,
an expression, a list item, a blank or a digit, and ``import``/``export``; :func:`_blank_mdx` looks
at no other line.  Searched in ``"\n" + body``: a match's start is where its line starts in the body
(the regex engine skips from newline to newline, far faster than trying ``^`` at every character)."""
_MAY_OPEN = "`~-*+"
"""The first characters (with digits, and the empty string) of a line that may open a fence:
the fence itself, or a list item's marker before it."""
_LINE_PIECE = re.compile(r"</?[A-Za-z][\w.:-]*(?:\s[^<>]*?)?/?>|\{/\*.*?\*/\}")
"""What is blanked on such a line: its tags and ``{/* comments */}``."""


def _blank_mdx(
    body: str, fenced: list[bool], constructs: list[Construct], positions: _Positions
) -> tuple[str, list[tuple[int, str]]]:
    """The body with MDX-only syntax blanked (outside fenced code), and the blanked spans (byte offset, text).

    Blanked: ESM lines, lines of tags only, one-line expressions, expressions, comments and tags
    spanning lines, and the tags of a line that starts with a JSX element (MDX reads
    ``<summary>text</summary>`` as an element, CommonMark as an HTML block that would swallow the
    lines after it).
    """
    spans: list[tuple[int, str]] = []
    pieces = body.split("\n")
    starts = starts_of_lines(pieces)
    starts.append(len(body) + 1)  # where a line after the last would start
    padded = "\n" + body
    number = statement_end = 0
    for construct in [*constructs, Construct(len(pieces), 0, len(pieces), 0)]:  # and a sentinel past the end
        # the lines before the construct: only those that may hold MDX syntax are looked at
        for candidate in _BLANK_LINE.finditer(padded, starts[number], starts[construct.start_line]):
            number = bisect_right(starts, candidate.start()) - 1
            line = pieces[number]
            if number < statement_end or (number < len(fenced) and fenced[number]) or not line.strip():
                continue  # blank, fenced, or blanked with the ESM statement it belongs to
            if line[:6] in ("import", "export") and _ESM_START.match("\n" + line):
                if number and not _esm_here(pieces, fenced, number):
                    continue  # a paragraph's line, as MDX reads it (the line before is already blanked if ESM)
                statement_end = _blank_statement(pieces, number, fenced, starts, positions, spans)
                continue
            pieces[number] = _move_left(_blank_line(line, starts[number], positions, spans), number, positions)
        if construct.start_line == len(pieces):
            break
        open_span: list[str] = []
        open_at = positions.byte_of(starts[construct.start_line])
        for number in range(construct.start_line, construct.end_line + 1):
            line = pieces[number]
            cut = construct.end_column if number == construct.end_line else len(line)
            open_span.append(line[:cut])
            line = _spaces(line[:cut]) + line[cut:]
            if number == construct.end_line:
                spans.append((open_at, "\n".join(open_span)))
                line = _blank_line(line, starts[number], positions, spans) if line.strip() else line
            pieces[number] = _move_left(line, number, positions)
        number = construct.end_line + 1
    spans.sort()  # an ESM statement's lines, blanked with its first, may reach past a construct
    return "\n".join(pieces), spans


def _blank_statement(
    pieces: list[str],
    start: int,
    fenced: list[bool],
    starts: list[int],
    positions: _Positions,
    spans: list[tuple[int, str]],
) -> int:
    """The ESM statement starting on line ``start`` blanked, all its lines (:func:`esm_statement_end`);
    the index after its last line."""
    end = esm_statement_end(pieces, start, fenced)
    for number in range(start, end):
        line = pieces[number]
        if line.strip():
            spans.append((positions.byte_of(starts[number]), line))
            pieces[number] = _spaces(line)
    return end


def _esm_here(pieces: list[str], fenced: list[bool], number: int) -> bool:
    """Whether the ``import``/``export`` line ``number`` may start an ESM statement after the line
    before it, as blanked so far (a blanked ESM or tag line reads as blank: another statement may follow)."""
    return esm_may_start(pieces[number - 1], number - 1 < len(fenced) and fenced[number - 1])


def _spaces(text: str) -> str:
    """Blanks for ``text`` as long as its UTF-8 bytes: the parser's byte offsets stay those of the file."""
    return " " * (len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass")))


def _move_left(line: str, number: int, positions: _Positions) -> str:
    """A line whose start (or what follows its list marker) was blanked, with the blanks moved to its
    end: MDX reads ``<summary>Show`` or ``- <Icon /> [x](/x/)`` as text, never as indented code.
    ``positions`` adds the bytes moved back to the columns of that line."""
    item = LIST_MARKER.match(line, len(line) - len(line.lstrip(" ")))
    prefix = line[: item.end()] if item is not None else ""
    rest = line[len(prefix) :]
    text = rest.lstrip(" ")
    moved = len(rest) - len(text)
    if moved and text and (not prefix or moved > 1):
        positions.moved[number] = moved
        return prefix + text + " " * moved
    return line


def _blank_line(line: str, offset: int, positions: _Positions, spans: list[tuple[int, str]]) -> str:
    if _MDX_BLANKED.fullmatch(line):
        spans.append((positions.byte_of(offset), line))
        return _spaces(line)
    stripped = line.lstrip()
    if stripped[:1] == "{":  # an {expression} or {/* comment */} starting the line: blanked, the text after kept
        start = len(line) - len(stripped)
        end = construct_end(line, start)
        if end is not None:
            spans.append((positions.byte_of(offset + start), line[start:end]))
            return line[:start] + _spaces(line[start:end]) + line[end:]
    marker = LIST_MARKER.match(stripped)
    if marker is not None and stripped[marker.end() : marker.end() + 1] == "<":
        stripped = stripped[marker.end() :]  # - <p>[x](/x/) <Badge /></p>: an element in a list item
    if stripped[:1] == "<" and _LINE_TAG.match(stripped):
        kept = []
        last = 0
        for tag in _LINE_PIECE.finditer(line):
            spans.append((positions.byte_of(offset + tag.start()), tag.group(0)))
            kept.append(line[last : tag.start()])
            kept.append(_spaces(tag.group(0)))
            last = tag.end()
        kept.append(line[last:])
        return "".join(kept)
    return line


_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})(.*)")
_DEDENT_LINE = re.compile(r"\n(?=[ \t{<`~*+\-\d])")
"""The lines :func:`mdx_dedent` looks at: indented, or starting a construct, a fence or a list item
(searched in ``"\n" + body``, as ``_BLANK_LINE``)."""
_TAG_START = re.compile(r"</?[A-Za-z][\w.:-]*")
_CLOSERS = {"{": "}", "(": ")", "[": "]", "${": "}"}
_SIGNIFICANT = re.compile(r"[\"'`{}()\[\]/<>]")
_IN_TEMPLATE = re.compile(r"[`\\$]")
_STRING_END = {quote: re.compile(rf"(?:[^{quote}\\\n]|\\.)*{quote}", re.S) for quote in "\"'"}
"""The rest of a JavaScript string, escapes included."""
_ATTRIBUTE_END = {quote: re.compile(f"[^{quote}]*{quote}") for quote in "\"'"}
"""The rest of a JSX attribute string (no escapes in JSX)."""
_CONSTRUCT_LIMIT = 20_000
"""The longest multi-line expression or tag looked for (a long code={`…`} prop is a few KB)."""


def construct_end(text: str, start: int, budget: int = _CONSTRUCT_LIMIT) -> int | None:
    """The end of the MDX expression (``{…}``) or JSX tag (``<Tag …>``) starting at ``start``, or None.

    Strings, template literals (with ``${…}``), JavaScript comments and nested braces are skipped
    as acorn would, so ``{/* } */}`` and ``code={`# not a heading`}`` end where MDX ends them.
    The scan stops after ``budget`` characters (at most ``_CONSTRUCT_LIMIT``): a page's scans share
    one budget (see ``mdx_dedent``), so stray ``{`` lines cost linear time.
    """
    tag = text[start] == "<"
    if tag:
        name = _TAG_START.match(text, start)
        if name is None:
            return None
        index = name.end()
    else:
        index = start + 1
    stack: list[str] = [] if tag else ["{"]
    length = min(len(text), start + min(budget, _CONSTRUCT_LIMIT))
    while index < length:
        top = stack[-1] if stack else ""
        jump = (_IN_TEMPLATE if top == "`" else _SIGNIFICANT).search(text, index, length)
        if jump is None:
            return None
        index = jump.start()
        char = text[index]
        if top == "`":
            if char == "\\":
                index += 1
            elif char == "`":
                stack.pop()
            elif char == "$" and text.startswith("${", index):
                stack.append("${")
                index += 1
        elif char in "\"'":
            closing = (_STRING_END[char] if top else _ATTRIBUTE_END[char]).match(text, index + 1, length)
            if closing is None:
                return None
            index = closing.end() - 1
        elif char == "`" and top:
            stack.append("`")
        elif top and text.startswith("/*", index):
            found = text.find("*/", index + 2, length)
            if found < 0:
                return None
            index = found + 1
        elif top and text.startswith("//", index) and top != "`":
            found = text.find("\n", index, length)
            index = length if found < 0 else found
            continue
        elif char in "{([" and (top or char == "{"):
            stack.append(char)
        elif top and char == _CLOSERS.get(top):
            stack.pop()
            if not stack and not tag:
                return index + 1
        elif tag and not top and char == ">":
            return index + 1
        elif tag and not top and char == "<":
            return None  # a new tag before this one closed: not a tag
        index += 1
    return None


class Construct(NamedTuple):
    """A multi-line MDX expression, comment or JSX tag: (line, column) of its start and end (exclusive),
    0-based, in the dedented body."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


def mdx_dedent(body: str) -> tuple[str, list[int], list[bool], list[Construct]]:
    """An MDX body as CommonMark reads the same blocks, and the indentation removed from each line.

    MDX has no indented code (micromark-extension-mdxjs turns ``codeIndented`` off), so Prettier's
    4-space indentation of Markdown inside ``<Steps>``, ``<TabItem>`` or ``<details>`` is ordinary
    Markdown, and a fence opens and closes at any indentation.  Removing the indentation outside
    fenced code (and, inside one, up to its opening fence's) gives CommonMark the same headings,
    links and code; columns stay true through the returned shifts.  The third list says which
    lines belong to fenced code (fences included), as MDX reads them; the fourth holds the
    expressions, comments and tags that span lines (a fence inside one is no fence).
    """
    lines = body.split("\n")
    shift = [0] * len(lines)
    fenced = [False] * len(lines)
    constructs: list[Construct] = []
    fence: tuple[str, int, int, bool] | None = None  # marker character, length, indentation, in a list item
    fence_from = -1  # the line of the open fence
    inside_until = -1  # the last line of a multi-line construct being skipped
    budget = len(body) + _CONSTRUCT_LIMIT
    """Characters all construct scans of the page may look at: a page of stray ``{`` stays linear."""

    def scan(start: int) -> int | None:
        nonlocal budget
        end = construct_end(body, start, budget)
        budget -= (end if end is not None else min(len(body), start + _CONSTRUCT_LIMIT)) - start
        return end

    number = offset = 0
    for candidate in _DEDENT_LINE.finditer("\n" + body):  # every other line keeps its text and is no fence
        line_offset = candidate.start()
        number += body.count("\n", offset, line_offset)
        offset = line_offset
        line = lines[number]
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        if number <= inside_until:
            removed = indent
        elif fence is None and stripped[:1] in ("{", "<") and budget > 0 and (end := scan(line_offset + indent)):
            end_line = number + body.count("\n", line_offset, end)
            if end_line > number:
                inside_until = end_line
                end_shift = len(lines[end_line]) - len(lines[end_line].lstrip(" \t"))
                column = end - (body.rfind("\n", 0, end) + 1) - end_shift
                constructs.append(Construct(number, 0, end_line, max(column, 0)))
            removed = indent
        elif fence is None and not (stripped[:1] in _MAY_OPEN or stripped[:1].isdecimal()):
            removed = indent  # neither a fence nor a list item (where a fence may open)
        elif fence is None:
            item = LIST_MARKER.match(stripped)  # 1.  ```sh: a fence in a list item
            opening = _FENCE_OPEN.match(stripped, item.end() if item else 0)
            if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
                fence, fence_from = (opening.group(1)[0], len(opening.group(1)), indent, item is not None), number
            removed = indent
        else:
            marker, length, fence_indent, in_item = fence
            run = len(stripped) - len(stripped.lstrip(marker))
            if run >= length and not stripped[run:].strip():
                fenced[fence_from : number + 1] = [True] * (number + 1 - fence_from)
                # a fence in a list item keeps the item's content column, or it would end the item
                fence, removed = None, min(indent, fence_indent) if in_item else indent
            else:
                removed = min(indent, fence_indent)
        if removed:
            lines[number] = line[removed:]
            shift[number] = removed
    if fence is not None:  # open to the end
        fenced[fence_from:] = [True] * (len(lines) - fence_from)
    return "\n".join(lines), shift, fenced, constructs


_ESM_START = re.compile(r"\n(?:import|export)(?=[{*]|[^\S\n])")
"""An ``import``/``export`` statement's start, at a line's start: searched in ``"\n"`` + the lines joined
by ``\n``, so a match's start is where its line starts in the text (as ``_BLANK_LINE``: the regex engine
skips from newline to newline instead of trying ``^`` at every character)."""


_FLOW_LINE = re.compile(r"\s*(?:#{1,6}(?:\s|$)|(?:[-*_]\s*){3,}$|<[^<>]*>\s*$|\{[^{}]*\}\s*$)")
"""A line that is a whole flow construct of its own (an ATX heading, a thematic break, a line holding
only a tag or only an expression such as ``{/* comment */}``): the line after it starts a new
construct, not a paragraph's continuation."""


def esm_may_start(previous: str | None, previous_fenced: bool = False) -> bool:
    """Whether an ``import``/``export`` line may start an ESM statement after the line ``previous``
    (None: the body's first line).  ESM cannot interrupt a paragraph (or a quote's or list item's lazy
    line), as micromark-extension-mdxjs-esm reads it: ``text\nimport x`` is one paragraph."""
    return previous is None or previous_fenced or not previous.strip() or _FLOW_LINE.match(previous) is not None


def esm_lines(lines: list[str], fenced: list[bool], constructs: Sequence[Construct] = ()) -> set[int]:
    """The indices of an MDX body's ESM lines: an ``import``/``export`` statement at the start of a
    line outside fenced code (``fenced`` as :func:`mdx_dedent` gives it) and outside the expressions and
    tags that span lines (``constructs``: ``code={`…\nimport x…`}`` holds no ESM), where no paragraph
    goes on (:func:`esm_may_start`), to the statement's end (:func:`esm_statement_end`).
    Only the lines that start a statement are visited."""
    esm: set[int] = set()
    inside = {number for c in constructs for number in range(c.start_line + 1, c.end_line + 1)}
    text = "\n" + "\n".join(lines)
    index = resume = offset = 0
    for match in _ESM_START.finditer(text):
        index += text.count("\n", offset + 1, match.start() + 1)
        offset = match.start()
        if index < resume or (index < len(fenced) and fenced[index]) or index in inside:
            continue
        if index and not esm_may_start(lines[index - 1], index - 1 < len(fenced) and fenced[index - 1]):
            continue
        resume = esm_statement_end(lines, index, fenced)
        esm.update(range(index, resume))
    return esm


def body_esm_lines(body: str) -> set[int]:
    """:func:`esm_lines` of a whole MDX body (its fenced code and constructs read by :func:`mdx_dedent`)."""
    if "import" not in body and "export" not in body:
        return set()
    _, _, fenced, constructs = mdx_dedent(body)
    return esm_lines(body.split("\n"), fenced, constructs)


def esm_statement_end(lines: list[str], start: int, fenced: Sequence[bool]) -> int:
    """The index after the last line of the ESM statement that starts on line ``start``: the statement
    runs to the next blank line (or fenced code), and on past a blank line while a bracket, a string
    template or a comment is open, as micromark-extension-mdxjs-esm reads on while acorn wants more
    (``export const sample = `…\n\n…`;``). A run of blank lines is one look, and a statement is looked
    at :data:`ESM_LOOKS` times at most (each look reads it from its start): a page stays linear."""
    end, looks = start + 1, 0
    while True:
        while end < len(lines) and lines[end].strip() and (looks or not (end < len(fenced) and fenced[end])):
            end += 1
        at_end = end >= len(lines) or lines[end].strip()  # the body's end, or fenced code (first look only)
        if at_end or looks == ESM_LOOKS or not _statement_open("\n".join(lines[start:end])):
            return end
        looks += 1
        while end < len(lines) and not lines[end].strip():
            end += 1


ESM_LOOKS = 64
"""How many blank-line runs an open ESM statement is read on past: more is no JavaScript a page holds."""


def _statement_open(text: str) -> bool:
    """Whether JavaScript ``text`` ends inside a bracket, a template literal or a comment (read by
    :func:`construct_end`, as MDX expressions are); a statement too long to scan is taken as ended."""
    return len(text) < _CONSTRUCT_LIMIT and construct_end("{" + text + "\n}", 0) is None


_HTML_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_MDX_COMMENT = re.compile(r"\{\s*/\*.*?\*/\s*\}", re.S)
DIRECTIVE = "eduforge-disable"


def _comments(data: bytes, start: int, end: int, positions: _Positions, facts: BodyFacts) -> None:
    """The HTML comments with a directive in the parsed bytes [start, end)."""
    for match in _HTML_COMMENT.finditer(data, start, end):
        text = match.group(0).decode("utf-8", "replace")
        if DIRECTIVE in text:
            facts.comments.append((*positions.at(match.start()), text))


def _mdx_comments(text: str, start: int, positions: _Positions, facts: BodyFacts) -> None:
    """The MDX ``{/* */}`` comments with a directive in ``text``, which starts at byte ``start``."""
    for match in _MDX_COMMENT.finditer(text):
        if DIRECTIVE in match.group(0):
            before = text[: match.start()]
            offset = len(before) if before.isascii() else len(before.encode("utf-8", "surrogatepass"))
            facts.comments.append((*positions.at(start + offset), match.group(0)))


_DOUBLE_DASH = re.compile(r"(?<!-)--(?!-)")


def _smart_dashes(text: str) -> str:
    """Astro's smartypants (on by default) makes ``--`` an em dash in text, not in code: github-slugger
    then drops it, so ``## Use --force wisely`` has the id ``use-force-wisely``."""
    return _DOUBLE_DASH.sub("\u2014", text)


HEADING_ID_PLUGINS = frozenset(
    {"remark-heading-id", "remark-custom-heading-id", "@astrojs/markdown-satteri:headingAttributes"}
)
"""Markdown plugins that give ``## Title {#id}`` the id ``id`` (and drop the ``{#id}`` text)."""
_EXPLICIT_ID = re.compile(r"\s*\{#([^{}\s]+)\}\s*$")


def analyze_body(
    body: str, first_line: int, mdx: bool = False, heading_ids: bool = False, props: frozenset[str] = NO_PROPS
) -> BodyFacts:
    """Headings, ids and links of a body whose first line is line ``first_line`` of the file (``props``:
    the tag attributes to read as links besides the usual ones, :func:`link_props`)."""
    return _analyze(body, first_line, mdx, heading_ids, None, props)


def code_lines(body: str, first_line: int, mdx: bool = False) -> list[int]:
    """The lines of the file that belong to code blocks (fences included), as Astro reads the body."""
    lines: list[int] = []
    _analyze(body, first_line, mdx, False, lines, NO_PROPS)
    return sorted(set(lines))


def _analyze(
    body: str, first_line: int, mdx: bool, heading_ids: bool, code: list[int] | None, props: frozenset[str]
) -> BodyFacts:
    if not body.strip():
        return BodyFacts()
    # A page is a burst of small acyclic objects (the parser's events): the cyclic collector would
    # find nothing in them, yet scanning everything alive each time costs a cold run a tenth of its CPU.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read(body, first_line, mdx, heading_ids, code, props)
    finally:
        if collecting:
            gc.enable()


def _read(
    body: str, first_line: int, mdx: bool, heading_ids: bool, code: list[int] | None, props: frozenset[str]
) -> BodyFacts:
    facts = BodyFacts()
    markdown = parser()
    shift = fenced = None
    constructs: list[Construct] = []
    moved: dict[int, int] = {}
    if mdx:
        body, shift, fenced, constructs = mdx_dedent(body)
        facts.fenced, facts.constructs = fenced, constructs
    if mdx and _DATA_MODULE.search(body) and _builds_from_data(body, fenced or [], constructs):
        facts.ids.add(GENERATED_IDS)
    data = body.encode("utf-8", "surrogatepass")
    source = body
    if mdx and ("<" in body or "import" in body or "{" in body):
        blanking = _Positions(body, data, first_line, shift)
        blanked, spans = _blank_mdx(body, fenced or [], constructs, blanking)
        if spans:
            source, moved = blanked, blanking.moved
            positions = _Positions(body, data, first_line, shift)
            for byte_offset, text in spans:
                _tags(text, byte_offset, positions, facts, props)
                if DIRECTIVE in text:
                    _mdx_comments(text, byte_offset, positions, facts)
    events = markdown.events_with_range(source)  # walked as the parser makes them: never all alive at once
    positions = _Positions(body, data, first_line, shift)
    if source is not body:
        positions.moved, positions.parsed = moved, source.encode("utf-8", "surrogatepass")
    _walk(events, positions, facts, heading_ids, code, _may_hold_url(source), props)
    return facts


def _builds_from_data(body: str, fenced: list[bool], constructs: Sequence[Construct]) -> bool:
    """Whether the page's ESM imports both a data file and a component (see :data:`GENERATED_IDS`)."""
    lines = body.split("\n")
    esm = [lines[number] for number in sorted(esm_lines(lines, fenced, constructs))]
    return any(_DATA_IMPORT.search(line) for line in esm) and any(_COMPONENT_IMPORT.search(line) for line in esm)


def _may_hold_url(source: str) -> bool:
    r"""Whether a text of the body may hold a bare URL or e-mail address.  Without entities (``&``) and
    escapes (``\``) every text the parser gives is a piece of the source, so a source without
    ``://``, ``www.`` and ``@`` has none: its texts need no look."""
    return may_hold_bare_url(source) or "&" in source or "\\" in source


def _walk(
    events: Iterable[tuple[Any, dict[str, Any]]],
    positions: _Positions,
    facts: BodyFacts,
    heading_ids: bool = False,
    code_at: list[int] | None = None,
    urls: bool = True,
    props: frozenset[str] = NO_PROPS,
) -> None:
    """One pass over the events; Text events, most of them, take the shortest path.

    Adjacent Text events are one text (the parser splits text at ``_``, ``(`` and entities, and
    bare URLs span them): a run of pieces is gathered and read once when it ends, so the cost is
    linear however many pieces a paragraph has.  A run is looked at only when it may matter: in a
    heading, with a possible bare URL (``urls``: see ``_may_hold_url``) or a directive."""
    slugger = Slugger()
    heading: list[str] | None = None
    heading_level = heading_start = 0
    in_code = in_link = 0
    in_html_block = False
    run_text = ""
    more: list[str] | None = None
    """The pieces of the run of text, when it has more than one."""
    run_start = run_end = -1
    """The byte range of the run of text (-1: none)."""
    parsed = positions.parsed
    directives = DIRECTIVE.encode() in parsed and positions.shift is not None  # MDX: {/* … */} in a line
    links = facts.links
    footnotes: dict[str, int] = {}
    """Footnote label → times referenced (a definition alone counts 0)."""
    for event, where in events:
        # a dict of one key, or a str (SoftBreak, HardBreak, Rule: `in` tests a substring, never there, and
        # a str has no .get); `in` and a subscript cost less than a method call for every event of the body
        text = event["Text"] if "Text" in event else None  # noqa: SIM401
        if text is not None:
            if in_code:
                continue  # code is never a link; no run is open (any other event ended it)
            text_start = where["start"]
            if text_start == run_end:
                if more is None:
                    more = [run_text]
                more.append(text)
                run_end = where["end"]
                continue
        if run_end >= 0:
            if more is not None:
                run_text, more = "".join(more), None
            # the second test is may_hold_bare_url written out: this runs once per text run of every page
            if (
                heading is not None
                or (urls and not in_link and ("://" in run_text or "www." in run_text or "@" in run_text))
                or (directives and DIRECTIVE in run_text)
            ):
                _text(run_text, run_start, run_end, positions, facts, heading, in_link)
            run_end = -1
        if text is not None:
            run_text, run_start, run_end = text, text_start, where["end"]
            continue
        if event.__class__ is str:  # SoftBreak, HardBreak, Rule…
            if heading is not None and event.endswith("Break"):
                heading.append(" ")
            continue
        start = event.get("Start")
        if start is not None:
            if start.__class__ is str:
                if start == "HtmlBlock":  # read whole: a tag may span its lines (<a\n  href="…">)
                    block = parsed[where["start"] : where["end"]]
                    if DIRECTIVE.encode() in block:
                        _comments(parsed, where["start"], where["end"], positions, facts)
                    if b"<" in block:
                        _tags(block.decode("utf-8", "replace"), where["start"], positions, facts, props)
                    in_html_block = True
                continue  # Paragraph, Item, TableCell…
            link = start.get("Link")
            destination = link if link is not None else start.get("Image")
            if destination is not None:
                in_link += link is not None
                # reported where its target is written, else at the link's start
                target = destination["dest_url"]
                found = parsed.find(target.encode(), where["start"], where["end"]) if target else -1
                line, column = positions.at(found if found >= 0 else where["start"])
                links.append(
                    Link(target, line, column, "link" if link is not None else "image", "", "", "", link is None)
                )
            elif "Heading" in start:
                heading, heading_level, heading_start = [], int(start["Heading"]["level"][1]), where["start"]
            elif "FootnoteDefinition" in start:
                footnotes.setdefault(start["FootnoteDefinition"].lower(), 0)
            elif "CodeBlock" in start:
                in_code += 1
                if code_at is not None:
                    first, last = positions.at(where["start"])[0], positions.at(max(where["end"] - 1, 0))[0]
                    code_at.extend(range(first, last + 1))
            continue
        end = event.get("End")
        if end is not None:
            if end.__class__ is str:
                if end == "Link":
                    in_link -= 1
                elif end == "HtmlBlock":
                    in_html_block = False
                elif end == "CodeBlock":
                    in_code -= 1
            elif heading is not None and "Heading" in end:
                joined = "".join(heading)
                title = joined.strip()
                explicit = _EXPLICIT_ID.search(title) if heading_ids and "{#" in title else None
                if explicit is not None:
                    title, heading_id = title[: explicit.start()], explicit.group(1)
                else:
                    heading_id = slugger.slug(joined)  # Astro slugs the text as is: `<Badge /> Text` → -text
                facts.headings.append(Heading(heading_level, title, heading_id, positions.at(heading_start)[0]))
                heading = None
            continue
        note = event.get("FootnoteReference")
        if note is not None:
            footnotes[note.lower()] = footnotes.get(note.lower(), 0) + 1
            continue
        code = event.get("Code")
        if code is not None:
            if heading is not None:
                heading.append(code)
            continue
        html = event.get("Html")
        if html is not None and in_html_block:
            continue  # read with its block
        if html is None:
            html = event.get("InlineHtml")
            if html is not None and DIRECTIVE in html:
                _comments(parsed, where["start"], where["end"], positions, facts)
        if html is not None:
            _tags(html, where["start"], positions, facts, props)
    if run_end >= 0:
        _text(run_text if more is None else "".join(more), run_start, run_end, positions, facts, heading, in_link)
    if footnotes:
        _footnote_ids(footnotes, facts.ids)


def _footnote_ids(references: dict[str, int], ids: set[str]) -> None:
    """The ids remark-rehype gives footnotes (``references``: label → times referenced): each
    referenced note ``user-content-fn-<label>``, its references ``user-content-fnref-<label>``,
    ``…-2``, ``…-3``, and the section's heading ``footnote-label``. A note never referenced is not
    rendered. The label is lowercased (and URL-encoded in the HTML: ids here are decoded, as every
    link's fragment is before it is looked up)."""
    for label, count in references.items():
        if not count:
            continue
        ids.add("footnote-label")
        ids.add(f"user-content-fn-{label}")
        ids.update(f"user-content-fnref-{label}" + (f"-{n}" if n > 1 else "") for n in range(1, count + 1))


def _text(
    text: str,
    start: int,
    end: int,
    positions: _Positions,
    facts: BodyFacts,
    heading: list[str] | None,
    in_link: int,
) -> None:
    """A text outside code, in the byte range [start, end): MDX comments in a line, the heading's
    words, bare URLs."""
    if DIRECTIVE in text and positions.shift is not None and "{" in text:  # MDX: {/* … */} in a line
        found = positions.parsed.find(b"{", start, end)
        _mdx_comments(positions.parsed[found:end].decode("utf-8", "replace"), found, positions, facts)
    if heading is not None:
        heading.append(_smart_dashes(text) if "--" in text else text)
    if not in_link and may_hold_bare_url(text):
        _bare_urls(text, start, end, positions, facts)


def may_hold_bare_url(text: str) -> bool:
    """Whether ``text`` may hold one of :func:`bare_urls` (a scheme's ``://``, ``www.`` or an address's
    ``@``): a text without any is skipped unread."""
    return "://" in text or "www." in text or "@" in text


def bare_urls(text: str) -> Iterator[tuple[int, str, str]]:
    """GFM's extended autolinks in a text: ``(character offset, text as written, URL)`` for each.

    The one reading of bare URLs: lint checks them and the export links exactly these."""
    for match in _BARE_URL.finditer(text):
        written = _bare_url(match.group(0))
        if "@" in written and "://" not in written and not written.startswith("www."):
            if not (written[-1:].isascii() and written[-1:].isalpha()) or "." not in written.partition("@")[2]:
                continue  # GFM links an address only if its domain has a dot and ends in a letter
            url = "mailto:" + written
        elif written[:4] == "www.":
            url = "http://" + written
        else:
            url = written
        if url.partition(":")[2].strip("/"):
            yield match.start(), written, url


def _bare_urls(text: str, start: int, end: int, positions: _Positions, facts: BodyFacts) -> None:
    """The bare URLs of a text in the byte range [start, end), each at its own position."""
    cursor = start
    for _offset, written, url in bare_urls(text):
        found = positions.parsed.find(written.encode(), cursor, end)
        if found >= 0:
            cursor = found + len(written.encode())
        line, column = positions.at(found if found >= 0 else start)
        facts.links.append(Link(url, line, column, "bare"))


def _tags(html: str, start: int, positions: _Positions, facts: BodyFacts, props: frozenset[str] = NO_PROPS) -> None:
    """Links and ids in raw HTML or JSX (``<a href>``, ``<img src>``, ``<LinkCard href>``, ``id=``)
    starting at byte ``start`` of the body.  Only an attribute with a value (``=``) is one: most inline
    HTML (``<kbd>``, ``</kbd>``, ``<br>``, ``<Icon />``) has none and is not searched."""
    if "=" not in html:
        return
    ascii_only = html.isascii()
    chars = byte = 0  # attributes come in order: count the bytes before each one incrementally
    for name, attr, value, offset in _tag_attributes(html, props):
        if attr == "id":
            facts.ids.add(value)
        elif value:
            if not ascii_only:
                byte += len(html[chars:offset].encode("utf-8", "surrogatepass"))
                chars = offset
            line, column = positions.at(start + (offset if ascii_only else byte))
            kind = "html" if name[0].islower() else "component"
            facts.links.append(Link(value, line, column, kind, name, attr, asset=name in ASSET_TAGS))
