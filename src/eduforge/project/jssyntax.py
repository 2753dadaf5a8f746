"""Parsing a JavaScript/TypeScript file with tree-sitter: grammar choice, positions, literals, syntax errors.

Nothing here evaluates anything; :mod:`eduforge.project.jseval` walks the tree this module builds.
"""

from __future__ import annotations

import re
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
def _parser(grammar: str) -> tree_sitter.Parser:
    if grammar == "typescript":
        language = tree_sitter_typescript.language_typescript()
    elif grammar == "tsx":
        language = tree_sitter_typescript.language_tsx()
    else:
        language = tree_sitter_javascript.language()
    return tree_sitter.Parser(tree_sitter.Language(language))


def grammar_for(path: Path) -> str:
    """``typescript`` for .ts/.mts/.cts, ``tsx`` for .tsx, else ``javascript``."""
    suffix = path.suffix.lower()
    if suffix in _TYPESCRIPT:
        return "typescript"
    if suffix == ".tsx":
        return "tsx"
    return "javascript"


@dataclass
class Source:
    """A parsed file: its path (as positions show it), its UTF-8 bytes and tree-sitter's tree.

    ``first_line`` is the line number of the data's first line (0 when a line was put in front, as for JSON).
    """

    file: Path
    data: bytes
    root: Node
    first_line: int = 1

    def position(self, node: Node) -> Position:
        """Where ``node`` starts: 1-based line, and column in characters (tree-sitter counts bytes)."""
        row, column = node.start_point
        if column:
            start = node.start_byte
            prefix = self.data[start - column : start]
            if not prefix.isascii():
                column = len(prefix.decode("utf-8", errors="replace"))
        return Position(self.file, row + self.first_line, column + 1)

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")


def parse_json(file: Path, data: bytes) -> Source:
    """A JSON file as one JavaScript expression (JSON is a subset of it), so values get positions too."""
    tree = _parser("javascript").parse(b"(\n" + data + b"\n)")
    return Source(file, b"(\n" + data + b"\n)", tree.root_node, first_line=0)


def parse(file: Path, data: bytes) -> Source:
    """Parse with the grammar the extension names; a .js file with TypeScript-only syntax is retried as TS."""
    grammar = grammar_for(file)
    tree = _parser(grammar).parse(data)
    if tree.root_node.has_error and file.suffix.lower() in _JAVASCRIPT:
        retry = _parser("tsx" if file.suffix.lower() == ".jsx" else "typescript").parse(data)
        if not retry.root_node.has_error:
            tree = retry
    return Source(file, data, tree.root_node)


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
    return unescape(source.data[node.start_byte + 1 : node.end_byte - 1].decode("utf-8", errors="replace"))


_DECIMAL_INT = re.compile(r"[0-9]+")
_PREFIXED_INT = re.compile(r"0[xXoObB][0-9a-fA-F]+")


def number_value(text: str) -> int | float | None:
    """A numeric literal's value (``1_000``, ``0x10``, ``1e3``, ``10n``); ``None`` for legacy octal ``010``."""
    text = text.replace("_", "")
    if text.endswith("n"):
        text = text[:-1]
    if _DECIMAL_INT.fullmatch(text):
        return None if len(text) > 1 and text[0] == "0" else int(text)
    if _PREFIXED_INT.fullmatch(text):
        return int(text, 0)
    try:
        return float(text)
    except ValueError:
        return None


# --- what the file changes after declaring it ------------------------------------------------------

_MUTATING_METHODS = frozenset(
    {"push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin", "set", "delete", "add"}
)


def _root_identifier(node: Node | None) -> Node | None:
    """``a`` for ``a``, ``a.b``, ``a['b'].c``; ``None`` otherwise."""
    while node is not None and node.type in ("member_expression", "subscript_expression", "non_null_expression"):
        node = node.child_by_field_name("object") or (node.named_children[0] if node.named_children else None)
    return node if node is not None and node.type == "identifier" else None


def _changed_name(node: Node) -> Node | None:
    kind = node.type
    if kind in ("assignment_expression", "augmented_assignment_expression"):
        return _root_identifier(node.child_by_field_name("left"))
    if kind == "update_expression":
        return _root_identifier(node.child_by_field_name("argument"))
    if kind == "unary_expression" and node.children and node.children[0].type == "delete":
        return _root_identifier(node.child_by_field_name("argument"))
    if kind == "call_expression":
        function = node.child_by_field_name("function")
        if function is not None and function.type == "member_expression":
            prop = function.child_by_field_name("property")
            if prop is not None and prop.text is not None and prop.text.decode() in _MUTATING_METHODS:
                return _root_identifier(function.child_by_field_name("object"))
            obj = function.child_by_field_name("object")
            args = node.child_by_field_name("arguments")
            assigns = prop is not None and prop.text == b"assign" and obj is not None and obj.text == b"Object"
            if assigns and args is not None and args.named_children:
                return _root_identifier(args.named_children[0])
    return None


def changed_names(source: Source) -> dict[str, Node]:
    """Names the file assigns to or mutates anywhere (``x = …``, ``x.a = …``, ``x.push(…)``), with the first place.

    A binding changed after its declaration is not statically known; the evaluator says where it changes.
    Inner scopes that shadow the name are not told apart: that only makes reading more careful, never wrong.
    ``module.exports = …`` and ``exports.x = …`` are how CommonJS exports, not changes.
    """
    changed: dict[str, Node] = {}
    stack = [source.root]
    while stack:
        node = stack.pop()
        target = _changed_name(node)
        if target is not None and target.text is not None:
            name = target.text.decode()
            if name not in ("module", "exports") and name not in changed:
                changed[name] = node
        stack.extend(reversed(node.named_children))
    return changed
