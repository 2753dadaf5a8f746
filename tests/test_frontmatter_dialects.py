"""Frontmatter as the project's Astro version reads it: blank lines before ---, +++ TOML."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from eduforge.site.frontmatter import CURRENT_ASTRO, LEGACY_ASTRO, dialect_for, split_and_parse
from helpers import SiteBuilder, run


def test_versions_choose_the_dialect() -> None:
    assert dialect_for("4.16.7") == LEGACY_ASTRO
    assert dialect_for("5.0.3").leading_blank_lines is False
    assert dialect_for("5.0.4").leading_blank_lines is True and dialect_for("5.0.4").toml is False
    assert dialect_for("5.2.0") == CURRENT_ASTRO
    assert dialect_for(None) == CURRENT_ASTRO


def test_blank_lines_before_the_fence_keep_every_position() -> None:
    fm = split_and_parse("\n\n---\ntitle: A\ndraft: yes\n---\nbody\n", CURRENT_ASTRO)
    assert fm.data == {"title": "A", "draft": "yes"}
    assert (fm.fence_line, fm.body_line, fm.body) == (3, 7, "body\n")
    assert fm.key_positions[("draft",)] == (5, 1) and fm.value_positions[("draft",)] == (5, 8)
    legacy = split_and_parse("\n\n---\ntitle: A\n---\n", LEGACY_ASTRO)
    assert legacy.data is None and legacy.fence_line is None


def test_toml_frontmatter() -> None:
    fm = split_and_parse('+++\ntitle = "A"\nlastUpdated = 2024-09-30\n[sidebar]\norder = 2\n+++\nbody\n')
    assert fm.data == {"title": "A", "lastUpdated": dt.date(2024, 9, 30), "sidebar": {"order": 2}}
    assert fm.key_positions[("lastUpdated",)] == (3, 1)
    assert fm.value_positions[("sidebar", "order")] == (5, 9)
    assert fm.date_paths == [("lastUpdated",)]
    assert fm.body_line == 7
    broken = split_and_parse('+++\ntitle = "A\n+++\n')
    assert [(i.line, i.rule, i.message) for i in broken.issues] == [
        (2, "yaml-syntax", "the TOML frontmatter is not valid TOML here")
    ]


def test_an_astro_4_site_reports_a_page_with_a_blank_first_line_as_missing_its_title(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write("astro.config.mjs", "export default {};\n")
    builder.write("src/content/docs/index.md", "\n---\ntitle: A\n---\n", dedent=False)
    builder.write("package.json", json.dumps({"dependencies": {"astro": "5.1.0"}}))
    assert run(tmp_path, "lint", "--no-cache").output == "1 file checked, no problems\n"
    builder.write("package.json", json.dumps({"dependencies": {"astro": "4.16.0"}}))
    assert "error schema" in run(tmp_path, "lint", "--no-cache").output
