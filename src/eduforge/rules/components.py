"""Rule ``component-unknown``: an MDX page uses a component no import, export or Astro provides.

MDX compiles ``<Steps>`` to a reference to the variable ``Steps``: it must be imported
(``import { Steps } from '@astrojs/starlight/components'``), defined in the page
(``export const Note = …``), or be ``Fragment`` (Astro provides it). Otherwise ``astro build``
stops on the page ("Expected component Steps to be defined"). An import of a name that
``@astrojs/starlight/components`` does not export (``Asides``) fails the same way.

A site's own component, imported from its ``.astro`` (or ``.tsx``, ``.vue``, …) file, is known to
Astro and never reported here: only eduforge's export does not draw it (it shows its children
and text props, with the same rule's notice once per component name). With the
``astro-auto-import`` integration the site provides components eduforge cannot see, so a
component without an import is not reported either.

The page's ``import``/``export`` statements are read with tree-sitter's JavaScript/TypeScript
grammar; tags in code (fences, code spans), comments, attribute values and expressions are not uses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eduforge.config import Settings
from eduforge.problem import Problem, closest
from eduforge.rules import COMPONENT_UNKNOWN
from eduforge.site.markdown import Construct, construct_end, esm_lines, line_starts, mdx_dedent, starts_of_lines
from eduforge.site.page import Page

if TYPE_CHECKING:
    from eduforge.project.jssyntax import Node, Source

STARLIGHT_MODULE = "@astrojs/starlight/components"
STARLIGHT_COMPONENTS = (
    "Aside",
    "Badge",
    "Card",
    "CardGrid",
    "Code",
    "FileTree",
    "Icon",
    "LinkButton",
    "LinkCard",
    "Steps",
    "TabItem",
    "Tabs",
)
"""What ``@astrojs/starlight/components`` exports (Starlight 0.41's ``components.ts``)."""
PROVIDED = frozenset({"Fragment"})
"""Components MDX pages get from Astro without an import."""
AUTO_IMPORT = "astro-auto-import"
MAX_SCAN = 1_000_000
"""Characters of a body looked at (a page is at most a few hundred KB)."""

_INTERESTING = re.compile(r"`+|<!--|\{|</?[A-Z]")
"""What ``uses`` looks at, matched where one of ``_FIRST`` is (see ``_search``)."""
_FIRST = "`<{"
_NAME = re.compile(r"[A-Z][\w$]*")
_DEFINITION = re.compile(
    r"^ {0,3}\[(?!\s*\])(?:[^\\\[\]\n]|\\.){1,999}\]:[ \t]*"  # label: at most 999 characters, not blank
    r"(?:<[^<>\n]*>|[^\s<()][^\s()]*)"  # destination (a bare one without parentheses)
    r"(?:[ \t]+(?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|\((?:[^()\\\n]|\\.)*\)))?"  # title
    r"[ \t\r]*$",
    re.M,
)
"""A link reference definition of one line (``[//]: # (<Slider /> commented out)``, the usual Markdown
comment): MDX reads its title as a plain string, so a tag written there is no use."""


@dataclass(frozen=True)
class Binding:
    """A name the page's ESM binds: where, and (for imports) from which module and under which name."""

    line: int
    column: int
    source: str | None = None
    imported: str | None = None
    literal: str | None = None
    """For ``export const name = 'text'`` (or a template literal without ``${…}``) never reassigned:
    the literal as written (not decoded), the value the name is known to hold."""


def bindings(
    lines: list[str], fenced: list[bool], first_line: int, constructs: Sequence[Construct] = ()
) -> tuple[dict[str, Binding], set[int]]:
    """The names the page's ``import``/``export`` statements bind, and the ESM line indices (``fenced`` and
    ``constructs`` as :func:`~eduforge.site.markdown.mdx_dedent` gives them)."""
    esm = esm_lines(lines, fenced, constructs)
    return bindings_of(lines, esm, first_line), esm


def bindings_of(lines: list[str], esm: set[int], first_line: int) -> dict[str, Binding]:
    """The names the ESM lines ``esm`` of ``lines`` bind (lines counted from ``first_line``)."""
    if not esm:
        return {}
    kept = [""] * (max(esm) + 1)  # the other lines blank, so positions stay those of the body
    for index in esm:
        kept[index] = lines[index]
    return {
        name: Binding(line + first_line - 1, column, module, imported, literal)
        for name, line, column, module, imported, literal in _esm_bindings("\n".join(kept))
    }


@lru_cache(maxsize=256)
def _esm_bindings(text: str) -> tuple[tuple[str, int, int, str | None, str | None, str | None], ...]:
    """``(name, line, column, module, imported, literal)`` of each name the ESM ``text`` binds, lines
    counted from 1 in ``text`` (``literal``: see :attr:`Binding.literal`).  Pages of a site mostly share
    their imports, so one reading serves them all."""
    from eduforge.project.jssyntax import parse, string_value

    source = parse(Path("page.tsx"), text.encode("utf-8", "surrogatepass"))
    found: dict[str, tuple[int, int, str | None, str | None]] = {}
    literals: dict[str, str] = {}
    unknown: set[str] = set()  # bound twice, or assigned to: no one value is known

    def at(node: Node) -> tuple[int, int]:
        position = source.position(node)
        return position.line, position.column

    def bind(local: Node, where: Node, module: str | None, imported: str | None) -> str:
        name = source.text(local)
        if name in found:
            unknown.add(name)
        found[name] = (*at(where), module, imported)
        return name

    for statement in source.root.named_children:
        if statement.type == "import_statement":
            module_node = statement.child_by_field_name("source")
            module = string_value(source, module_node) if module_node is not None else None
            for node in _walk(statement):
                if node.type == "import_specifier":
                    name, alias = node.child_by_field_name("name"), node.child_by_field_name("alias")
                    local = alias or name
                    if name is not None and local is not None:
                        bind(local, node, module, source.text(name))
                elif node.type == "namespace_import" or (
                    node.type == "identifier" and node.parent is not None and node.parent.type == "import_clause"
                ):
                    local = node if node.type == "identifier" else next(iter(node.named_children), None)
                    if local is not None:
                        imported = "default" if node.type == "identifier" else "*"
                        bind(local, local, module, imported)
        elif statement.type == "export_statement":
            for node in _walk(statement):
                if node.type in ("variable_declarator", "function_declaration", "class_declaration"):
                    name = node.child_by_field_name("name")
                    if name is not None and name.type == "identifier":
                        bound = bind(name, name, None, None)
                        literal = _const_literal(source, statement, node)
                        if literal is not None:
                            literals[bound] = literal
                else:
                    unknown.update(_assigned(source, node))
    unknown.add("props")  # MDX's content function takes ``props``: an export of that name is hidden in the body
    return tuple(
        (name, *binding, literals.get(name) if name not in unknown else None) for name, binding in found.items()
    )


def _const_literal(source: Source, statement: Node, declarator: Node) -> str | None:
    """The initializer of ``export const name = …`` when it is a string, a template literal without
    ``${…}``, or an array of them (``['file', 'CMS']``: ``<Code mark={name}>``); a ``let`` or ``var``,
    or a ``const`` inside a function, is not one value."""
    declaration, value = declarator.parent, declarator.child_by_field_name("value")
    if declaration is None or declaration.type != "lexical_declaration" or declaration.parent != statement:
        return None
    if value is None or declaration.children[0].type != "const":
        return None
    items = value.named_children if value.type == "array" else [value]
    if not all(_plain_string(item) for item in items):
        return None
    return source.text(value)


def _plain_string(node: Node) -> bool:
    """A string, or a template literal without ``${…}``."""
    if node.type == "string":
        return True
    return node.type == "template_string" and not any(c.type == "template_substitution" for c in node.named_children)


def _assigned(source: Source, node: Node) -> tuple[str, ...]:
    """The name ``node`` assigns to (``name = …``, ``name += …``, ``name++``), if it is one."""
    if node.type in ("assignment_expression", "augmented_assignment_expression"):
        target = node.child_by_field_name("left")
    elif node.type == "update_expression":
        target = node.child_by_field_name("argument")
    else:
        return ()
    return (source.text(target),) if target is not None and target.type == "identifier" else ()


def _walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.named_children))


def uses(
    body: str, fenced: list[bool], esm: set[int], first_line: int, starts: list[int] | None = None
) -> dict[str, tuple[int, int]]:
    """Each component name the body uses (``<Steps>``, ``<Tabs.Item>`` as ``Tabs``), at its first use;
    ``starts``: the body's :func:`~eduforge.site.markdown.line_starts`, when the caller has them."""
    if starts is None:
        starts = line_starts(body)
    found: dict[str, tuple[int, int]] = {}
    budget = len(body) + 20_000
    cursor, size = 0, min(len(body), MAX_SCAN)
    ahead = dict.fromkeys(_FIRST, -1)
    definitions = _definition_lines(body, starts) if "]:" in body else set()
    while cursor < size:
        match = _search(body, cursor, size, ahead)
        if match is None:
            break
        start = match.start()
        line = bisect_right(starts, start) - 1
        if (line < len(fenced) and fenced[line]) or line in esm:
            line += 1  # past the whole run of code (or ESM) lines: nothing in them is a use
            while line < len(starts) and ((line < len(fenced) and fenced[line]) or line in esm):
                line += 1
            cursor = starts[line] if line < len(starts) else size
            continue
        if line in definitions:
            cursor = starts[line + 1] if line + 1 < len(starts) else size
            continue
        token = match.group(0)
        if _escaped(body, start):  # \<Name\> and \` are text
            cursor = start + 1
            continue
        if token[0] == "`":
            close = _code_span_end(body, match.end(), len(token), min(size, match.end() + 1_000))
            cursor = close if close is not None else match.end()
            continue
        if token == "<!--":
            close = body.find("-->", match.end())
            cursor = close + 3 if close >= 0 else size
            continue
        if token[0] == "<" and token[:2] != "</":
            named = _NAME.match(body, start + 1)
            if named is not None and named.group(0) not in found:
                found[named.group(0)] = (line + first_line, start - starts[line] + 1)
        if token[:2] == "</" or budget <= 0:
            cursor = match.end()
            continue
        limit = min(budget, 20_000)
        end = construct_end(body, start, limit)
        budget -= (end if end is not None else min(len(body), start + limit)) - start  # what the scan looked at
        cursor = end if end is not None and end > start else match.end()
    return found


_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def _code_span_end(body: str, start: int, run: int, limit: int) -> int | None:
    """Where the code span opened by ``run`` backticks ending at ``start`` ends (past its closing
    backticks), or None when it has none and its backticks are text. As in CommonMark, the closing run
    has exactly ``run`` backticks (`` `a``b` `` is one span) and is in the same paragraph: before the next
    blank line, and before ``limit``."""
    blank = _BLANK_LINE.search(body, start, limit)
    if blank is not None:
        limit = blank.start()
    fence = "`" * run
    found = body.find(fence, start, limit)
    while found >= 0:  # at a run's start: the text from ``start`` on has no backtick before it
        end = found + run
        if end >= len(body) or body[end] != "`":
            return end
        while end < limit and body[end] == "`":
            end += 1
        found = body.find(fence, end, limit)
    return None


def _definition_lines(body: str, starts: list[int]) -> set[int]:
    """The lines of the body (0-based) that are link reference definitions as MDX reads them: one
    line matching ``_DEFINITION`` that does not continue a paragraph (a definition cannot interrupt
    one), that is, at the start of the body or after a blank line or another definition."""
    found: set[int] = set()
    for match in _DEFINITION.finditer(body):
        line = bisect_right(starts, match.start()) - 1
        previous = body[starts[line - 1] : starts[line]] if line > 0 else ""
        if line == 0 or not previous.strip() or line - 1 in found:
            found.add(line)
    return found


def _search(body: str, cursor: int, size: int, ahead: dict[str, int]) -> re.Match[str] | None:
    """``_INTERESTING.search(body, cursor, size)``, with the candidates found by ``str.find`` (far
    faster than the regex engine's scan): ``ahead`` holds the next place of each of ``_FIRST`` found
    so far, for a cursor that only moves forward."""
    while True:
        best = size
        for char in _FIRST:
            found = ahead[char]
            if found < cursor:
                found = body.find(char, cursor, size)
                ahead[char] = found = size if found < 0 else found
            if found < best:
                best = found
        if best >= size:
            return None
        match = _INTERESTING.match(body, best, size)
        if match is not None:
            return match
        cursor = best + 1


def _escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    run = 0
    while index - run > 0 and text[index - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def check(page: Page, settings: Settings) -> Iterator[Problem]:
    if not page.filename.endswith(".mdx"):
        return
    body = page.frontmatter.body
    if "<" not in body and "import" not in body:
        return
    first_line = page.frontmatter.body_line
    facts = page.facts
    if facts.fenced is not None and facts.constructs is not None:
        fenced, constructs = facts.fenced, facts.constructs
    else:
        _, _, fenced, constructs = mdx_dedent(body)
    lines = body.split("\n")
    bound, esm = bindings(lines, fenced, first_line, constructs)
    for binding in bound.values():
        if binding.source == STARLIGHT_MODULE and binding.imported not in STARLIGHT_COMPONENTS:
            guess = closest(binding.imported or "", STARLIGHT_COMPONENTS)
            hint = f'; did you mean "{guess}"?' if guess else ""
            yield Problem(
                page.path,
                binding.line,
                binding.column,
                COMPONENT_UNKNOWN,
                f'"{binding.imported}" is not a component of {STARLIGHT_MODULE} (it has {", ".join(STARLIGHT_COMPONENTS)}): '
                f"astro build fails on this import{hint}",
            )
    if AUTO_IMPORT in settings.plugins:
        return
    for name, (line, column) in uses(body, fenced, esm, first_line, starts_of_lines(lines)).items():
        if name in bound or name in PROVIDED:
            continue
        if name in STARLIGHT_COMPONENTS:
            fix = f"add import {{ {name} }} from '{STARLIGHT_MODULE}'; after the frontmatter"
        else:
            fix = f"import it (import {name} from '…/{name}.astro';) or remove the tag"
        yield Problem(
            page.path,
            line,
            column,
            COMPONENT_UNKNOWN,
            f"<{name}> is used but never imported: astro build fails on this page (Expected component {name} to be defined); {fix}",
        )
