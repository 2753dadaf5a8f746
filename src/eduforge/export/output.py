"""Writing an export without ever destroying data.

* ``OUT`` inside the content root (or equal to it), or holding the project,
  its config file, the content, ``public/``, ``src/`` or a ``.git`` folder, is
  refused whatever the flags;
* an existing folder is replaced only when it is empty or an earlier eduforge
  export (it has the marker file), whatever the flags: ``--force`` never
  deletes someone's folder; it lets a JSON export replace a file that is not
  an earlier export;
* the export is built in a temporary sibling (``.OUT.eduforge-…``) and moved
  into place with renames, so an interrupted run leaves the old ``OUT`` whole.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from eduforge.config import Settings
from eduforge.errors import UsageError

MARKER = ".eduforge-export"
_JSON_HEAD = re.compile(r'^\{\s*"version":\s*\d+,\s*"site":\s*\{\s*"generator":\s*"eduforge\b')


def _contains(folder: Path, path: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def check_target(out: Path, settings: Settings, kind: str, force: bool) -> None:
    """Refuse an output path that would overwrite content or someone's files (``kind``: html|json)."""
    target = Path(os.path.realpath(out))  # Path.resolve raises on a link that loops
    content = settings.content.resolve()
    if _contains(content, target):
        raise UsageError(
            f"-o {out}: the output would be inside the content folder {settings.content}; "
            "write it somewhere else (e.g. -o dist/curriculum)"
        )
    for precious, name in _precious(settings, content):
        if _contains(target, precious):
            raise UsageError(f"-o {out}: the output would replace a folder that holds the {name}; choose a new folder")
    git = next((parent for parent in (target, *target.parents) if parent.name == ".git"), None)
    if git is not None or (target.is_dir() and (target / ".git").exists()):
        raise UsageError(
            f"-o {out}: the output would be written into a git repository's .git folder; choose a new folder"
        )
    if not target.exists() and not target.is_symlink():
        return
    if kind == "json":
        if target.is_dir():
            raise UsageError(f"-o {out}: is a folder; a JSON export is one file (e.g. -o {out}/curriculum.json)")
        if not force and target.exists() and target.stat().st_size and not is_json_export(target):
            raise UsageError(
                f"-o {out}: the file exists and is not an earlier eduforge export; use --force to replace it"
            )
        return
    if target.is_dir():
        if is_html_export(target) or not any(target.iterdir()):
            return
        raise UsageError(
            f"-o {out}: the folder is not empty and is not an earlier eduforge export "
            f"(no {MARKER} file); eduforge never deletes it, even with --force: choose a new or empty folder"
        )
    if not force:
        raise UsageError(f"-o {out}: is a file; use --force to replace it with the export folder")


def _precious(settings: Settings, content: Path) -> list[tuple[Path, str]]:
    """What an export may never replace: the folders and files of the project and the user."""
    root = settings.project_root.resolve()
    found = [
        (content, "content folder"),
        (root, "project"),
        (root / ".git", "project's .git folder"),
        (root / "src", "project's src folder"),
        (Path.cwd().resolve(), "current folder"),
        (Path.home().resolve(), "home folder"),
    ]
    if settings.public is not None:
        found.append((settings.public.resolve(), "public folder"))
    if settings.config_file is not None:
        found.append((settings.config_file.resolve(), "config file"))
    return found


def is_html_export(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def is_json_export(file: Path) -> bool:
    try:
        with file.open("r", encoding="utf-8", errors="replace") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return bool(_JSON_HEAD.match(head))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_folder(out: Path, build: Callable[[Path], None]) -> None:
    """Build into a temporary sibling folder, then swap it in for ``out``."""
    out = Path(os.path.abspath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.eduforge-", dir=out.parent))
    try:
        build(temporary)
        os.chmod(temporary, 0o777 & ~_umask())
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    old: Path | None = None
    if out.exists() or out.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.eduforge-old-", dir=out.parent)) / "old"
        os.rename(out, old)
    try:
        os.rename(temporary, out)
    except BaseException:
        if old is not None:
            os.rename(old, out)
            shutil.rmtree(old.parent, ignore_errors=True)
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old.parent, ignore_errors=True)


def write_file(out: Path, data: bytes) -> None:
    """Write a temporary sibling file, then rename it onto ``out``."""
    out = Path(os.path.abspath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.eduforge-", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(name, 0o666 & ~_umask())
        os.replace(name, out)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
