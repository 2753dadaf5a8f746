"""JSON Schema validation of frontmatter, with messages a content author can act on.

Schemas are draft 2020-12 (``$ref`` between local files works; formats are
checked).  Frontmatter dates are Python dates; schemas name them with the extra
type ``"date"``.  Every error is explained at the YAML node it is about; a failed
union (``anyOf``/``oneOf``) becomes one message naming the accepted shapes, or the
errors of the one shape the value clearly meant.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema loads only when a page is not plainly valid (see CompiledSchema.exact)
    from typing import TypeAlias

    ValidationError: TypeAlias = Any
    """jsonschema's ValidationError (its stub types every attribute as possibly unset)."""

from eduforge.problem import did_you_mean
from eduforge.site.frontmatter import PathKey
from eduforge.site.frontmatter import display as display_path


@dataclass(frozen=True)
class SchemaError:
    path: PathKey
    message: str
    at_key: bool = False
    """Point at the key at ``path`` rather than at its value."""
    replacement: str | None = None
    """The YAML scalar that would be right in place of the value (``true`` for ``yes``, a date unquoted)."""


class SchemaLoadError(Exception):
    """A schema file that cannot be read or is not a valid JSON Schema."""


def _is_date(checker: Any, instance: Any) -> bool:
    return isinstance(instance, dt.date)


def _is_string(checker: Any, instance: Any) -> bool:
    return isinstance(instance, str)


def _is_finite_number(checker: Any, instance: Any) -> bool:
    """JavaScript's zod rejects Infinity and NaN as numbers; so do we."""
    return isinstance(instance, (int, float)) and not isinstance(instance, bool) and math.isfinite(instance)


def _is_integer(checker: Any, instance: Any) -> bool:
    return _is_finite_number(checker, instance) and float(instance).is_integer()


def _exact_validator(schema: Any, folder: Path) -> Any:
    """jsonschema's Draft 2020-12 validator with our types, local $refs and format checks."""
    from jsonschema import Draft202012Validator, validators
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def retrieve(uri: str) -> Resource:
        if uri.startswith(("http://", "https://")):
            raise SchemaLoadError(f"remote schema {uri} is not fetched; download it and refer to the file")
        return Resource.from_contents(
            read_json(folder / uri.removeprefix("file://")), default_specification=DRAFT202012
        )

    type_checker = Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"date": _is_date, "string": _is_string, "number": _is_finite_number, "integer": _is_integer}
    )
    validator_class = validators.extend(Draft202012Validator, type_checker=type_checker)  # type: ignore[no-untyped-call]
    registry: Registry = Registry(retrieve=retrieve)  # type: ignore[call-arg]
    return validator_class(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _check_schema(schema: Any, file: Path) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema import SchemaError as InvalidSchema

    try:
        Draft202012Validator.check_schema(_standard_types(schema))
    except InvalidSchema as error:
        where = "/".join(map(str, error.absolute_path)) or "its top level"
        raise SchemaLoadError(f"schema {file} is not a valid JSON Schema (at {where}): {error.message}") from None


def _standard_types(schema: Any) -> Any:
    """The schema with our extra type "date" read as "string", for the meta-schema check (a type list
    naming both, as ``z.coerce.date()``'s does, names "string" once: the meta-schema wants unique items)."""
    if isinstance(schema, dict):
        return {
            k: (
                "string"
                if v == "date"
                else list(dict.fromkeys("string" if t == "date" else t for t in v))
                if isinstance(v, list) and k == "type"
                else _standard_types(v)
            )
            if k == "type"
            else _standard_types(v)
            for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_standard_types(item) for item in schema]
    return schema


_DATE_KEY = "\u0000date"
"""jsonschema-rs knows no dates: they travel as ``{"\0date": iso}`` objects."""


def _rs_schema(schema: Any) -> Any:
    """The schema for jsonschema-rs: type "date" becomes the date object, and objects refuse it."""
    if isinstance(schema, list):
        return [_rs_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: _rs_schema(value) for key, value in schema.items() if key != "type"}
    kinds = _types(schema)
    if not kinds:
        return result
    parts: list[Any] = [{"type": sorted(kinds - {"date"})}] if kinds - {"date"} else []
    if "date" in kinds:
        parts.append({"type": "object", "required": [_DATE_KEY], "maxProperties": 1})
    if "object" in kinds:  # a date is never an object
        parts[0] = {**parts[0], "not": {"required": [_DATE_KEY]}}
    return {**result, "anyOf": parts} if "anyOf" not in result else {"allOf": [result, {"anyOf": parts}]}


def _rs_instance(value: Any, date_paths: list[PathKey] | None = None) -> Any:
    """The instance for jsonschema-rs: dates become date objects (only along ``date_paths`` when known)."""
    if date_paths is not None:
        return _replace_dates(value, date_paths)
    if isinstance(value, dict):
        return {key: _rs_instance(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rs_instance(item) for item in value]
    if isinstance(value, dt.date):
        return {_DATE_KEY: value.isoformat()}
    return value


def _replace_dates(value: Any, paths: list[PathKey]) -> Any:
    """A copy of ``value`` with the dates at ``paths`` converted; the original is untouched.

    Each list or mapping along the paths is copied once (copied again for each date in it, a list
    of 32,000 dates cost 32,000² element copies: 7 s)."""
    copies: set[int] = set()

    def own(container: Any) -> Any:
        if id(container) in copies:
            return container
        copy = dict(container) if isinstance(container, dict) else list(container)
        copies.add(id(copy))
        return copy

    for path in paths:
        if not path:
            return {_DATE_KEY: value.isoformat()} if isinstance(value, dt.date) else value
        node = value = own(value)
        for head in path[:-1]:
            node[head] = own(node[head])
            node = node[head]
        leaf = node[path[-1]]
        if isinstance(leaf, dt.date):
            node[path[-1]] = {_DATE_KEY: leaf.isoformat()}
    return value


def _fast_validator(schema: Any, folder: Path) -> Any:
    """A jsonschema-rs validator that says "valid" only when jsonschema would too, or None."""
    try:
        import jsonschema_rs

        def retrieve(uri: str) -> Any:
            return read_json(folder / uri.removeprefix("file://"))

        return jsonschema_rs.validator_for(_rs_schema(schema), validate_formats=True, retriever=retrieve)
    except Exception:  # any schema it cannot take: the exact validator does all the work
        return None


@dataclass(frozen=True)
class CompiledSchema:
    schema: Any
    folder: Path
    fast: Any
    """A jsonschema-rs validator used only to accept valid pages quickly, or None."""

    @cached_property
    def exact(self) -> Any:
        """The jsonschema validator: the judge, and the source of every message (built on first need)."""
        return _exact_validator(self.schema, self.folder)


@lru_cache(maxsize=64)
def compiled(file: Path) -> CompiledSchema:
    """The validators for a schema file (cached per file)."""
    return compile_schema(read_json(file), file.parent, file)


MAX_SCHEMA_BYTES = 16 * 1024 * 1024
"""A schema file larger than this is refused (a real one is a few KB; ``/dev/zero`` never ends)."""


def read_json(file: Path) -> Any:
    """The JSON document in ``file``, read only when it is a regular file of UTF-8 text.

    A FIFO, a device (``/dev/zero``), a folder or a path with a NUL is a ``SchemaLoadError``,
    never a hang: the file is opened non-blocking and checked with ``fstat`` before reading.
    """
    if "\0" in str(file):
        raise SchemaLoadError(f"schema path {str(file)!r} contains a NUL character; name a JSON Schema file")
    try:
        descriptor = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise SchemaLoadError(f"cannot read schema {file}: {error.strerror or error}") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SCHEMA_BYTES:
        os.close(descriptor)
        if info.st_size > MAX_SCHEMA_BYTES:
            raise SchemaLoadError(f"schema {file} is larger than {MAX_SCHEMA_BYTES // 1024 // 1024} MB")
        raise SchemaLoadError(f"schema {file} is not a regular file; name a JSON Schema file")
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(MAX_SCHEMA_BYTES + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SchemaLoadError(
            f"schema {file} is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaLoadError(f"schema {file} is not valid JSON: {error}") from None
    except RecursionError:
        raise SchemaLoadError(f"schema {file} cannot be read: its arrays or objects are nested too deeply") from None
    except ValueError:  # an integer past Python's digit limit
        raise SchemaLoadError(f"schema {file} cannot be read: it holds a number too long to read") from None


def compile_schema(schema: Any, folder: Path, file: Path | None = None) -> CompiledSchema:
    """The validators for a schema document held in memory (``$ref`` files relative to ``folder``)."""
    fast = _fast_validator(schema, folder)
    if fast is None or not _meta_valid(schema):  # jsonschema names what is wrong with the schema
        _check_schema(schema, file or folder)
    return CompiledSchema(schema, folder, fast)


def _meta_valid(schema: Any) -> bool:
    """The schema is valid against its meta-schema (jsonschema-rs is fast; ``_rs_schema`` hides a bad ``type``)."""
    import jsonschema_rs

    try:
        return bool(jsonschema_rs.meta.is_valid(_standard_types(schema)))
    except Exception:  # a meta-schema it does not know: let jsonschema decide
        return False


def known_keys(validator: CompiledSchema) -> set[str] | None:
    """Top-level keys the schema names, or None when it names none."""
    properties = validator.schema.get("properties") if isinstance(validator.schema, dict) else None
    return set(properties) if isinstance(properties, dict) else None


def validate(
    validator: CompiledSchema, data: dict[str, Any], date_paths: list[PathKey] | None = None
) -> list[SchemaError]:
    """Every error of ``data``; most pages are valid, and jsonschema-rs proves that ~30x faster.

    ``date_paths`` (where the dates are, when known) spares walking the whole document.
    """
    if validator.fast is not None and validator.fast.is_valid(_rs_instance(data, date_paths)):
        return []
    from referencing.exceptions import Unresolvable

    try:
        if validator.exact.is_valid(data):
            return []
        errors: list[SchemaError] = []
        for error in sorted(validator.exact.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            errors.extend(_explain(error))
    except Unresolvable as error:
        cause: BaseException | None = error
        while cause is not None and not isinstance(cause, SchemaLoadError):
            cause = cause.__cause__ or cause.__context__
        if cause is not None:  # what read_json said about the $ref target
            raise cause from None
        raise SchemaLoadError(f"the schema has a $ref that cannot be resolved: {error}") from None
    return list(dict.fromkeys(errors))  # one message once, even when two keywords say it


# --- explaining errors ---------------------------------------------------------------


def display(path: PathKey) -> str:
    return display_path(path) or "the frontmatter"


_TYPE_NAMES = {
    "string": "text",
    "boolean": "true or false",
    "number": "a number",
    "integer": "a whole number",
    "object": "a mapping of keys",
    "array": "a list",
    "null": "empty",
    "date": "an unquoted date like 2024-09-30",
}


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f'the text "{shown}"'
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _hint(value: Any, expected: set[str]) -> str:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if "boolean" in expected and lowered in _YES_NO:
            word = "true" if lowered in ("yes", "on", "y", "true", "ya") else "false"
            return f"; write {word} (unquoted: YAML 1.2 reads {value} as text)"
        if "date" in expected and _looks_like_date(lowered):
            return "; remove the quotes so YAML reads it as a date"
        if expected & {"number", "integer"} and _is_number(lowered):
            return "; remove the quotes so YAML reads it as a number"
    return ""


def _replacement(value: Any, expected: set[str]) -> str | None:
    """The fix the hint names, when it is certain: ``yes``/``no``/``on``/``off``/``y``/``n`` (any case) for a
    boolean, a quoted ISO date for a date. (``ya``/``tidak`` and numbers are hints only.)"""
    if not isinstance(value, str):
        return None
    if "boolean" in expected and value.lower() in _BOOLEAN_WORDS:
        return "true" if value.lower() in ("yes", "on", "y", "true") else "false"
    if "date" in expected and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) and _looks_like_date(value):
        return value
    return None


_BOOLEAN_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false"})
_YES_NO = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false", "ya", "tidak"})
"""Words meant as true/false that YAML 1.2 reads as text (Indonesian ``ya``/``tidak`` too)."""


def _looks_like_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
        return True
    except ValueError:
        return False


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _types(schema: Any) -> set[str]:
    kind = schema.get("type") if isinstance(schema, dict) else None
    return set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()


def _explain(error: ValidationError) -> Iterator[SchemaError]:
    path: PathKey = tuple(error.absolute_path)
    where = display(path)
    value, kind = error.instance, error.validator
    if "propertyNames" in error.absolute_schema_path and isinstance(value, str):
        allowed = [o for o in error.validator_value if isinstance(o, str)] if kind == "enum" else []
        listed = f"; allowed: {', '.join(allowed)}" if allowed else ""
        yield SchemaError(
            (*path, value), f'unknown key "{value}" in {where}{did_you_mean(value, allowed) or listed}', at_key=True
        )
        return
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if custom and kind not in ("anyOf", "oneOf"):
        yield SchemaError(path, custom)
        return
    if kind in ("anyOf", "oneOf"):
        yield from _explain_union(error, path)
    elif kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.validator_value)
        owner = "the frontmatter" if not path else where
        fix = "; every Starlight page needs a title" if missing == "title" and not path else ""
        yield SchemaError(path, f'{owner} is missing the required key "{missing}"{fix}')
    elif kind == "additionalProperties" or kind == "unevaluatedProperties":
        allowed = list(error.schema.get("properties", {}))
        for extra in [key for key in value if key not in allowed] if isinstance(value, dict) else []:
            allowed_text = f"; allowed: {', '.join(allowed)}" if allowed else ""
            yield SchemaError(
                (*path, extra),
                f'unknown key "{extra}" in {where}{did_you_mean(extra, allowed) or allowed_text}',
                at_key=True,
            )
    elif kind == "type":
        expected = _types(error.schema)
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in sorted(expected))
        message = f"{where} must be {names}, not {describe(value)}{_hint(value, expected)}"
        yield SchemaError(path, message, replacement=_replacement(value, expected))
    elif kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        shown = ", ".join(json.dumps(o, ensure_ascii=False) for o in options[:12]) + (
            ", …" if len(options) > 12 else ""
        )
        suggestion = did_you_mean(value, [o for o in options if isinstance(o, str)])
        yield SchemaError(path, f"{where} must be one of {shown}; got {describe(value)}{suggestion}")
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "more than",
            "exclusiveMaximum": "less than",
        }
        yield SchemaError(path, f"{where} must be {words[kind]} {error.validator_value}; got {describe(value)}")
    elif kind == "minLength" and error.validator_value == 1:
        yield SchemaError(path, f"{where} must not be empty")
    elif kind == "format":
        fmt = {"uri": "URL", "uri-reference": "URL", "date-time": "date and time"}.get(
            error.validator_value, error.validator_value
        )
        yield SchemaError(path, f"{where} must be a valid {fmt}; got {describe(value)}")
    elif kind == "pattern" and isinstance(value, str):
        meaning = error.schema.get("x-pattern") if isinstance(error.schema, dict) else None
        wanted = meaning if isinstance(meaning, str) else f"text matching the pattern {error.validator_value}"
        yield SchemaError(path, f"{where} must be {wanted}; got {describe(value)}")
    elif kind == "false":
        yield SchemaError(path, f"{where} is not allowed here", at_key=True)
    else:
        yield SchemaError(path, f"{where}: {error.message}")


def _branch_title(schema: Any, validator_value: Any, index: int) -> str:
    branch = validator_value[index] if isinstance(validator_value, list) and index < len(validator_value) else {}
    if isinstance(branch, dict):
        if isinstance(branch.get("title"), str):
            return str(branch["title"])
        names = [_TYPE_NAMES.get(t, t) for t in sorted(_types(branch))]
        if names:
            return " or ".join(names)
        if "const" in branch:
            return json.dumps(branch["const"])
    return f"shape {index + 1}"


def _explain_union(error: ValidationError, path: PathKey) -> Iterator[SchemaError]:
    """One message naming the accepted shapes, or the errors of the one shape the value is."""
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    here = list(error.absolute_path)
    shape_mismatch = ("type", "const", "enum", "false")
    plausible = [  # branches whose own type/const/enum accepts the value
        index
        for index, subs in by_branch.items()
        if not any(
            s.validator in shape_mismatch and len(s.relative_schema_path) == 2 and list(s.absolute_path) == here
            for s in subs
        )
    ]
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if len(plausible) == 1 and not custom:
        for sub in by_branch[plausible[0]]:
            yield from _explain(sub)
        return
    if isinstance(error.instance, dict) and len(plausible) > 1 and not custom:
        # A mapping that fits several object shapes: explain the closest one.
        best = min(plausible, key=lambda i: len(by_branch[i]))
        if len(by_branch[best]) == 1:
            yield from _explain(by_branch[best][0])
            return
    titles = [_branch_title(error.schema, error.validator_value, i) for i in range(len(error.validator_value))]
    message = custom or f"{display(path)} must be one of: {'; '.join(titles)}"
    expected = set().union(*(_types(branch) for branch in error.validator_value if isinstance(branch, dict)))
    yield SchemaError(
        path,
        f"{message}; got {describe(error.instance)}{_hint(error.instance, expected)}",
        replacement=_replacement(error.instance, expected),
    )
