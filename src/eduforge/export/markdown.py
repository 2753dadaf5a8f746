"""Markdown and MDX bodies to HTML, the way a Starlight site shows them.

Bodies are read by pyromark, lint's parser with lint's options (CommonMark + GFM: tables,
strikethrough, task lists, footnotes; raw HTML allowed as in Starlight), whose events
:mod:`eduforge.export.render` turns into tokens (markdown-it's shapes) and draws them with
the rules below.  What pulldown-cmark does not know is marked before it reads the body
(:func:`mark_blocks`):

* Starlight asides ``:::note`` / ``:::tip`` / ``:::caution`` / ``:::danger``,
  with an optional ``[custom title]``; more colons on the outer one to nest;
* heading ids from the page's one reading (lint's: github-slugger, ``-1``, ``-2`` for repeats), and
  an anchor link on every heading below the title;
* fenced code highlighted with Pygments, in a frame with an optional
  ``title="file.js"``, line marks ``{2,4-5}`` and a terminal look for shells;
* MDX: ``import``/``export`` lines and ``{/* comments */}`` dropped; Starlight's
  components (``Steps``, ``Tabs``/``TabItem``, ``Aside``, ``Card``/``CardGrid``,
  ``LinkCard``, ``LinkButton``, ``Badge``, ``FileTree``, ``Icon``) rendered as
  plain HTML; unknown components shown as their children, with a warning;
  indentation never makes a code block (MDX has none);
* every ``href``/``src`` (Markdown, raw HTML, component props) goes through the
  caller's :class:`LinkPolicy`, which the HTML export uses to point at the
  exported files.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from markdown_it.common.html_blocks import block_names

from eduforge.export.code import code_component, highlight
from eduforge.export.components import TRANSPARENT, aside_icon, icon_from, icon_svg, unknown_message, unknown_open
from eduforge.export.filetree import file_tree_rule
from eduforge.export.gfm import autolink_literals, footnote_rules
from eduforge.export.rawcode import PageFile, RawImports
from eduforge.export.render import (
    BASE_RULES,
    Marked,
    Rule,
    Token,
    escape_html,
    inline_as_text,
    render_token,
    render_tokens,
    tokens_of,
)
from eduforge.site.markdown import LIST_MARKER, BodyFacts, analyze_body, body_esm_lines
from eduforge.site.slug import Slugger
from eduforge.urlscheme import safe_url, unsafe_scheme

ASIDE_TYPES = ("note", "tip", "caution", "danger")
BLOCK_COMPONENTS = frozenset({"Aside", "Card", "CardGrid", "Steps", "Tabs", "TabItem", "FileTree", "LinkCard"})
KNOWN_COMPONENTS = BLOCK_COMPONENTS | {"LinkButton", "Badge", "Icon", "Code"}
MAX_SEARCH_TEXT = 20_000
WORDS_PER_MINUTE = 200


class LinkPolicy(Protocol):
    """Rewrites the targets written in a body."""

    def href(self, target: str) -> str:
        """A link's target (page, file, anchor, external URL)."""

    def src(self, target: str) -> str:
        """An image's source."""


@dataclass(frozen=True)
class RenderedHeading:
    level: int
    text: str
    id: str


@dataclass
class Rendered:
    html: str
    headings: list[RenderedHeading]
    text: str
    """Plain text of the prose (no code blocks), for search."""
    words: int
    warnings: list[str] = field(default_factory=list)
    sections: list[tuple[str, str, str]] = field(default_factory=list)
    """For search: (heading id, heading text, text below it, code blocks included) in page order;
    the first has the id ``""``: the text before the first heading."""

    @property
    def reading_minutes(self) -> int:
        return -(-self.words // WORDS_PER_MINUTE) if self.words else 0


# --- JSX tags ---------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z][\w.:-]*")
_ATTR_NAME = re.compile(r"[^\s=/>{}\"'<]+")
_UNQUOTED = re.compile(r"[^\s>]+")
_SPACE = re.compile(r"\s*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class Expression:
    """An attribute whose value is a JavaScript expression the exporter cannot evaluate."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


AttrValue = "str | bool | Expression"


@dataclass(frozen=True)
class JsxTag:
    name: str
    closing: bool
    attrs: dict[str, Any]
    self_closing: bool
    end: int


class _BraceMemo:
    """Where each ``{`` of one text closes, found once: unbalanced MDX stays linear.

    Scanning from a ``{`` outside quotes goes exactly as a scan started there, so
    the end of every brace met on the way is remembered, and an unbalanced
    brace (-1) makes every brace around it unbalanced too.
    """

    text: str | None = None
    ends: dict[int, int] = {}  # noqa: RUF012 (replaced per text, never shared)

    @classmethod
    def end(cls, text: str, start: int) -> int:
        if cls.text is not text:
            cls.text, cls.ends = text, {}
        ends = cls.ends
        if start in ends:
            return ends[start]
        stack, index, size = [start], start + 1, len(text)
        quote: str | None = None
        while index < size:
            char = text[index]
            if quote:
                if char == "\\":
                    index += 1
                elif char == quote:
                    quote = None
            elif char in "\"'`":
                quote = char
            elif char == "{":
                known = ends.get(index)
                if known is None:
                    stack.append(index)
                elif known < 0:
                    break
                else:
                    index = known
                    continue
            elif char == "}":
                ends[stack.pop()] = index + 1
                if not stack:
                    return index + 1
            index += 1
        for open_index in stack:
            ends[open_index] = -1
        return -1


def _skip_braces(text: str, start: int, limit: int | None = None) -> int:
    """The index after the ``}`` matching the ``{`` at ``start``; -1 when unbalanced (before ``limit``)."""
    end = _BraceMemo.end(text, start)
    return -1 if limit is not None and end > limit else end


_STRING = re.compile(
    r"""'(?:[^'\\\n\r]|\\\r\n|\\[\s\S])*'|"(?:[^"\\\n\r]|\\\r\n|\\[\s\S])*"|`(?:[^`\\$]|\\[\s\S]|\$(?!\{))*`"""
)
"""One whole JavaScript string literal, or a template literal without ``${…}`` (``"a" + "b"`` is not one)."""
_BAD_ESCAPE = re.compile(r"\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|0(?![0-9])|([ux1-9]|0))|\\[\s\S]")
"""Every escape; group 1 is set for one an ES module rejects (``\\x1``, ``\\u12``, ``\\1``, ``\\08``)."""


def _string_value(literal: str) -> str | None:
    """The value of a string or template literal as JavaScript cooks it; None if a bad escape stops MDX."""
    body = literal[1:-1]
    if literal[0] == "`":
        body = body.replace("\r\n", "\n").replace("\r", "\n")  # a template's line ends are LF
    if "\\" not in body:
        return body
    if any(match.group(1) for match in _BAD_ESCAPE.finditer(body)):
        return None
    from eduforge.project.jssyntax import unescape  # a JavaScript string: its escapes are its text

    return unescape(body)


def js_string(literal: str) -> str | None:
    """The value of ``literal`` when it is one whole string or template literal without ``${…}``, cooked
    as JavaScript cooks it; None for anything else (or a bad escape)."""
    return _string_value(literal) if _STRING.fullmatch(literal) else None


_INTEGER = re.compile(r"-?(?:0|[1-9]\d{0,14})")
"""A number literal whose text is its value as JavaScript prints it (``{42}`` shows ``42``)."""
_TEXT_LITERAL = re.compile(r"\{[ \t\n]*(" + _STRING.pattern + r"|" + _INTEGER.pattern + r")[ \t\n]*\}")
"""An MDX expression that is one string, template (no ``${…}``) or integer literal: ``{' '}``, ``{"a<b"}``."""


def _literal_value(literal: str) -> str | None:
    """What MDX shows for a string, template or integer literal (``_TEXT_LITERAL``'s group); None for a bad escape."""
    return literal if _INTEGER.fullmatch(literal) else js_string(literal)


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LITERAL_SCAN = re.compile(r"[{<`]")
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")


def _as_text(value: str) -> str:
    """``value`` written so that Markdown reads it as that text: its punctuation escaped, on one line."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", value.replace("\r", " ").replace("\n", " "))


def _text_literals(text: str) -> str:
    """``text`` with each MDX text expression that is a literal (``{' '}``, ``{"a<b"}``) written as its value,
    as the compiled page shows it; expressions inside code spans and tags are left as they are."""
    if "{" not in text:
        return text
    parts = _PARAGRAPH_BREAK.split(text)  # paragraphs and the breaks between them: no code span spans two
    return "".join(
        part if index % 2 or "{" not in part else _paragraph_literals(part) for index, part in enumerate(parts)
    )


def _paragraph_literals(text: str) -> str:
    pieces: list[str] = []
    last = pos = 0
    unclosed: set[int] = set()  # lengths of backtick runs with no closing run after some earlier one
    while (found := _LITERAL_SCAN.search(text, pos)) is not None:
        at = found.start()
        if text[at] == "<":
            tag = parse_tag(text, at)
            if tag is not None:
                pos = tag.end
            elif _NAME.match(text, at + 1):  # a tag too long to read: its expressions may be its props
                pos = len(text) if (line_end := text.find("\n", at)) < 0 else line_end
            else:
                pos = at + 1
        elif text[at] == "`":
            run = _BACKTICKS.match(text, at).end() - at  # type: ignore[union-attr]
            close = None if run in unclosed else _code_span_close(text, at + run, run)
            if close is None:
                unclosed.add(run)
            pos = close if close is not None else at + run
        else:
            literal = _TEXT_LITERAL.match(text, at)
            value = _literal_value(literal.group(1)) if literal is not None else None
            if literal is None or value is None:
                pos = at + 1
                continue
            pieces.extend((text[last:at], _as_text(value)))
            last = pos = literal.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _code_span_close(text: str, start: int, run: int) -> int | None:
    """Where the code span opened by ``run`` backticks before ``start`` ends (after its closing run), if it does."""
    for found in _BACKTICKS.finditer(text, start):
        if found.end() - found.start() == run:
            return found.end()
    return None


def _literal(inner: str) -> Any:
    inner = inner.strip()
    value = js_string(inner)
    if value is not None:
        return value
    if inner in ("true", "false"):
        return inner == "true"
    if _NUMBER.fullmatch(inner):
        return inner
    return Expression(inner)


MAX_TAG = 20_000
"""Characters a JSX tag may span: a longer "tag" is text (each try stays bounded)."""


def parse_tag(text: str, pos: int, limit: int | None = None) -> JsxTag | None:
    """The JSX/HTML tag starting with ``<`` at ``pos``, or ``None`` if it is not one."""
    size = min(len(text) if limit is None else limit, pos + MAX_TAG)
    index = pos + 1
    closing = text.startswith("/", index)
    if closing:
        index += 1
    name_match = _NAME.match(text, index)
    if name_match is None:
        return None
    name, index = name_match.group(), name_match.end()
    attrs: dict[str, Any] = {}
    while True:
        index = _SPACE.match(text, index).end()  # type: ignore[union-attr]
        if index >= size:
            return None
        if text.startswith("/>", index):
            return JsxTag(name, closing, attrs, True, index + 2)
        if text[index] == ">":
            return JsxTag(name, closing, attrs, False, index + 1)
        if closing:
            return None
        if text[index] == "{":  # {...spread}
            index = _skip_braces(text, index, size)
            if index < 0:
                return None
            continue
        attr_match = _ATTR_NAME.match(text, index)
        if attr_match is None:
            return None
        attr, index = attr_match.group(), attr_match.end()
        after = _SPACE.match(text, index).end()  # type: ignore[union-attr]
        if after < size and text[after] == "=":
            index = _SPACE.match(text, after + 1).end()  # type: ignore[union-attr]
            if index >= size:
                return None
            char = text[index]
            if char in "\"'":
                end = text.find(char, index + 1, size)
                if end < 0:
                    return None
                attrs[attr] = html.unescape(text[index + 1 : end])
                index = end + 1
            elif char == "{":
                end = _skip_braces(text, index, size)
                if end < 0:
                    return None
                attrs[attr] = _literal(text[index + 1 : end - 1])
                index = end
            else:
                value = _UNQUOTED.match(text, index)
                if value is None:
                    return None
                attrs[attr] = value.group().rstrip("/")
                index = value.end() - (1 if value.group().endswith("/") else 0)
        else:
            attrs[attr] = True


# --- MDX preparation --------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_SPACE_ON_LINE = re.compile(r"[ \t]*")
_BLOCK_NAMES = frozenset(block_names)
_COMMENT_OPEN = re.compile(r"\{\s*/\*")
_COMMENT_CLOSE = re.compile(r"\*/\s*\}")
_EXPRESSION_LINE = re.compile(r"^[ \t]*\{.*\}[ \t]*$")
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(BLOCK_COMPONENTS)) + r")(?=[\s/>])")


def _segments(body: str) -> list[tuple[bool, list[str]]]:
    """The body's lines grouped into (is_code_fence, lines); MDX fences may be indented at will."""
    segments: list[tuple[bool, list[str]]] = []
    lines = body.split("\n")
    current: list[str] = []
    fence: str | None = None
    for line in lines:
        if fence is None:
            match = _FENCE_OPEN.match(line)
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                if current:
                    segments.append((False, current))
                current, fence = [line], match.group(1)
            else:
                current.append(line)
        else:
            current.append(line)
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                segments.append((True, current))
                current, fence = [], None
    if current:
        segments.append((fence is not None, current))
    return segments


_LINE_SPACE = re.compile(r"[^\S\n]*")
_LINE_END = re.compile(r"[^\S\n]*(?:\n|\Z)")


def _in_code_span(line: str, column: int) -> bool:
    return line.count("`", 0, column) % 2 == 1


class _CodeSpans:
    """Whether places of a text, asked in increasing order, are inside a code span of their line.

    Each line's backticks are counted once, from the last place asked (each tag of a long line
    counting its line from the start cost lines² on a line of 100,000 tags)."""

    __slots__ = ("line_start", "seen", "text", "ticks")

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_start = 0
        """Where the line of the last place asked starts."""
        self.seen = 0
        """Where counting goes on from (the last place asked, or past a tag the caller read)."""
        self.ticks = 0
        """Backticks on the line before ``seen``."""

    def at(self, start: int) -> bool:
        """Whether ``start`` is in a code span (an odd number of backticks before it on its line)."""
        newline = self.text.rfind("\n", self.seen, start)
        if newline >= 0:
            self.line_start = self.seen = newline + 1
            self.ticks = 0
        self.ticks += self.text.count("`", self.seen, start)
        self.seen = start
        return self.ticks % 2 == 1


def _isolate_block_tags(text: str) -> str:
    """Put every block component tag on lines of its own (``<Card>text</Card>`` → three lines)."""
    if "<" not in text:
        return text
    pieces: list[str] = []
    last = 0
    spans = _CodeSpans(text)
    indent, indent_of = "", -1  # the current line's indentation, read once a line
    for match in _BLOCK_TAG.finditer(text):
        start = match.start()
        if start < last or spans.at(start):
            continue
        line_start = spans.line_start
        if indent_of != line_start:
            indent = text[line_start : _LINE_SPACE.match(text, line_start).end()]  # type: ignore[union-attr]
            indent_of = line_start
        tag = parse_tag(text, start)
        if tag is None:
            continue
        pieces.append(text[last:start])
        if line_start + len(indent) < start:  # text before the tag on its line
            pieces.append("\n" + indent)
        pieces.append(text[start : tag.end])
        if not _LINE_END.match(text, tag.end):  # text after the tag on its line
            pieces.append("\n" + indent)
        last = tag.end
    pieces.append(text[last:])
    return "".join(pieces)


_INLINE_TAG = re.compile(r"<(?=[A-Z])")
_HTML_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*\Z")
_HTML_ATTR_NAME = re.compile(r"[A-Za-z_:][A-Za-z0-9_.:-]*\Z")
_LINE_MARKERS = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*")


def _inline_tags_as_html(text: str) -> str:
    """Component tags inside a line of text whose props hold expressions (``<Cmd run={['a b']} />``)
    rewritten as the HTML tags of their text props.  Such a tag is no HTML to CommonMark, so it
    stayed text; as HTML the inline rules read it as a component (its expressions, which cannot be
    evaluated, are left out).  A tag alone on its line (after list or quote markers), or starting a
    line and going on over more, is a block, read as one: it is left as written, and so is every tag
    in a code span."""
    if "<" not in text or "{" not in text:
        return text
    pieces: list[str] = []
    last = 0
    spans = _CodeSpans(text)
    for match in _INLINE_TAG.finditer(text):
        start = match.start()
        if start < last or spans.at(start):
            continue
        tag = parse_tag(text, start)
        if tag is None:
            continue
        spans.seen = tag.end  # the tag's own text holds no code span
        line_start = spans.line_start
        source = text[start : tag.end]
        if tag.closing or "{" not in source or not _HTML_TAG_NAME.match(tag.name):
            continue
        line_end = text.find("\n", tag.end)
        after = text[tag.end : len(text) if line_end < 0 else line_end]
        if _LINE_MARKERS.fullmatch(text, line_start, start) and ("\n" in source or not after.strip()):
            continue  # alone on its line, or starting one and going on over lines: a block
        if "\n" in source:  # the tag's last line is the current one now
            spans.line_start, spans.ticks = text.rfind("\n", start, tag.end) + 1, 0
        pieces.append(text[last:start])
        pieces.append(_html_tag(tag))
        last = tag.end
    pieces.append(text[last:])
    return "".join(pieces)


def _html_tag(tag: JsxTag) -> str:
    """``tag`` as an HTML tag of its text and true props."""
    parts = [tag.name]
    for name, value in tag.attrs.items():
        if not _HTML_ATTR_NAME.match(name):
            continue
        if value is True:
            parts.append(name)
        elif isinstance(value, str):
            value = value.replace("\n", " ")
            if '"' not in value:
                parts.append(f'{name}="{value}"')
            elif "'" not in value:
                parts.append(f"{name}='{value}'")
    return "<" + " ".join(parts) + (" />" if tag.self_closing else ">")


def _drop_comments(text: str) -> str:
    """``text`` without its MDX comments ``{/* … */}``, in one pass (unclosed ones stay text).

    As MDX reads them: a comment opens outside code fences and code spans only, and runs to the
    first ``*/ }`` after it whatever lies between (blank lines, headings, a whole fenced block: a
    comment that starts before a fence's opening line and ends after its closing line hides it all).
    The end found for one comment is reused for every later comment that opens before it, so
    thousands of unclosed ``{/*`` stay linear.
    """
    if "/*" not in text:
        return text
    pieces: list[str] = []
    pos = 0  # the start of the text kept next
    known: tuple[int, int] | None = None  # (searched from, the first close at or after it, -1: none)
    fence: str | None = None
    start, size = 0, len(text)  # where the line (or the rest of a line after a comment) starts
    at_line_start = True
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end
        line = text[start:end]
        if at_line_start:
            fence, is_fence = _track_fence(line.lstrip(" \t"), fence)
            if fence is not None or is_fence:
                start = end + 1
                continue
        opening = _COMMENT_OPEN.search(line)
        ticks, seen = 0, 0  # the backticks before the opening: odd in a code span (counted once per line)
        while opening is not None:
            ticks, seen = ticks + line.count("`", seen, opening.start()), opening.start()
            if ticks % 2 == 0:
                break
            opening = _COMMENT_OPEN.search(line, opening.end())
        if opening is None:
            start, at_line_start = end + 1, True
            continue
        after = start + opening.end()
        if known is None or known[1] < after:
            close = _COMMENT_CLOSE.search(text, after)
            known = (after, close.start() if close else -1)
        if known[1] < 0:
            break  # no comment after this one can close either
        close = _COMMENT_CLOSE.match(text, known[1])
        assert close is not None
        pieces.append(text[pos : start + opening.start()])
        pos = start = close.end()
        at_line_start = False  # the rest of the closing line is text, never a fence
    pieces.append(text[pos:])
    return "".join(pieces)


def prepare_mdx(body: str, esm: set[int] | None = None) -> tuple[str, list[str]]:
    """MDX → Markdown the renderer can read: ESM and comments dropped, block tags on their own lines.
    ``esm``: the body's ESM lines (:func:`~eduforge.site.markdown.body_esm_lines`), read here when not given."""
    warnings: list[str] = []
    out: list[str] = []
    esm = body_esm_lines(body) if esm is None else esm
    if esm:  # the ESM statements blanked, read as lint reads them
        body = "\n".join("" if number in esm else line for number, line in enumerate(body.split("\n")))
    for is_code, lines in _segments(_drop_comments(body)):
        if is_code:
            out.append("\n".join(lines))
            continue
        text = _text_literals("\n".join(lines))
        for line in text.split("\n"):
            if _EXPRESSION_LINE.match(line):
                warnings.append(f"the MDX expression {line.strip()[:60]} cannot be evaluated; it is shown as text")
        out.append(_inline_tags_as_html(_isolate_block_tags(text)))
    return "\n".join(out), warnings


# --- block rules ------------------------------------------------------------------

_ASIDE_OPEN = re.compile(r"^(:{3,})[ \t]*(note|tip|caution|danger)[ \t]*(?:\[(.*)\])?[ \t]*(?:\{.*\})?[ \t]*$")
_ASIDE_CLOSE = re.compile(r"^(:{3,})[ \t]*$")
_FENCE_LINE = re.compile(r"^(`{3,}|~{3,})")


def _track_fence(text: str, fence: str | None) -> tuple[str | None, bool]:
    """The code fence open after ``text`` (None outside one), and whether ``text`` is a fence line."""
    fence_match = _FENCE_LINE.match(text)
    if not fence_match:
        return fence, False
    marker = fence_match.group(1)
    if fence is None:
        if marker[0] == "`" and "`" in text[len(marker) :]:
            return None, False  # ```sh x ```: code in a line, no fence (CommonMark)
        return marker, True
    if marker[0] == fence[0] and len(marker) >= len(fence) and not text.strip(marker[0]).strip():
        return None, True
    return fence, True


_RAW_BLOCK = re.compile(r"<(pre|script|style|textarea)(?=[\s>]|$)", re.I)
_PARAGRAPH_ENDS = ("#", "```", "~~~", "<!--ef:")


def _marker(marked: list[Marked], item: Marked) -> str:
    marked.append(item)
    return f"<!--ef:{len(marked) - 1}-->"


class _Marking:
    """One pass over a body's lines that puts a marker where each aside fence and MDX block is
    (see :mod:`eduforge.export.render`): the blocks markdown-it's own rules used to read."""

    def __init__(self, text: str, mdx: bool, warnings: list[str]) -> None:
        self.text = text
        self.mdx = mdx
        self.warnings = warnings
        self.lines: list[str | None] = list(text.split("\n"))
        self.original = text.split("\n")
        self.offsets: list[int] = []
        offset = 0
        for line in self.original:
            self.offsets.append(offset)
            offset += len(line) + 1
        self.marked: list[Marked] = []
        self.asides: list[tuple[int, str]] = []
        """The open asides: (colons, indentation of the opening line)."""
        self.closes: dict[int, tuple[str, str]] = {}
        """Line of a component's closing tag → (name, indentation of its opening line)."""
        self.matches: dict[str, dict[int, int | None]] = {}

    def run(self) -> tuple[str, list[Marked]]:
        fence: str | None = None
        raw: str | None = None
        number = 0
        count = len(self.lines)
        while number < count:
            line = self.lines[number]
            if line is None:
                number += 1
                continue
            stripped = line.lstrip(" \t")
            if raw is not None:
                if raw in line.lower():
                    raw = None
                number += 1
                continue
            indent = line[: len(line) - len(stripped)]
            item = LIST_MARKER.match(stripped) if self.mdx and stripped[:1] in "-*+0123456789" else None
            if item is not None and stripped[item.end() : item.end() + 1] in ("<", "`", "~"):
                indent, stripped = indent + stripped[: item.end()], stripped[item.end() :]
            if self.mdx and stripped[:3] in ("```", "~~~"):
                done = self._fence(number, stripped, indent)
                if done:
                    number = done
                    continue
            fence, is_fence_line = _track_fence(stripped, fence)
            if is_fence_line or fence is not None:
                number += 1
                continue
            if stripped.startswith(":::"):
                if self._aside(number, stripped, indent):
                    number += 1
                    continue
            elif self.mdx and stripped[:1] == "<":
                if stripped.startswith("<!--") and "-->" not in stripped:
                    raw = "-->"
                    number += 1
                    continue
                raw_block = _RAW_BLOCK.match(stripped)
                if raw_block is not None:
                    closing = f"</{raw_block.group(1).lower()}>"
                    raw = None if closing in stripped.lower() else closing
                    number += 1
                    continue
                done = self._tag(number, stripped, indent)
                if done:
                    number = done
                    continue
            if self.mdx and "={" in stripped and "<" in stripped:
                self.lines[number] = _mdx_tags_inline(line)
            number += 1
        if self.asides:
            self.lines.append(_marker(self.marked, Marked("aside_close", meta={"count": len(self.asides)})))
        return "\n".join(line for line in self.lines if line is not None), self.marked

    def _fence(self, number: int, stripped: str, indent: str) -> int:
        """MDX: a fenced code block at any indentation (MDX has no indented code), as one marker.

        The code keeps what is indented beyond the opening fence; an unclosed fence runs to the end."""
        opening = _FENCE_OPEN.match(stripped)
        if opening is None or (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            return 0
        marker = opening.group(1)
        column = len(indent)
        code: list[str] = []
        last = len(self.lines) - 1
        for other in range(number + 1, len(self.lines)):
            line = self.lines[other]
            if line is None:
                continue
            text = line.lstrip(" \t")
            if text.startswith(marker) and not text.strip(marker[0]).strip():
                last = other
                break
            width = len(line) - len(text)
            code.append(line[min(width, column) :])
        else:
            code.append("")
        content = "\n".join(code) + "\n" if code else ""
        item = Marked("fence", info=html.unescape(opening.group(2).strip()), content=content)
        return self._replace(number, last, indent + _marker(self.marked, item))

    def _aside(self, number: int, stripped: str, indent: str) -> bool:
        opening = _ASIDE_OPEN.match(stripped)
        if opening is not None:
            self.asides.append((len(opening.group(1)), _NON_SPACE.sub(" ", indent)))
            item = Marked("aside_open", info=opening.group(2), meta={"title": opening.group(3)})
            self.lines[number] = indent + _marker(self.marked, item)
            return True
        closing = _ASIDE_CLOSE.match(stripped)
        if closing is None or not self.asides:
            return False
        size = len(closing.group(1))
        outer = next((k for k, (opened, _) in enumerate(self.asides) if opened <= size), None)
        if outer is None:
            return False
        item = Marked("aside_close", meta={"count": len(self.asides) - outer})
        indent = self.asides[outer][1]  # closed where it was opened, whatever is still open inside it
        del self.asides[outer:]
        self.lines[number] = indent + _marker(self.marked, item)
        return True

    def _line_of(self, position: int, start: int) -> int:
        line = start
        while line + 1 < len(self.offsets) and self.offsets[line + 1] <= position - 1:
            line += 1
        return line

    def _rest_blank(self, position: int, line: int) -> bool:
        end = self.offsets[line] + len(self.original[line])
        return not self.text[position:end].strip()

    def _tag(self, number: int, stripped: str, indent: str) -> int:
        """A line starting with a tag: the line after the block it makes (0: not one)."""
        capital = stripped[1:2].isupper() or (stripped[1:2] == "/" and stripped[2:3].isupper())
        lower = stripped[1:2].islower() or (stripped[1:2] == "/" and stripped[2:3].islower())
        if not capital and not lower:
            return 0
        pos = self.offsets[number] + len(self.original[number]) - len(stripped)
        tag = parse_tag(self.text, pos)
        if tag is None:
            return 0
        if capital:
            return self._component(number, tag, indent)
        return self._element(number, tag, pos, indent + " " * (len(stripped) - len(stripped.lstrip())))

    def _replace(self, number: int, last: int, text: str) -> int:
        self.lines[number] = text
        for other in range(number + 1, last + 1):
            self.lines[other] = None
        return last + 1

    def _block_indent(self, number: int, indent: str) -> str:
        """The indentation a component tag or element on line ``number`` gets: MDX has no indented code, so a tag
        indented four or more columns past the block it follows (a list item's text, a paragraph) is in
        that block, as micromark reads it; CommonMark would read it and its lines as that paragraph's text.

        The block's column is that of the nearest list item's text among the lines just before
        (without a blank line between them), else of the first of those lines; at most
        :data:`_BLOCK_LOOKBACK` lines are looked at, so a page of such tags stays linear."""
        if len(indent) < 4 or indent.strip():
            return indent
        column: int | None = None
        for other in range(number - 1, max(-1, number - 1 - _BLOCK_LOOKBACK), -1):
            line = self.lines[other]
            if line is None:
                continue
            if not line.strip():
                if column is not None:
                    break
                continue
            stripped = line.lstrip(" \t")
            column = len(line) - len(stripped)
            item = LIST_MARKER.match(stripped)
            if item is not None:
                column += item.end()
                break
        column = column or 0
        return indent[:column] if len(indent) - column >= 4 else indent

    def _component(self, number: int, tag: JsxTag, indent: str) -> int:
        last = self._line_of(tag.end, number)
        if not self._rest_blank(tag.end, last):
            return 0
        if not tag.closing:
            indent = self._block_indent(number, indent)
        if tag.closing:
            opened = self.closes.get(number)
            if opened is not None and opened[0] == tag.name:
                item = Marked("jsx_close", info=tag.name)
                return self._replace(number, last, opened[1] + _marker(self.marked, item))
            _warn_to(self.warnings, f"a closing </{tag.name}> without its opening tag is left out")
            return self._replace(number, last, indent + _marker(self.marked, Marked("none")))
        if tag.self_closing:
            item = Marked("jsx_self", info=tag.name, meta={"attrs": tag.attrs})
            return self._replace(number, last, indent + _marker(self.marked, item))
        close = self._matches(tag.name).get(last)
        if close is None:
            _warn_to(
                self.warnings,
                f"<{tag.name}> is never closed; the tag is left out and what follows is shown without it",
            )
            return self._replace(number, last, indent + _marker(self.marked, Marked("none")))
        self.closes[close] = (tag.name, _NON_SPACE.sub(" ", indent))  # inside the list item the tag opens
        self._dedent(last + 1, close, len(indent))
        item = Marked("jsx_open", info=tag.name, meta={"attrs": tag.attrs})
        return self._replace(number, last, indent + _marker(self.marked, item))

    def _dedent(self, start: int, end: int, indent: int) -> None:
        """MDX has no indented code: a component's lines as indented as its tag (relative indentation kept)."""
        inner = [
            len(line) - len(line.lstrip(" \t")) for line in self.lines[start:end] if line is not None and line.strip()
        ]
        remove = min(inner) - indent if inner else 0
        if remove <= 0:
            return
        for number in range(start, end):
            line = self.lines[number]
            if line is not None:
                self.lines[number] = line[min(remove, len(line) - len(line.lstrip(" \t"))) :]

    def _matches(self, name: str) -> dict[int, int | None]:
        """For every line ending a ``<name>`` opening tag, the line of its matching ``</name>``
        (None: never closed): one pass per name (a stack), so unclosed tags stay linear."""
        memo = self.matches.get(name)
        if memo is not None:
            return memo
        found: dict[int, int | None] = {}
        stack: list[int] = []
        fence = None
        for line, text in enumerate(self.original):
            stripped = text.lstrip(" \t")
            fence, is_fence_line = _track_fence(stripped, fence)
            if is_fence_line or fence is not None:
                continue
            item = LIST_MARKER.match(stripped) if stripped[:1] in "-*+0123456789" else None
            if item is not None:
                stripped = stripped[item.end() :]
            if not stripped.startswith("<"):
                continue
            if not stripped.startswith(name, 1) and not stripped.startswith("/" + name, 1):
                continue
            tag = parse_tag(self.text, self.offsets[line] + len(text) - len(stripped))
            if tag is None or tag.name != name or tag.self_closing:
                continue
            if tag.closing:
                if stack:
                    found[stack.pop()] = line
            else:
                stack.append(self._line_of(tag.end, line))
                found.setdefault(stack[-1], None)
        self.matches[name] = found
        return found

    def _element(self, number: int, first: JsxTag, pos: int, indent: str) -> int:
        """MDX: a line that starts with lowercase HTML/JSX tags is an element, not an HTML block.

        CommonMark reads ``<details>`` or ``<summary>Show</summary>`` as an HTML block that lasts to the
        next blank line and hides the Markdown in it; MDX (and lint, see ``site/markdown.py``) reads the
        tags as elements and the lines after them as Markdown.  So a line of tags only is HTML of its
        own, and a block-level tag followed by text on its line (``<p>[x](/x/) text</p>``) is that line
        rendered inline: its tags stay raw HTML, its text is Markdown.
        """
        if first.name.lower() in _RAW_TEXT_TAGS or not first.name[:1].islower():
            return 0
        text = self.text
        after = first.end
        while True:  # the run of tags the line starts with
            index = _SPACE_ON_LINE.match(text, after).end()  # type: ignore[union-attr]
            nested = parse_tag(text, index) if text.startswith("<", index) else None
            if nested is None or not nested.name[:1].islower():
                break
            after = nested.end
        last = self._line_of(after, number)
        block = first.name.lower() in _BLOCK_NAMES
        tags_only = self._rest_blank(after, last)
        if not tags_only and (not block or last > number):
            return 0  # text after an inline tag: an ordinary paragraph
        previous = self.lines[number - 1] if number else None
        if (
            not block
            and not indent.strip()
            and previous is not None
            and previous.strip()
            and not previous.lstrip().startswith(_PARAGRAPH_ENDS)
        ):
            return 0  # like CommonMark's HTML blocks, only block-level tags interrupt a paragraph
        indent = self._block_indent(number, indent)
        lines = [line for line in self.lines[number + 1 : last + 1] if line is not None]
        lines.insert(0, self.text[pos : self.offsets[number] + len(self.original[number])])
        if tags_only:
            if not indent.strip():  # the lines as written, indentation included
                lines = self.original[number : last + 1]
            item = Marked("html_block", content="\n".join(lines) + "\n")
        else:
            item = Marked("inline", content="\n".join(lines).strip())
        return self._replace(number, last, indent + _marker(self.marked, item))


def _mdx_tags_inline(line: str) -> str:
    """MDX: an HTML tag with JSX string props (``<a href={`/x/`}>``) is a tag, written back as HTML.

    CommonMark does not know ``{…}`` attribute values, so it would show the tag as text; lint reads
    its literal props as links.  A prop that is a real expression cannot be evaluated and is left out.
    """
    pieces: list[str] = []
    last = 0
    for match in _LOWER_TAG.finditer(line):
        start = match.start()
        if start < last or _in_code_span(line, start):
            continue
        tag = parse_tag(line, start)
        if tag is None or tag.closing or "={" not in line[start : tag.end]:
            continue
        attrs = "".join(
            f" {name}" if value is True else f' {name}="{escape_html(value)}"'
            for name, value in tag.attrs.items()
            if isinstance(value, str) or value is True
        )
        pieces += (line[last:start], f"<{tag.name}{attrs}{' /' if tag.self_closing else ''}>")
        last = tag.end
    pieces.append(line[last:])
    return "".join(pieces)


_BLOCK_LOOKBACK = 50
"""Lines :meth:`_Marking._block_indent` looks back over for the block a deeply indented tag is in."""
_LOWER_TAG = re.compile(r"<[a-z]")
_NON_SPACE = re.compile(r"\S")


def mark_blocks(text: str, mdx: bool, warnings: list[str]) -> tuple[str, list[Marked]]:
    """The text with markers for asides and MDX blocks, and what each marker stands for."""
    if ":::" not in text and not (mdx and "<" in text):
        return text, []
    return _Marking(text, mdx, warnings).run()


def _warn_to(warnings: list[str], message: str) -> None:
    if message and message not in warnings:
        warnings.append(message)


def _warn(env: Any, message: str) -> None:
    warnings: list[str] = env.setdefault("warnings", [])
    if message and message not in warnings:
        warnings.append(message)


_RAW_TEXT_TAGS = frozenset({"pre", "script", "style", "textarea"})
"""HTML blocks of CommonMark's kind 1: their content is never Markdown, in MDX either (left to the parser)."""


def _search_sections(env: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The page's text by heading, at most :data:`MAX_SEARCH_TEXT` characters in all."""
    found: list[tuple[str, str, str]] = []
    room = MAX_SEARCH_TEXT
    for anchor, heading, parts in env.get("sections", []):
        body = " ".join(" ".join(parts).split())[: max(room, 0)]
        room -= len(body)
        if body or heading:
            found.append((anchor, heading, body))
    return found


# --- core rule: heading ids and plain text ------------------------------------------


def _inline_text(children: Sequence[Token] | None) -> str:
    if not children:
        return ""
    if len(children) == 1 and children[0].type == "text":
        return children[0].content  # a plain paragraph or heading, the commonest
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image" and child.children:
            parts.append(_inline_text(child.children))
    return "".join(parts)


def _drop_explicit_id(heading: Token, anchor: str) -> bool:
    """``## Title {#anchor}`` whose id the reading took from the ``{#anchor}`` (remark-heading-id):
    the ``{#anchor}`` text is dropped from the heading, as the plugin drops it."""
    last = heading.children[-1] if heading.children else None
    suffix = re.search(r"\s*\{#" + re.escape(anchor) + r"\}\s*$", last.content) if last is not None else None
    if last is None or last.type != "text" or suffix is None:
        return False
    last.content = last.content[: suffix.start()]
    return True


def headings_and_text(tokens: list[Token], env: dict[str, Any]) -> None:
    """Headings with the ids of the page's one reading (``reading_ids``: lint's, in page order), and the text.

    A heading the reading does not have (none is known: tests/export/test_one_reading.py) gets
    github-slugger's id, after the reading's."""
    ids: list[str] = env.get("reading_ids") or []
    slugger = Slugger()
    for known in ids:
        slugger.slug(known)
    headings: list[RenderedHeading] = []
    text: list[str] = []
    sections: list[tuple[str, str, list[str]]] = [("", "", [])]
    for index, token in enumerate(tokens):
        if token.type == "inline":
            content = _inline_text(token.children)
            if index and tokens[index - 1].type == "heading_open":
                opening = tokens[index - 1]
                content = content.strip()
                anchor = ids[len(headings)] if len(headings) < len(ids) else slugger.slug(content)
                if content.endswith("}") and _drop_explicit_id(token, anchor):
                    content = _inline_text(token.children).strip()
                opening.attrSet("id", anchor)
                headings.append(RenderedHeading(int(opening.tag[1]), content, anchor))
                sections.append((anchor, content, []))
            else:
                sections[-1][2].append(content)
            text.append(content)
        elif token.type in ("fence", "code_block"):
            sections[-1][2].append(token.content)
        elif token.type == "jsx_open" and token.info == "TabItem":
            label = token.meta["attrs"].get("label")
            if isinstance(label, str):
                text.append(label)
                sections[-1][2].append(label)
    env["headings"] = headings
    env["text"] = text
    env["sections"] = sections


# --- rendering ----------------------------------------------------------------------

ARROW = icon_svg("right-arrow", css_class="icon arrow")
_RAW_ATTR = re.compile(
    r"""(\s(?:href|src|xlink:href|action|formaction|poster|data|background|cite)\s*=\s*)"""
    r"""(?:"([^"]*)"|'([^']*)'|\{\s*"([^"]*)"\s*\}|\{\s*'([^']*)'\s*\}|\{\s*`([^`$]*)`\s*\}|([^\s"'=<>`{]+))""",
    re.I,
)
"""A URL attribute of raw HTML, with its value double-quoted, single-quoted, unquoted, or (MDX) a JSX
string literal (``href={"/x/"}``, ``href={`/x/`}``), which lint reads as the link it is."""
_CAPITAL_TAG = re.compile(r"</?[A-Z]")
_ASIDE_VARIANTS = frozenset(ASIDE_TYPES)
_BADGE_VARIANTS = frozenset({"default", "note", "danger", "success", "caution", "tip"})


def _attr(attrs: dict[str, Any], name: str, default: str = "") -> str:
    value = attrs.get(name)
    return value if isinstance(value, str) else default


def _safe_href(target: str) -> bool:
    return unsafe_scheme(target) is None


class MarkdownRenderer:
    """Renders bodies; one instance per export and language (the render rules, by token type)."""

    search = True
    """Whether :meth:`render` gives the text by section (:attr:`Rendered.sections`, the HTML export's search)."""

    def __init__(self, strings: dict[str, str]) -> None:
        self.strings = strings
        self.rules: dict[str, Rule] = self._rules()
        self._file_tree = file_tree_rule(strings)

    def _rules(self) -> dict[str, Rule]:
        """The render rules of Markdown and MDX bodies (the bodies are read by pyromark)."""
        return {
            **BASE_RULES,
            **footnote_rules(),
            "fence": self._fence,
            "code_block": self._code_block,
            "heading_close": self._heading_close,
            "link_open": self._link_open,
            "image": self._image,
            "html_block": self._html_block,
            "html_inline": self._html_inline,
            "aside_open": self._aside_open,
            "aside_close": self._aside_close,
            "jsx_open": self._jsx_open,
            "jsx_close": self._jsx_close,
            "jsx_self": self._jsx_self,
            "jsx_unreadable": self._jsx_unreadable,
            "table_open": self._table_open,
            "table_close": self._table_close,
        }

    def tokens(self, body: str, mdx: bool, env: dict[str, Any]) -> list[Token]:
        """The body read by pyromark (:mod:`eduforge.export.render`), with heading ids, file trees and bare URLs."""
        text, marked = mark_blocks(body, mdx, env["warnings"])
        tokens = tokens_of(text, marked, mdx)
        headings_and_text(tokens, env)
        if mdx:
            tokens = self._file_tree(tokens)
        autolink_literals(tokens)
        return tokens

    def render(
        self,
        body: str,
        mdx: bool = False,
        links: LinkPolicy | None = None,
        reading: BodyFacts | None = None,
        file: PageFile | None = None,
    ) -> Rendered:
        """The body as HTML; ``reading`` is the page's one reading (``Page.facts``), read here when not given;
        ``file`` (where the page is) lets ``<Code code={name}>`` show a file the page imports with ``?raw``."""
        warnings: list[str] = []
        if reading is None:
            reading = analyze_body(body, 1, mdx=mdx)
        raw = None
        if mdx:
            esm = body_esm_lines(body)  # read once, for the page's constants and for the body
            raw = RawImports.of(body, file, esm)
            body, warnings = prepare_mdx(body, esm)
        env: dict[str, Any] = {
            "links": links,
            "warnings": warnings,
            "tabs": [],
            "tab_count": 0,
            "mdx": mdx,
            "raw": raw,
            "reading_ids": [heading.id for heading in reading.headings],
        }
        try:
            output = render_tokens(self.tokens(body, mdx, env), self.rules, env)
        except RecursionError:
            warnings.append("the body nests too deeply to render; it is shown as text")
            output = f"<pre>{escape_html(body)}</pre>\n"
            env.setdefault("headings", [])
            env["text"] = [body]
        text = " ".join(part for part in env.get("text", []) if part)
        words = len(text.split())
        return Rendered(
            output,
            env.get("headings", []),
            text[:MAX_SEARCH_TEXT],
            words,
            env["warnings"],
            _search_sections(env) if self.search else [],
        )

    # -- links ---------------------------------------------------------------------
    @staticmethod
    def _href(env: dict[str, Any], target: str) -> str:
        links: LinkPolicy | None = env.get("links")
        return links.href(target) if links is not None else target

    @staticmethod
    def _src(env: dict[str, Any], target: str) -> str:
        links: LinkPolicy | None = env.get("links")
        return links.src(target) if links is not None else target

    def _rewrite_raw(self, raw: str, env: dict[str, Any]) -> str:
        """Raw HTML: its URL attributes through the link policy, and never a URL that runs code."""
        if "=" not in raw:
            return raw
        rewrite = env.get("links") is not None

        def replace(match: re.Match[str]) -> str:
            written = next(group for group in match.groups()[1:] if group is not None)
            value = html.unescape(written)
            name = match.group(1).strip().lower()
            is_src = name.startswith(("src", "poster"))
            if rewrite and name.startswith(("href", "src")):
                value = self._src(env, value) if is_src else self._href(env, value)
            return f'{match.group(1)}"{escape_html(safe_url(value, image=is_src))}"'

        return _RAW_ATTR.sub(replace, raw)

    # -- render rules --------------------------------------------------------------
    def _fence(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        token = tokens[idx]
        return highlight(token.content, token.info, self.strings, lambda message: _warn(env, message))

    def _code_block(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        return highlight(tokens[idx].content, "", self.strings)

    def _heading_close(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        opening = tokens[idx - 2] if idx >= 2 else None
        anchor = opening.attrGet("id") if opening is not None and opening.type == "heading_open" else None
        tag = tokens[idx].tag
        if anchor and tag != "h1":
            label = escape_html(self.strings["anchor"])
            return f'<a class="anchor" href="#{escape_html(str(anchor))}" aria-label="{label}">#</a></{tag}>\n'
        return f"</{tag}>\n"

    def _link_open(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        token = tokens[idx]
        href = token.attrGet("href")
        if isinstance(href, str):
            token.attrSet("href", safe_url(self._href(env, href)))
        return render_token(tokens, idx)

    def _image(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        token = tokens[idx]
        src = token.attrGet("src")
        if isinstance(src, str):
            token.attrSet("src", safe_url(self._src(env, src), image=True))
        token.attrSet("alt", inline_as_text(token.children))
        return render_token(tokens, idx)

    def _table_open(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        return '<div class="table-wrap"><table>\n'

    def _table_close(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        return "</table></div>\n"

    def _html_block(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        content = tokens[idx].content
        if env.get("mdx") and _CAPITAL_TAG.search(content):
            content = self._components_in_html(content, env)
        return self._rewrite_raw(content, env)

    def _components_in_html(self, content: str, env: dict[str, Any]) -> str:
        """Components inside a block of HTML: icons and badges drawn, other tags left out (their text stays)."""
        pieces: list[str] = []
        last = 0
        for match in _CAPITAL_TAG.finditer(content):
            if match.start() < last:
                continue
            tag = parse_tag(content, match.start())
            if tag is None:
                continue
            pieces.append(content[last : match.start()])
            last = tag.end
            if tag.closing:
                continue
            if tag.name == "Icon":
                pieces.append(icon_from(tag.attrs, env["warnings"]))
            elif tag.name == "Badge":
                pieces.append(self._badge(tag.attrs))
            elif tag.name in KNOWN_COMPONENTS:
                _warn(env, f"<{tag.name}> inside HTML cannot be shown as a component; its content is shown plain")
            else:
                _warn(env, unknown_message(tag.name))
        pieces.append(content[last:])
        return "".join(pieces)

    def _html_inline(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        content = tokens[idx].content
        if env.get("mdx") and (content[1:2].isupper() or (content[1:2] == "/" and content[2:3].isupper())):
            return self._inline_component(content, env)
        return self._rewrite_raw(content, env)

    def _inline_component(self, content: str, env: dict[str, Any]) -> str:
        tag = parse_tag(content, 0)
        if tag is None:
            return escape_html(content)
        attrs = tag.attrs
        if tag.name == "Badge":
            if tag.closing:
                return ""
            return self._badge(attrs)
        if tag.name == "LinkButton":
            if tag.closing:
                return self._link_button_close(env)
            opened = self._link_button_open(attrs, env)
            return opened + self._link_button_close(env) if tag.self_closing else opened
        if tag.name == "Icon":
            return "" if tag.closing else icon_from(attrs, env["warnings"])
        if tag.name == "Code":
            if not tag.closing:
                _warn(env, "<Code> inside a line of text cannot be shown as a block; its code is shown inline")
                code = attrs.get("code")
                return f"<code>{escape_html(code)}</code>" if isinstance(code, str) else ""
            return ""
        if tag.name in BLOCK_COMPONENTS:
            if not tag.closing:
                _warn(env, f"<{tag.name}> inside a line of text cannot be shown as a block; its content is shown plain")
            return ""
        if not tag.closing:
            _warn(env, unknown_message(tag.name))
        return ""

    def _badge(self, attrs: dict[str, Any]) -> str:
        variant = _attr(attrs, "variant", "default")
        variant = variant if variant in _BADGE_VARIANTS else "default"
        return f'<span class="badge badge-{variant}">{escape_html(_attr(attrs, "text"))}</span>'

    def _link_button_open(self, attrs: dict[str, Any], env: dict[str, Any]) -> str:
        href = _attr(attrs, "href")
        href = self._href(env, href) if href and _safe_href(href) else "#"
        variant = _attr(attrs, "variant", "primary")
        variant = variant if variant in ("primary", "secondary", "minimal") else "primary"
        icon = self._icon_attr(attrs, env)
        start = _attr(attrs, "iconPlacement", "end") == "start"
        env.setdefault("button_icons", []).append("" if start else icon)
        return f'<a class="link-button {variant}" href="{escape_html(href)}">{icon if start else ""}'

    @staticmethod
    def _link_button_close(env: dict[str, Any]) -> str:
        icons: list[str] = env.get("button_icons") or [""]
        return icons.pop() + "</a>"

    @staticmethod
    def _icon_attr(attrs: dict[str, Any], env: dict[str, Any]) -> str:
        """The ``icon`` prop of Card, LinkButton and LinkCard, drawn (``""`` when there is none)."""
        name = _attr(attrs, "icon")
        return icon_svg(name, warnings=env["warnings"]) if name else ""

    def _aside(self, kind: str, title: str | None, icon: str = "") -> str:
        kind = kind if kind in _ASIDE_VARIANTS else "note"
        label = title or self.strings[f"aside.{kind}"]
        return (
            f'<aside class="aside aside-{kind}" aria-label="{escape_html(label)}">'
            f'<p class="aside-title" aria-hidden="true">{aside_icon(kind, icon)}{escape_html(label)}</p>'
            f'<div class="aside-content">\n'
        )

    def _aside_open(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        token = tokens[idx]
        return self._aside(token.info, (token.meta or {}).get("title"))

    def _aside_close(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        return "</div></aside>\n"

    def _tab_labels(self, tokens: Sequence[Token], idx: int) -> list[str]:
        labels: list[str] = []
        depth = 0
        for number in range(idx + 1, len(tokens)):  # not tokens[idx + 1 :]: a copy of the rest per <Tabs>
            token = tokens[number]
            if token.type == "jsx_open":
                if depth == 0 and token.info == "TabItem":
                    labels.append(_attr(token.meta["attrs"], "label", f"{len(labels) + 1}"))
                depth += 1
            elif token.type == "jsx_close":
                if depth == 0:
                    break
                depth -= 1
        return labels

    def _jsx_open(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        token = tokens[idx]
        name, attrs = token.info, token.meta["attrs"]
        if name == "Steps":
            return '<div class="steps">\n'
        if name == "Aside":
            title = attrs.get("title")
            return self._aside(
                _attr(attrs, "type", "note"), title if isinstance(title, str) else None, _attr(attrs, "icon")
            )
        if name == "Tabs":
            env["tab_count"] += 1
            number = env["tab_count"]
            env["tabs"].append([number, 0])
            buttons = "".join(
                f'<button type="button" role="tab" id="tab-{number}-{k}" aria-controls="panel-{number}-{k}" '
                f'aria-selected="{"true" if k == 0 else "false"}" tabindex="{0 if k == 0 else -1}">{escape_html(label)}</button>'
                for k, label in enumerate(self._tab_labels(tokens, idx))
            )
            return f'<div class="tabs"><div class="tab-list" role="tablist">{buttons}</div>\n'
        if name == "TabItem":
            if not env["tabs"]:
                _warn(env, "a <TabItem> outside <Tabs> is shown as plain content")
                return "<div>\n"
            number, k = env["tabs"][-1]
            env["tabs"][-1][1] += 1
            label = escape_html(_attr(attrs, "label"))
            return (
                f'<div class="tab-panel" role="tabpanel" id="panel-{number}-{k}" aria-labelledby="tab-{number}-{k}" '
                f'data-label="{label}">\n'
            )
        if name == "CardGrid":
            return '<div class="card-grid">\n'
        if name == "Card":
            return f'{self._card_head(attrs, env)}<div class="card-body">\n'
        if name == "FileTree":
            return '<div class="file-tree">\n'
        if name == "LinkButton":
            return self._link_button_open(attrs, env)
        if name == "LinkCard":
            return self._link_card(attrs, env) + "<div hidden>"
        if name == "Badge":
            return self._badge(attrs) + "<span hidden>"
        if name == "Icon":
            return f"<p>{icon_from(attrs, env['warnings'])}"
        if name == "Code":
            return self._code_component(attrs, env) + "<div hidden>"
        _warn(env, unknown_message(name))
        return unknown_open(name, attrs)

    def _jsx_close(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        name = tokens[idx].info
        if name in TRANSPARENT:
            return ""
        if name == "Tabs":
            if env["tabs"]:
                env["tabs"].pop()
            return "</div>\n"
        if name in ("Steps", "CardGrid", "FileTree", "TabItem", "LinkCard"):
            return "</div>\n"
        if name == "Aside":
            return "</div></aside>\n"
        if name == "Card":
            return "</div></article>\n"
        if name == "LinkButton":
            return self._link_button_close(env) + "\n"
        if name == "Badge":
            return "</span>"
        if name == "Icon":
            return "</p>\n"
        return "</div>\n"

    def _jsx_self(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        token = tokens[idx]
        name, attrs = token.info, token.meta["attrs"]
        if name == "LinkCard":
            return self._link_card(attrs, env)
        if name == "Badge":
            return f"<p>{self._badge(attrs)}</p>\n"
        if name == "Icon":
            return f"<p>{icon_from(attrs, env['warnings'])}</p>\n"
        if name == "Code":
            return self._code_component(attrs, env)
        if name in ("Steps", "CardGrid", "FileTree", "Tabs", "TabItem"):
            return ""
        if name == "Card":
            return f"{self._card_head(attrs, env)}</article>\n"
        if name == "Aside":
            return ""
        if name == "LinkButton":
            return f"<p>{self._link_button_open(attrs, env)}{self._link_button_close(env)}</p>\n"
        _warn(env, unknown_message(name))
        opened = unknown_open(name, attrs)
        return opened + "</div>\n" if 'class="component-prop' in opened else ""

    def _card_head(self, attrs: dict[str, Any], env: dict[str, Any]) -> str:
        return f'<article class="card"><p class="card-title">{self._icon_attr(attrs, env)}{escape_html(_attr(attrs, "title"))}</p>'

    def _code_component(self, attrs: dict[str, Any], env: dict[str, Any]) -> str:
        return code_component(attrs, self.strings, lambda message: _warn(env, message), env.get("raw"))

    def _jsx_unreadable(self, tokens: list[Token], idx: int, env: dict[str, Any]) -> str:
        return ""  # a tag never closed: left out (warned where it is read); what follows renders

    def _link_card(self, attrs: dict[str, Any], env: dict[str, Any]) -> str:
        href = _attr(attrs, "href")
        href = self._href(env, href) if href and _safe_href(href) else "#"
        description = _attr(attrs, "description")
        description_html = f'<span class="description">{escape_html(description)}</span>' if description else ""
        return (
            f'<div class="link-card"><a href="{escape_html(href)}"><span class="title">{escape_html(_attr(attrs, "title"))}</span>'
            f"{description_html}</a>{ARROW}</div>\n"
        )
