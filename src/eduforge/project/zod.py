"""zod schemas, read statically, as JSON Schema fragments in the style of the built-in schema.

A content config's schema is code (``z.object({ level: z.enum([...]) })``); the JS
reader (``eduforge.project.js``) turns it into symbolic values (:class:`Call`,
:class:`Member`, :class:`ImportRef`…).  This module reads those values as zod 4
(the zod Astro ships) would build them, into a small model (:class:`Z`), and renders
that model as JSON Schema draft 2020-12 with eduforge's extra type ``"date"``.

The rule that governs everything here: **a translation may check less than zod,
never more**.  What cannot be translated (``.refine``, ``.transform``, ``z.custom``,
``z.lazy``, an import eduforge cannot read, a value the reader could not know)
keeps whatever is a necessary condition and drops the rest, and says so in a
:class:`Note` ("field X is not fully checked: why (file:line)").

zod 4 facts the model follows (checked against zod 4.6 by tests/differential/zod/):
an object key is required unless its schema is ``.optional()``, ``.nullish()``,
``.default()``, ``.prefault()`` or ``.catch()`` (``z.any()`` is required too); an
object accepts a Date when it requires no key, a record or array never does;
``z.record(z.enum([...]), v)`` needs every enum key; ``.int()`` means a safe integer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eduforge.project.values import (
    Call,
    ImportRef,
    JSFunction,
    Member,
    Param,
    Position,
    Unknown,
    position_of,
)

ZOD_SOURCES = frozenset({"astro:content", "astro/zod", "astro:schema", "zod", "zod/v4", "zod/v3", "astro/zod/v4"})
"""Modules whose ``z`` export is zod."""

SAFE_INTEGER = 9007199254740991
MISSING: Any = object()


def _builtin_url() -> str:
    """WHATWG URL syntax as the built-in schema writes it for Starlight's ``z.url()`` (editUrl)."""
    from eduforge.config import BUILTIN_SCHEMAS

    builtin = json.loads((BUILTIN_SCHEMAS / "starlight.schema.json").read_text(encoding="utf-8"))
    pattern: str = builtin["properties"]["editUrl"]["anyOf"][0]["pattern"]
    return pattern


EMAIL_PATTERN = (
    r"^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$"
)
"""zod 4.6's default email regex (``zod/v4/core/regexes.js``)."""
JS_NUMBER_TEXT = (
    r"^\s*(?:[+-]?(?:[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)"
    r"|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)?\s*$"
)
"""Text JavaScript's ``Number()`` reads as a finite number (``""`` is 0): what ``z.coerce.number()`` accepts."""


@dataclass(frozen=True)
class Note:
    """A field eduforge checks less strictly than zod would, and why."""

    field: str
    why: str
    position: Position | None = None

    def __str__(self) -> str:
        return self.shown()

    def shown(self, root: Path | None = None) -> str:
        """The note for ``-v``; file paths relative to ``root`` when inside it."""
        where = f" ({_relative(self.position.file, root)}:{self.position.line})" if self.position else ""
        return f"field {self.field or '(the whole frontmatter)'} is not fully checked: {self.why}{where}"


def _relative(file: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return Path(file).relative_to(root).as_posix()
        except ValueError:
            pass
    return str(file)


@dataclass(frozen=True)
class Z:
    """One zod schema: its kind, its checks (as JSON Schema keywords) and its wrappers.

    ``kind`` is one of string number boolean date null literal enum array tuple object
    record union intersection any never json; ``json`` carries a ready fragment (the
    built-in Starlight fields).  A ``loose`` node accepts anything, missing included.
    """

    kind: str
    keywords: dict[str, Any] = field(default_factory=dict)
    patterns: tuple[tuple[str, str], ...] = ()
    """``(regex, what it means)``: ``("^seri-", 'text starting with "seri-"')``."""
    item: Z | None = None
    key: Z | None = None
    options: tuple[Z, ...] = ()
    shape: dict[str, Z] = field(default_factory=dict)
    extra: str | Z = "strip"
    """Unknown keys of an object: ``strip`` (zod's default), ``strict``, ``passthrough`` or a catchall."""
    open_shape: bool = False
    """Some keys of the object could not be read (a spread of an unknown value)."""
    values: tuple[Any, ...] = ()
    optional: bool = False
    nullable: bool = False
    default: Any = MISSING
    description: str | None = None
    fragment: dict[str, Any] | None = None
    coerced: bool = False
    rewritten: bool = False
    """A ``.trim()`` (or the like) came before: later checks see rewritten text."""
    loose: bool = False
    position: Position | None = None

    def unwrapped(self) -> Z:
        return replace(self, optional=False, nullable=False, default=MISSING)


ANY = Z("any")


class Translator:
    """Reads zod expressions into :class:`Z`; collects a :class:`Note` for every loosening.

    ``resolve`` is asked first about every call and bare import (content_config uses it
    for ``docsSchema(...)`` and plugin schemas); it returns a :class:`Z` or None.
    """

    def __init__(self, resolve: Callable[[Any, str], Z | None] | None = None) -> None:
        self.notes: list[Note] = []
        self.files: set[Path] = set()
        """Every file a translated value was written in (the content config and the modules it imports)."""
        self.resolve = resolve
        self._depth = 0

    def note(self, where: str, why: str, value: Any = None) -> None:
        self.notes.append(Note(where, why, position_of(value)))

    def loose(self, where: str, why: str, value: Any = None) -> Z:
        self.note(where, why, value)
        return Z("any", optional=True, loose=True, position=position_of(value))

    def node(self, value: Any, where: str = "") -> Z:
        """The schema ``value`` builds, read as zod would."""
        at = position_of(value)
        if at is not None:
            self.files.add(Path(at.file))
        if self._depth > 200:
            return self.loose(where, "the schema nests too deeply to read", value)
        self._depth += 1
        try:
            return self._node(value, where)
        finally:
            self._depth -= 1

    def _node(self, value: Any, where: str) -> Z:
        if isinstance(value, Z):
            return value
        if self.resolve is not None and isinstance(value, (Call, ImportRef, Member)):
            resolved = self.resolve(value, where)
            if resolved is not None:
                return resolved
        if isinstance(value, Unknown):
            return self.loose(where, f"its schema cannot be read statically: {value.reason}", value)
        if isinstance(value, Call):
            return self._call(value, where)
        if isinstance(value, Member) and isinstance(value.object, Member) and value.object.property == "shape":
            owner = self.node(value.object.object, where)  # X.shape.key
            if owner.kind == "object" and value.property in owner.shape:
                return owner.shape[value.property]
            return self.loose(where, f"no key {value.property} in the schema it names", value)
        if isinstance(value, Member) and _is_z(value.object) and value.property in _BARE_FACTORIES:
            return self._factory(value.property, (), value, where)
        if isinstance(value, ImportRef):
            return self.loose(where, f"it is imported from {value.source}, which eduforge does not read", value)
        if isinstance(value, JSFunction):
            return self.node(value.returns(), where)
        return self.loose(where, "its value is not a zod schema eduforge can read", value)

    # --- calls ------------------------------------------------------------------------

    def _call(self, call: Call, where: str) -> Z:
        callee, args = call.callee, call.args
        if isinstance(callee, Member):
            if _is_z(callee.object):
                return self._factory(callee.property, args, call, where)
            if isinstance(callee.object, Member) and _is_z(callee.object.object):
                if callee.object.property == "coerce":
                    return self._coerce(callee.property, call, where)
                return self.loose(where, f"z.{callee.object.property}.{callee.property}() is not translated", call)
            if callee.property == "image" and isinstance(callee.object, Param):  # context.image()
                return Z("string", position=call.position)
            return self._method(self.node(callee.object, where), callee.property, args, call, where)
        if isinstance(callee, Param) and callee.name == "image":  # ({ image }) => image()
            return Z("string", position=call.position)
        if isinstance(callee, ImportRef) and callee.source in ZOD_SOURCES and callee.name == "reference":
            return Z("string", position=call.position, description=f"an entry id of the {_text(args)} collection")
        if isinstance(callee, JSFunction):
            return self.node(callee.returns(), where)
        return self.loose(where, f"{call.name or 'a function call'}() is not a zod schema eduforge can read", call)

    def _factory(self, name: str, args: tuple[Any, ...], call: Any, where: str) -> Z:
        at = position_of(call)
        first = args[0] if args else None
        simple = {"string": "string", "number": "number", "boolean": "boolean", "date": "date", "null": "null"}
        if name in simple:
            return Z(simple[name], position=at)
        if name in ("any", "unknown"):
            return Z("any", position=at)
        if name in ("never", "undefined", "void"):
            return Z("never", optional=name != "never", position=at)
        if name in ("url", "email", "int"):  # zod 4 top-level formats
            return self._method(Z("number" if name == "int" else "string", position=at), name, (), call, where)
        if name in ("int32", "uint32", "float32", "float64"):
            return Z("number", keywords={"integer": True} if "int" in name else {}, position=at)
        if name in _STRING_FORMATS:
            self.note(where, f"its format (z.{name}()) is not checked, only that it is text", call)
            return Z("string", position=at)
        if name in ("object", "strictObject", "looseObject"):
            extra = {"object": "strip", "strictObject": "strict", "looseObject": "passthrough"}[name]
            return replace(self._object(first, where), extra=extra, position=at)
        if name == "array":
            return Z("array", item=self.node(first, f"{where}[]"), position=at)
        if name == "tuple":
            items = tuple(self.node(v, f"{where}[{i}]") for i, v in enumerate(first or ()))
            rest = self.node(args[1], f"{where}[]") if len(args) > 1 else None
            return Z("tuple", options=items, item=rest, position=at)
        if name in ("union", "discriminatedUnion"):
            members = args[1] if name == "discriminatedUnion" and len(args) > 1 else first
            if not isinstance(members, list):
                return self.loose(where, f"the options of z.{name}() cannot be read", call)
            return Z("union", options=tuple(self.node(v, where) for v in members), position=at)
        if name == "intersection" and len(args) == 2:
            return Z("intersection", options=(self.node(args[0], where), self.node(args[1], where)), position=at)
        if name == "record":
            key, item = (args[0], args[1]) if len(args) > 1 else (None, first)
            return Z(
                "record",
                key=self.node(key, f"{where} keys") if key is not None else None,
                item=self.node(item, f"{where}.*"),
                position=at,
            )
        if name in ("enum", "nativeEnum"):
            return self._enum(first, call, where)
        if name == "literal":
            values = tuple(first) if isinstance(first, list) else (first,)
            if not all(isinstance(v, (str, int, float, bool)) or v is None for v in values):
                return self.loose(where, "its literal value cannot be read statically", call)
            return Z("enum", values=values, position=at)
        if name in ("optional", "nullable", "nullish"):
            return self._method(self.node(first, where), name, (), call, where)
        return self.loose(where, f"z.{name}() is not translated", call)

    def _coerce(self, name: str, call: Call, where: str) -> Z:
        at = call.position
        if name == "number":
            return Z("number", coerced=True, position=at)
        if name in ("string", "boolean"):
            return Z("any", coerced=True, position=at)
        if name == "date":
            self.note(
                where, "z.coerce.date() accepts any text JavaScript's Date can parse; only the type is checked", call
            )
            return Z("json", fragment={"type": ["date", "string", "number", "boolean", "null", "array"]}, position=at)
        return self.loose(where, f"z.coerce.{name}() is not translated", call)

    def _object(self, shape: Any, where: str) -> Z:
        if not isinstance(shape, dict):
            return self.loose(where, "the keys of z.object() cannot be read statically", shape)
        keys = {key: self.node(value, f"{where}.{key}" if where else key) for key, value in shape.items()}
        open_shape = bool(getattr(shape, "unknown", None))
        if open_shape:
            self.note(where, "some of its keys come from a spread eduforge cannot read", shape)
        return Z("object", shape=keys, open_shape=open_shape, position=position_of(shape))

    def _enum(self, values: Any, call: Any, where: str) -> Z:
        if isinstance(values, dict):  # z.enum({A: 'a'}) / z.nativeEnum(obj): the object's values
            values = [v for k, v in values.items() if not (isinstance(v, (int, float)) and k in map(str, values))]
        if not isinstance(values, list) or not all(isinstance(v, (str, int, float)) for v in values):
            return self.loose(where, "its enum values cannot be read statically", call)
        return Z("enum", values=tuple(values), position=position_of(call))

    # --- methods ----------------------------------------------------------------------

    def _method(self, base: Z, name: str, args: tuple[Any, ...], call: Any, where: str) -> Z:
        first = args[0] if args else None
        if name in _WRAPPERS:
            return _WRAPPERS[name](base, first)
        if name == "describe":
            return replace(base, description=first if isinstance(first, str) else base.description)
        if name == "meta":
            text = first.get("description") if isinstance(first, dict) else None
            return replace(base, description=text if isinstance(text, str) else base.description)
        if name in ("brand", "readonly"):
            return base
        if name == "array":
            return Z("array", item=base, position=position_of(call))
        if name == "or":
            return Z("union", options=(base, self.node(first, where)), position=position_of(call))
        if name == "and":
            return Z("intersection", options=(base, self.node(first, where)), position=position_of(call))
        if name in ("refine", "superRefine", "check", "transform", "pipe", "overwrite"):
            self.note(where, f".{name}() runs code eduforge does not run; only the checks before it apply", call)
            return base
        if base.loose:
            return base
        if base.kind == "object":
            return self._object_method(base, name, args, call, where)
        if base.kind == "string" and name in _STRING_TRANSFORMS:
            return replace(base, rewritten=True)
        if base.rewritten:
            self.note(where, f"its .{name}() check applies to rewritten text (.trim() and the like): not checked", call)
            return base
        if base.kind in ("string", "number", "array"):
            checked = _check(base, name, args)
            if checked is not None:
                return checked
        if base.kind == "string" and name in _STRING_FORMATS:
            self.note(where, f"its .{name}() check is not translated, only that it is text", call)
            return base
        if base.coerced and base.kind == "any":
            self.note(where, f"the .{name}() check of a coerced value is not translated", call)
            return base
        return self.loose(where, f".{name}() is not translated", call)

    def _object_method(self, base: Z, name: str, args: tuple[Any, ...], call: Any, where: str) -> Z:
        first = args[0] if args else None
        if name in ("extend", "safeExtend", "merge"):
            if isinstance(first, Member) and first.property == "shape":
                first = self.node(first.object, where)
            other = first if isinstance(first, Z) else self._object(first, where) if name != "merge" else None
            if other is None:
                other = self.node(first, where)
            if other.kind != "object" and other.loose:
                return other  # what could not be read is said once, where it is
            if other.kind != "object":
                return self.loose(where, f"the argument of .{name}() is not an object schema eduforge can read", call)
            extra = other.extra if name == "merge" else base.extra
            return replace(
                base, shape={**base.shape, **other.shape}, extra=extra, open_shape=base.open_shape or other.open_shape
            )
        if name in ("strict", "passthrough", "loose", "strip"):
            return replace(base, extra={"loose": "passthrough"}.get(name, name))
        if name == "catchall":
            return replace(base, extra=self.node(first, f"{where}.*"))
        if name in ("partial", "required", "pick", "omit"):
            if first is not None and not isinstance(first, dict):
                return self.loose(where, f"the keys given to .{name}() cannot be read statically", call)
            chosen = set(first) if isinstance(first, dict) else set(base.shape)
            if name == "pick":
                return replace(base, shape={k: v for k, v in base.shape.items() if k in chosen})
            if name == "omit":
                return replace(base, shape={k: v for k, v in base.shape.items() if k not in chosen})
            optional = name == "partial"
            shape = {k: (replace(v, optional=optional) if k in chosen else v) for k, v in base.shape.items()}
            return replace(base, shape=shape)
        if name == "keyof":
            return Z("enum", values=tuple(base.shape), position=position_of(call))
        return self.loose(where, f".{name}() is not translated", call)


_STRING_FORMATS = frozenset(
    {"uuid", "uuidv4", "uuidv6", "uuidv7", "guid", "cuid", "cuid2", "ulid", "nanoid", "emoji", "base64", "base64url"}
    | {"ipv4", "ipv6", "ip", "cidrv4", "cidrv6", "e164", "jwt", "hostname", "hex", "datetime", "time", "duration"}
    | {"lowercase", "uppercase", "cidr"}
)
_STRING_TRANSFORMS = frozenset({"trim", "toLowerCase", "toUpperCase", "normalize", "slugify"})
"""zod 4 string methods that rewrite the text: checks after them (``.trim().max(3)``) see other text, so are not kept."""

_BARE_FACTORIES = frozenset({"string", "number", "boolean", "date", "any", "unknown", "null"})


def _is_z(value: Any) -> bool:
    """``z`` (``import { z } from 'astro:content'``, ``import * as z from 'zod'``, ``import z from 'zod'``)."""
    return isinstance(value, ImportRef) and value.source in ZOD_SOURCES and value.name in ("z", "*", "default")


def _text(args: tuple[Any, ...]) -> str:
    return args[0] if args and isinstance(args[0], str) else "named"


def _optional(base: Z, _: Any) -> Z:
    return replace(base, optional=True)


def _nullable(base: Z, _: Any) -> Z:
    return replace(base, nullable=True)


def _nullish(base: Z, _: Any) -> Z:
    return replace(base, optional=True, nullable=True)


def _default(base: Z, value: Any) -> Z:
    return replace(base, optional=True, default=value)


def _catch(base: Z, _: Any) -> Z:
    return Z("any", optional=True, description=base.description, position=base.position)


def _unwrap(base: Z, _: Any) -> Z:
    return base.unwrapped()


_WRAPPERS: dict[str, Callable[[Z, Any], Z]] = {
    "optional": _optional,
    "nullable": _nullable,
    "nullish": _nullish,
    "default": _default,
    "prefault": _default,
    "catch": _catch,
    "unwrap": _unwrap,
    "nonoptional": lambda base, _: replace(base, optional=False),
}


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _check(base: Z, name: str, args: tuple[Any, ...]) -> Z | None:
    """``base`` with the check ``.name(args)`` added, or None when it is not a check of that kind."""
    n = _number(args[0]) if args else None
    kind, kw = base.kind, dict(base.keywords)
    if kind == "string":
        if name in ("min", "max", "length", "nonempty") and (n is not None or name == "nonempty"):
            size = 1 if name == "nonempty" else int(n or 0)
            if name in ("min", "length", "nonempty"):
                kw["minLength"] = max(kw.get("minLength", 0), size)
            if name in ("max", "length"):
                kw["maxLength"] = min(kw.get("maxLength", size), size)
            return replace(base, keywords=kw)
        pattern = _string_pattern(name, args)
        if pattern is not None:
            return replace(base, patterns=(*base.patterns, pattern))
        return None
    if kind == "array":
        if name in ("min", "max", "length", "nonempty") and (n is not None or name == "nonempty"):
            size = 1 if name == "nonempty" else int(n or 0)
            if name in ("min", "length", "nonempty"):
                kw["minItems"] = max(kw.get("minItems", 0), size)
            if name in ("max", "length"):
                kw["maxItems"] = min(kw.get("maxItems", size), size)
            return replace(base, keywords=kw)
        return None
    bounds = {
        "min": ("minimum", n),
        "gte": ("minimum", n),
        "max": ("maximum", n),
        "lte": ("maximum", n),
        "gt": ("exclusiveMinimum", n),
        "lt": ("exclusiveMaximum", n),
        "positive": ("exclusiveMinimum", 0),
        "nonnegative": ("minimum", 0),
        "negative": ("exclusiveMaximum", 0),
        "nonpositive": ("maximum", 0),
    }
    if name in bounds and bounds[name][1] is not None:
        keyword, limit = bounds[name]
        kw[keyword] = limit if keyword not in kw else (max if "inimum" in keyword else min)(kw[keyword], limit)
        return replace(base, keywords=kw)
    if name in ("int", "safe"):
        kw["minimum"] = max(kw.get("minimum", -SAFE_INTEGER), -SAFE_INTEGER)
        kw["maximum"] = min(kw.get("maximum", SAFE_INTEGER), SAFE_INTEGER)
        return replace(base, keywords={**kw, "integer": True})
    if name in ("multipleOf", "step") and n:
        return replace(base, keywords={**kw, "multipleOf": n})
    if name == "finite":
        return base
    return None


URL_LABEL = "a URL such as https://example.org/page"


def _string_pattern(name: str, args: tuple[Any, ...]) -> tuple[str, str] | None:
    first = args[0] if args else None
    if name == "url":
        return url_pattern(), URL_LABEL
    if name == "email":
        return EMAIL_PATTERN, "an email address"
    if name in ("startsWith", "endsWith", "includes") and isinstance(first, str):
        text, shown = _escape(first), json.dumps(first, ensure_ascii=False)
        if name == "startsWith":
            return f"^{text}", f"text starting with {shown}"
        return (f"{text}$", f"text ending with {shown}") if name == "endsWith" else (text, f"text containing {shown}")
    if name == "regex":
        return _regex(first)
    return None


_URL: list[str] = []


def url_pattern() -> str:
    if not _URL:
        _URL.append(_builtin_url())
    return _URL[0]


def _escape(text: str) -> str:
    """A literal for both Python's ``re`` and jsonschema-rs (ECMA-like): only the metacharacters escaped."""
    return re.sub(r"([\\^$.|?*+()\[\]{}/-])", r"\\\1", text)


def _regex(value: Any) -> tuple[str, str] | None:
    """A JS regex literal (``/x/i``: the reader's Regex with ``pattern`` and ``flags``), for both validators.

    None when Python's ``re`` cannot take it (the check is then not translated).
    """
    source = getattr(value, "pattern", value if isinstance(value, str) else None)
    flags = getattr(value, "flags", "")
    if not isinstance(source, str) or not isinstance(flags, str) or not set(flags) <= set("dgimsuvy"):
        return None
    python = re.sub(r"\(\?<(?![=!])", "(?P<", source)
    inline = "".join(f for f in flags if f in "ims")
    pattern = f"(?{inline}){python}" if inline else python
    try:
        re.compile(pattern)
    except re.error:
        return None
    return pattern, f"text matching /{source}/{flags}"


# --- rendering --------------------------------------------------------------------------


def to_json(z: Z) -> dict[str, Any]:
    """The JSON Schema fragment of ``z`` (without ``$defs``)."""
    schema = _base(z)
    if z.nullable:
        schema = _with_null(schema)
    if z.default is not MISSING and _is_json(z.default) and "default" not in schema:
        schema["default"] = z.default
    if z.description:
        schema = {"description": z.description, **schema}
    return schema


def _base(z: Z) -> dict[str, Any]:
    kind = z.kind
    if kind == "json":
        return dict(z.fragment or {})
    if kind == "any":
        return {}
    if kind == "never":
        return {"not": {}}
    if kind in ("string", "boolean", "date", "null"):
        schema: dict[str, Any] = {"type": kind, **z.keywords}
        if len(z.patterns) == 1:
            schema["pattern"], schema["x-pattern"] = z.patterns[0]
        elif z.patterns:
            schema["allOf"] = [{"pattern": p, "x-pattern": label} for p, label in z.patterns]
        return schema
    if kind == "number":
        keywords = {k: v for k, v in z.keywords.items() if k != "integer"}
        number = {"type": "integer" if z.keywords.get("integer") else "number", **keywords}
        if not z.coerced:
            return number
        return {"anyOf": [{"title": "a number", **number}, {"title": "a number as text", **_coercible(bool(keywords))}]}
    if kind == "enum":
        return {"const": z.values[0]} if len(z.values) == 1 else {"enum": list(z.values)}
    if kind == "array":
        return {"type": "array", "items": to_json(z.item or ANY), **z.keywords}
    if kind == "tuple":
        required = max((i + 1 for i, item in enumerate(z.options) if not item.optional), default=0)
        schema = {"type": "array", "prefixItems": [to_json(item) for item in z.options], "minItems": required}
        schema["items"] = to_json(z.item) if z.item is not None else False
        return schema
    if kind == "object":
        return _object_json(z)
    if kind == "record":
        return _record_json(z)
    if kind == "union":
        return {"anyOf": [{"title": title(option), **to_json(option)} for option in z.options]}
    if kind == "intersection":
        return {"allOf": [to_json(option) for option in z.options]}
    return {}


def _coercible(checked: bool) -> dict[str, Any]:
    """What z.coerce.number() turns into a number besides numbers (checks on the result: not translated)."""
    return {"anyOf": [{"type": ["boolean", "null", "date", "array"]}, {"type": "string", "pattern": JS_NUMBER_TEXT}]}


def _object_json(z: Z) -> dict[str, Any]:
    required = [key for key, value in z.shape.items() if not value.optional]
    schema: dict[str, Any] = {"type": "object" if required else ["object", "date"]}
    if required:
        schema["required"] = required
    schema["properties"] = {key: to_json(value) for key, value in z.shape.items()}
    if z.extra == "strict" and not z.open_shape:
        schema["additionalProperties"] = False
    elif isinstance(z.extra, Z):
        schema["additionalProperties"] = to_json(z.extra)
    return schema


def _record_json(z: Z) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "additionalProperties": to_json(z.item or ANY)}
    key = z.key
    if key is not None and key.kind == "enum":
        schema["propertyNames"] = {"enum": [str(v) for v in key.values]}
        schema["required"] = [str(v) for v in key.values]
    elif key is not None and key.kind == "string" and (key.keywords or key.patterns):
        schema["propertyNames"] = to_json(key.unwrapped())
    return schema


def _with_null(schema: dict[str, Any]) -> dict[str, Any]:
    if not schema:
        return schema
    if "const" in schema and "type" not in schema:
        rest = {k: v for k, v in schema.items() if k != "const"}
        return {**rest, "enum": [schema["const"], None]}
    if "enum" in schema and "type" not in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "type" in schema and not {"enum", "const", "anyOf"} & set(schema):
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*kinds, "null"]}
    return {"anyOf": [{"title": "a value", **schema}, {"title": "empty", "type": "null"}]}


_TITLES = {
    "string": "text",
    "number": "a number",
    "boolean": "true or false",
    "date": "an unquoted date like 2024-09-30",
    "null": "empty",
    "array": "a list",
    "tuple": "a list",
    "record": "a mapping",
    "any": "any value",
}


def title(z: Z) -> str:
    """How a union branch is named in messages ("must be one of: text; a mapping with keys name, url")."""
    if z.kind == "object":
        return f"a mapping with keys {', '.join(z.shape)}" if z.shape else "a mapping"
    if z.kind == "enum":
        return " or ".join(json.dumps(v, ensure_ascii=False) for v in z.values[:5])
    if z.kind == "number" and z.keywords.get("integer"):
        return "a whole number"
    return _TITLES.get(z.kind, "a value")


def _is_json(value: Any) -> bool:
    try:
        json.dumps(value)
        return True
    except (TypeError, ValueError):
        return False


def schema_of(z: Z) -> dict[str, Any]:
    """A whole JSON Schema document for ``z`` (what the differential test validates against)."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **to_json(z)}


def fields_of(z: Z) -> frozenset[str] | None:
    """The top-level keys a schema declares, or None when it may declare keys eduforge cannot see."""
    if z.kind == "object":
        return None if z.open_shape or z.loose else frozenset(z.shape)
    if z.kind in ("union", "intersection"):
        found: set[str] = set()
        for option in z.options:
            keys = fields_of(option)
            if keys is None:
                return None
            found |= keys
        return frozenset(found)
    return None
