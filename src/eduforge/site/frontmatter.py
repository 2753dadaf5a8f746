"""Split a Markdown file into frontmatter and body, and read the YAML as Astro does.

Astro reads frontmatter with js-yaml's default schema, which is YAML 1.2-like:
``yes``/``no``/``on``/``off`` are strings, only ``true``/``false`` are booleans,
unquoted ``2024-09-30`` is a date.  We compose the YAML with libyaml (fast, and it
keeps every node's position), then build plain Python data ourselves, so that

* every key and value keeps its (line, column) in the file,
* duplicate keys, object-constructing tags and alias bombs become problems,
  never crashes or code execution.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from eduforge.project.versions import parse_version

try:  # libyaml's parser; the pure-Python one is a slow but equal fallback
    from yaml._yaml import CParser as _CParser

    _LIBYAML = True
except ImportError:  # pragma: no cover
    from yaml.parser import Parser as _CParser  # type: ignore[assignment]

    _LIBYAML = False

PathKey = tuple[str | int, ...]
"""Where a value sits in the frontmatter: ``("hero", "actions", 0, "link")``."""


def display(path: PathKey) -> str:
    """A path as authors write it: ``hero.actions[0].link``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


MAX_NODES = 100_000
"""Expanding aliases past this many nodes is refused (billion-laughs guard)."""
MAX_DEPTH = 100

_FENCE = re.compile(r"---[ \t]*(?:\n|$)")
_CLOSING_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class LoadIssue:
    """A problem found while loading; the page layer adds path and rule severity."""

    line: int
    column: int
    rule: str
    message: str


@dataclass
class Frontmatter:
    """The frontmatter of one file: data, positions, and where things are."""

    data: dict[str, Any] | None
    """The mapping, or ``None`` when there is none or it could not be read."""
    fence_line: int | None
    """Line of the opening ``---``, or ``None`` when the file has no frontmatter."""
    body_line: int
    """First line of the body."""
    body: str
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    value_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    issues: list[LoadIssue] = field(default_factory=list)
    strings: list[tuple[PathKey, str]] = field(default_factory=list)
    """Every string value that may hold a link (http URLs, HTML), with its path."""
    date_paths: list[PathKey] = field(default_factory=list)
    """Where the dates are (validators that know no dates need them converted)."""
    string_marks: dict[PathKey, tuple[int, int, int, int, str | None]] = field(default_factory=dict)
    """For each of ``strings``: where its scalar starts and ends (0-based line and column in
    ``yaml_text``) and its style, so a position inside the value can be found."""
    yaml_text: str = ""
    yaml_line: int = 2
    """The file's line on which ``yaml_text`` starts."""
    _sources: dict[PathKey, list[int] | None] = field(default_factory=dict, repr=False, compare=False)
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def position(self, path: PathKey) -> tuple[int, int]:
        """Position of the value at ``path``, else of its nearest ancestor, else the fence."""
        while path:
            if path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return (self.fence_line or 1, 1)

    def position_in(self, path: PathKey, value: str, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` of the string ``value`` at ``path``, in the file.

        Exact through quotes, escapes, block scalars and line folding (see
        :mod:`eduforge.site.scalar_source`); the value's start when the
        scalar cannot be read back (TOML, an explicit indentation indicator).
        """
        marks = self.string_marks.get(path)
        if marks is None or not 0 <= offset < len(value):
            return self.position(path)
        if not self._line_starts:  # once per page, then each lookup is a bisection: linear however many links
            self._line_starts = [0, *(match.end() for match in re.finditer("\n", self.yaml_text))]
        starts = self._line_starts
        if path not in self._sources:  # once per value, however many links it holds
            from eduforge.site.scalar_source import source_offsets

            start_line, start_column, end_line, end_column, style = marks
            found = None
            if end_line < len(starts):
                start, end = starts[start_line] + start_column, starts[end_line] + end_column
                found = source_offsets(self.yaml_text, start, end, style, value)
            self._sources[path] = found
        offsets = self._sources[path]
        if offsets is None or len(offsets) != len(value):
            return self.position(path)
        index = offsets[offset]
        line = bisect.bisect_right(starts, index) - 1
        return line + self.yaml_line, index - starts[line] + 1

    def key_position(self, path: PathKey) -> tuple[int, int]:
        """Position of the key at ``path`` (the value's, for list items)."""
        return self.key_positions.get(path) or self.position(path)


# --- YAML 1.2 (js-yaml default schema) resolution --------------------------------

_INT = r"[-+]?(?:0b[01]+|0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+)"  # js-yaml 4: no 1_000
_FLOAT = r"[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?"  # js-yaml: "-.5" is text
_FLOAT_SPECIAL = r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
_SHAPES: dict[str, re.Pattern[str]] = {
    "tag:yaml.org,2002:null": re.compile(r"(?:~|null|Null|NULL|)\Z"),
    "tag:yaml.org,2002:bool": re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"),
    "tag:yaml.org,2002:int": re.compile(rf"(?:{_INT})\Z"),
    "tag:yaml.org,2002:float": re.compile(rf"(?:{_FLOAT}|{_FLOAT_SPECIAL})\Z"),
    "tag:yaml.org,2002:timestamp": re.compile(
        r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
        r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)\Z"
    ),
}
_FLOAT_SPECIAL_SHAPE = re.compile(rf"(?:{_FLOAT_SPECIAL})\Z")
"""What js-yaml's types accept (their ``resolve``), implicitly or after an explicit ``!!tag``."""
_FIRST_CHARS = {
    "tag:yaml.org,2002:null": "~nN",
    "tag:yaml.org,2002:bool": "tTfF",
    "tag:yaml.org,2002:int": "-+0123456789",
    "tag:yaml.org,2002:float": "-+0123456789.",
    "tag:yaml.org,2002:timestamp": "0123456789",
}
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"


def _finite_number(tag: str, text: str) -> bool:
    """js-yaml reads a number only when it is finite: ``1e999`` and 400-digit integers are text."""
    if tag == _FLOAT_TAG and _FLOAT_SPECIAL_SHAPE.match(text):
        return True
    digits = text.lstrip("+-")
    try:
        if digits[:2] in ("0b", "0o", "0x"):
            return math.isfinite(float(int(digits[2:], {"b": 2, "o": 8, "x": 16}[digits[1]])))
        return math.isfinite(float(text))  # float() has no digit limit, int() stops at 4,300
    except OverflowError:
        return False


def accepts(tag: str, text: str) -> bool:
    """Whether js-yaml's type for ``tag`` accepts the scalar ``text``."""
    shape = _SHAPES.get(tag)
    if shape is None:
        return tag == _STR
    if not shape.match(text):
        return False
    return tag not in (_INT_TAG, _FLOAT_TAG) or _finite_number(tag, text)


_CANDIDATES: dict[str, list[str]] = {}
for _tag in _SHAPES:  # js-yaml's order: null, bool, int, float, timestamp
    for _char in _FIRST_CHARS[_tag]:
        _CANDIDATES.setdefault(_char, []).append(_tag)

_TAG_OF: dict[str, str] = {}
"""Tags of plain scalars seen before: keys and common values repeat on every page."""


def _plain_tag(value: str) -> str:
    """The tag js-yaml gives a plain scalar: null, bool, int, float, timestamp, else text."""
    tag = _TAG_OF.get(value)
    if tag is None:
        tag = _STR
        if value == "<<":
            tag = _MERGE
        elif value == "":
            tag = "tag:yaml.org,2002:null"
        else:
            for candidate in _CANDIDATES.get(value[0], ()):
                if accepts(candidate, value):
                    tag = candidate
                    break
        if len(_TAG_OF) > 100_000:
            _TAG_OF.clear()
        _TAG_OF[value] = tag
    return tag


class _Resolver(BaseResolver):
    """Tags resolve as js-yaml's default schema does (no path resolvers, no YAML 1.1)."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _plain_tag(value) if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


class _Composer(_CParser, Composer, _Resolver):
    """libyaml parses and composes (fast, in C); tags resolve with ``_Resolver``."""

    def __init__(self, stream: str) -> None:
        _CParser.__init__(self, stream)
        Composer.__init__(self)


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        super().__init__("too deep")
        self.mark = mark


class _PyComposer(Reader, Scanner, Parser, Composer, _Resolver):
    """PyYAML's pure-Python parser, for the rare documents libyaml refuses on its own terms.

    It composes event by event, so eduforge's depth limit stops it before any other, at the
    same node the builder stops libyaml's tree (whichever parser read the document, the problem
    is the same);
    and an anchor may be defined again (the later one wins), as js-yaml allows.
    """

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        self.depth += 1
        if self.depth > MAX_DEPTH and isinstance(event, yaml.CollectionStartEvent):
            raise _TooDeep(event.start_mark)  # a scalar that deep is refused by the builder, as libyaml's nodes are
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.anchors.pop(anchor, None)
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1

    def dispose(self) -> None:
        pass


def _compose(yaml_text: str) -> yaml.Node | None:
    """The node tree; libyaml's own limits (nesting 1000 deep, one anchor name per document)
    send the document to the pure-Python parser, where eduforge's rules apply first."""
    if not _LIBYAML:  # pragma: no cover
        return _PyComposer(yaml_text).get_single_node()
    composer = _Composer(yaml_text)
    try:
        return composer.get_single_node()
    except yaml.MarkedYAMLError as error:
        if "nesting depth" not in str(error.problem) and "duplicate anchor" not in str(error.context):
            raise
    finally:
        composer.dispose()
    return _PyComposer(yaml_text).get_single_node()


_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d*))?"
    r"(?:[ \t]*(Z|([-+])(\d{1,2})(?::?(\d{2}))?))?)?$"
)
_LATEST = dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC)
_EARLIEST = dt.datetime(1, 1, 1, tzinfo=dt.UTC)


class _Invalid(Exception):
    """A problem that makes the whole frontmatter unreadable, at ``mark``."""

    def __init__(self, mark: Any, rule: str, message: str) -> None:
        super().__init__(message)
        self.mark, self.rule, self.message = mark, rule, message


def _tag_name(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Builder:
    """Turns a composed YAML node tree into plain data, recording positions."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.key_positions: dict[PathKey, tuple[int, int]] = {}
        self.value_positions: dict[PathKey, tuple[int, int]] = {}
        self.issues: list[LoadIssue] = []
        self.strings: list[tuple[PathKey, str]] = []
        self.string_marks: dict[PathKey, tuple[int, int, int, int, str | None]] = {}
        self.date_paths: list[PathKey] = []
        self.current: PathKey = ()
        self.nodes = 0
        self.top_key: yaml.Node | None = None
        """The top-level key being built: where an alias bomb is reported."""

    def pos(self, mark: Any) -> tuple[int, int]:
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def issue(self, node: yaml.Node, rule: str, message: str) -> None:
        self.issues.append(LoadIssue(*self.pos(node.start_mark), rule, message))

    def build(self, node: yaml.Node, path: PathKey, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            where, name = (
                (self.top_key, f'the value of "{self.top_key.value}"')
                if self.top_key is not None
                else (node, "the frontmatter")
            )
            raise _Invalid(
                where.start_mark,
                "yaml-syntax",
                f"{name} expands to more than {MAX_NODES:,} values through aliases (a billion-laughs bomb?); it is refused",
            )
        if depth >= MAX_DEPTH:  # js-yaml's maxDepth: the root and 99 levels inside it
            raise _Invalid(node.start_mark, "yaml-syntax", _TOO_DEEP)
        self.value_positions.setdefault(path, self.pos(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self.unknown_tag(node)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        self.current = path
        value = self.scalar(node)  # type: ignore[arg-type]
        if value.__class__ is str and ("<" in value or value[:4].lower() == "http"):
            self.strings.append((path, value))
            start, end, style = node.start_mark, node.end_mark, getattr(node, "style", None)
            self.string_marks[path] = (start.line, start.column, end.line, end.column, style)
        return value

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> Any:
        if node.tag != _MAP:
            return self.unknown_tag(node)
        result: dict[str, Any] = {}
        own: set[str] = set()
        """Keys written in this mapping (merged ones may be overridden, own ones not)."""
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.merge(result, value_node, path, depth)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Invalid(
                    key_node.start_mark, "yaml-syntax", "a frontmatter key must be plain text, not a list or mapping"
                )
            key = key_node.value  # js-yaml turns every scalar key into its text
            if key in own:
                first = self.key_positions[(*path, key)]
                raise _Invalid(
                    key_node.start_mark,
                    "yaml-duplicate-key",
                    f'duplicate key "{key}" (first defined at line {first[0]}); remove one of them',
                )
            own.add(key)
            self.key_positions[(*path, key)] = self.pos(key_node.start_mark)
            self.value_positions.pop((*path, key), None)  # a merged value this key overrides
            if not path:
                self.top_key = key_node
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def merge(self, result: dict[str, Any], value_node: yaml.Node, path: PathKey, depth: int) -> None:
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            merged = self.build(source, path, depth + 1)
            if not isinstance(merged, dict):
                raise _Invalid(source.start_mark, "yaml-syntax", "a << merge key needs a mapping or a list of mappings")
            for key, value in merged.items():
                result.setdefault(key, value)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag in _SHAPES and _plain_tag(value) != tag and not accepts(tag, value):
            raise _Invalid(
                node.start_mark,
                "yaml-syntax",
                f'"{_shorten(value)}" is not a valid {_tag_name(tag)} value; remove the tag or write the value it names',
            )
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag == _INT_TAG:
            return self.integer(value)
        if tag == _FLOAT_TAG:
            return self.floating(value)
        if tag == "tag:yaml.org,2002:timestamp":
            self.date_paths.append(self.current)
            return self.timestamp(node)
        return self.unknown_tag(node)

    @staticmethod
    def integer(text: str) -> int:
        sign = -1 if text.startswith("-") else 1
        text = text.lstrip("+-")
        for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
            if text.startswith(prefix):
                return sign * int(text[2:], base)
        return sign * int(text) if len(text) < 4000 else sign * int(float(text))  # finite, so < 310 digits

    @staticmethod
    def floating(text: str) -> float:
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(lowered)

    def timestamp(self, node: yaml.ScalarNode) -> dt.date:
        """A date as JavaScript's ``Date.UTC`` makes it: impossible values roll over, with a warning."""
        match = _TIMESTAMP.match(node.value)
        assert match is not None  # the resolver matched the same shape
        year, month, day, hour, minute, second, fraction, zone, sign, tz_hour, tz_minute = match.groups()
        js_year = int(year) + 1900 if int(year) < 100 else int(year)  # Date.UTC(1, 0, 1) is 1901-01-01
        days = int(day) - 1
        seconds = int(hour or 0) * 3600 + int(minute or 0) * 60 + int(second or 0)
        if zone and zone != "Z":
            seconds -= (int(tz_hour) * 3600 + int(tz_minute or 0) * 60) * (-1 if sign == "-" else 1)
        micro = int((fraction or "0")[:3].ljust(6, "0"))  # JavaScript keeps milliseconds
        months = js_year * 12 + int(month) - 1
        try:
            day_start = dt.datetime(months // 12, months % 12 + 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=days)
            moment = day_start + dt.timedelta(seconds=seconds, microseconds=micro)
        except (ValueError, OverflowError):
            moment = _LATEST if months >= 12 else _EARLIEST
            self.issue(
                node,
                "frontmatter-date",
                f'"{node.value}" falls outside the years 1 to 9999; eduforge reads it as {moment.date().isoformat()};'
                " write the date you mean",
            )
            return moment if hour is not None else moment.date()
        shown = moment.date().isoformat() if hour is None else moment.isoformat().replace("+00:00", "Z")
        real_time = hour is None or (int(hour) <= 23 and int(minute) <= 59 and int(second) <= 59)
        if js_year != int(year):
            self.issue(
                node,
                "frontmatter-date",
                f'"{node.value}": JavaScript reads the years 0000 to 0099 as 1900 to 1999, so Starlight reads {shown};'
                " write the full year",
            )
        elif (day_start.year, day_start.month, day_start.day) != (int(year), int(month), int(day)) or not real_time:
            self.issue(
                node,
                "frontmatter-date",
                f'"{node.value}" is not a real date; Starlight reads it as {shown}; write the date you mean',
            )
        return moment if hour is not None else moment.date()

    def unknown_tag(self, node: yaml.Node) -> None:
        self.issue(
            node,
            "yaml-syntax",
            f'the YAML tag "{_tag_name(node.tag)}" is not allowed in frontmatter; remove it'
            " (eduforge never constructs tagged objects)",
        )
        return None


_TOO_DEEP = f"the frontmatter nests deeper than {MAX_DEPTH} levels; it is refused"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- characters js-yaml and libyaml read differently ------------------------------

_SPECIAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Characters libyaml refuses (controls, noncharacters) or reads as line breaks (U+0085,
U+2028, U+2029) or a BOM, where js-yaml reads ordinary characters or refuses them by context."""
_ALWAYS_FINE = frozenset("\x85\u2028\u2029\ufeff")
_NAMES = {0: "NUL", 8: "backspace", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "escape", 0x7F: "delete"}


@dataclass
class _StandIns:
    """The YAML text with each special character replaced by a private-use stand-in that libyaml
    reads as an ordinary character (same length, so every position stays true)."""

    text: str
    restore: dict[int, str]
    found: list[int]
    """Offsets of the characters js-yaml may refuse (all but ``_ALWAYS_FINE``)."""


def _stand_ins(text: str) -> _StandIns | None:
    if not _SPECIAL.search(text):
        return None
    used = {ord(char) >> 8 for char in text if ord(char) >= 0xE000}
    block = next(b for b in [*range(0xE0, 0xF9), *range(0xF00, 0xFFF)] if b not in used)  # a free 256-char block
    slots: dict[str, str] = {}
    for extra, char in enumerate("\u2028\u2029\ufeff\ufffe\uffff"):
        slots[char] = chr((block << 8) + 0xF0 + extra)
    found = []
    pieces = []
    last = 0
    for match in _SPECIAL.finditer(text):
        char = match.group()
        stand_in = slots.get(char) or chr((block << 8) + ord(char))
        slots[char] = stand_in
        if char not in _ALWAYS_FINE:
            found.append(match.start())
        pieces += [text[last : match.start()], stand_in]
        last = match.end()
    pieces.append(text[last:])
    return _StandIns("".join(pieces), {ord(v): k for k, v in slots.items()}, found)


def _restore(root: yaml.Node, stand_ins: _StandIns, original: str) -> list[tuple[int, str]]:
    """Put the original characters back into every scalar; return the ones js-yaml refuses
    (offset, message): controls in plain and block scalars and outside comments, C0 controls
    even inside quotes, NUL anywhere."""
    spans: list[tuple[int, int, str | None]] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            spans.append((node.start_mark.index, node.end_mark.index, node.style))
            node.value = node.value.translate(stand_ins.restore)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        else:
            stack.extend(node.value)
    spans.sort()
    starts = [span[0] for span in spans]
    refused = []
    # the offsets ascend: each line is read once for where it starts and where its comment does
    # (read again from the line start for each control, 200,000 on one line cost minutes)
    last = line_start = scanned = 0
    comment = -1
    for offset in stand_ins.found:
        newline = original.rfind("\n", last, offset)
        if newline >= 0:
            line_start = scanned = newline + 1
            comment = -1
        last = offset
        char = original[offset]
        index = bisect.bisect_right(starts, offset) - 1
        if char == "\x00":
            pass  # js-yaml refuses NUL anywhere, even in comments
        elif index >= 0 and offset < spans[index][1]:
            style = spans[index][2]
            if style in ("'", '"') and ord(char) >= 0x20:
                continue  # js-yaml's quoted scalars take any character but C0 controls
        else:
            if comment < 0:
                comment = _comment_start(original, line_start, scanned, offset, (starts, spans))
                scanned = offset
            if comment >= 0:
                continue
        refused.append((offset, _control_message(char, index >= 0 and spans[index][2] == '"')))
    return refused


def _comment_start(
    text: str, line_start: int, start: int, end: int, scalars: tuple[list[int], list[tuple[int, int, str | None]]]
) -> int:
    """Where a comment starts in ``text[start:end]`` of the line at ``line_start`` (-1: none): a ``#``
    outside every scalar, at the line start or after a space."""
    starts, spans = scalars
    hash_at = text.find("#", start, end)
    while hash_at != -1:
        index = bisect.bisect_right(starts, hash_at) - 1
        inside = index >= 0 and hash_at < spans[index][1]
        if not inside and (hash_at == line_start or text[hash_at - 1] in " \t"):
            return hash_at
        hash_at = text.find("#", hash_at + 1, end)
    return -1


def _control_message(char: str, double_quoted: bool) -> str:
    code = ord(char)
    name = _NAMES.get(code) or (
        "a C1 control, often a Windows-1252 quote or dash decoded wrongly"
        if 0x80 <= code <= 0x9F
        else "a noncharacter"
        if code >= 0xFFFE
        else "a control character"
    )
    fix = (
        f'write it as "\\u{code:04X}" if you mean it' if double_quoted else "delete it or type the character you meant"
    )
    return f"the invisible character U+{code:04X} ({name}) is not allowed here in YAML; {fix}"


# --- YAML errors in eduforge's words -----------------------------------------------

_WORDS: list[tuple[str, str]] = [
    ("mapping values are not allowed", 'a ": " inside a value; put the whole value in quotes'),
    ("cannot start any token", '"{char}" cannot start a value; put the value in quotes'),
    (
        "alphabetic or numeric character",
        'a value starting with "*" or "&" is read as a YAML alias or anchor; put the value in quotes',
    ),
    ("undefined alias", 'the alias "*{alias}" names no anchor "&{alias}" defined before it; put the value in quotes'),
    ("escape", "an invalid escape in a double-quoted value; write \\\\ for a backslash, or use single quotes"),
    (
        "expected key",
        "this line is not indented like the keys around it, or text follows a quoted value; "
        "align the key with its neighbours or put the whole value in quotes",
    ),
    ("'-' indicator", 'this line breaks a list: every item needs "- " at the same indentation'),
    ("node content", "a value is missing here; write a value or put the text in quotes"),
    ("could not find expected ':'", 'a key without ":"; write key: value (a key must stay on one line)'),
    (
        "block sequence entries",
        'a "- " list item cannot start on the line of its key; put it on the next line or put the value in quotes',
    ),
    ("mapping keys are not allowed", 'a "? " is read as a YAML key marker here; put the value in quotes'),
    ("indentation indicator", 'a block scalar header (after | or >) takes only a digit 1-9 and "+" or "-"'),
    ("tag", 'an invalid YAML tag after "!"; put the value in quotes if "!" is part of the text'),
    ("document", 'the frontmatter must be one YAML document; remove the "..." or "%" line'),
    ("directive", 'the frontmatter must be one YAML document; remove the "..." or "%" line'),
]
_UNCLOSED = {
    "quoted scalar": "this quoted value is never closed; add the closing quote",
    "flow sequence": 'this [ list is never closed, or its items lack commas; add "]" (or put text holding "[" in quotes)',
    "flow mapping": 'this { mapping is never closed, or its items lack commas; add "}" (or put text holding "{" in quotes)',
}
_GENERIC = "this is not valid YAML; check the indentation, colons, quotes and brackets here"


def _syntax_issue(error: yaml.MarkedYAMLError, text: str) -> LoadIssue:
    """A libyaml/PyYAML error as eduforge says it, at the most useful position."""
    problem, context = str(error.problem or ""), str(error.context or "")
    mark = error.problem_mark or error.context_mark
    words = next((w for key, w in _WORDS if key in problem), None)
    closing = problem.startswith("found unexpected end") or "',' or" in problem
    for kind, message in _UNCLOSED.items():
        if kind in context and closing and error.context_mark is not None:
            words, mark = message, error.context_mark
            break
    words_for = dict(_WORDS)
    if "directive" in context:
        words = words_for["directive"]
    elif "block scalar" in context and "comment or line break" in problem:
        words = words_for["indentation indicator"]
    elif "tag" in context and words is None:
        words = words_for["tag"]
    index = mark.index if mark is not None else 0
    if text[index : index + 1] == "\t" or "tab" in problem or "tab" in context:
        words = "a tab character; YAML allows only spaces for indentation"
    if "nesting depth" in problem:
        words = _TOO_DEEP
    alias = re.match(r"\*?([^\s,\[\]{}]*)", text[index:])
    words = (words or _GENERIC).replace("{char}", text[index : index + 1])
    words = words.replace("{alias}", alias.group(1) if alias else "")
    line, column = (mark.line + 2, mark.column + 1) if mark is not None else (2, 1)
    return LoadIssue(line, column, "yaml-syntax", words if words == _TOO_DEEP else f"YAML syntax error: {words}")


def _line_cols(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """``_line_col`` of ascending offsets, reading the text once (not once per offset)."""
    found: list[tuple[int, int]] = []
    line, line_start, last = 1, 0, 0
    for offset in offsets:
        newlines = text.count("\n", last, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", last, offset) + 1
        last = offset
        found.append((line, offset - line_start + 1))
    return found


def _line_col(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


_LEADING_BLANK = re.compile(r"(?:[ \t]*\n)+(?=---|\+\+\+)")
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*(?:\n|$)")
_TOML_CLOSING = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Dialect:
    """What the project's Astro version accepts around the frontmatter."""

    leading_blank_lines: bool = False
    """Astro ≥ 5.0.4: blank lines before the opening fence."""
    toml: bool = False
    """Astro ≥ 5.2: ``+++`` fences and TOML frontmatter."""


CURRENT_ASTRO = Dialect(leading_blank_lines=True, toml=True)
LEGACY_ASTRO = Dialect()


@lru_cache(maxsize=8)
def dialect_for(astro_version: str | None) -> Dialect:
    """The frontmatter Astro ``astro_version`` reads; an unknown version reads as the current release."""
    parts = parse_version(astro_version)
    if parts is None:
        return CURRENT_ASTRO
    return Dialect(parts >= (5, 0, 4), parts >= (5, 2, 0))


def split_and_parse(text: str, dialect: Dialect = CURRENT_ASTRO) -> Frontmatter:
    """Parse the text of a Markdown file (already decoded, ``\\n`` line ends)."""
    if dialect.leading_blank_lines and text[:1] in (" ", "\t", "\n"):
        blank = _LEADING_BLANK.match(text)
        if blank is not None:
            return _shifted(split_and_parse(text[blank.end() :], dialect), text[: blank.end()].count("\n"))
    if dialect.toml and _TOML_FENCE.match(text):
        return _split_toml(text)
    if not _FENCE.match(text):
        return Frontmatter(data=None, fence_line=None, body_line=1, body=text)
    first_line_end = text.find("\n")
    if first_line_end == -1:
        first_line_end = len(text)
    closing = _CLOSING_FENCE.search(text, first_line_end + 1) if first_line_end < len(text) else None
    if closing is None:
        return Frontmatter(
            data=None,
            fence_line=1,
            body_line=1,
            body=text,
            issues=[
                LoadIssue(
                    1,
                    1,
                    "frontmatter-fence",
                    "the frontmatter opened by --- on line 1 is never closed; add a line with --- after the last key",
                )
            ],
        )
    yaml_text = text[first_line_end + 1 : closing.start()]
    closing_line, _ = _line_col(text, closing.start())
    body_start = closing.end() + 1 if closing.end() < len(text) else len(text)
    frontmatter = Frontmatter(data=None, fence_line=1, body_line=closing_line + 1, body=text[body_start:])
    _parse_yaml(yaml_text, frontmatter)
    return frontmatter


KeptFrontmatter = tuple[bytes, int | None, int, str]
"""What a later use of a page needs of its frontmatter reading (see :func:`keep_frontmatter`): the data
pickled, the fence and body lines, and the body."""


def keep_frontmatter(frontmatter: Frontmatter) -> KeptFrontmatter | None:
    """What the export needs of a reading, as data a worker process can send back: the body too, so
    the export shows each page as the checks read it, and no file is read twice in a run.

    None when the data cannot be kept (it always can: YAML and TOML give plain values, nested at
    most :data:`MAX_DEPTH` deep); the page is then read and parsed again."""
    import pickle  # only an export keeps readings: a lint run never loads it

    try:
        data = pickle.dumps(frontmatter.data, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # never the reading's failure: the page is parsed again instead
        return None
    return data, frontmatter.fence_line, frontmatter.body_line, frontmatter.body


def restore_frontmatter(kept: KeptFrontmatter) -> Frontmatter:
    """The frontmatter as the earlier reading found it: its data, lines and body."""
    import pickle

    data, fence_line, body_line, body = kept
    return Frontmatter(pickle.loads(data), fence_line, body_line, body)  # our own worker's data


MAX_REFUSED = 20
"""Invisible characters listed one by one per frontmatter; the rest are counted in one more problem."""


def _refused_issues(refused: list[tuple[int, str]], yaml_text: str, frontmatter: Frontmatter) -> None:
    """A ``yaml-syntax`` problem for each of the first :data:`MAX_REFUSED` refused characters, and one at the
    next for all those after it (800,000 on one line were 800,000 problems)."""
    shown = refused[: MAX_REFUSED + 1]
    positions = _line_cols(yaml_text, [offset for offset, _ in shown])
    for number, ((line, column), (_, message)) in enumerate(zip(positions, shown, strict=True)):
        if number == MAX_REFUSED:
            rest = len(refused) - MAX_REFUSED
            message = (
                f"{rest:,} more invisible characters from here on are not allowed in YAML (not listed one by one); "
                "delete them or type the characters you meant"
                if rest > 1
                else message
            )
        frontmatter.issues.append(LoadIssue(line + 1, column, "yaml-syntax", message))  # the YAML starts on line 2


def _parse_yaml(yaml_text: str, frontmatter: Frontmatter) -> None:
    builder = _Builder(line_offset=1)
    stand_ins = _stand_ins(yaml_text)
    parsed = stand_ins.text if stand_ins else yaml_text
    try:
        node = _compose(parsed)
        if node is not None and stand_ins is not None:
            refused = _restore(node, stand_ins, yaml_text)
            if refused:
                _refused_issues(refused, yaml_text, frontmatter)
                return
        data = {} if node is None else builder.build(node, ())
    except yaml.MarkedYAMLError as error:
        frontmatter.issues.append(_syntax_issue(error, yaml_text))
        return
    except yaml.YAMLError:  # pragma: no cover - every libyaml error is marked once controls are stood in for
        frontmatter.issues.append(LoadIssue(2, 1, "yaml-syntax", f"YAML syntax error: {_GENERIC}"))
        return
    except _TooDeep as deep:
        frontmatter.issues.append(LoadIssue(*builder.pos(deep.mark), "yaml-syntax", _TOO_DEEP))
        return
    except _Invalid as invalid:
        frontmatter.issues.extend(builder.issues)
        frontmatter.issues.append(LoadIssue(*builder.pos(invalid.mark), invalid.rule, invalid.message))
        return
    except RecursionError:
        frontmatter.issues.append(LoadIssue(2, 1, "yaml-syntax", _TOO_DEEP))
        return
    frontmatter.issues.extend(builder.issues)
    if not isinstance(data, dict):
        assert node is not None  # no node is the empty mapping
        kind = "a list" if isinstance(data, list) else "a single value"
        frontmatter.issues.append(
            LoadIssue(
                *builder.pos(node.start_mark),
                "frontmatter-type",
                f"the frontmatter must be a mapping of keys to values, not {kind}",
            )
        )
        return
    frontmatter.data = data
    frontmatter.strings = builder.strings
    frontmatter.string_marks = builder.string_marks
    frontmatter.yaml_text = yaml_text
    frontmatter.date_paths = builder.date_paths
    frontmatter.key_positions = builder.key_positions
    frontmatter.value_positions = builder.value_positions


def _shifted(frontmatter: Frontmatter, lines: int) -> Frontmatter:
    """The frontmatter of a text that had ``lines`` blank lines before it: every line moved down."""
    if frontmatter.fence_line is None:
        return Frontmatter(None, None, 1, "\n" * lines + frontmatter.body)
    frontmatter.fence_line += lines
    frontmatter.body_line += lines
    frontmatter.yaml_line += lines
    frontmatter.key_positions = {path: (line + lines, col) for path, (line, col) in frontmatter.key_positions.items()}
    frontmatter.value_positions = {
        path: (line + lines, col) for path, (line, col) in frontmatter.value_positions.items()
    }
    frontmatter.issues = [
        LoadIssue(issue.line + lines, issue.column, issue.rule, issue.message) for issue in frontmatter.issues
    ]
    return frontmatter


def _split_toml(text: str) -> Frontmatter:
    """``+++`` TOML frontmatter (Astro ≥ 5.2): top-level keys are positioned, nested ones at their table."""
    import tomllib

    first_line_end = text.find("\n")
    closing = _TOML_CLOSING.search(text, first_line_end + 1) if first_line_end != -1 else None
    if closing is None:
        message = "the frontmatter opened by +++ on line 1 is never closed; add a line with +++ after the last key"
        return Frontmatter(None, 1, 1, text, issues=[LoadIssue(1, 1, "frontmatter-fence", message)])
    toml_text = text[first_line_end + 1 : closing.start()]
    closing_line = text.count("\n", 0, closing.start()) + 1
    body_start = closing.end() + 1 if closing.end() < len(text) else len(text)
    frontmatter = Frontmatter(data=None, fence_line=1, body_line=closing_line + 1, body=text[body_start:])
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"line (\d+), column (\d+)", str(error))
        line, column = (int(where.group(1)) + 1, int(where.group(2))) if where else (2, 1)
        frontmatter.issues.append(LoadIssue(line, column, "yaml-syntax", "the TOML frontmatter is not valid TOML here"))
        return frontmatter
    except RecursionError:  # arrays or inline tables nested deeper than Python recurses
        message = "the TOML frontmatter is nested too deeply to read; flatten its arrays and tables"
        frontmatter.issues.append(LoadIssue(2, 1, "yaml-syntax", message))
        return frontmatter
    frontmatter.data = data
    table: tuple[str, ...] = ()
    for number, line_text in enumerate(toml_text.split("\n"), start=2):
        header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$", line_text)
        if header:
            table = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
            frontmatter.key_positions.setdefault(table, (number, line_text.find(table[0]) + 1))
            continue
        key = re.match(r"(\s*)([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*=\s*", line_text)
        if key:
            path = (*table, key.group(2).strip("\"'"))
            frontmatter.key_positions.setdefault(path, (number, len(key.group(1)) + 1))
            frontmatter.value_positions.setdefault(path, (number, key.end() + 1))
    _collect(data, (), frontmatter)
    return frontmatter


def _collect(value: Any, path: PathKey, frontmatter: Frontmatter) -> None:
    """Strings that may hold links, and where the dates are, in TOML data."""
    if isinstance(value, dict):
        for key, item in value.items():
            _collect(item, (*path, key), frontmatter)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect(item, (*path, index), frontmatter)
    elif isinstance(value, str):
        frontmatter.strings.append((path, value))
    elif isinstance(value, dt.date):
        frontmatter.date_paths.append(path)
