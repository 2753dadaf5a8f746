"""Starlight's own icon set and FileTree icon rules, as data.

``starlight-icons.json`` beside this module holds, from withastro/starlight (MIT, see
``starlight-icons.LICENSE``): the SVG paths of every icon ``<Icon name>`` accepts
(``packages/starlight/components-internals/Icons.ts``, which includes the Seti file icons) and the
rules FileTree uses to pick a file's icon (``packages/starlight/user-components/file-tree-icons.ts``:
whole file names, extensions, partial names). It is generated, never edited by hand::

    python -m eduforge.export.starlight_icons PATH/TO/starlight-checkout

reads both TypeScript files with eduforge's static JavaScript reader (nothing is executed) and
rewrites the JSON, recording the Starlight version it came from.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("starlight-icons.json")
ICONS_TS = "packages/starlight/components-internals/Icons.ts"
FILE_ICONS_TS = "packages/starlight/user-components/file-tree-icons.ts"


@cache
def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return loaded


def icon_paths(name: str) -> str | None:
    """The inner SVG (24×24 viewBox, filled paths) of one of Starlight's icons, or None."""
    found = _data()["icons"].get(name)
    return found if isinstance(found, str) else None


def file_icon_name(file_name: str) -> str | None:
    """The icon FileTree shows for a file name, as Starlight picks it (None: the default file icon).

    A whole-name rule first (``README.md``), then the extension from the first dot, shortened one
    dot at a time (``a.test.ts`` tries ``.test.ts``, then ``.ts``), then a partial name.
    """
    rules = _data()["file_tree"]
    icon: str | None = rules["files"].get(file_name)
    if icon:
        return icon
    first_dot = file_name.find(".")
    if first_dot != -1:
        extension = file_name[first_dot:]
        while extension:
            icon = rules["extensions"].get(extension)
            if icon:
                return icon
            next_dot = extension.find(".", 1)
            if next_dot == -1:
                break
            extension = extension[next_dot:]
    for partial, partial_icon in rules["partials"].items():
        if partial in file_name:
            return str(partial_icon)
    return None


def _plain(value: Any) -> dict[str, str]:
    return {str(key): item for key, item in value.items() if isinstance(item, str)}


def generate(checkout: Path) -> dict[str, Any]:
    """The icon data from a Starlight checkout (read statically)."""
    from eduforge.project.js import load_module

    package = json.loads((checkout / "packages/starlight/package.json").read_text(encoding="utf-8"))
    icons_module = load_module(checkout / ICONS_TS)
    rules_module = load_module(checkout / FILE_ICONS_TS)
    problems = [*icons_module.problems, *rules_module.problems]
    if problems:
        raise SystemExit(f"cannot read the icon files: {problems[0]}")
    definitions = rules_module.exports["definitions"]
    return {
        "source": f"withastro/starlight {ICONS_TS} and {FILE_ICONS_TS}, @astrojs/starlight {package['version']}",
        "license": "MIT (Starlight; the Seti icons: MIT, Jesse Weed); see starlight-icons.LICENSE",
        "icons": dict(sorted(_plain(icons_module.exports["Icons"]).items())),
        "file_tree": {key: _plain(definitions[key]) for key in ("files", "extensions", "partials")},
    }


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    data = generate(Path(sys.argv[1]))
    DATA.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{DATA}: {len(data['icons'])} icons")
