"""The text ``<Code code={…}>`` shows when its value is known without running anything.

Starlight's ``<Code>`` is Expressive Code's: it takes any string. Three kinds of value are known:

- a string or a template literal with no ``${…}`` (read by ``parse_tag``, escapes decoded);
- a name the page binds by ``export const name = …`` to such a literal, never assigned again
  (decoded the same way; a ``let``, a ``var`` or any other initializer is not known);
- a name bound by ``import name from './file.ext?raw'``: Vite's raw import, whose value is the
  file's text (read as UTF-8; bytes that are not UTF-8 become U+FFFD, as Node decodes them).

Only a regular file inside the project is read (a symlink leading out of it is refused), at most
:data:`MAX_RAW_BYTES`; a path through a tsconfig alias or a package is not resolved. Expressive
Code then trims each line's end and drops blank lines before and after the code (:func:`ec_code`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eduforge.site.page import Page

MAX_RAW_BYTES = 1_000_000
"""The largest file a ``?raw`` import is read from (a code sample is a few KB)."""

_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200B)))
"""What JavaScript's ``trimEnd`` removes: WhiteSpace (Zs and BOM among them) and LineTerminator."""
_RAW_QUERY = re.compile(r"[?&]raw(?:&|$)")
"""Vite's test for a raw import (``rawRE`` in vite/src/node/plugins/asset.ts)."""
IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


def ec_code(code: str) -> str:
    """The code as Expressive Code keeps it: lines split at ``\\r?\\n`` and trimmed at the end,
    blank lines before the first and after the last dropped (``ExpressiveCodeBlock``'s constructor)."""
    lines = [line.rstrip(_JS_SPACE) for line in re.split(r"\r?\n", code)]
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return "\n".join(lines[start:end])


@dataclass(frozen=True)
class PageFile:
    """A page's file and the project folder it belongs to (which its ``?raw`` imports must stay in)."""

    file: Path
    root: Path

    @classmethod
    def of(cls, page: Page) -> PageFile:
        """From ``page.filename`` (absolute) and ``page.path`` (relative to the project root)."""
        file = Path(page.filename)
        parts = PurePosixPath(page.path).parts
        root = file.parent
        if parts and ".." not in parts and file.as_posix().endswith("/" + "/".join(parts)):
            root = file.parents[len(parts) - 1]
        return cls(file, root)


@dataclass
class RawImports:
    """The known strings of one MDX page: its ``export const`` literals (name → value) and its raw
    imports (name → module specifier, each file read on first use, and only when ``page`` is known)."""

    page: PageFile | None
    modules: dict[str, str]
    constants: dict[str, str] = field(default_factory=dict)
    arrays: dict[str, str] = field(default_factory=dict)
    """``export const`` arrays of strings: name → the literal as written (``['file', 'CMS']``)."""
    _read: dict[str, tuple[str | None, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, body: str, page: PageFile | None, esm: set[int] | None = None) -> RawImports | None:
        """The page's ``import x from '…?raw'`` and ``export const x = '…'`` statements; None when it has
        none (the common case). A page may use ``<Code>`` with no import line at all (astro-auto-import
        provides it), so only a raw import needs the word ``import``. ``esm``: the body's ESM lines
        (:func:`~eduforge.site.markdown.body_esm_lines`), read here when not given."""
        raw = ("?raw" in body or "&raw" in body) and "import" in body
        if not (raw or ("export" in body and "const" in body)):
            return None
        from eduforge.export.markdown import js_string
        from eduforge.rules.components import bindings_of
        from eduforge.site.markdown import body_esm_lines

        found = bindings_of(body.split("\n"), body_esm_lines(body) if esm is None else esm, 1)
        modules = {
            name: binding.source
            for name, binding in found.items()
            if binding.source is not None and binding.imported == "default" and _RAW_QUERY.search(binding.source)
        }
        literals = {name: binding.literal for name, binding in found.items() if binding.literal is not None}
        constants = {name: value for name, literal in literals.items() if (value := js_string(literal)) is not None}
        arrays = {name: literal for name, literal in literals.items() if literal.startswith("[")}
        return cls(page, modules, constants, arrays) if modules or constants or arrays else None

    def constant(self, value: object) -> object | None:
        """What an expression prop holds when it names one of the page's ``export const`` values: the
        string (``title={fileName}``), or an array written out as an expression (``mark={highlights}``);
        None for anything else (a raw import's file is code, never a prop)."""
        source = getattr(value, "source", None)
        if not isinstance(source, str):
            return None
        if source in self.arrays:
            from eduforge.export.markdown import Expression

            return Expression(self.arrays[source])
        return self.constants.get(source)

    def text(self, name: str) -> tuple[str | None, str]:
        """The text bound to ``name``, or None and why it cannot be shown ("" when ``name`` is no raw import)."""
        if name in self.constants:
            return self.constants[name], ""
        specifier = self.modules.get(name)
        if specifier is None or self.page is None:
            return None, ""
        if specifier not in self._read:
            self._read[specifier] = self._load(specifier, self.page)
        return self._read[specifier]

    def _load(self, specifier: str, page: PageFile) -> tuple[str | None, str]:
        path = specifier.split("?", 1)[0]
        if path.startswith(("./", "../")):
            candidate = page.file.parent / path
        elif path.startswith("/"):
            candidate = page.root / path.lstrip("/")
        elif (aliased := _aliased(path, page.root)) is not None:
            candidate = aliased
        else:
            return None, (
                f"'{specifier}' is neither a relative path ('./', '../'), a path from the project root ('/') nor a "
                "tsconfig paths alias, what eduforge reads (import the file by one of them to show it)"
            )
        shown = os.path.relpath(os.path.abspath(candidate), os.path.abspath(page.root))
        what = f"the file {shown} (imported with ?raw)"
        try:
            real = candidate.resolve(strict=True)
            if not real.is_relative_to(page.root.resolve()):
                outside = shown == ".." or shown.startswith(".." + os.sep)
                where = "is" if outside else "links to a file"
                return None, f"{what} {where} outside the project (eduforge reads no file there)"
            info = real.stat()
            if not stat.S_ISREG(info.st_mode):
                return None, f"{what} is not a regular file"
            if info.st_size > MAX_RAW_BYTES:
                return None, f"{what} is larger than {MAX_RAW_BYTES:,} bytes"
            with real.open("rb") as handle:
                data = handle.read(MAX_RAW_BYTES + 1)
        except FileNotFoundError:
            return None, f"{what} does not exist"
        except (OSError, RuntimeError, ValueError) as error:
            return None, f"{what} cannot be read ({getattr(error, 'strerror', None) or error})"
        if len(data) > MAX_RAW_BYTES:
            return None, f"{what} is larger than {MAX_RAW_BYTES:,} bytes"
        return data.decode("utf-8", errors="replace"), ""


def _aliased(path: str, root: Path) -> Path | None:
    """``path`` through the project's tsconfig ``paths`` (``~/snippets/a.js``), as Vite resolves it: the
    first folder holding the file, else the first folder; None when no alias matches."""
    from eduforge.site.resolve import read_aliases

    for prefix, exact, folders in read_aliases(root.resolve()):
        if path == prefix if exact else path.startswith(prefix):
            rest = "" if exact else path[len(prefix) :]
            files = [Path(folder, rest) for folder in folders]
            return next((file for file in files if file.is_file()), files[0]) if files else None
    return None


def prop_value(attrs: Mapping[str, Any], name: str, raw: RawImports | None) -> Any:
    """A component prop as written, or the string it names when it is ``{name}`` of the page's
    ``export const`` strings (``title={fileName}``)."""
    value = attrs.get(name)
    known = raw.constant(value) if raw is not None and not isinstance(value, str) else None
    return value if known is None else known


def known_code(value: object, raw: RawImports | None) -> str | None:
    """The text of a ``<Code code>`` value when it is known: a string, or a name ``raw`` reads a file for."""
    if isinstance(value, str):
        return value
    source = getattr(value, "source", "")
    if raw is None or not isinstance(source, str) or not IDENTIFIER.fullmatch(source):
        return None
    return raw.text(source)[0]
