"""Read a JavaScript/TypeScript module statically: its default export, named exports and top-level bindings.

``load_module(Path("astro.config.mjs"))`` parses the file with tree-sitter, follows its relative imports
(``./locales.json``, ``../config/sidebar.ts``, ``require('./x')`` in CommonJS), and evaluates the static
subset of JavaScript into :mod:`eduforge.project.values`.  Nothing in the project is ever executed.
Bad input never raises: syntax errors, missing or looping imports, huge or non-UTF-8 files become
:class:`ReadProblem` entries at their line:col, and the values they hide become :class:`Unknown`.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduforge.project.jsbind import MAX_DEPTH, MAX_STEPS, named
from eduforge.project.jseval import Evaluator
from eduforge.project.jsonpos import read_json
from eduforge.project.jssyntax import Node, Source, parse, string_value, syntax_problems
from eduforge.project.values import (
    UNDEFINED,
    Call,
    ImportRef,
    JSArray,
    JSObject,
    Member,
    Position,
    ReadProblem,
    Unknown,
    position_of,
)

__all__ = ["Module", "ReadProblem", "find_calls", "load_module"]

MAX_FILE_BYTES = 1_000_000
"""Larger files are not read: no real config is near it, and reading must stay fast."""

MAX_IMPORT_DEPTH = 8
"""How many files deep relative imports are followed."""

_MODULE_EXTENSIONS = (".ts", ".mts", ".cts", ".js", ".mjs", ".cjs", ".tsx", ".jsx", ".json")
_TS_TWINS = {".js": ".ts", ".mjs": ".mts", ".cjs": ".cts", ".jsx": ".tsx"}
"""TypeScript resolves ``./x.js`` to ``./x.ts`` when only the TypeScript source exists."""


@dataclass
class Module:
    """One statically read file.

    ``default`` is the default export (``export default …``, ``module.exports = …``), or an Unknown saying
    why there is none; ``exports`` the named exports; ``problems`` what could not be read, this file's and
    its imports'.  Values are shared with the in-memory cache: read them, do not change them.
    """

    file: Path
    default: Any
    exports: dict[str, Any]
    problems: list[ReadProblem]
    _evaluator: Evaluator | None = field(default=None, repr=False, compare=False)
    _star_packages: tuple[str, ...] = field(default=(), repr=False, compare=False)
    """Packages it re-exports wholesale (``export * from 'pkg'``): names it may export that cannot be listed."""

    def binding(self, name: str) -> Any:
        """The value of a top-level ``const``/``let``/``var``/``function``/``import`` named ``name``."""
        start, evaluator = Position(self.file, 1, 1), self._evaluator
        if evaluator is None:
            return Unknown("the file could not be read", start)
        binding = evaluator.scope.names.get(name)
        if binding is None:
            return Unknown(f"the file declares no top-level {name}", start)
        return _guarded(lambda: evaluator.name_value(name, binding, start), start)


def _guarded(compute: Callable[[], Any], position: Position) -> Any:
    """Python's own stack is the last bound on nesting: past it, the value is Unknown (never a crash)."""
    try:
        return compute()
    except RecursionError:
        return Unknown("the value is nested too deeply to read", position)


def _digest(path: Path) -> bytes | None:
    """What a cached reading remembers of a file it looked at: its content hash, or None when absent."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return None
        if status.st_size > MAX_FILE_BYTES:
            return b"too large"
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


_CACHE: dict[tuple[Path, Path | None], tuple[dict[Path, bytes | None], Module]] = {}
_CACHE_LIMIT = 64


def load_module(path: Path, *, root: Path | None = None) -> Module:
    """Read ``path`` and what it imports, statically. Relative imports leaving ``root`` (when given) are not read.

    Cached in memory by the content of every file the reading looked at (imports included).
    """
    key = (path, root)
    hit = _CACHE.get(key)
    if hit is not None and all(_digest(file) == digest for file, digest in hit[0].items()):
        return hit[1]
    load, start = _Load(root), Position(path, 1, 1)
    module = _guarded(lambda: load.read(path), start)
    if not isinstance(module, Module):  # only past Python's own stack limit
        module = Module(path, module, {}, [ReadProblem(start, module.reason)])
    if load.stopped is not None and load.stopped not in module.problems:
        module.problems.append(load.stopped)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = (load.files, module)
    return module


def find_calls(value: Any, predicate: Callable[[Call], bool]) -> Iterator[Call]:
    """Every Call in a value tree (object values, array elements, callees and arguments), in source order.

    ``find_calls(config, lambda c: c.name == "starlight")`` finds the integration inside
    ``defineConfig({integrations: [starlight({...})]})``.  An Unknown's fallback is not searched.
    """
    stack: list[Any] = [value]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, JSObject | JSArray | Call | Member):
            if id(item) in seen:
                continue
            seen.add(id(item))
        if isinstance(item, Call):
            if predicate(item):
                yield item
            stack.extend(reversed((item.callee, *item.args)))
        elif isinstance(item, JSObject):
            stack.extend(reversed(item.values()))
        elif isinstance(item, JSArray):
            stack.extend(reversed(item))
        elif isinstance(item, Member):
            stack.append(item.object)


@dataclass
class _Exports:
    """What a module's statements export, as thunks evaluated once the whole file is bound."""

    named: dict[str, Callable[[], Any]] = field(default_factory=dict)
    defaults: list[Callable[[], Any]] = field(default_factory=list)
    stars: list[Module] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)


class _Load:
    """One reading: the files being read (to detect loops), those read, and the shared depth budget."""

    def __init__(self, root: Path | None) -> None:
        self.root = Path(os.path.realpath(root)) if root is not None else None
        self.depth = 0
        self.steps = 0
        self.stopped: ReadProblem | None = None
        self.stack: list[tuple[Path, Path]] = []  # (real path, path as shown)
        self.modules: dict[Path, Module] = {}
        self.files: dict[Path, bytes | None] = {}
        self.owners: dict[int, Module] = {}

    # --- files -------------------------------------------------------------------------------------

    def read(self, file: Path) -> Module:
        real = Path(os.path.realpath(file))
        if real in self.modules:
            return self.modules[real]
        start = Position(file, 1, 1)
        data = self._bytes(file, start)
        if isinstance(data, ReadProblem):
            return self._failed(file, data)
        self.stack.append((real, file))
        try:
            if file.suffix.lower() == ".json":
                module = self._json_module(file, data)
            else:
                module = self._js_module(file, parse(file, data))
        finally:
            self.stack.pop()
        self.modules[real] = module
        return module

    def _bytes(self, file: Path, start: Position) -> bytes | ReadProblem:
        try:
            status = file.stat()
            if not stat.S_ISREG(status.st_mode):  # a folder, a pipe, a device: reading could block or never end
                self.files[file] = None
                return ReadProblem(start, "the file cannot be read (it is not a regular file)")
            size = status.st_size
            if size > MAX_FILE_BYTES:
                self.files[file] = b"too large"
                return ReadProblem(
                    start, f"the file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; it is not read"
                )
            data = file.read_bytes()
        except OSError as error:
            self.files[file] = None
            return ReadProblem(start, f"the file cannot be read ({error.strerror or type(error).__name__})")
        self.files[file] = hashlib.blake2b(data, digest_size=16).digest()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            line_start = data.rfind(b"\n", 0, error.start) + 1
            column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
            return ReadProblem(
                Position(file, line, column),
                f"the file is not UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8",
            )
        return data.removeprefix(b"\xef\xbb\xbf")

    def _failed(self, file: Path, problem: ReadProblem) -> Module:
        return Module(file, Unknown(problem.message, problem.position), {}, [problem])

    def _json_module(self, file: Path, data: bytes) -> Module:
        try:
            json.loads(data)
        except ValueError as error:
            at = Position(file, getattr(error, "lineno", 1), getattr(error, "colno", 1))
            return self._failed(file, ReadProblem(at, "the file is not valid JSON here"))
        except RecursionError:
            return self._failed(file, ReadProblem(Position(file, 1, 1), "the JSON is nested too deeply to read"))
        value = read_json(file, data.decode("utf-8"), MAX_DEPTH)
        exports = dict(value) if isinstance(value, JSObject) else {}
        return Module(file, value, exports, [])

    # --- modules -----------------------------------------------------------------------------------

    def _js_module(self, file: Path, source: Source) -> Module:
        evaluator = Evaluator(source, self)
        module = Module(file, UNDEFINED, {}, syntax_problems(source), evaluator)
        self.owners[id(evaluator)] = module
        out = _Exports()
        for statement in named(source.root):
            kind = statement.type
            if kind == "import_statement":
                self._import_statement(evaluator, module, statement)
            elif kind == "export_statement":
                self._export_statement(evaluator, module, statement, out)
            elif kind == "expression_statement":
                self._commonjs(evaluator, statement, out)
            elif kind.endswith("declaration"):
                evaluator.declare(statement, evaluator.scope)
        start = Position(file, 1, 1)
        module.default = (
            _guarded(out.defaults[-1], start) if out.defaults else Unknown("the file has no default export", start)
        )
        module.exports = {name: _guarded(thunk, start) for name, thunk in out.named.items()}
        for star in out.stars:
            for name, value in star.exports.items():
                module.exports.setdefault(name, value)
        module._star_packages = tuple(out.packages) + tuple(p for star in out.stars for p in star._star_packages)
        return module

    def _import_statement(self, ev: Evaluator, module: Module, node: Node) -> None:
        source_node = node.child_by_field_name("source")
        if source_node is None or any(child.type == "type" for child in node.children):
            return  # `import type …` binds no value
        specifier = string_value(ev.source, source_node)
        clause = next((child for child in named(node) if child.type == "import_clause"), None)
        attributes = next((child for child in named(node) if child.type == "import_attribute"), None)
        as_json = attributes is not None and b"json" in (attributes.text or b"")
        target = self._resolve(ev, module, specifier, source_node, as_json) if clause is not None else None
        if clause is None:
            if specifier.startswith("."):
                self._resolve(ev, module, specifier, source_node, as_json)  # a side-effect import: check it exists
            return
        for child in named(clause):
            if child.type == "identifier":
                self._bind_import(ev, module, target, specifier, "default", child, child)
            elif child.type == "namespace_import":
                local = next(named(child), None)
                if local is not None:
                    self._bind_import(ev, module, target, specifier, "*", local, child)
            elif child.type == "named_imports":
                for spec in named(child):
                    if spec.type != "import_specifier" or any(c.type == "type" for c in spec.children):
                        continue
                    name_node = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or name_node
                    if name_node is not None and alias is not None:
                        imported = (
                            string_value(ev.source, name_node) if name_node.type == "string" else ev.text(name_node)
                        )
                        self._bind_import(ev, module, target, specifier, imported, alias, spec)

    def _bind_import(
        self,
        ev: Evaluator,
        module: Module,
        target: Module | Unknown | None,
        specifier: str,
        name: str,
        local: Node,
        at: Node,
    ) -> None:
        local_name, position = ev.text(local), ev.position(at)
        if target is None:
            ev.scope.bind(local_name, lambda: ImportRef(specifier, name, position, local_name))
        elif isinstance(target, Unknown):
            ev.scope.bind(local_name, lambda: target)
        else:
            ev.scope.bind(local_name, lambda: self._export(module, target, name, position))

    def _export(self, importer: Module, target: Module, name: str, position: Position) -> Any:
        """The value of ``target``'s export ``name`` (``default``, ``*`` for the namespace, or a named one)."""
        if name == "default":
            return target.default
        if name == "*":
            namespace = JSObject(position)
            for key, value in target.exports.items():
                namespace[key] = value
                namespace.key_positions[key] = position
                namespace.value_positions[key] = position_of(value) or position
            namespace["default"] = target.default
            return namespace
        if name in target.exports:
            return target.exports[name]
        if len(target._star_packages) == 1:
            return ImportRef(target._star_packages[0], name, position, name)
        if target._star_packages:
            packages = ", ".join(target._star_packages)
            return Unknown(f"{name} may come from any of the packages {target.file} re-exports ({packages})", position)
        self._problem(importer, ReadProblem(position, f"{target.file} has no export named {name}"))
        return Unknown(f"{target.file} has no export named {name}", position)

    def _export_statement(self, ev: Evaluator, module: Module, node: Node, out: _Exports) -> None:
        """``export default …``, ``export const …``, ``export { a as b }``, ``export … from './x'``, TS ``export =``."""
        scope = ev.scope
        declaration = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        is_default = any(child.type in ("default", "=") for child in node.children)
        if declaration is not None:
            names = ev.declare(declaration, scope)
            if is_default:
                out.defaults.append(self._local(ev, names[0], node) if names else ev.later(declaration, scope))
            else:
                out.named.update((name, self._local(ev, name, node)) for name in names)
            return
        if value is None and is_default:  # TS `export = x`
            value = next(reversed([child for child in named(node) if child.type != "decorator"]), None)
        if value is not None:
            out.defaults.append(ev.later(value, scope))
            return
        source_node = node.child_by_field_name("source")
        target, specifier = None, ""
        if source_node is not None:
            specifier = string_value(ev.source, source_node)
            target = self._resolve(ev, module, specifier, source_node, False)
        clauses = [child for child in named(node) if child.type in ("export_clause", "namespace_export")]
        if source_node is not None and not clauses:  # export * from '…'
            if isinstance(target, Module):
                out.stars.append(target)
            elif target is None:
                out.packages.append(specifier)
        for clause in clauses:
            if clause.type == "namespace_export":
                alias = next(named(clause), None)
                if alias is not None:
                    out.named[ev.text(alias)] = self._reexport(ev, module, target, source_node, "*", alias)
                continue
            for spec in named(clause):
                name_node = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias") or name_node
                if spec.type != "export_specifier" or name_node is None or alias is None:
                    continue
                name, exported = ev.text(name_node), ev.text(alias)
                if source_node is None:
                    thunk = self._local(ev, name, spec)
                else:
                    thunk = self._reexport(ev, module, target, source_node, name, spec)
                if exported == "default":
                    out.defaults.append(thunk)
                else:
                    out.named[exported] = thunk

    def _local(self, ev: Evaluator, name: str, at: Node) -> Callable[[], Any]:
        return lambda: self._name(ev, name, at)

    def _reexport(
        self, ev: Evaluator, module: Module, target: Module | Unknown | None, source: Node | None, name: str, at: Node
    ) -> Callable[[], Any]:
        position = ev.position(at)
        if isinstance(target, Module):
            return lambda: self._export(module, target, name, position)
        if isinstance(target, Unknown):
            return lambda: target
        specifier = string_value(ev.source, source) if source is not None else ""
        return lambda: ImportRef(specifier, name, position, name)

    def _name(self, ev: Evaluator, name: str, at: Node) -> Any:
        binding = ev.scope.names.get(name)
        position = ev.position(at)
        if binding is None:
            return Unknown(f"exports {name}, which the file does not declare", position)
        return ev.name_value(name, binding, position)

    def _commonjs(self, ev: Evaluator, node: Node, out: _Exports) -> None:
        """``module.exports = …``, ``module.exports.a = …`` and ``exports.a = …`` at the top level."""
        assignment = next(named(node), None)
        if assignment is None or assignment.type != "assignment_expression":
            return
        left, right = assignment.child_by_field_name("left"), assignment.child_by_field_name("right")
        if left is None or right is None:
            return
        target = ev.text(left).replace(" ", "")
        if target == "module.exports":
            out.defaults.append(ev.later(right, ev.scope))
        elif target.startswith(("module.exports.", "exports.")) and target.count(".") == target.startswith("m") + 1:
            out.named[target.rsplit(".", 1)[1]] = ev.later(right, ev.scope)

    def stop(self, evaluator: Evaluator, node: Node) -> Unknown:
        position = evaluator.position(node)
        message = f"reading stopped after {MAX_STEPS:,} steps: the file computes more than a config does"
        if self.stopped is None:
            self.stopped = ReadProblem(position, message)
            module = self.owners.get(id(evaluator))
            if module is not None:
                self._problem(module, self.stopped)
        return Unknown(message, position)

    # --- import resolution -------------------------------------------------------------------------

    def require(self, evaluator: Evaluator, specifier: str, node: Node) -> Any:
        """``require('x')``: a package is an ImportRef of its whole module; a relative file its value."""
        module = self.owners.get(id(evaluator))
        if module is None or not specifier.startswith("."):
            return ImportRef(specifier, "*", evaluator.position(node), "")
        target = self._resolve(evaluator, module, specifier, node, False)
        if target is None:
            return ImportRef(specifier, "*", evaluator.position(node), "")
        if isinstance(target, Unknown):
            return target
        if not isinstance(target.default, Unknown) or target.file.suffix == ".json":
            return target.default
        return self._export(module, target, "*", evaluator.position(node))

    def _problem(self, module: Module, problem: ReadProblem) -> None:
        if problem not in module.problems:
            module.problems.append(problem)

    def _resolve(
        self, ev: Evaluator, module: Module, specifier: str, node: Node, as_json: bool
    ) -> Module | Unknown | None:
        """The module a relative import names (read now), an Unknown saying why not, or None for a package."""
        if not specifier.startswith(("./", "../")) and specifier not in (".", ".."):
            return None
        position = ev.position(node)
        base = Path(os.path.normpath(module.file.parent / specifier))
        found = self._find(base)
        if found is None:
            message = f'imports "{specifier}", which does not exist (tried {base.name} with {", ".join(_MODULE_EXTENSIONS)} and index files)'
            if base.suffix.lower() in _MODULE_EXTENSIONS:
                message = f'imports "{specifier}", which does not exist'
            return self._refuse(module, position, message, f"the imported file {specifier} does not exist")
        if found.suffix.lower() not in _MODULE_EXTENSIONS and not as_json:
            return None  # a stylesheet, an image, an .astro component: symbolic, like a package
        real = Path(os.path.realpath(found))
        if self.root is not None and not real.is_relative_to(self.root):
            return self._refuse(
                module,
                position,
                f'imports "{specifier}", which is outside {self.root}; it is not read',
                f"{specifier} is outside the project",
            )
        chain = [shown for seen, shown in self.stack]
        if real in (seen for seen, _ in self.stack):
            start = next(index for index, (seen, _) in enumerate(self.stack) if seen == real)
            loop = " → ".join(str(shown) for shown in [*chain[start:], found])
            return self._refuse(
                module, position, f"import loop: {loop}", f"import loop between {module.file} and {found}"
            )
        if len(self.stack) > MAX_IMPORT_DEPTH:
            return self._refuse(
                module,
                position,
                f"imports are nested more than {MAX_IMPORT_DEPTH} files deep; {found} is not read",
                f"{found} is too many imports deep",
            )
        target = self.read(found) if not as_json or found.suffix.lower() == ".json" else self._read_json(found)
        for problem in target.problems:
            self._problem(module, problem)
        return target

    def _read_json(self, file: Path) -> Module:
        data = self._bytes(file, Position(file, 1, 1))
        return self._failed(file, data) if isinstance(data, ReadProblem) else self._json_module(file, data)

    def _refuse(self, module: Module, position: Position, message: str, reason: str) -> Unknown:
        self._problem(module, ReadProblem(position, message))
        return Unknown(reason, position)

    def _find(self, base: Path) -> Path | None:
        """``base`` itself, its TypeScript twin, or ``base`` + an extension, or ``base/index`` + one."""
        suffix = base.suffix.lower()
        candidates = [base]
        if suffix in _TS_TWINS:
            candidates.append(base.with_suffix(_TS_TWINS[suffix]))
        elif suffix not in _MODULE_EXTENSIONS:
            candidates = [
                *(Path(f"{base}{ext}") for ext in _MODULE_EXTENSIONS),
                *(base / f"index{ext}" for ext in _MODULE_EXTENSIONS),
                base,
            ]
        for candidate in candidates:
            if candidate.exists() and not candidate.is_dir():  # a pipe is found, then refused by _bytes
                return candidate
            self.files[candidate] = None
        return None


def _main(argv: list[str]) -> int:
    """``python -m eduforge.project.js FILE…``: each file's problems and its read time (a debugging aid)."""
    import time

    for name in argv:
        start = time.perf_counter()
        module = load_module(Path(name))
        elapsed = (time.perf_counter() - start) * 1000
        for problem in module.problems:
            print(problem)
        print(f"{name}: read in {elapsed:.1f} ms, {len(module.problems)} problem(s)")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(_main(sys.argv[1:]))
