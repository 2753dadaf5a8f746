"""Parsing a JavaScript/TypeScript file with tree-sitter: grammar choice, positions, literals, syntax errors.

Nothing here evaluates anything; :mod:`eduforge.project.jseval` walks the tree this module builds.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

from eduforge.project.values import Position, ReadProblem

Node = tree_sitter.Node

MAX_SYNTAX_PROBLEMS = 5
"""A file with many syntax errors reports its first few: the rest usually follow from the first."""

_TYPESCRIPT = frozenset({".ts", ".mts", ".cts"})
_JAVASCRIPT = frozenset({".js", ".mjs", ".cjs", ".jsx"})


@cache
def _language(grammar: str) -> tree_sitter.Language:
    if grammar == "typescript":
        return tree_sitter.Language(tree_sitter_typescript.language_typescript())
    if grammar == "tsx":
        return tree_sitter.Language(tree_sitter_typescript.language_tsx())
    return tree_sitter.Language(tree_sitter_javascript.language())


@cache
def _parser(grammar: str) -> tree_sitter.Parser:
    return tree_sitter.Parser(_language(grammar))


def grammar_for(path: Path) -> str:
    """``typescript`` for .ts/.mts/.cts, ``tsx`` for .tsx, else ``javascript``."""
    suffix = path.suffix.lower()
    if suffix in _TYPESCRIPT:
        return "typescript"
    if suffix == ".tsx":
        return "tsx"
    return "javascript"


_LONG_LINE = 256
"""Past this many bytes into a line, columns are counted from the nearest column found before."""


@dataclass
class Source:
    """A parsed file: its path (as positions show it), its UTF-8 bytes and tree-sitter's tree."""

    file: Path
    data: bytes
    root: Node
    grammar: str = "javascript"

    def __post_init__(self) -> None:
        self.ascii = self.data.isascii()
        self._chars = self.data.decode("ascii") if self.ascii else ""  # byte offsets are char offsets then
        self._marks: dict[int, list[tuple[int, int]]] = {}  # row -> sorted (byte offset, char column)

    def position(self, node: Node) -> Position:
        """Where ``node`` starts: 1-based line, and column in characters (tree-sitter counts bytes)."""
        row, column = node.start_point
        if column and not self.ascii:
            start = node.start_byte
            if column > _LONG_LINE:
                column = self._char_column(row, start - column, start)
            elif not (prefix := self.data[start - column : start]).isascii():
                column = len(prefix.decode("utf-8", errors="replace"))
        return Position(self.file, row + 1, column + 1)

    def _char_column(self, row: int, line_start: int, at: int) -> int:
        """Characters from ``line_start`` to ``at``, decoding only from the nearest column found before
        (so a long minified line is decoded about once, not once per value on it)."""
        marks = self._marks.setdefault(row, [(line_start, 0)])
        index = bisect_right(marks, (at, len(self.data))) - 1
        byte, char = marks[index]
        if byte != at:
            char += len(self.data[byte:at].decode("utf-8", errors="replace"))
            marks.insert(index + 1, (at, char))
        return char

    def text(self, node: Node) -> str:
        return self.slice(node.start_byte, node.end_byte)

    def slice(self, start: int, end: int) -> str:
        """The text between two byte offsets."""
        if self.ascii:
            return self._chars[start:end]
        return self.data[start:end].decode("utf-8", errors="replace")


def parse(file: Path, data: bytes) -> Source:
    """Parse with the grammar the extension names; a .js file with TypeScript-only syntax is retried as TS."""
    grammar = grammar_for(file)
    tree = _parser(grammar).parse(data)
    if tree.root_node.has_error and file.suffix.lower() in _JAVASCRIPT:
        typescript = "tsx" if file.suffix.lower() == ".jsx" else "typescript"
        retry = _parser(typescript).parse(data)
        if not retry.root_node.has_error:
            tree, grammar = retry, typescript
    return Source(file, data, tree.root_node, grammar)


def syntax_problems(source: Source) -> list[ReadProblem]:
    """The first few ERROR and MISSING nodes, in file order, as problems at their line:col."""
    if not source.root.has_error:
        return []
    problems: list[ReadProblem] = []
    stack = [source.root]
    while stack and len(problems) < MAX_SYNTAX_PROBLEMS:
        node = stack.pop()
        if node.is_missing:
            message = f"syntax error: missing {node.type!r}"
        elif node.is_error:
            snippet = source.text(node).strip().split("\n", 1)[0][:30]
            message = f"syntax error: unexpected {snippet!r}" if snippet else "syntax error"
        else:
            stack.extend(child for child in reversed(node.children) if child.has_error or child.is_missing)
            continue
        problems.append(ReadProblem(source.position(node), message))
    return problems


# --- literals -------------------------------------------------------------------------------------

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")


def _unescape_one(match: re.Match[str]) -> str:
    body = match.group(1)
    if body[0] == "u" and len(body) > 1:
        code = int(body[2:-1] if body[1] == "{" else body[1:], 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"
    if body[0] == "x" and len(body) == 3:
        return chr(int(body[1:], 16))
    if body in ("\n", "\r\n", "\r", "\u2028", "\u2029"):
        return ""  # a line continuation
    return _SIMPLE_ESCAPES.get(body, body)


def unescape(raw: str) -> str:
    """The value of a string literal's body: JavaScript escapes decoded, surrogate pairs joined."""
    if "\\" not in raw:
        return raw
    text = _ESCAPE.sub(_unescape_one, raw)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", errors="replace")


def string_value(source: Source, node: Node) -> str:
    """The value of a ``string`` node (its text between the quotes, unescaped)."""
    return unescape(source.slice(node.start_byte + 1, node.end_byte - 1))


_DECIMAL_INT = re.compile(r"[0-9]+")
_PREFIXED_INT = re.compile(r"0[xXoObB][0-9a-fA-F]+")


def number_value(text: str) -> int | float | None:
    """A numeric literal's value (``1_000``, ``0x10``, ``1e3``, ``10n``); ``None`` for legacy octal ``010``.

    JavaScript numbers are doubles: an integer literal past 2**53 is read as the float JavaScript sees.
    """
    text = text.replace("_", "")
    bigint = text.endswith("n")
    text = text.removesuffix("n")
    try:
        if _DECIMAL_INT.fullmatch(text):
            if len(text) > 1 and text[0] == "0":
                return None
            value: int | float = int(text) if bigint or len(text) <= 15 else float(text)
        elif _PREFIXED_INT.fullmatch(text):
            value = int(text, 0)
        else:
            return float(text)
    except (ValueError, OverflowError):
        return None
    if not bigint and abs(value) > 2**53:
        try:
            return float(value)
        except OverflowError:
            return math.inf
    return value


# --- what the file changes after declaring it ------------------------------------------------------

_MUTATING_METHODS = frozenset(
    {"push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin", "set", "delete", "add"}
)
_PATTERNS = frozenset({"array_pattern", "object_pattern", "pair_pattern", "rest_pattern", "assignment_pattern"})
_ACCESS = frozenset({"member_expression", "subscript_expression", "non_null_expression", "parenthesized_expression"})


def _same(a: Node | None, b: Node) -> bool:
    return a is not None and a.start_byte == b.start_byte and a.end_byte == b.end_byte and a.type == b.type


def _is_object_of(parent: Node, child: Node) -> bool:
    if parent.type in ("member_expression", "subscript_expression"):
        return _same(parent.child_by_field_name("object"), child)
    return True  # `x!`, `(x)`


def _change_at(name: Node) -> Node | None:
    """The expression that changes the variable ``name`` here (``x = …``, ``x.a += …``, ``x.push(…)``), or None."""
    current, parent = name, name.parent
    while parent is not None and parent.type in _PATTERNS:  # `[x, y] = …`, `({ x } = …)`
        current, parent = parent, parent.parent
    while parent is not None and parent.type in _ACCESS and _is_object_of(parent, current):
        current, parent = parent, parent.parent
    if parent is None:
        return None
    kind = parent.type
    if kind in ("assignment_expression", "augmented_assignment_expression"):
        return parent if _same(parent.child_by_field_name("left"), current) else None
    if kind == "update_expression":
        return parent
    if kind == "unary_expression" and current is not name:
        return parent if parent.children and parent.children[0].type == "delete" else None
    if kind == "for_in_statement" and parent.child_by_field_name("kind") is None:
        return parent if _same(parent.child_by_field_name("left"), current) else None
    if kind == "call_expression" and current.type == "member_expression":
        method = current.child_by_field_name("property")
        mutates = method is not None and method.text is not None and method.text.decode() in _MUTATING_METHODS
        return parent if mutates and _same(parent.child_by_field_name("function"), current) else None
    if kind == "arguments" and current is name and parent.named_children and _same(parent.named_children[0], name):
        call = parent.parent
        function = call.child_by_field_name("function") if call is not None else None
        return call if function is not None and function.text == b"Object.assign" else None
    return None


_WORD_BYTE = re.compile(rb"[\w$\x80-\xff]")
_WORD = re.compile(rb"[\w$\x80-\xff]+")
_SCANS_BEFORE_INDEX = 32
_NAME_NODES = frozenset({"identifier", "shorthand_property_identifier_pattern"})


_DEV = frozenset({"import.meta.env.DEV", "!import.meta.env.PROD"})
_PROD = frozenset({"import.meta.env.PROD", "!import.meta.env.DEV"})


def dev_only(node: Node) -> bool:
    """Whether ``node`` runs only in ``astro dev``: inside ``if (import.meta.env.DEV) {…}`` (or the
    ``else`` of ``if (import.meta.env.PROD)``).  eduforge reads the site ``astro build`` builds."""
    current, parent = node, node.parent
    while parent is not None:
        if parent.type == "if_statement":
            condition = parent.child_by_field_name("condition")
            text = re.sub(rb"[\s()]", b"", condition.text or b"").decode() if condition is not None else ""
            branch = next(
                (name for name in ("consequence", "alternative") if _same(parent.child_by_field_name(name), current)),
                "",
            )
            if (text in _DEV and branch == "consequence") or (text in _PROD and branch == "alternative"):
                return True
        current, parent = parent, parent.parent
    return False


class Changes:
    """Where the file changes a variable after declaring it (``x = …``, ``x.a = …``, ``x.push(…)``).

    A binding changed anywhere is not statically known; the evaluator says where it changes.  Inner
    scopes that shadow the name are not told apart: that makes reading more careful, never wrong.
    Each name is looked up on first use: a text search for the name, each hit confirmed in the tree.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self._found: dict[str, Node | None] = {}
        self._index: dict[bytes, list[int]] | None = None

    def _offsets(self, word: bytes) -> Iterator[int]:
        """Where ``word`` occurs as a whole word: by ``bytes.find`` for the first names asked, then by an index
        of every word built once (so a file with thousands of names stays linear)."""
        data = self.source.data
        if self._index is None and len(self._found) >= _SCANS_BEFORE_INDEX:
            self._index = {}
            for match in _WORD.finditer(data):
                self._index.setdefault(match.group(), []).append(match.start())
        if self._index is not None:
            yield from self._index.get(word, ())
            return
        at = data.find(word)
        while at >= 0:
            end = at + len(word)
            if not (at and _WORD_BYTE.match(data, at - 1)) and not _WORD_BYTE.match(data, end):
                yield at
            at = data.find(word, end)

    def first(self, name: str) -> Node | None:
        if name in self._found:
            return self._found[name]
        found = None
        if name not in ("module", "exports"):  # `module.exports = …` is how CommonJS exports
            word, root = name.encode(), self.source.root
            for at in self._offsets(word):
                end = at + len(word)
                node = root.descendant_for_byte_range(at, end)
                if node is not None and node.type in _NAME_NODES and node.start_byte == at and node.end_byte == end:
                    found = _change_at(node)
                    if found is not None and not dev_only(found):
                        break
                    found = None
        self._found[name] = found
        return found
