"""What the static reading of a JavaScript/TypeScript config file produces.

Nothing in a project is ever executed: ``eduforge.project.js`` parses a file
with tree-sitter and evaluates the static subset of JavaScript into these
values.  Literals become Python values (``str``, ``int``, ``float``, ``bool``,
``None``, and :data:`UNDEFINED`; a regular expression is a :class:`Regex`);
object and array literals become :class:`JSObject` and :class:`JSArray`, which
are a ``dict`` and a ``list`` that also know where each entry was written.
Everything else is kept symbolically, so the readers above (astro.config, the
content config's zod schemas) decide what it means:

* ``import starlight from '@astrojs/starlight'`` is an :class:`ImportRef`;
* ``starlight({...})`` is a :class:`Call` whose ``callee`` is that ImportRef;
* ``z.object({...}).optional()`` is a Call of a :class:`Member` of a Call…;
* ``(ctx) => z.object({...})`` is a :class:`JSFunction`;
* a name the file never declares (``process``, ``Object``) is a :class:`Global`;
* what cannot be known statically (``process.env.BASE``, ``isDev ? a : b``,
  a loop) is an :class:`Unknown` that says why, where, and, when the code
  names one, the literal fallback a reader may use (``process.env.B || '/x'``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Position:
    """Where a value was written: 1-based line and column (in characters)."""

    file: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class JSObject(dict[str, Any]):
    """An object literal: a dict of its statically known entries.

    ``position`` is where the literal starts; ``key_positions[key]`` and
    ``value_positions[key]`` where each entry's key and value are written.
    Computed keys and spreads that cannot be read are listed in ``unknown``.
    """

    def __init__(self, position: Position | None = None) -> None:
        super().__init__()
        self.position = position
        self.key_positions: dict[str, Position] = {}
        self.value_positions: dict[str, Position] = {}
        self.unknown: list[Unknown] = []


class JSArray(list[Any]):
    """An array literal; ``positions[i]`` is where element ``i`` is written.

    A spread that cannot be read (``[...load()]``) is one Unknown element; ``gap`` is the index of
    the first such element: from there on, indexes and the length are not known.
    """

    def __init__(self, position: Position | None = None) -> None:
        super().__init__()
        self.position = position
        self.positions: list[Position | None] = []
        self.gap: int | None = None


class _Undefined(enum.Enum):
    UNDEFINED = "undefined"

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __bool__(self) -> bool:
        return False


UNDEFINED = _Undefined.UNDEFINED
"""JavaScript's ``undefined`` (``null`` is ``None``): ``{ base: undefined }``, a missing key of a known object."""


_NO_FALLBACK: Any = object()


@dataclass(frozen=True, repr=False)
class Unknown:
    """A value that static reading cannot know.

    ``reason`` completes "cannot be read statically: …" (``"reads the
    environment variable BASE"``).  ``fallback`` is the literal the code falls
    back to, when there is one (``A || '/x'``, ``A ?? '/x'``, one branch of a
    ternary); check :attr:`has_fallback` first.
    """

    reason: str
    position: Position | None = None
    fallback: Any = field(default=_NO_FALLBACK, compare=False)
    spread: Any = field(default=None, compare=False)
    """For a spread that cannot be expanded (``...helper([...])``): the symbolic value spread, so
    readers can still see which helper was called with which options."""

    @property
    def has_fallback(self) -> bool:
        return self.fallback is not _NO_FALLBACK

    def __repr__(self) -> str:
        fallback = f", fallback={self.fallback!r}" if self.has_fallback else ""
        return f"Unknown({self.reason!r}, {self.position!r}{fallback})"


@dataclass(frozen=True)
class ImportRef:
    """A binding imported from a package (or a module that could not be read).

    ``import starlight from '@astrojs/starlight'`` → ``ImportRef('@astrojs/starlight', 'default')``;
    ``import { z } from 'astro:content'`` → ``ImportRef('astro:content', 'z')``;
    ``import * as ns from 'x'`` → ``ImportRef('x', '*')``;
    ``require('x')`` → ``ImportRef('x', '*')`` with no ``local``, and ``const { a } = require('x')`` → ``ImportRef('x', 'a')``.
    """

    source: str
    name: str
    position: Position | None = None
    local: str = ""
    """The name the importing file uses (``starlight``, or ``zod`` for ``{ z as zod }``)."""


@dataclass(frozen=True)
class Global:
    """A name the file uses without declaring it: ``process``, ``Object``, ``defineConfig`` without its import."""

    name: str
    position: Position | None = None


@dataclass(frozen=True)
class Regex:
    """A regular expression literal ``/pattern/flags``, kept as written (JavaScript syntax)."""

    pattern: str
    flags: str
    position: Position | None = None


@dataclass(frozen=True)
class Member:
    """``object.property`` where ``object`` is symbolic (an ImportRef, a Call…).

    ``position`` is where the property name is written (the ``optional`` of ``z.string().optional()``);
    the Call around it starts where the whole chain does.
    """

    object: Any
    property: str
    position: Position | None = None


@dataclass(frozen=True)
class Call:
    """A call ``callee(args…)``; ``new X()`` is a Call too."""

    callee: Any
    args: tuple[Any, ...]
    position: Position | None = None

    @property
    def name(self) -> str:
        """The called name as written: ``starlight``, ``z.object``, ``defineConfig``."""
        return dotted_name(self.callee)


@dataclass(frozen=True)
class JSFunction:
    """An arrow function or function expression, kept unevaluated.

    ``returns`` evaluates what it returns (the expression body, or the first
    top-level ``return``), with the parameters bound to :class:`Param` values.
    """

    params: tuple[str, ...]
    position: Position | None
    _evaluate: Any = field(repr=False, compare=False)
    _apply: Any = field(default=None, repr=False, compare=False)
    """``_apply(args)``: what the function returns for these argument values (used to fold ``.map``)."""
    made_with: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)
    """For a function another function of the project returned: that call's arguments
    (``rehypeBaseLinks(BASE)`` gives a Markdown plugin the site's base)."""

    def returns(self) -> Any:
        return self._evaluate()


@dataclass(frozen=True)
class Param:
    """A function parameter inside :meth:`JSFunction.returns` (``context`` in ``(context) => …``)."""

    name: str
    position: Position | None = None


def dotted_name(value: Any) -> str:
    """``z.object`` for ``Member(ImportRef('astro:content', 'z'), 'object')``; ``""`` when it has none."""
    if isinstance(value, ImportRef):
        return (value.local or value.source) if value.name in ("default", "*") else value.name
    if isinstance(value, Member):
        inner = dotted_name(value.object)
        return f"{inner}.{value.property}" if inner else value.property
    if isinstance(value, Param | Global):
        return value.name
    if isinstance(value, Call):
        inner = dotted_name(value.callee)
        return f"{inner}()" if inner else ""
    return ""


@dataclass(frozen=True)
class ReadProblem:
    """Why (part of) a file could not be read: a syntax error, a missing or looping import, a size limit."""

    position: Position
    message: str

    def __str__(self) -> str:
        return f"{self.position}: {self.message}"


def position_of(value: Any) -> Position | None:
    """The position a value carries, when it carries one."""
    return getattr(value, "position", None)
