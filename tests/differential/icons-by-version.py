"""Regenerate src/eduforge/schemas/starlight-icons.json: Starlight's icon names per release line.

Needs npm (it packs @astrojs/starlight from the registry) and eduforge installed: the icon tables
(`BuiltInIcons` in components*/Icons.ts, `FileIcons` in file-tree-icons.ts) are read with
eduforge's own static JS reader, never executed.

    python tests/differential/icons-by-version.py
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from eduforge.project.js import load_module

OUT = Path(__file__).resolve().parents[2] / "src" / "eduforge" / "schemas" / "starlight-icons.json"
NEXT_MINOR = {
    "0.28": "0.29.0", "0.29": "0.30.0", "0.30": "0.31.0", "0.31": "0.33.0", "0.32": "0.33.0",
    "0.33": "0.38.0", "0.34": "0.38.0", "0.35": "0.38.0", "0.36": "0.38.0", "0.37": "0.38.0",
    "0.38": "0.40.0", "0.39": "0.40.0",
}  # fmt: skip


def icons(version: str, work: Path) -> list[str]:
    subprocess.run(["npm", "pack", "-q", f"@astrojs/starlight@{version}"], cwd=work, check=True, capture_output=True)
    folder = work / version
    with tarfile.open(work / f"astrojs-starlight-{version}.tgz") as archive:
        archive.extractall(folder, filter="data")
    names: set[str] = set()
    for file in sorted((folder / "package").glob("*/*.ts")):
        if file.name in ("Icons.ts", "file-tree-icons.ts"):
            module = load_module(file)
            for binding in ("BuiltInIcons", "FileIcons"):
                value = module.binding(binding)
                if isinstance(value, dict):
                    names.update(value)
    return sorted(names)


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        lists = {version: icons(version, work) for version in sorted(set(NEXT_MINOR.values()))}
    document = {
        "description": (
            "Starlight's built-in icon names by release line, from the npm package of the next minor release "
            "(icons are only ever added, so this never rejects an icon the project's release has). From 0.40 on: "
            "the enum of starlight.schema.json. Made by tests/differential/icons-by-version.py."
        ),
        "icons": {minor: lists[source] for minor, source in NEXT_MINOR.items()},
    }
    OUT.write_text(json.dumps(document, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
