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


DEEP_JSON = "[" * 100_000
DEEP_TOML = "a = " + "[" * 100_000 + "\n"
"""Nested deeper than Python's parsers recurse: ``json`` and ``tomllib`` raise RecursionError, no ValueError."""


def _small_site(tmp_path: Path) -> SiteBuilder:
    builder = SiteBuilder(tmp_path)
    builder.write("astro.config.mjs", "export default {};\n")
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n[x](/x/)\n")
    return builder


@pytest.mark.parametrize("name", ["package.json", "vercel.json", "netlify.toml"])
def test_a_project_file_nested_too_deeply_is_read_as_unreadable(tmp_path: Path, name: str) -> None:
    """package.json (the Astro and Starlight versions) and the host's redirect files are read as when
    they are not JSON or TOML at all: the run checks the pages."""
    _small_site(tmp_path).write(name, DEEP_TOML if name.endswith(".toml") else DEEP_JSON)
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        1,
        'src/content/docs/index.md:4:5: error link-target link "/x/" is not a page of the site\n'
        "1 error, 0 warnings in 1 file\n",
    )


@pytest.mark.parametrize("name", ["eduforge.toml", "pyproject.toml"])
def test_a_config_nested_too_deeply_is_a_config_error(tmp_path: Path, name: str) -> None:
    _small_site(tmp_path).write(name, ("[tool.eduforge]\n" if name == "pyproject.toml" else "") + DEEP_TOML)
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        2,
        f"eduforge: {tmp_path / name}: cannot read config: its arrays or tables are nested too deeply\n",
    )


def test_a_baseline_nested_too_deeply_is_no_baseline(tmp_path: Path) -> None:
    _small_site(tmp_path).write("baseline.json", DEEP_JSON)
    result = run(tmp_path, "lint", "--no-cache", "--baseline", "baseline.json")
    assert (result.exit_code, result.output) == (
        2,
        "eduforge: --baseline baseline.json: not an eduforge baseline (its JSON is nested too deeply to read);"
        " write it with --write-baseline\n",
    )


def test_toml_frontmatter_nested_too_deeply_is_a_problem_of_its_page(tmp_path: Path) -> None:
    _small_site(tmp_path).write("src/content/docs/deep.md", '+++\ntitle = "B"\n' + DEEP_TOML + "+++\n[y](/y/)\n")
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        1,
        "src/content/docs/deep.md:2:1: error yaml-syntax the TOML frontmatter is nested too deeply to read;"
        " flatten its arrays and tables\n"
        'src/content/docs/deep.md:5:5: error link-target link "/y/" is not a page of the site\n'
        'src/content/docs/index.md:4:5: error link-target link "/x/" is not a page of the site\n'
        "3 errors, 0 warnings in 2 files\n",
    )


def test_site_strings_nested_too_deeply_are_said_and_the_export_goes_on(tmp_path: Path) -> None:
    builder = _small_site(tmp_path)
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n")
    builder.write("src/content/i18n/id.json", DEEP_JSON)
    result = run(tmp_path, "export", "--format", "json", "-o", "out.json")
    assert result.exit_code == 0
    assert "eduforge: warning: src/content/i18n/id.json: not UTF-8 JSON; eduforge's own strings are used for it\n" in (
        result.output
    )


def test_a_glob_base_with_a_nul_is_a_config_error_and_no_internal_error(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write("astro.config.mjs", "export default {};\n")
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n")
    builder.write("src/content.config.ts", GLOB_CONFIG % "./docs\\u0000x")
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        2,
        'eduforge: src/content.config.ts:3:76: the docs collection\'s glob() base "docs\\x00x" does not exist;'
        " make base a folder of the project, or set content in eduforge.toml\n",
    )
    builder.write("eduforge.toml", 'content = "src/content/docs"\n')
    assert run(tmp_path, "lint", "--no-cache").exit_code == 0


@pytest.mark.parametrize("name", ["package.json", "tsconfig.json", "vercel.json", "netlify.toml", "public/_redirects"])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder"])
def test_a_fifo_or_device_where_a_side_file_goes_is_not_read(tmp_path: Path, name: str, kind: str) -> None:
    """A named pipe waits for a writer forever, /dev/zero never ends: each is read as a missing file."""
    builder = _small_site(tmp_path)
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n[x](/x/) ![i](~/assets/i.png)\n")
    builder.write("src/assets/i.png", b"\x89PNG")
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(tmp_path / name)
    elif kind == "folder":
        (tmp_path / name).mkdir()
    else:
        os.symlink(kind, tmp_path / name)
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        1,
        'src/content/docs/index.md:4:5: error link-target link "/x/" is not a page of the site\n'
        'src/content/docs/index.md:4:15: error link-asset image "~/assets/i.png": no such file:'
        " src/content/docs/~/assets/i.png\n"
        "2 errors, 0 warnings in 1 file\n",
    )


def test_a_fifo_where_gitignore_goes_is_not_read(tmp_path: Path) -> None:
    _small_site(tmp_path)
    os.mkfifo(tmp_path / ".gitignore")
    os.mkfifo(tmp_path / "src" / "content" / "docs" / ".gitignore")
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        1,
        'src/content/docs/index.md:4:5: error link-target link "/x/" is not a page of the site\n'
        "1 error, 0 warnings in 1 file\n",
    )


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_baseline_that_is_a_fifo_or_device_is_a_usage_error(tmp_path: Path, kind: str) -> None:
    _small_site(tmp_path)
    if kind == "fifo":
        os.mkfifo(tmp_path / "baseline.json")
    else:
        os.symlink(kind, tmp_path / "baseline.json")
    result = run(tmp_path, "lint", "--baseline", "baseline.json")
    assert (result.exit_code, result.output) == (
        2,
        "eduforge: --baseline baseline.json: not a regular file (a pipe or device?); give the baseline file"
        " --write-baseline wrote\n",
    )


def test_an_astro_sync_schema_that_is_a_fifo_is_not_read(tmp_path: Path) -> None:
    builder = _small_site(tmp_path)
    builder.write("eduforge.toml", 'schema = "astro"\n')
    (tmp_path / ".astro" / "collections").mkdir(parents=True)
    os.mkfifo(tmp_path / ".astro" / "collections" / "docs.schema.json")
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        1,
        ".astro/collections/docs.schema.json:1:1: warning content-config .astro/collections/docs.schema.json does not"
        " exist; run astro sync (meanwhile eduforge reads the content config itself)\n"
        'src/content/docs/index.md:4:5: error link-target link "/x/" is not a page of the site\n'
        "1 error, 1 warning in 1 file\n",
    )


@pytest.mark.parametrize("kind", ["pages", "records"])
def test_a_fifo_in_place_of_a_cache_file_is_no_cache(tmp_path: Path, kind: str) -> None:
    """A plain open of a named pipe waits for a writer for ever; the cache file is then read as missing."""
    _small_site(tmp_path)
    expected = (
        1,
        'src/content/docs/index.md:4:5: error link-target link "/x/" is not a page of the site\n'
        "1 error, 0 warnings in 1 file\n",
    )
    first = run(tmp_path, "lint")
    assert (first.exit_code, first.output) == expected
    (cached,) = (tmp_path / ".eduforge-cache").glob(f"{kind}-*")
    cached.unlink()
    os.mkfifo(cached)
    again = run(tmp_path, "lint")
    assert (again.exit_code, again.output) == expected
    changed = run(tmp_path, "lint", "src/content/docs/index.md")  # the commit hook's way
    assert (changed.exit_code, changed.output) == expected
