"""Schema files are input too: a bad one is a positioned ``schema`` problem (or a config error), never a hang.

A page's ``$schema`` (or a ``$ref`` inside a schema) may name ``/dev/zero``, a FIFO, a path with
a NUL or a file that is not UTF-8; reading any of them used to block forever or end the page in
``internal-error``. A ``schema =`` setting that is not a valid JSON Schema used to validate nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from helpers import SiteBuilder, problems, run


def _page(site: SiteBuilder, target: str) -> None:
    site.page("a.md", f'---\ntitle: A\n$schema: "{target}"\n---\n')


@pytest.mark.parametrize(
    ("target", "make", "message"),
    [
        ("/dev/zero", None, "schema /dev/zero is not a regular file; name a JSON Schema file"),
        ("../fifo.json", "fifo", "schema {root}/fifo.json is not a regular file; name a JSON Schema file"),
        ("../zero.json", "zero-link", "schema /dev/zero is not a regular file; name a JSON Schema file"),
        ("../", None, "schema {root} is not a regular file; name a JSON Schema file"),
        ("a\\0b.json", None, "$schema 'a\\x00b.json' contains a NUL character; name a JSON Schema file"),
        (
            "../latin1.json",
            "latin1",
            "schema {root}/latin1.json is not UTF-8 text (byte 0xe9 at offset 20); save it as UTF-8",
        ),
        ("../deep.json", "deep", "schema {root}/deep.json cannot be read: its arrays or objects are nested too deeply"),
        ("../long.json", "long", "schema {root}/long.json cannot be read: it holds a number too long to read"),
    ],
)
def test_a_schema_that_cannot_be_read_is_a_positioned_problem(
    site: SiteBuilder, target: str, make: str | None, message: str
) -> None:
    root = site.root.resolve()
    if make == "fifo":
        os.mkfifo(root / "fifo.json")
    elif make == "zero-link":
        os.symlink("/dev/zero", root / "zero.json")
    elif make == "latin1":
        site.write("latin1.json", b'{"description": "caf\xe9"}')
    elif make == "deep":
        site.write("deep.json", "[" * 200_000 + "]" * 200_000)
    elif make == "long":
        site.write("long.json", '{"maxLength": ' + "9" * 5_000 + "}")
    _page(site, target)
    started = time.process_time()
    result = run(site.root, "lint", "--no-cache", "--format", "json")
    assert time.process_time() - started < 5.0
    assert result.exit_code == 1
    assert problems(site.root, "lint", "--no-cache") == [
        ("docs/a.md", 3, 1, "error", "schema", message.format(root=root))
    ]


def test_a_ref_to_a_fifo_is_the_problem_of_the_page_that_uses_it(site: SiteBuilder) -> None:
    root = site.root.resolve()
    os.mkfifo(root / "fifo.json")
    site.write("page.json", '{"type": "object", "properties": {"title": {"$ref": "fifo.json"}}}')
    _page(site, "../page.json")
    assert problems(site.root, "lint", "--no-cache") == [
        (
            "docs/a.md",
            3,
            1,
            "error",
            "schema",
            f"schema {root}/fifo.json is not a regular file; name a JSON Schema file",
        )
    ]


def test_a_schema_setting_that_is_not_a_json_schema_is_a_config_error(site: SiteBuilder) -> None:
    site.write("eduforge.toml", 'content = "docs"\nschema = "bad.json"\n')
    site.write("bad.json", '{"type": 5}')
    site.page("a.md", "---\ntitle: A\n---\n")
    result = run(site.root, "lint", "--no-cache")
    assert result.exit_code == 2
    bad = site.root / "bad.json"
    assert result.output.startswith(f"eduforge: schema: schema {bad} is not a valid JSON Schema (at type): ")
    assert result.output.count("\n") == 1


def test_a_schemas_mapping_that_is_not_a_json_schema_is_a_config_error(site: SiteBuilder) -> None:
    site.write("eduforge.toml", 'content = "docs"\n[[schemas]]\nglob = "**"\nschema = "bad.json"\n')
    site.write("bad.json", '{"properties": {"title": {"minLength": "two"}}}')
    site.page("a.md", "---\ntitle: A\n---\n")
    result = run(site.root, "lint", "--no-cache")
    assert result.exit_code == 2
    bad = site.root / "bad.json"
    assert result.output.startswith(
        f"eduforge: schema: schema {bad} is not a valid JSON Schema (at properties/title/minLength): "
    )


def test_a_valid_custom_schema_still_validates(site: SiteBuilder) -> None:
    site.write("eduforge.toml", 'content = "docs"\nschema = "good.json"\n')
    site.write("good.json", '{"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"]}')
    site.page("a.md", "---\ndescription: A\n---\n")
    found = problems(site.root, "lint", "--no-cache")
    assert [(p[0], p[4]) for p in found] == [("docs/a.md", "schema"), ("docs/a.md", "unknown-key")]
    assert Path(site.root / "good.json").is_file()
