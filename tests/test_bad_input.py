"""Bad input never crashes: each file gets a positioned problem and the run goes on."""

from __future__ import annotations

import os
from pathlib import Path

from eduforge.site.page import read_bytes
from helpers import SiteBuilder, problems, run


def test_every_kind_of_bad_file_in_one_run(site: SiteBuilder, tmp_path: Path) -> None:
    site.page("empty.md", "")
    site.page("only-frontmatter.md", "---\ntitle: Hanya frontmatter\n---")
    site.page("no-frontmatter.md", "# Judul\n\nTeks.\n")
    site.page("unclosed.md", "---\ntitle: Lupa ditutup\n\n# Judul\n")
    site.page("dashes-in-body.md", "---\ntitle: Garis\n---\nteks\n\n---\n\nlagi\n")
    site.page("tabs.md", "---\ntitle: Tab\nsidebar:\n\torder: 1\n---\n")
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]" for n, p in zip("bcdefghi", "abcdefgh", strict=False)
    ]
    site.page("alias-bomb.md", "---\ntitle: Bom\n" + "\n".join(bomb) + "\n---\n")
    site.page("deep.md", "---\ntitle: Dalam\nx: " + "[" * 1000 + "]" * 1000 + "\n---\n")
    site.write("docs/binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    site.write("docs/latin1.md", "---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    site.write("docs/bom-crlf.md", "\ufeff---\r\ntitle: BOM dan CRLF\r\ndraft: yes\r\n---\r\nteks\r\n".encode("utf-8"))
    site.page("impossible-date.md", "---\ntitle: Tanggal\nlastUpdated: 2024-02-30\n---\n")
    site.page("keys.md", "---\ntitle: Kunci\n1: satu\n? [a, b]\n: c\n---\n")
    site.page("tags.md", '---\ntitle: !!python/object/apply:os.system ["echo hacked"]\n---\n')
    with (site.root / "docs" / "huge.md").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("---\ntitle: Di luar\n---\n", encoding="utf-8")
    os.symlink(outside, site.root / "docs" / "escape.md")

    result = run(site.root, "lint", "--no-cache")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        'docs/alias-bomb.md:8:1: error yaml-syntax the value of "f" expands to more than 100,000 values through aliases (a billion-laughs bomb?); it is refused',
        "docs/binary.md:1:1: error file-unreadable this is a binary file, not Markdown text; move it out of the content folder or rename it",
        'docs/bom-crlf.md:3:8: error schema draft must be true or false, not the text "yes"; write true (unquoted: YAML 1.2 reads yes as text)',
        "docs/deep.md:3:103: error yaml-syntax the frontmatter nests deeper than 100 levels; it is refused",
        'docs/empty.md:1:1: error schema the frontmatter is missing the required key "title"; every Starlight page needs a title',
        "docs/escape.md:1:1: warning file-skipped skipped: a symbolic link that leads outside the content folder",
        "docs/huge.md:1:1: error file-unreadable the file is 50 MB, over the 5 MB limit for a page; it was not checked",
        'docs/impossible-date.md:3:14: warning frontmatter-date "2024-02-30" is not a real date; Starlight reads it as 2024-03-01; write the date you mean',
        "docs/keys.md:4:3: error yaml-syntax a frontmatter key must be plain text, not a list or mapping",
        "docs/latin1.md:2:11: error encoding invalid UTF-8 (byte 0xe9); save the file as UTF-8",
        'docs/no-frontmatter.md:1:1: error schema the frontmatter is missing the required key "title"; every Starlight page needs a title',
        "docs/tabs.md:4:1: error yaml-syntax YAML syntax error: a tab character; YAML allows only spaces for indentation",
        "docs/tags.md:2:8: error schema title must be text, not an empty value",
        'docs/tags.md:2:8: error yaml-syntax the YAML tag "!!python/object/apply:os.system" is not allowed in frontmatter; remove it (eduforge never constructs tagged objects)',
        "docs/unclosed.md:1:1: error frontmatter-fence the frontmatter opened by --- on line 1 is never closed; add a line with --- after the last key",
        "13 errors, 2 warnings in 15 files",
    ]


def test_a_read_only_or_corrupt_cache_is_ignored(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\ndraft: yes\n---\n")
    first = problems(site.root, "lint")
    cache = site.root / ".eduforge-cache"
    files = list(cache.glob("pages-*.marshal"))
    assert len(files) == 1
    files[0].write_bytes(b"\x00garbage")
    assert problems(site.root, "lint") == first
    files[0].chmod(0o444)
    cache.chmod(0o555)
    try:
        assert problems(site.root, "lint") == first
    finally:
        cache.chmod(0o755)


def test_cache_never_returns_a_stale_verdict(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n[b](/pusat-belajar/b/#dua)\n")
    site.page("b.md", "---\ntitle: B\n---\n## Dua\n")
    assert problems(site.root, "lint") == []
    site.page("b.md", "---\ntitle: B\n---\n## Tiga\n")
    assert problems(site.root, "lint") == [
        (
            "docs/a.md",
            4,
            5,
            "error",
            "link-anchor",
            'link "/pusat-belajar/b/#dua": no heading or id "dua" on docs/b.md',
        ),
    ]


def test_link_results_are_reused_only_while_nothing_they_depend_on_changed(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n![i](./i.png) [b](/pusat-belajar/b/)\n")
    site.page("b.md", "---\ntitle: B\n---\n")
    image = site.write("docs/i.png", b"\x89PNG")
    assert problems(site.root, "lint") == []
    assert problems(site.root, "lint") == []  # from the memo
    image.unlink()
    assert problems(site.root, "lint") == [
        ("docs/a.md", 4, 6, "error", "link-asset", 'image "./i.png": no such file: docs/i.png')
    ]
    (site.root / "docs" / "b.md").unlink()
    assert [p[4] for p in problems(site.root, "lint")] == ["link-asset", "link-target"]


def test_two_processes_sharing_the_cache_never_corrupt_it(site: SiteBuilder) -> None:
    import subprocess
    import sys

    from eduforge.cache import read_sealed

    for index in range(60):
        site.page(f"p{index}.md", f"---\ntitle: P{index}\n---\n[next](/pusat-belajar/p{(index + 1) % 60}/)\n")
    command = [sys.executable, "-m", "eduforge", "lint", "--format", "json"]
    for round_ in range(3):
        site.page("p0.md", f"---\ntitle: P0 {round_}\n---\n")  # something to re-read and re-save each round
        runs = [
            subprocess.Popen(command, cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
        ]
        outputs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
    for file in (site.root / ".eduforge-cache").glob("*.marshal"):
        kind, key = file.stem.split("-", 1)
        assert isinstance(read_sealed(file, kind, key), dict)
    assert problems(site.root, "lint") == []


def test_small_changes_go_to_the_delta_file_and_are_read_back(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n")
    site.page("b.md", "---\ntitle: B\n---\n")
    assert problems(site.root, "lint") == []
    cache = site.root / ".eduforge-cache"
    assert [f.name.split("-")[0] for f in sorted(cache.glob("*.marshal"))] == ["links", "pages", "sidebar"]
    site.page("b.md", "---\ntitle: B\ndraft: yes\n---\n")
    assert [p[4] for p in problems(site.root, "lint")] == ["schema"]
    assert sorted(f.name.split("-")[0] for f in cache.glob("*.marshal")) == ["delta", "links", "pages", "sidebar"]
    assert [p[4] for p in problems(site.root, "lint")] == ["schema"]  # from pages + delta
    (site.root / "docs" / "a.md").unlink()  # a page gone: noted in the delta, the index is not rewritten
    assert [p[4] for p in problems(site.root, "lint")] == ["schema"]
    assert sorted(f.name.split("-")[0] for f in cache.glob("*.marshal")) == ["delta", "links", "pages", "sidebar"]


def test_encoding_columns_count_characters_and_late_nul_is_binary(site: SiteBuilder) -> None:
    site.write("docs/cafe.md", "---\ntitle: Kopi ☕ é ".encode() + b"\xff\n---\n")
    site.write("docs/late-nul.md", b"---\ntitle: Nul\n---\n" + b"teks panjang\n" * 1000 + b"\x00\n")
    assert problems(site.root, "lint", "--no-cache") == [
        ("docs/cafe.md", 2, 17, "error", "encoding", "invalid UTF-8 (byte 0xff); save the file as UTF-8"),
        (
            "docs/late-nul.md",
            1,
            1,
            "error",
            "file-unreadable",
            "this is a binary file, not Markdown text; move it out of the content folder or rename it",
        ),
    ]


def test_special_files_loops_and_odd_names_are_skipped_and_reported(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\n---\n[b](/pusat-belajar/d/b/)\n")
    site.page("d/b.md", "---\ntitle: B\ndraft: yes\n---\n")
    docs = site.root / "docs"
    os.mkfifo(docs / "y.md")
    os.symlink("loop2.md", docs / "loop1.md")
    os.symlink("loop1.md", docs / "loop2.md")
    os.symlink("..", docs / "d" / "up")
    os.symlink("../..", docs / "d" / "top")
    (docs / os.fsdecode(b"caf\xe9.md")).write_text("---\ntitle: Kafe\n---\n", encoding="utf-8")
    result = run(site.root, "lint", "--no-cache")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "docs/caf\\xe9.md:1:1: warning file-skipped skipped: the name is not valid UTF-8; rename it",
        'docs/d/b.md:3:8: error schema draft must be true or false, not the text "yes"; write true (unquoted: YAML 1.2 reads yes as text)',
        "docs/d/top:1:1: warning file-skipped skipped: a symbolic link that leads outside the content folder",
        "docs/d/up:1:1: warning file-skipped skipped: a symbolic link to a folder that contains it (the site would be read again)",
        "docs/loop1.md:1:1: warning file-skipped skipped: a symbolic link that loops back to itself",
        "docs/loop2.md:1:1: warning file-skipped skipped: a symbolic link that loops back to itself",
        "docs/y.md:1:1: warning file-skipped skipped: a named pipe (FIFO), not a regular file; eduforge reads only files",
        "1 error, 6 warnings in 2 files",
    ]


def test_a_looping_link_or_fifo_named_on_the_command_line_is_reported_not_a_crash(site: SiteBuilder) -> None:
    """pre-commit passes a committed symbolic link by name: one that loops was a RuntimeError (exit 3)
    on every command; now it is the file-skipped warning a whole run gives it."""
    site.page("a.md", "---\ntitle: A\n---\n")
    docs = site.root / "docs"
    os.symlink("loop.md", docs / "loop.md")
    os.mkfifo(docs / "y.md")
    loop = "docs/loop.md:1:1: warning file-skipped skipped: a symbolic link that loops back to itself"
    fifo = "docs/y.md:1:1: warning file-skipped skipped: a named pipe (FIFO), not a regular file; eduforge reads only files"
    for command in ("lint", "validate", "links"):
        for cache in ("--no-cache", "--strict"):  # --strict: with the cache a first run wrote
            result = run(site.root, command, cache, "docs/loop.md", "docs/y.md", "docs/a.md")
            assert result.output.splitlines() == [loop, fifo, "0 errors, 2 warnings in 1 file"]
            assert result.exit_code == (1 if cache == "--strict" else 0)
    assert run(site.root, "lint", "docs").output.splitlines() == [loop, fifo, "0 errors, 2 warnings in 1 file"]
    assert run(site.root, "lint", "docs/a.md").output.splitlines() == ["1 file checked, no problems"]


def test_a_config_option_naming_a_fifo_or_a_folder_says_it_is_no_regular_file(site: SiteBuilder) -> None:
    """--config naming a FIFO or a folder said "no such file", which sent the user looking for a typo."""
    site.page("a.md", "---\ntitle: A\n---\n")
    os.mkfifo(site.root / "pipe.toml")
    for name in ("pipe.toml", "docs"):
        result = run(site.root, "lint", "--config", name)
        assert (result.exit_code, result.output) == (
            2,
            f"eduforge: --config {(site.root / name).resolve()}: not a regular file (a folder, a pipe or a device);"
            " name an eduforge.toml or pyproject.toml file\n",
        )


def test_an_option_path_that_is_a_looping_link_is_a_usage_error_or_replaced(site: SiteBuilder) -> None:
    """--config, --baseline, --write-baseline and -o given a link that loops were a RuntimeError or
    OSError (exit 3): a link to read is no file (exit 2), a link to write is replaced by the file."""
    site.page("a.md", "---\ntitle: A\n---\n[x](/pusat-belajar/nope/)\n")
    loop = site.root / "loop"
    os.symlink("loop", loop)
    for args in (("lint", "--config", "loop"), ("config", "--config", "loop"), ("export", "--config", "loop")):
        result = run(site.root, *args, *(("--format", "json", "-o", "-") if args[0] == "export" else ()))
        assert (result.exit_code, result.output) == (2, f"eduforge: --config {loop}: no such file\n")
    result = run(site.root, "lint", "--baseline", "loop")
    assert (result.exit_code, result.output) == (
        2,
        "eduforge: --baseline loop: a symbolic link that loops back to itself; "
        "give the baseline file --write-baseline wrote\n",
    )
    result = run(site.root, "lint", "--baseline", "docs")
    assert (result.exit_code, result.output) == (
        2,
        "eduforge: --baseline docs: a folder; give the baseline file --write-baseline wrote\n",
    )
    for args in (
        ("lint", "--write-baseline"),
        ("export", "--format", "json", "-o"),
        ("export", "--format", "scorm12", "-o"),
    ):
        result = run(site.root, *args, "loop")
        assert result.exit_code == 0, result.output
        assert loop.is_file() and not loop.is_symlink()
        loop.unlink()
        os.symlink("loop", loop)
    result = run(site.root, "export", "--format", "html", "-o", "loop")
    assert (result.exit_code, result.output) == (
        2,
        "eduforge: -o loop: is a file; use --force to replace it with the export folder\n",
    )


def test_a_path_longer_than_the_file_system_allows_is_a_usage_error(site: SiteBuilder) -> None:
    """Python 3.11's Path.is_dir raises for a name too long: a content folder, a schema or -o of
    5,000 letters was an OSError, exit 3 (found by fuzzing)."""
    site.page("a.md", "---\ntitle: A\n---\n")
    name = "a" * 5_000
    too_long = "the path is longer than the file system allows; use a shorter one"
    site.write("eduforge.toml", f'content = "{name}"\n')
    result = run(site.root, "lint")
    assert (result.exit_code, result.output) == (2, f"eduforge: {site.root / name}: {too_long}\n")
    site.write("eduforge.toml", f'content = "docs"\nschema = "{name}.json"\n')
    result = run(site.root, "validate")
    assert (result.exit_code, result.output) == (2, f"eduforge: {site.root / name}.json: {too_long}\n")
    site.write("eduforge.toml", 'content = "docs"\n')
    result = run(site.root, "export", "--format", "json", "-o", name)
    assert (result.exit_code, result.output) == (2, f"eduforge: {site.root / name}: {too_long}\n")


def test_a_file_longer_than_its_reported_size_is_read_whole(tmp_path: Path) -> None:
    # a page is read by the size fstat reports, and then to its end: /proc files report 0 bytes
    raw, issue = read_bytes("/proc/self/status")
    assert issue is None and raw is not None
    assert raw.startswith(b"Name:\t") and raw.endswith(b"\n") and b"\nPid:\t" in raw
    page = tmp_path / "page.md"
    page.write_bytes(b"---\ntitle: T\n---\n" + b"x" * 70_000)
    assert read_bytes(page) == (page.read_bytes(), None)


def test_a_content_folder_that_holds_the_project_is_refused_not_walked(tmp_path: Path) -> None:
    # content = "/" read every file of the machine; "." (the project itself) is a folder of pages
    project = tmp_path / "deep" / "project"
    project.mkdir(parents=True)
    (project / "eduforge.toml").write_text('content = "../.."\n', encoding="utf-8")
    for command in (("lint",), ("export", "--format", "json", "-o", "-")):
        result = run(project, *command)
        assert result.exit_code == 2
        assert result.stderr == (
            f"eduforge: content folder {project}/../.. holds the project {project} itself; set content in "
            "eduforge.toml to the folder of the pages (Starlight's is src/content/docs)\n"
        )
    (project / "eduforge.toml").write_text('content = "."\n', encoding="utf-8")
    (project / "lesson.md").write_text("---\ntitle: Pelajaran\n---\n", encoding="utf-8")
    assert run(project, "lint").exit_code == 0
