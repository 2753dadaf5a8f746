"""The export reuses lint's reading of each page (issue 12: each page is read once per run).

Lint's workers keep what the export needs of each page (``keep_frontmatter``: the frontmatter's data and
lines, and the body); the export shows the page as the checks read it (``restore_frontmatter``) and reads
no file again. Only a page the checks took from their cache is read and parsed by the export.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from exporthelpers import export

import eduforge.export.data
import eduforge.site.page
from eduforge.config import load_settings
from eduforge.engine import lint
from eduforge.export.code import _lexer, warm_up
from eduforge.export.data import with_frontmatter
from eduforge.export.html import RealPaths
from eduforge.site.frontmatter import (
    CURRENT_ASTRO,
    KeptFrontmatter,
    keep_frontmatter,
    restore_frontmatter,
    split_and_parse,
)

SITE = Path(__file__).parent / "sites" / "pusat"

TEXTS = {
    "yaml": "---\ntitle: Git\nlastUpdated: 2024-04-19\nsidebar:\n  order: 2\n---\n\n# Body\n\nText.\n",
    "aliases": "---\ntitle: T\na: &x [1, 2, {k: v}]\nb: *x\n---\nBody\n",
    "toml": '+++\ntitle = "Git"\ndraft = false\n+++\nBody with +++ inside\n',
    "leading blank lines": "\n\n---\ntitle: Later\n---\nBody\n",
    "no frontmatter": "# Only a body\n",
    "blank lines, no frontmatter": "\n  \n\t\nA body\n",
    "never closed": "---\ntitle: Open\nBody\n",
    "empty": "",
    "empty frontmatter": "---\n---\n",
    "not a mapping": "---\n- a\n- b\n---\nBody\n",
}


def _kept(text: str) -> KeptFrontmatter:
    kept = keep_frontmatter(split_and_parse(text, CURRENT_ASTRO))
    assert kept is not None
    return kept


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_the_kept_reading_restores_the_frontmatter_and_body_of_the_text(text: str) -> None:
    parsed = split_and_parse(text)
    restored = restore_frontmatter(_kept(text))
    assert (restored.data, restored.fence_line, restored.body_line, restored.body) == (
        parsed.data,
        parsed.fence_line,
        parsed.body_line,
        parsed.body,
    )


def test_the_export_parses_each_page_frontmatter_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: dict[str, int] = {"lint": 0, "export": 0}

    def counted(module: object, who: str) -> None:
        real = module.split_and_parse  # type: ignore[attr-defined]

        def split_and_parse(*args: object) -> object:
            calls[who] += 1
            return real(*args)

        monkeypatch.setattr(module, "split_and_parse", split_and_parse)

    counted(eduforge.site.page, "lint")
    counted(eduforge.export.data, "export")
    pages = sum(1 for file in load_settings(cwd=SITE).content.rglob("*") if file.suffix in (".md", ".mdx"))
    for output_format, out in (("json", tmp_path / "c.json"), ("html", tmp_path / "site")):
        calls.update(lint=0, export=0)
        result = export(SITE, "--format", output_format, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert calls == {"lint": pages, "export": 0}
    assert pages >= 3


def test_the_export_shows_each_page_as_the_checks_read_it_and_reads_no_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    kept: dict[str, KeptFrontmatter] = {}
    site = lint(load_settings(cwd=root), kept=kept).site
    assert len(kept) == len(site.pages)
    first = sorted(site.pages, key=lambda page: page.path)[0]
    checked = first.file.read_text(encoding="utf-8")
    first.file.write_text(checked.replace("\n---\n", "\nbanner:\n  content: Baru\n---\n", 1) + "\nMore.\n")

    def no_read(*args: object) -> object:
        raise AssertionError("a file read again")

    monkeypatch.setattr(eduforge.export.data, "read_bytes", no_read)
    with_frontmatter(site.pages, kept)
    assert not first.frontmatter.body.endswith("\nMore.\n") and "banner" not in first.data
    assert checked.endswith(first.frontmatter.body)


def test_the_highlighters_of_the_languages_fenced_blocks_name_are_made_ahead() -> None:
    """Made once in the main process, before the workers that render the lessons fork."""
    _lexer.cache_clear()
    warm_up(["```Python title=x.py\nprint(1)\n```\n", "- item\n\n  > ~~~js {2}\n  > a\n  > ~~~\n", "```\nplain\n```\n"])
    assert _lexer.cache_info().currsize == 2
    _lexer("python")
    _lexer("js")
    assert _lexer.cache_info().hits == 2


def test_the_output_paths_are_resolved_as_realpath_resolves_them(tmp_path: Path) -> None:
    """Each folder once (``RealPaths``), with the same answers: through links, dot segments, missing folders."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "b" / "out").symlink_to("/etc")
    real = RealPaths()
    paths = ["a/b/index.html", "link/b/x.html", "a/../link/b/y", "a/b/out/passwd", "a/b/", "none/deep/x", "a/./b/z"]
    for path in [*(f"{tmp_path}/{path}" for path in paths), "/", "relative/x", f"{tmp_path}/link"] * 2:
        assert real(path) == os.path.realpath(path), path
