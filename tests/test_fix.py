"""``eduforge lint --fix``: each fix byte-exact (comments, 4-space YAML, CRLF, a BOM kept), ``--diff``,
``--unsafe-fixes``, idempotence, PATHS, and the files that are not written."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import jsonschema
import pytest

from eduforge.fix import Source, apply_fixes, locate
from eduforge.problem import Edit, Problem, replace_fix
from helpers import TESTS, SiteBuilder, run

CONFIG = 'content = "docs"\nbase = "/pusat-belajar"\ntrailing_slash = "always"\n'
GIT = "---\ntitle: Git\n---\n\n## Instal\n"


def lines(*text: str, end: str = "\r\n", bom: bool = True) -> bytes:
    """A page with the given lines, CRLF line ends and a BOM by default."""
    return ("\ufeff" if bom else "").encode() + end.join(text).encode() + end.encode()


@pytest.fixture
def fixsite(site: SiteBuilder) -> SiteBuilder:
    site.write("eduforge.toml", CONFIG)
    site.page("git.md", GIT)
    return site


FRONT = ["---", 'title: "Pengenalan"   # judul', "sidebar:", "    order: 1  # 4 spaces"]

CASES = [
    ("draft: no  # belum", "draft: false  # belum"),
    ("draft: YES", "draft: true"),
    ("draft: 'off'", "draft: false"),
    ("lastUpdated: '2024-09-30'  # kemarin", "lastUpdated: 2024-09-30  # kemarin"),
    ('lastUpdated: "2024-09-30"', "lastUpdated: 2024-09-30"),
    ("prev:\r\n    link: /git  # tanpa base", "prev:\r\n    link: /pusat-belajar/git/  # tanpa base"),
    ('next:\r\n    link: "/git"', 'next:\r\n    link: "/pusat-belajar/git/"'),
]


@pytest.mark.parametrize(("before", "after"), CASES, ids=[case[0] for case in CASES])
def test_each_frontmatter_fix_changes_only_its_value(fixsite: SiteBuilder, before: str, after: str) -> None:
    page = fixsite.write("docs/a.md", lines(*FRONT, before, "---", "", "Teks."))
    result = run(fixsite.root, "lint", "--fix")
    assert page.read_bytes() == lines(*FRONT, after, "---", "", "Teks.")
    assert result.exit_code == 0, result.output
    assert "eduforge: fixed 1 problems" in result.stderr


BODY = [
    ("[Git](/git/)", "[Git](/pusat-belajar/git/)"),
    ("[Git](/pusat-belajar/Git/)", "[Git](/pusat-belajar/git/)"),
    ("[Git](./git.md)", "[Git](/pusat-belajar/git/)"),
    ("[Git](/pusat-belajar/git)", "[Git](/pusat-belajar/git/)"),
    ("[Git](/pusat-belajar/git/#Instal)", "[Git](/pusat-belajar/git/#instal)"),
    ('<a href="/git/">Git</a>', '<a href="/pusat-belajar/git/">Git</a>'),
]


@pytest.mark.parametrize(("before", "after"), BODY, ids=[case[0] for case in BODY])
def test_each_link_fix_changes_only_its_target(fixsite: SiteBuilder, before: str, after: str) -> None:
    head = ["---", "title: A", "---", "", "<!-- komentar -->", "  * daftar"]
    page = fixsite.write("docs/a.md", lines(*head, f"Lihat {before} dan [b](/pusat-belajar/git/).\r  tail"))
    result = run(fixsite.root, "lint", "--fix")
    assert page.read_bytes() == lines(*head, f"Lihat {after} dan [b](/pusat-belajar/git/).\r  tail")
    assert result.exit_code == 0, result.output


def test_fix_reports_what_is_left_and_a_second_run_changes_nothing(fixsite: SiteBuilder) -> None:
    page = fixsite.page("a.md", "---\ntitle: A\ndraft: no\n---\n\n[x](/pusat-belajar/tiada/) [g](/git/)\n")
    first = run(fixsite.root, "lint", "--fix")
    assert first.exit_code == 1
    assert first.stdout.splitlines() == [
        'docs/a.md:6:5: error link-target link "/pusat-belajar/tiada/" is not a page of the site',
        "1 error, 0 warnings in 2 files",
    ]
    fixed = page.read_bytes()
    assert fixed == b"---\ntitle: A\ndraft: false\n---\n\n[x](/pusat-belajar/tiada/) [g](/pusat-belajar/git/)\n"
    second = run(fixsite.root, "lint", "--fix")
    assert page.read_bytes() == fixed
    assert "eduforge: fixed 0 problems" in second.stderr


def test_diff_writes_nothing_and_exits_1_when_there_is_something_to_fix(fixsite: SiteBuilder) -> None:
    original = lines("---", "title: A", "draft: on", "---")
    page = fixsite.write("docs/a.md", original)
    result = run(fixsite.root, "lint", "--fix", "--diff")
    assert result.exit_code == 1
    assert page.read_bytes() == original
    assert result.stdout_bytes.decode() == (
        "--- a/docs/a.md\n+++ b/docs/a.md\n@@ -1,4 +1,4 @@\n \ufeff---\r\n title: A\r\n-draft: on\r\n+draft: true\r\n ---\r\n"
    )
    assert "would fix 1 problem (--fix applies them)" in result.stderr
    page.write_bytes(lines("---", "title: A", "---"))
    clean = run(fixsite.root, "lint", "--fix", "--diff")
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_unsafe_fixes_rename_a_key_and_follow_the_closest_page(fixsite: SiteBuilder) -> None:
    page = fixsite.page("a.md", "---\ntitle: A\ndraf: true  # typo\n---\n\n[g](/pusat-belajar/gti/)\n")
    safe = run(fixsite.root, "lint", "--fix")
    assert "fixed 0 problems" in safe.stderr
    unsafe = run(fixsite.root, "lint", "--fix", "--unsafe-fixes")
    assert page.read_text() == "---\ntitle: A\ndraft: true  # typo\n---\n\n[g](/pusat-belajar/git/)\n"
    assert unsafe.exit_code == 0, unsafe.output


def test_a_rename_onto_an_existing_key_is_not_offered(fixsite: SiteBuilder) -> None:
    text = "---\ntitle: A\ndraft: false\ndraf: true\n---\n"
    page = fixsite.page("a.md", text)
    run(fixsite.root, "lint", "--fix", "--unsafe-fixes")
    assert page.read_text() == text


def test_paths_choose_the_files_fixed(fixsite: SiteBuilder) -> None:
    a = fixsite.page("a.md", "---\ntitle: A\ndraft: no\n---\n")
    b = fixsite.page("b.md", "---\ntitle: B\ndraft: no\n---\n")
    result = run(fixsite.root, "lint", "--fix", "docs/a.md")
    assert "draft: false" in a.read_text() and "draft: no" in b.read_text()
    assert result.exit_code == 0


def test_a_read_only_file_is_reported_not_fixed(fixsite: SiteBuilder) -> None:
    page = fixsite.page("a.md", "---\ntitle: A\ndraft: no\n---\n")
    page.chmod(0o444)
    try:
        result = run(fixsite.root, "lint", "--fix")
    finally:
        page.chmod(0o644)
    assert page.read_text() == "---\ntitle: A\ndraft: no\n---\n"
    assert "eduforge: docs/a.md: read-only; not fixed" in result.stderr
    assert result.exit_code == 1


def test_the_mode_is_kept(fixsite: SiteBuilder) -> None:
    page = fixsite.page("a.md", "---\ntitle: A\ndraft: no\n---\n")
    page.chmod(0o640)
    run(fixsite.root, "lint", "--fix")
    assert stat.S_IMODE(page.stat().st_mode) == 0o640 and "draft: false" in page.read_text()
    assert not [name for name in os.listdir(page.parent) if name.endswith(".eduforge")]


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_bytes(b"---\ntitle: A\ndraft: no\n---\n")
    problem = Problem("a.md", 3, 8, "schema", "m").with_fix(replace_fix(Edit.at(3, 8, "no", "false", True), True))
    outcome = apply_fixes([problem], tmp_path, {"a.md": b"not the digest of what is there"})
    assert [file.note for file in outcome.files] == ["changed on disk since it was read; not written (run again)"]
    assert page.read_bytes() == b"---\ntitle: A\ndraft: no\n---\n"


def test_a_fix_that_would_change_another_value_is_not_applied(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    text = b"---\ntitle: A\ndraft: no\n---\n"
    page.write_bytes(text)
    sneaky = replace_fix(Edit.at(3, 8, "no", "false\ntitle: B", True), True)  # a new line: another key changes
    breaking = replace_fix(Edit.at(2, 8, "A", "[unclosed", False), True)  # invalid YAML
    for fix in (sneaky, breaking):
        outcome = apply_fixes([Problem("a.md", 1, 1, "schema", "m").with_fix(fix)], tmp_path, {})
        assert outcome.fixed == 0 and "not applied" in outcome.files[0].note
    assert page.read_bytes() == text


def test_locate_needs_the_expected_text() -> None:
    source = Source.decode('\ufeff---\r\nlink: "/a"\r\n'.encode())
    assert source is not None
    assert locate(source, Edit.at(2, 7, "/a", "/b")) == (12, 14, Edit(2, 8, 2, 10, "/a", "/b"))
    assert locate(source, Edit.at(2, 7, "/a", "/b", scalar=True)) == (11, 15, Edit(2, 7, 2, 11, "/a", "/b", True))
    assert locate(source, Edit.at(2, 7, "/x", "/b")) is None
    assert locate(source, Edit.at(9, 1, "/a", "/b")) is None


def test_json_and_sarif_carry_exact_fixes(fixsite: SiteBuilder) -> None:
    fixsite.page("a.md", '---\ntitle: A\nprev:\n    link: "/git"\n---\n')
    document = json.loads(run(fixsite.root, "lint", "--format", "json").stdout)
    [problem] = document["problems"]
    assert (problem["end_line"], problem["end_column"]) == (4, 16)
    assert problem["fix"] == {
        "safe": True,
        "title": 'replace "/git" with "/pusat-belajar/git/"',
        "edits": [{"line": 4, "column": 12, "end_line": 4, "end_column": 16, "text": "/pusat-belajar/git/"}],
    }
    sarif = json.loads(run(fixsite.root, "lint", "--format", "sarif").stdout)
    jsonschema.validate(sarif, json.loads((TESTS / "data/sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    [fix] = sarif["runs"][0]["results"][0]["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "docs/a.md"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 4, "startColumn": 12, "endLine": 4, "endColumn": 16},
            "insertedContent": {"text": "/pusat-belajar/git/"},
        }
    ]


def test_diff_and_unsafe_need_fix(fixsite: SiteBuilder) -> None:
    result = run(fixsite.root, "lint", "--diff")
    assert result.exit_code == 2
    assert "--diff and --unsafe-fixes go with --fix" in result.output


def test_paths_in_the_diff_are_relative_to_the_working_folder(tmp_path: Path) -> None:
    site = SiteBuilder(tmp_path / "situs")
    site.write("eduforge.toml", CONFIG)
    site.page("a.md", "---\ntitle: A\ndraft: n\n---\n")
    result = run(tmp_path, "lint", "--fix", "--diff")
    assert result.stdout.splitlines()[:2] == ["--- a/situs/docs/a.md", "+++ b/situs/docs/a.md"]
    assert result.exit_code == 1


def test_a_note_is_said_once_across_passes(fixsite: SiteBuilder) -> None:
    locked = fixsite.page("a.md", "---\ntitle: A\ndraft: no\n---\n")
    fixsite.page("b.md", "---\ntitle: B\ndraft: no\n---\n[a](/pusat-belajar/a)\n")
    locked.chmod(0o444)
    try:
        result = run(fixsite.root, "lint", "--fix")
    finally:
        locked.chmod(0o644)
    assert result.stderr.count("docs/a.md: read-only; not fixed") == 1
    assert (fixsite.root / "docs/b.md").read_text() == "---\ntitle: B\ndraft: false\n---\n[a](/pusat-belajar/a/)\n"
    assert "eduforge: fixed 2 problems" in result.stderr


def test_many_fixes_in_one_page_cost_linear_time(fixsite: SiteBuilder) -> None:
    count = 4000
    page = fixsite.page("a.md", "---\ntitle: A\n---\n" + "[g](/git/) " * count + "\n")
    started = time.process_time()
    result = run(fixsite.root, "lint", "--fix")
    assert time.process_time() - started < 10.0
    assert page.read_text() == "---\ntitle: A\n---\n" + "[g](/pusat-belajar/git/) " * count + "\n"
    assert f"eduforge: fixed {count} problems" in result.stderr


def test_fixes_survive_the_cache_and_the_links_memo(fixsite: SiteBuilder) -> None:
    fixsite.page("a.md", "---\ntitle: A\ndraft: no\n---\n[g](/git/)\n")
    cold = json.loads(run(fixsite.root, "lint", "--format", "json").stdout)
    warm = json.loads(run(fixsite.root, "lint", "--format", "json").stdout)
    assert [p.get("fix") for p in warm["problems"]] == [p.get("fix") for p in cold["problems"]]
    assert [p["fix"]["edits"][0]["text"] for p in warm["problems"]] == ["false", "/pusat-belajar/git/"]


def test_the_diff_escapes_what_the_page_holds_as_every_report_does(fixsite: SiteBuilder) -> None:
    """A page's ESC, BEL and lone CR reached the terminal raw through --diff (found by fuzzing): a
    CR-only page's lines overwrote each other and a colour sequence recoloured the log. Tabs stay."""
    fixsite.write("docs/esc.md", b"---\ntitle: A\ndraft: yes\n---\nteks \x1b[31mmerah\x07\tx")
    fixsite.write("docs/cr.md", b"---\rtitle: B\rdraft: no\r---\r")
    result = run(fixsite.root, "lint", "--fix", "--diff")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/docs/cr.md\n+++ b/docs/cr.md\n@@ -1,4 +1,4 @@\n"
        " ---\\r\n title: B\\r\n-draft: no\\r\n+draft: false\\r\n ---\\r\n"
        "--- a/docs/esc.md\n+++ b/docs/esc.md\n@@ -1,5 +1,5 @@\n"
        " ---\n title: A\n-draft: yes\n+draft: true\n ---\n teks \\x1b[31mmerah\\x07\tx\n\\ No newline at end of file\n"
    )
