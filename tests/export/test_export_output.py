"""Never destroying data, refusing bad OUTs, byte-identical output, errors and --strict."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from exporthelpers import export

from helpers import SiteBuilder


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_output_is_byte_identical_run_after_run(fixture_site: Callable[[str], Path], fmt: str) -> None:
    root = fixture_site("pusat")
    out = "a/c.json" if fmt == "json" else "a"  # the JSON names its asset folder (c.assets): same name, two folders
    again = "b/c.json" if fmt == "json" else "b"
    assert export(root, "--format", fmt, "-o", out, "--jsonld").exit_code == 0
    (root / "docs/pengenalan.md").touch()  # a newer mtime changes nothing
    assert export(root, "--format", fmt, "-o", again, "--jsonld").exit_code == 0
    if fmt == "json":
        assert (root / out).read_bytes() == (root / again).read_bytes()
    else:
        assert digest_tree(root / out) == digest_tree(root / again)


def test_out_inside_the_content_folder_is_refused(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    for out in ("docs", "docs/export", "docs/tutorials/x"):
        result = export(root, "--format", "html", "-o", out, "--force")
        assert result.exit_code == 2
        assert "inside the content folder" in result.stderr
    assert export(root, "--format", "json", "-o", "docs/c.json").exit_code == 2
    assert not (root / "docs/export").exists()


def test_out_holding_the_project_is_refused_even_with_force(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    for out in (".", ".."):
        result = export(root, "--format", "html", "-o", out, "--force")
        assert result.exit_code == 2 and "holds the" in result.stderr
    assert (root / "docs/pengenalan.md").is_file()


def test_a_foreign_folder_is_kept_even_with_force(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    (root / "dist").mkdir()
    (root / "dist/thesis.docx").write_text("three years of work")
    for flags in ((), ("--force",)):
        result = export(root, "--format", "html", "-o", "dist", *flags)
        assert result.exit_code == 2
        assert result.stderr == (
            "eduforge: -o dist: the folder is not empty and is not an earlier eduforge export (no .eduforge-export file); "
            "eduforge never deletes it, even with --force: choose a new or empty folder\n"
        )
    assert (root / "dist/thesis.docx").read_text() == "three years of work"


def test_an_earlier_export_or_an_empty_folder_is_replaced(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    (root / "dist").mkdir()
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    (root / "dist/stale.html").write_text("from an older export")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    assert not (root / "dist/stale.html").exists()
    assert not [p for p in root.iterdir() if p.name.startswith(".dist.")]  # no temporary folders left


def test_a_foreign_json_file_is_kept_unless_force(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    (root / "data.json").write_text('{"precious": true}')
    assert export(root, "--format", "json", "-o", "data.json").exit_code == 2
    assert (root / "data.json").read_text() == '{"precious": true}'
    assert export(root, "--format", "json", "-o", "data.json", "--force").exit_code == 0
    assert (root / "data.json").read_text().startswith('{"version":2,"site":{"generator":"eduforge')


def test_a_failed_export_leaves_the_old_one_whole(
    fixture_site: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_site("pusat")
    assert export(root, "--format", "html", "-o", "dist").exit_code == 0
    before = digest_tree(root / "dist")
    from eduforge.export import html

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(html.HtmlExport, "_write_static", broken)
    result = export(root, "--format", "html", "-o", "dist")
    assert result.exit_code == 3 and "disk full" in result.stderr
    assert digest_tree(root / "dist") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []


def test_usage_errors(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    assert export(root, "--format", "html", "-o", "-").exit_code == 2
    assert export(root, "--format", "pdf", "-o", "x").exit_code == 2
    assert export(root, "--format", "html").exit_code == 2
    result = export(root, "--format", "html", "-o", "dist", "docs/nope.md")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_paths_limit_the_export(fixture_site: Callable[[str], Path]) -> None:
    root = fixture_site("pusat")
    result = export(root, "--format", "json", "-o", "-", "docs/tutorials")
    import json

    lessons = json.loads(result.stdout)["lessons"]
    assert [lesson["id"] for lesson in lessons] == [
        "tutorials/git/instalasi-git",
        "tutorials/git/perintah-dasar",
        "tutorials/backend/server-http",
    ]
    assert lessons[0]["prev"] is None and lessons[-1]["next"] is None


BROKEN_LINK = "---\ntitle: B\n---\n\nSee [nowhere](/pusat-belajar/nowhere/).\n"


def test_pages_with_errors_are_exported_with_a_warning(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\ndraft: yes\n---\n\nText.\n")
    site.page("b.md", BROKEN_LINK)
    result = export(site.root, "--format", "html", "-o", "dist")
    assert result.exit_code == 0
    assert "docs/a.md:3:8: error schema" in result.stderr and "docs/b.md:" in result.stderr
    assert "2 pages with errors exported anyway" in result.stderr
    assert "leads to nothing in the export" in result.stderr
    assert (site.root / "dist/a/index.html").is_file()


def test_strict_exports_nothing_when_a_page_has_errors(site: SiteBuilder) -> None:
    site.page("b.md", BROKEN_LINK)
    result = export(site.root, "--format", "html", "-o", "dist", "--strict")
    assert result.exit_code == 1 and "nothing exported (--strict)" in result.stderr
    assert not (site.root / "dist").exists()
    site.page("b.md", "---\ntitle: B\n---\n\nFine.\n")
    assert export(site.root, "--format", "html", "-o", "dist", "--strict").exit_code == 0


def test_unreadable_pages_do_not_stop_the_export(site: SiteBuilder) -> None:
    site.page("good.md", "---\ntitle: Good\n---\n\nText.\n")
    site.write("docs/latin1.md", "---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    site.page("badyaml.md", "---\ntitle: [unclosed\n---\n\nBody survives.\n")
    site.page("weird.mdx", "---\ntitle: Weird\n---\n\n<Steps>\n\n{broken expression\n")
    result = export(site.root, "--format", "html", "-o", "dist")
    assert result.exit_code == 0, result.output
    assert (site.root / "dist/good/index.html").is_file() and (site.root / "dist/weird/index.html").is_file()
    assert "never closed" in result.stderr
