"""Inputs a fuzzer found that broke the bar (a clear problem with file and line; exit 1, or 2 for config errors)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import SiteBuilder, run

GLOB_CONFIG = (
    "import { defineCollection } from 'astro:content';\n"
    "import { glob } from 'astro/loaders';\n"
    "export const collections = { docs: defineCollection({ loader: glob({ base: '%s' }) }) };\n"
)


@pytest.mark.parametrize(
    ("base", "what"),
    [("./handbook.md", "is not a folder"), ("./loop", "is not a folder"), ("./hilang", "does not exist")],
)
def test_a_glob_base_that_is_no_folder_says_where_it_is_written(tmp_path: Path, base: str, what: str) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write("astro.config.mjs", "export default {};\n")
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n")
    builder.write("handbook.md", "---\ntitle: B\n---\n")
    os.symlink("loop", tmp_path / "loop")
    builder.write("src/content.config.ts", GLOB_CONFIG % base)
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        2,
        f'eduforge: src/content.config.ts:3:76: the docs collection\'s glob() base "{base[2:]}" {what};'
        " make base a folder of the project, or set content in eduforge.toml\n",
    )
