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

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml's parser; the pure-Python one is a slow but equal fallback
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]

from yaml.composer import Composer
from yaml.resolver import BaseResolver

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

    def position(self, path: PathKey) -> tuple[int, int]:
        """Position of the value at ``path``, else of its nearest ancestor, else the fence."""
        while path:
            if path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return (self.fence_line or 1, 1)

    def key_position(self, path: PathKey) -> tuple[int, int]:
        """Position of the key at ``path`` (the value's, for list items)."""
        return self.key_positions.get(path) or self.position(path)


# --- YAML 1.2 (js-yaml default schema) resolution --------------------------------


class _Resolver(BaseResolver):
    """The implicit tags of js-yaml's default schema, not YAML 1.1's."""


_Resolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?[0-9]+|0b[01]+|0o[0-7]+|0x[0-9a-fA-F]+)$",  # js-yaml 4: no 1_000
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:[0-9]+)?\.[0-9]*(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?[0-9]+[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    (
        "tag:yaml.org,2002:timestamp",
        r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
        r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$",
        "0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"^<<$", "<"),
]:
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


_SCALAR_RESOLVERS = _Resolver.yaml_implicit_resolvers
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Composer(_Parser, Composer, _Resolver):  # type: ignore[misc, valid-type]
    """libyaml composes; tags resolve with a lean version of PyYAML's resolver (no path resolvers)."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _plain_tag(value) if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_TAG_OF: dict[str, str] = {}
"""Tags of plain scalars seen before: keys and common values repeat on every page."""


def _plain_tag(value: str) -> str:
    tag = _TAG_OF.get(value)
    if tag is None:
        tag = _STR
        for candidate, regexp in _SCALAR_RESOLVERS.get(value[:1], ()):
            if regexp.match(value):
                tag = candidate
                break
        if len(_TAG_OF) > 100_000:
            _TAG_OF.clear()
        _TAG_OF[value] = tag
    return tag


_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d*))?"
    r"(?:[ \t]*(Z|([-+])(\d{1,2})(?::?(\d{2}))?))?)?$"
)


class _Invalid(Exception):
    def __init__(self, node: yaml.Node, rule: str, message: str) -> None:
        super().__init__(message)
        self.node, self.rule, self.message = node, rule, message


class _Builder:
    """Turns a composed YAML node tree into plain data, recording positions."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.key_positions: dict[PathKey, tuple[int, int]] = {}
        self.value_positions: dict[PathKey, tuple[int, int]] = {}
        self.issues: list[LoadIssue] = []
        self.strings: list[tuple[PathKey, str]] = []
        self.date_paths: list[PathKey] = []
        self.current: PathKey = ()
        self.nodes = 0
        self.top_key: yaml.Node | None = None
        """The top-level key being built: where an alias bomb is reported."""

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def issue(self, node: yaml.Node, rule: str, message: str) -> None:
        self.issues.append(LoadIssue(*self.pos(node), rule, message))

    def build(self, node: yaml.Node, path: PathKey, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            where, name = (
                (self.top_key, f'the value of "{self.top_key.value}"')
                if self.top_key is not None
                else (node, "the frontmatter")
            )
            raise _Invalid(
                where,
                "yaml-syntax",
                f"{name} expands to more than {MAX_NODES:,} values through aliases (a billion-laughs bomb?); it is refused",
            )
        if depth > MAX_DEPTH:
            raise _Invalid(node, "yaml-syntax", f"the frontmatter nests deeper than {MAX_DEPTH} levels; it is refused")
        self.value_positions.setdefault(path, self.pos(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                return self.unknown_tag(node)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        self.current = path
        value = self.scalar(node)
        if value.__class__ is str and ("<" in value or value[:4].lower() == "http"):
            self.strings.append((path, value))
        return value

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> Any:
        if node.tag != "tag:yaml.org,2002:map":
            return self.unknown_tag(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.merge(result, value_node, path, depth)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Invalid(key_node, "yaml-syntax", "a frontmatter key must be plain text, not a list or mapping")
            key = key_node.value  # js-yaml turns every scalar key into its text
            if key in result:
                first = self.key_positions[(*path, key)]
                raise _Invalid(
                    key_node,
                    "yaml-duplicate-key",
                    f'duplicate key "{key}" (first defined at line {first[0]}); remove one of them',
                )
            self.key_positions[(*path, key)] = self.pos(key_node)
            if not path:
                self.top_key = key_node
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def merge(self, result: dict[str, Any], value_node: yaml.Node, path: PathKey, depth: int) -> None:
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            merged = self.build(source, path, depth + 1)
            if not isinstance(merged, dict):
                raise _Invalid(source, "yaml-syntax", "a << merge key needs a mapping or a list of mappings")
            for key, value in merged.items():
                result.setdefault(key, value)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            return self.integer(value)
        if tag == "tag:yaml.org,2002:float":
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
        return sign * int(text)

    @staticmethod
    def floating(text: str) -> float:
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(lowered)

    def timestamp(self, node: yaml.ScalarNode) -> dt.date:
        match = _TIMESTAMP.match(node.value)
        assert match is not None  # the resolver matched the same shape
        year, month, day, hour, minute, second, fraction, zone, sign, tz_hour, tz_minute = match.groups()
        # JavaScript's Date.UTC rolls impossible values over (2024-02-30 is March 1st);
        # so do we, to agree with Starlight, and warn the author.
        months = int(year) * 12 + int(month) - 1
        try:
            date = dt.date(months // 12, months % 12 + 1, 1) + dt.timedelta(days=int(day) - 1)
        except (ValueError, OverflowError):
            raise _Invalid(node, "frontmatter-date", f'"{node.value}" is not a date JavaScript can represent') from None
        if (date.year, date.month, date.day) != (int(year), int(month), int(day)):
            self.issue(
                node,
                "frontmatter-date",
                f'"{node.value}" is not a real date; Starlight reads it as {date.isoformat()}; write the date you mean',
            )
        if hour is None:
            return date
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        offset = dt.timedelta(0)
        if zone and zone != "Z":
            offset = dt.timedelta(hours=int(tz_hour), minutes=int(tz_minute or 0)) * (-1 if sign == "-" else 1)
        moment = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
        moment += dt.timedelta(hours=int(hour), minutes=int(minute), seconds=int(second), microseconds=micro) - offset
        return moment

    def unknown_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.issue(
            node,
            "yaml-syntax",
            f'the YAML tag "{tag}" is not allowed in frontmatter; remove it (eduforge never constructs tagged objects)',
        )
        return None


def _line_col(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def split_and_parse(text: str) -> Frontmatter:
    """Parse the text of a Markdown file (already decoded, ``\\n`` line ends)."""
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


def _parse_yaml(yaml_text: str, frontmatter: Frontmatter) -> None:
    builder = _Builder(line_offset=1)
    try:
        composer = _Composer(yaml_text)
        try:
            node = composer.get_single_node()
        finally:
            composer.dispose()
        data = {} if node is None else builder.build(node, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        if mark and yaml_text[mark.index : mark.index + 1] == "\t":
            problem = "a tab character; YAML allows only spaces for indentation"
        frontmatter.issues.append(LoadIssue(line, column, "yaml-syntax", f"YAML syntax error: {problem}"))
        return
    except _Invalid as invalid:
        frontmatter.issues.extend(builder.issues)
        frontmatter.issues.append(LoadIssue(*builder.pos(invalid.node), invalid.rule, invalid.message))
        return
    except RecursionError:
        frontmatter.issues.append(
            LoadIssue(2, 1, "yaml-syntax", "the frontmatter nests too deeply to read; it is refused")
        )
        return
    frontmatter.issues.extend(builder.issues)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        frontmatter.issues.append(
            LoadIssue(
                *builder.pos(node),
                "frontmatter-type",
                f"the frontmatter must be a mapping of keys to values, not {kind}",
            )
        )
        return
    frontmatter.data = data
    frontmatter.strings = builder.strings
    frontmatter.date_paths = builder.date_paths
    frontmatter.key_positions = builder.key_positions
    frontmatter.value_positions = builder.value_positions
