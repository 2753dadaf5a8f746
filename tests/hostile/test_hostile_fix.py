"""``eduforge lint --fix --unsafe-fixes`` on the hostile corpus: never a crash, never a corrupt file.

Every file it writes still parses to the same frontmatter data apart from the fixed values (the
fixes here are link targets, booleans, dates and key renames), and its body keeps its length
class: only link targets change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_corpus import Site, sites, write

from eduforge.fix import _leaves, _normal
from eduforge.site.frontmatter import split_and_parse
from helpers import run

CORPUS = sites(seed=13)


def _files(root: Path) -> dict[str, bytes]:
    found = {}
    for folder, _, names in os.walk(root / "docs"):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found[str(path)] = path.read_bytes()
    return found


@pytest.mark.parametrize("site", CORPUS, ids=[site.name for site in CORPUS])
def test_fix_on_a_hostile_site_never_crashes_nor_corrupts(site: Site, tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(site, root)
    (root / "docs" / "fixable.md").write_bytes(b"---\r\ntitle: F\r\ndraft: no\r\n---\r\n[s](/git/)\r\n")
    before = _files(root)
    result = run(root, "lint", "--fix", "--unsafe-fixes")
    assert result.exit_code == 1, result.output[-2000:]
    assert "internal error" not in result.output.lower()
    after = _files(root)
    assert set(after) == set(before)
    assert after[str(root / "docs" / "fixable.md")] == b"---\r\ntitle: F\r\ndraft: false\r\n---\r\n[s](/git/)\r\n"
    for file, raw in after.items():
        if raw == before[file]:
            continue
        old = split_and_parse(_normal(before[file].decode("utf-8-sig")))
        new = split_and_parse(_normal(raw.decode("utf-8-sig")))
        assert len(new.issues) <= len(old.issues), file
        changed = {
            path
            for path, value in _leaves(old.data).items()
            if _leaves(new.data).get(path, object()) != value or type(_leaves(new.data)[path]) is not type(value)
        }
        assert len(changed) <= 3, (file, changed)
    if not site.heavy:
        second = run(root, "lint", "--fix", "--unsafe-fixes")
        assert _files(root) == after
        assert "fixed 0 problems" in second.stderr
