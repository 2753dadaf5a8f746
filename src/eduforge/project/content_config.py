"""The site's own frontmatter schema: the content config's ``docs`` collection, read statically.

Where Astro looks (``srcDir`` defaults to ``src``): ``src/content.config.{ts,mts,js,mjs}``
(Astro 5+), else ``src/content/config.{ts,mts,js,mjs}`` (Astro 4).  The ``docs``
collection is normally ``defineCollection({ loader: docsLoader(), schema: docsSchema({ extend }) })``;
``extend`` is a zod object or a function of the schema context (``({ image }) => …``).
Starlight before 0.41.4 intersects it with its own schema (``StarlightFrontmatterSchema(context).and(UserSchema)``:
both must accept a page, so an extension cannot relax a built-in field); from 0.41.4 on it
merges it *deeply* (``utils/zodDeepMerge.ts``):

* the extension's wrappers (``.optional()``, ``.nullable()``, ``.default()``) are kept and
  what they wrap is merged with Starlight's field;
* two objects merge key by key (the extension's keys win, recursively), the result has
  the extension's unknown-key policy; two arrays merge their elements; a union merges each
  option; anything else: the extension's schema replaces Starlight's.

:func:`site_schema` is the one entry point: the merged JSON Schema, the ``-v`` notes
(fields not fully checked, a config eduforge could not read) and the files it depends on.
Bad input never raises: it is a note, and the built-in schema.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from eduforge.config import BUILTIN_SCHEMAS
from eduforge.project.js import load_module
from eduforge.project.plugins import PLUGIN_SCHEMAS
from eduforge.project.values import Call, ImportRef, JSFunction, Param, Position, Unknown, position_of
from eduforge.project.versions import parse_version
from eduforge.project.zod import MISSING, URL_LABEL, Note, Translator, Z, fields_of, to_json, url_pattern
from eduforge.safe_read import read_regular

CONFIG_FILES = (
    "content.config.ts",
    "content.config.mts",
    "content.config.js",
    "content.config.mjs",
    "content/config.ts",
    "content/config.mts",
    "content/config.js",
    "content/config.mjs",
)
"""Relative to ``srcDir``; Astro 5's place first, then Astro 4's."""
STARLIGHT_SCHEMA = "@astrojs/starlight/schema"
ONLY_BUILTIN = "only Starlight's own frontmatter fields are checked"
ConfigWarning = tuple[str, int, int, str]
"""``(path relative to the project root, line, column, message)``, as ``Settings.config_notes``."""
ASTRO_SCHEMA = Path(".astro") / "collections" / "docs.schema.json"


@dataclass(frozen=True, eq=False)
class SiteSchema:
    """The frontmatter schema of the site's ``docs`` collection."""

    schema: dict[str, Any]
    """A JSON Schema document (draft 2020-12, eduforge's ``"date"`` type)."""
    origin: str
    """Where it comes from: ``built-in``, or the content config / generated file it was read from."""
    known_keys: frozenset[str] | None
    """Top-level keys the site declares, for ``unknown-key``; None when some cannot be known."""
    notes: tuple[str, ...] = ()
    """Lines for ``-v``: fields not fully checked, and why; a config that could not be read."""
    warnings: tuple[ConfigWarning, ...] = ()
    """What a user sees on every run (rule ``content-config``): the content config could not be read
    as written, or ``schema = "astro"`` found a stale or missing file.  Fields ``-v`` notes are not here."""
    sources: tuple[Path, ...] = ()
    """The files it was read from: the cache key covers their bytes through :attr:`digest`."""
    folder: Path = field(default=BUILTIN_SCHEMAS)
    drops_unknown: str = "Starlight"
    """Who drops a key the schema does not declare, for ``unknown-key``'s message: Starlight, when the
    collection's schema is ``docsSchema()``; else the site's own zod schema, named by its file."""

    @cached_property
    def digest(self) -> str:
        text = json.dumps(self.schema, sort_keys=True, default=str)
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()

    def __repr__(self) -> str:  # the page cache key contains repr(settings): the digest stands for the schema
        return f"SiteSchema({self.origin!r}, {self.digest})"

    @cached_property
    def compiled(self) -> Any:
        from eduforge.validation import compile_schema

        return compile_schema(self.schema, self.folder)


@cache
def builtin_schema() -> dict[str, Any]:
    """The built-in Starlight schema (shared: never change it)."""
    loaded: dict[str, Any] = json.loads((BUILTIN_SCHEMAS / "starlight.schema.json").read_text(encoding="utf-8"))
    return loaded


def find_content_config(project_root: Path, src_dir: Path | None = None) -> Path | None:
    src = src_dir if src_dir is not None else project_root / "src"
    for name in CONFIG_FILES:
        candidate = src / name
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class DocsFolder:
    """Where a ``glob()`` loader reads the docs collection from, when it is not Starlight's ``docsLoader()``."""

    folder: Path
    """The absolute folder: ``glob({ base })`` resolved against the project root, as Astro resolves it."""
    source: str
    """Where ``base`` is written: ``src/content.config.ts:7:34``."""


def docs_folder(project_root: Path, src_dir: Path | None = None) -> DocsFolder | None:
    """The folder of ``docs: defineCollection({ loader: glob({ base: "./docs" }) })``, else ``None``.

    Only a ``glob`` imported from ``astro/loaders`` with a literal ``base`` counts (Astro resolves it
    against the project root); ``docsLoader()``, a custom loader or a computed base keep the default
    ``src/content/docs``.  Reading never raises.
    """
    config = find_content_config(project_root, src_dir)
    if config is None:
        return None
    try:
        module = load_module(config, root=project_root)
    except Exception:  # the reader reports, never raises; the schema reading says what went wrong
        return None
    exports = getattr(module, "exports", {})
    collections = exports.get("collections") if isinstance(exports, dict) else None
    docs = collections.get("docs") if isinstance(collections, dict) else None
    options = docs.args[0] if isinstance(docs, Call) and docs.args else docs
    loader = options.get("loader") if isinstance(options, dict) else None
    if not isinstance(loader, Call) or not _is_glob(loader.callee) or not loader.args:
        return None
    glob_options = loader.args[0]
    base = glob_options.get("base") if isinstance(glob_options, dict) else None
    if not isinstance(base, str) or not base.strip():
        return None
    folder = Path(os.path.normpath(project_root / base))
    position = getattr(glob_options, "value_positions", {}).get("base")
    where = _shown(Path(position.file), project_root) if position else _shown(config, project_root)
    line, column = (position.line, position.column) if position else (1, 1)
    return DocsFolder(folder, f"{where}:{line}:{column}")


def _is_glob(value: Any) -> bool:
    return isinstance(value, ImportRef) and value.source == "astro/loaders" and value.name == "glob"


_CACHE: dict[tuple[str, str | None, str, str | None], tuple[tuple[tuple[Path, bytes], ...], SiteSchema]] = {}


DEEP_MERGE_SINCE = (0, 41, 4)
"""The Starlight release whose docsSchema() merges ``extend`` deeply instead of intersecting it."""


def site_schema(
    project_root: Path, src_dir: Path | None = None, mode: str = "starlight", starlight_version: str | None = None
) -> SiteSchema:
    """The ``docs`` schema of the project: Starlight's, merged with the content config's extension.

    ``mode="astro"`` prefers ``.astro/collections/docs.schema.json`` (what ``astro sync``
    writes) when it is newer than the content config.  ``starlight_version`` (the project's,
    when known) picks how ``extend`` is merged.  Cached by the bytes of every source file.
    """
    key = (str(project_root), str(src_dir) if src_dir else None, mode, starlight_version)
    cached = _CACHE.get(key)
    if cached is not None and all(_digest(file) == digest for file, digest in cached[0]):
        return cached[1]
    result = with_icons_of(_site_schema(project_root, src_dir, mode, _intersects(starlight_version)), starlight_version)
    _CACHE[key] = (tuple((file, _digest(file)) for file in result.sources), result)
    return result


@cache
def _icons_by_line() -> dict[str, list[str]]:
    loaded: dict[str, list[str]] = json.loads((BUILTIN_SCHEMAS / "starlight-icons.json").read_text(encoding="utf-8"))[
        "icons"
    ]
    return loaded


def with_icons_of(site: SiteSchema, version: str | None) -> SiteSchema:
    """The schema with the built-in icon names of the project's Starlight release line (``0.28`` has
    fewer than the current one; an unknown or current release keeps the built-in list)."""
    parts = parse_version(version)
    line = f"{parts[0]}.{parts[1]}" if parts else ""
    names = _icons_by_line().get(line)
    defs = site.schema.get("$defs")
    if names is None or not isinstance(defs, dict) or "builtinIcon" not in defs:
        return site
    icon = {**defs["builtinIcon"], "enum": names}
    schema = {**site.schema, "$defs": {**defs, "builtinIcon": icon}}
    return replace(site, schema=schema, notes=(*site.notes, f"icon names: Starlight {line}'s"))


def _intersects(version: str | None) -> bool:
    """Whether that Starlight release intersects ``extend`` with its schema (unknown: the current one does not)."""
    parts = parse_version(version)
    return parts is not None and parts < DEEP_MERGE_SINCE


def _digest(file: Path) -> bytes:
    data = read_regular(file, 64 * 1024 * 1024)  # a FIFO or /dev/zero here is not read
    return hashlib.blake2b(data, digest_size=16).digest() if data is not None else b"missing"


def _site_schema(project_root: Path, src_dir: Path | None, mode: str, intersect: bool) -> SiteSchema:
    config = find_content_config(project_root, src_dir)
    if mode == "astro":
        generated = project_root / ASTRO_SCHEMA
        fresh = generated.is_file() and (config is None or generated.stat().st_mtime >= config.stat().st_mtime)
        if fresh:
            return astro_generated_schema(generated, config)
        static = _static(config, project_root, intersect)
        why = "does not exist" if not generated.is_file() else f"is older than {_shown(config, project_root)}"
        message = (
            f"{ASTRO_SCHEMA.as_posix()} {why}; run astro sync (meanwhile eduforge reads the content config itself)"
        )
        at = ASTRO_SCHEMA.as_posix() if generated.is_file() or config is None else _shown(config, project_root)
        warning: ConfigWarning = (at, 1, 1, message)
        return replace(static, warnings=(warning, *static.warnings), sources=(*static.sources, generated))
    return _static(config, project_root, intersect)


def _shown(file: Path | None, root: Path) -> str:
    if file is None:
        return "the content config"
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return str(file)


def _fallback(
    why: str, sources: tuple[Path, ...] = (), warning: ConfigWarning | None = None, notes: tuple[str, ...] = ()
) -> SiteSchema:
    schema = builtin_schema()
    warnings = (warning,) if warning else ()
    known = frozenset(schema["properties"])
    return SiteSchema(schema, "built-in", known, notes=(*notes, why), warnings=warnings, sources=sources)


def _static(config: Path | None, project_root: Path, intersect: bool = False) -> SiteSchema:
    if config is None:
        return _fallback("no content config (src/content.config.ts); using the built-in Starlight schema")
    try:
        module = load_module(config, root=project_root)
    except Exception as error:  # the reader reports, never raises; this is the last guard
        message = f"cannot read the content config ({type(error).__name__}); {ONLY_BUILTIN}"
        return _fallback(message, (config,), (_shown(config, project_root), 1, 1, message))
    return ContentConfig(config, module, project_root, intersect).schema()


class ContentConfig:
    """One content config module and how its ``docs`` schema is built."""

    def __init__(self, file: Path, module: Any, root: Path | None = None, intersect: bool = False) -> None:
        self.file = file
        self.intersect = intersect
        """Starlight < 0.41.4: ``base.and(extension)``; else the deep merge."""
        self.module = module
        self.root = root
        self.sources: set[Path] = {file}
        self.translator = Translator(resolve=self._resolve)
        self.starlight = False
        """Whether the docs collection's schema is Starlight's ``docsSchema()``."""

    def schema(self) -> SiteSchema:
        problems = list(getattr(self.module, "problems", ()))
        value = self._schema_value()
        if isinstance(value, tuple):
            at, why = value
            return self._fallback(at, why, problems)
        root = self._collection_schema(value)
        if root is None:
            reason = value.reason if isinstance(value, Unknown) else "it is not a schema eduforge can read"
            return self._fallback(value, f"the docs collection's schema cannot be read statically: {reason}", problems)
        return self._result(root, problems)

    def extension(self) -> Z | None:
        """The ``extend`` schema alone, not merged (what the differential test judges)."""
        value = self._schema_value()
        if isinstance(value, JSFunction):
            value = value.returns()
        if not isinstance(value, Call) or not _is_docs_schema(value.callee) or not value.args:
            return None
        options = value.args[0]
        return self._user_schema(options.get("extend")) if isinstance(options, dict) else None

    def _schema_value(self) -> Any:
        """The docs collection's ``schema`` value, or ``(where, why)`` there is none."""
        exports = getattr(self.module, "exports", {})
        collections = exports.get("collections") if isinstance(exports, dict) else None
        if collections is None:
            return None, "the content config exports no collections object"
        if not isinstance(collections, dict):
            return collections, "the collections object cannot be read statically"
        docs = collections.get("docs")
        if docs is None:
            return collections, "the content config defines no docs collection"
        options = docs.args[0] if isinstance(docs, Call) and docs.args else docs
        value = options.get("schema") if isinstance(options, dict) else None
        if value is None:
            return docs, "the docs collection has no schema eduforge can read"
        return value

    def _fallback(self, at: Any, why: str, problems: list[Any]) -> SiteSchema:
        message = f"{why}; {ONLY_BUILTIN}"
        notes = tuple(self._problem(p) for p in problems)
        fallback = _fallback(message, tuple(sorted(self.sources)), self._warning(at, message), notes)
        explained = tuple(self._warning(p.position, p.message) for p in problems if hasattr(p, "position"))
        return replace(fallback, warnings=(*explained, *fallback.warnings))

    def _warning(self, at: Any, message: str) -> ConfigWarning:
        position = at if isinstance(at, Position) else position_of(at)
        if position is None:
            return (self._shown(self.file), 1, 1, message)
        return (self._shown(Path(position.file)), position.line, position.column, message)

    def _problem(self, problem: Any) -> str:
        at = getattr(problem, "position", None)
        if at is None:
            return str(problem)
        return f"{self._shown(at.file)}:{at.line}:{at.column}: {problem.message}"

    def _shown(self, file: Path) -> str:
        return _shown(Path(file), self.root) if self.root is not None else str(file)

    def _collection_schema(self, value: Any) -> Z | None:
        """The Z of a collection's ``schema`` value: ``docsSchema({...})``, a function of the context, or zod."""
        if isinstance(value, JSFunction):
            value = value.returns()
        if isinstance(value, Call) and _is_docs_schema(value.callee):
            self.starlight = True
            return self._docs_schema(value)
        if isinstance(value, Unknown):
            return None
        return self.translator.node(value)

    def _docs_schema(self, call: Call) -> Z:
        """``docsSchema(options)`` applied to the schema context: Starlight's schema merged with ``extend``."""
        base = starlight_z()
        options = call.args[0] if call.args else None
        if options is None:
            return base
        if not isinstance(options, dict):
            self.translator.note("", "the options of docsSchema() cannot be read statically", options)
            return _loosened(base)
        user = self._user_schema(options.get("extend"))
        if user is None:
            return base
        if user.loose:
            return _loosened(base)
        return Z("intersection", options=(base, user)) if self.intersect else deep_merge(base, user)

    def _user_schema(self, extend: Any) -> Z | None:
        """The schema ``extend`` builds (a zod object, or a function of the context), or None without one."""
        if extend is None:
            return None
        if isinstance(extend, Unknown):
            self.translator.note("", f"extend cannot be read statically: {extend.reason}", extend)
            return Z("any", optional=True, loose=True)
        if isinstance(extend, JSFunction):
            extend = extend.returns()
        elif isinstance(extend, ImportRef) and (extend.source, extend.name) in PLUGIN_SCHEMAS:
            extend = Call(extend, (Param("context"),), extend.position)  # docsSchema calls it with the context
        return self.translator.node(extend, "")

    def _resolve(self, value: Any, where: str) -> Z | None:
        """Calls and imports the translator cannot know: plugin schemas, ``docsSchema(...)(context)``."""
        target = value.callee if isinstance(value, Call) else value
        if isinstance(target, ImportRef) and (target.source, target.name) in PLUGIN_SCHEMAS:
            return PLUGIN_SCHEMAS[(target.source, target.name)]()
        if isinstance(value, Call) and isinstance(value.callee, Call) and _is_docs_schema(value.callee.callee):
            self.starlight = True
            return self._docs_schema(value.callee)
        return None

    def _result(self, root: Z, problems: list[Any]) -> SiteSchema:
        notes = _unique(self.translator.notes)
        shown = [*(self._problem(p) for p in problems), *(note.shown(self.root) for note in notes)]
        known = fields_of(root)
        warnings = [  # the whole extension unread: say it on every run, not only with -v
            self._warning(note.position, f"{_extend(note.why, self.starlight)}; {ONLY_BUILTIN}, and unknown-key is off")
            for note in notes
            if not note.field and known is None  # a .refine() after a read object: its fields are checked (-v says it)
        ]
        if warnings:  # what the reader could not read explains why
            warnings[:0] = [self._warning(p.position, p.message) for p in problems if hasattr(p, "position")]
        self.sources.update(self.translator.files)
        return SiteSchema(
            render_site(root),
            str(self.file),
            known,
            notes=tuple(shown),
            warnings=tuple(warnings),
            sources=tuple(sorted(self.sources)),
            drops_unknown="Starlight" if self.starlight else f"the docs collection's schema ({self._shown(self.file)})",
        )


def _extend(why: str, starlight: bool = True) -> str:
    """What was not read, named by its key: docsSchema's ``extend``, or the collection's own ``schema``."""
    key = "extend" if starlight else "schema"
    return why if why.startswith(key) else f"{key}: {why}"


def _unique(notes: list[Note]) -> list[Note]:
    return list(dict.fromkeys(notes))


def _is_docs_schema(value: Any) -> bool:
    return isinstance(value, ImportRef) and value.source == STARLIGHT_SCHEMA and value.name == "docsSchema"


def _loosened(base: Z) -> Z:
    """Starlight's schema with room for the keys an unreadable extension may add."""
    return replace(base, open_shape=True)


# --- Starlight's schema as Z, and the deep merge ------------------------------------------


def starlight_z() -> Z:
    """The built-in schema's root as an object of ready JSON fragments."""
    schema = builtin_schema()
    required = set(schema.get("required", []))
    shape = {
        key: Z("json", fragment=value, optional=key not in required) for key, value in schema["properties"].items()
    }
    return Z("object", shape=shape)


def _json_object(z: Z, defs: dict[str, Any]) -> Z:
    """A built-in field whose fragment is a plain object schema, as a Z object (so it can merge)."""
    if z.kind != "json" or z.fragment is None:
        return z
    fragment = z.fragment
    ref = fragment.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        fragment = {**defs.get(ref.removeprefix("#/$defs/"), {}), **{k: v for k, v in fragment.items() if k != "$ref"}}
    kinds = fragment.get("type")
    is_object = kinds == "object" or (isinstance(kinds, list) and "object" in kinds)
    if not is_object or not isinstance(fragment.get("properties"), dict) or {"anyOf", "oneOf", "allOf"} & set(fragment):
        return z
    required = set(fragment.get("required", []))
    shape = {k: Z("json", fragment=v, optional=k not in required) for k, v in fragment["properties"].items()}
    return Z("object", shape=shape, optional=z.optional, description=fragment.get("description"))


def deep_merge(default: Z, user: Z, defs: dict[str, Any] | None = None) -> Z:
    """Starlight's ``deepMergeSchemas(default, user)`` on Z values."""
    defs = builtin_schema()["$defs"] if defs is None else defs
    inner = _json_object(default, defs).unwrapped()
    if user.optional or user.nullable or user.default is not MISSING:
        merged = deep_merge(inner, user.unwrapped(), defs)
        return replace(merged, optional=user.optional, nullable=user.nullable, default=user.default)
    if user.kind == "union":
        return replace(user, options=tuple(deep_merge(inner, option, defs) for option in user.options))
    if user.kind == "intersection" and inner.kind == "object":  # z.intersection(blogSchema(ctx), z.object(…))
        return replace(user, options=tuple(deep_merge(inner, option, defs) for option in user.options))
    if inner.kind == "object" and user.kind == "object":
        shape = dict(inner.shape)
        for key, value in user.shape.items():
            shape[key] = deep_merge(shape[key], value, defs) if key in shape else value
        return replace(user, shape=shape)
    if inner.kind == "array" and user.kind == "array" and inner.item is not None and user.item is not None:
        return replace(user, item=deep_merge(inner.item, user.item, defs))
    return user


def render_site(root: Z) -> dict[str, Any]:
    """The merged schema as a document in the built-in schema's style (its ``$defs`` kept)."""
    builtin = builtin_schema()
    body = to_json(root)
    head: dict[str, Any] = {k: builtin[k] for k in ("$schema", "$id", "title", "x-starlight-version") if k in builtin}
    head["title"] = "Starlight docs frontmatter, with the site's own fields"
    return {**head, **body, "$defs": builtin["$defs"]}


# --- schema = "astro": what `astro sync` generated ----------------------------------------


def astro_generated_schema(file: Path, config: Path | None) -> SiteSchema:
    """``.astro/collections/docs.schema.json``, made to judge frontmatter as Starlight does.

    Astro's generator writes dates as strings with ``format: date-time`` (they are YAML
    dates in frontmatter: eduforge's ``"date"`` type).  Astro 5 (zod-to-json-schema, draft-07,
    a root ``$ref``) writes ``additionalProperties: false`` on objects zod merely strips:
    unknown keys are dropped, not errors, so it goes (``unknown-key`` warns about top-level
    ones); Astro 6+ (``z.toJSONSchema``, input shape) writes it only for ``.strict()``.
    zod's string formats are its own (``ends_with``; ``uri`` meaning WHATWG URL syntax): the
    regex zod writes beside them is kept, the format dropped, a URL checked as zod does.
    A required key with a default is ``.catch()``: never missing.  What the file cannot say
    is lost: ``.refine()`` and the like, and regex flags (``/v\\d/i`` is written without ``i``).
    """
    sources = (file, *([config] if config else []))
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return replace(_fallback(f"{file}: cannot read it ({error})", sources), origin=str(file))
    except RecursionError:
        return replace(_fallback(f"{file}: cannot read it (nested too deeply)", sources), origin=str(file))
    if not isinstance(raw, dict):
        return _fallback(f"{file}: not a JSON Schema object", sources)
    draft7 = "draft-07" in str(raw.get("$schema", "")) or "definitions" in raw  # Astro 5: zod-to-json-schema
    schema = _astro_fixed(raw, strip_objects=draft7)
    if not isinstance(schema, dict):
        return _fallback(f"{file}: not a JSON Schema object", sources)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    root = _root(schema)
    properties = root.get("properties") if isinstance(root, dict) else None
    known = frozenset(properties) if isinstance(properties, dict) else None
    note = (
        f"{file.name} is what astro sync generated: it cannot say z.coerce (it gives the coerced type),"
        ' regex flags or .refine(); where the content config uses them, schema = "starlight" reads it more exactly'
    )
    return SiteSchema(schema, str(file), known, notes=(note,), sources=sources, folder=file.parent)


def _root(schema: dict[str, Any]) -> Any:
    node: Any = schema
    for _ in range(8):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return node
        target: Any = schema
        for part in ref[2:].split("/"):
            target = target.get(part) if isinstance(target, dict) else None
        node = target
    return node


_DATE_FORMATS = frozenset({"date-time", "date", "unix-time"})


def _is_date_form(node: Any) -> bool:
    return isinstance(node, dict) and node.get("format") in _DATE_FORMATS and node.get("type") in ("string", "integer")


def _astro_fixed(node: Any, strip_objects: bool) -> Any:
    """One node of Astro's schema, made to judge YAML frontmatter as zod does (see astro_generated_schema)."""
    if isinstance(node, list):
        return [_astro_fixed(item, strip_objects) for item in node]
    if not isinstance(node, dict):
        return node
    if _is_date_form(node):
        return {k: v for k, v in node.items() if k not in ("type", "format", "pattern")} | {"type": "date"}
    for keyword in ("anyOf", "oneOf"):
        options = node.get(keyword)
        if isinstance(options, list) and options and all(_is_date_form(o) for o in options):
            rest = {k: v for k, v in node.items() if k != keyword}
            return {**_astro_fixed(rest, strip_objects), "type": "date"}
    fixed = {key: _astro_fixed(value, strip_objects) for key, value in node.items()}
    if strip_objects and fixed.get("additionalProperties") is False:
        del fixed["additionalProperties"]
    if isinstance(fixed.get("format"), str) and fixed.get("type") == "string":
        form = fixed.pop("format")  # zod's formats: its own regex is in "pattern"; a URL is WHATWG's syntax
        if form == "uri" and "pattern" not in fixed:
            fixed["pattern"], fixed["x-pattern"] = url_pattern(), URL_LABEL
    properties = fixed.get("properties")
    if isinstance(properties, dict):
        caught = [key for key in fixed.get("required", []) if "default" in properties.get(key, {})]
        for key in caught:  # required with a default: zod's .catch(), which accepts anything
            properties[key] = {"default": properties[key]["default"]}
        required = [key for key in fixed.get("required", []) if key not in caught]
        if required:
            fixed["required"] = required
        else:
            fixed.pop("required", None)
            if fixed.get("type") == "object":  # zod 4: an object requiring no key accepts a Date
                fixed["type"] = ["object", "date"]
    return fixed
