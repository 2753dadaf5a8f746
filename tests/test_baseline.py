"""``--write-baseline`` / ``--baseline``: old problems recorded, only new ones reported, fixed ones counted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SiteBuilder, run

ROOT = Path(__file__).resolve().parent.parent
PAGE = "---\ntitle: A\ndraf: true\n---\n\n[x](/pusat-belajar/tiada/)\n"


@pytest.fixture
def recorded(site: SiteBuilder) -> SiteBuilder:
    site.page("a.md", PAGE)
    site.page("b.md", "---\ntitle: B\n---\n")
    written = run(site.root, "lint", "--write-baseline", "baseline.json")
    assert written.exit_code == 0
    assert written.stderr == "eduforge: wrote 2 problems to the baseline baseline.json\n"
    return site


def test_the_baseline_file_is_sorted_json_by_rule_path_and_fingerprint(recorded: SiteBuilder) -> None:
    document = json.loads((recorded.root / "baseline.json").read_text())
    assert document["version"] == 1
    assert [(row["rule"], row["path"]) for row in document["problems"]] == [
        ("link-target", "docs/a.md"),
        ("unknown-key", "docs/a.md"),
    ]
    assert all(len(row["fingerprint"]) == 16 for row in document["problems"])


def test_the_baseline_file_is_readable_as_the_users_other_files_and_leaves_no_temporary(recorded: SiteBuilder) -> None:
    # written through a temporary file (mkstemp makes it 0600), then given the mode a new file gets
    umask = os.umask(0)
    os.umask(umask)
    assert (recorded.root / "baseline.json").stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(path.name for path in recorded.root.iterdir() if path.name.startswith(".baseline")) == []


def test_only_new_problems_are_reported_and_line_shifts_do_not_matter(recorded: SiteBuilder) -> None:
    clean = run(recorded.root, "lint", "--baseline", "baseline.json")
    assert (clean.exit_code, clean.stdout) == (0, "2 files checked, no problems\n")
    assert clean.stderr == "eduforge: 2 problems in the baseline not shown; 0 baselined problems fixed\n"
    shifted = PAGE.replace("title: A\n", "title: A\ndescription: baru\n").replace("\n\n[x]", "\n\nParagraf.\n\n[x]")
    recorded.page("a.md", shifted + "[y](/pusat-belajar/juga-tiada/)\n")
    result = run(recorded.root, "lint", "--baseline", "baseline.json")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'docs/a.md:10:5: error link-target link "/pusat-belajar/juga-tiada/" is not a page of the site',
        "1 error, 0 warnings in 2 files",
    ]


def test_a_new_did_you_mean_does_not_make_a_problem_new(recorded: SiteBuilder) -> None:
    recorded.page("tiadaa.md", "---\ntitle: T\n---\n")
    plain = run(recorded.root, "lint")
    assert 'did you mean "/pusat-belajar/tiadaa/"?' in plain.stdout
    result = run(recorded.root, "lint", "--baseline", "baseline.json")
    assert (result.exit_code, result.stdout) == (0, "3 files checked, no problems\n")


def test_fixed_problems_are_counted(recorded: SiteBuilder) -> None:
    recorded.page("a.md", "---\ntitle: A\n---\n\n[x](/pusat-belajar/tiada/)\n")
    result = run(recorded.root, "lint", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert "1 problems in the baseline not shown; 1 baselined problems fixed" in result.stderr


def test_editing_the_offending_line_makes_the_problem_new(recorded: SiteBuilder) -> None:
    recorded.page("a.md", PAGE.replace("[x](", "Lihat [x]("))
    result = run(recorded.root, "lint", "--baseline", "baseline.json", "--format", "json")
    assert [p["rule"] for p in json.loads(result.stdout)["problems"]] == ["link-target"]


def test_paths_and_every_format(recorded: SiteBuilder) -> None:
    result = run(recorded.root, "lint", "--baseline", "baseline.json", "docs/b.md")
    assert result.stderr == "eduforge: 0 problems in the baseline not shown; 0 baselined problems fixed\n"
    for fmt in ("json", "github", "sarif", "text"):
        again = run(recorded.root, "lint", "--baseline", "baseline.json", "--format", fmt)
        assert again.exit_code == 0
        assert "tiada" not in again.stdout


def test_a_missing_or_bad_baseline_is_a_usage_error(recorded: SiteBuilder) -> None:
    missing = run(recorded.root, "lint", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert "--baseline nope.json: no such file; write one with --write-baseline nope.json" in missing.output
    (recorded.root / "bad.json").write_text("[1]")
    bad = run(recorded.root, "lint", "--baseline", "bad.json")
    assert bad.exit_code == 2 and "not an eduforge baseline" in bad.output


def test_the_fix_hook_and_a_baseline_through_the_real_pre_commit(tmp_path: Path) -> None:
    """A content repository using eduforge-fix and eduforge-lint with a baseline, from this repository's HEAD."""
    repo = tmp_path / "pusat-belajar"
    docs = repo / "src" / "content" / "docs"
    docs.mkdir(parents=True)
    (repo / "astro.config.mjs").write_text("export default { base: '/pusat-belajar' };\n", encoding="utf-8")
    (docs / "pengenalan.md").write_text("---\ntitle: Pengenalan\n---\n[lama](/tiada/)\n", encoding="utf-8")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n"
        "      - id: eduforge-fix\n        args: [--baseline, .eduforge-baseline.json]\n"
        "      - id: eduforge-lint\n        args: [--baseline, .eduforge-baseline.json]\n",
        encoding="utf-8",
    )
    assert run(repo, "lint", "--write-baseline", ".eduforge-baseline.json").exit_code == 0
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "site")
    page = docs / "git.md"
    page.write_text("---\ntitle: Git\ndraft: no\n---\n[mulai](/pengenalan/)\n", encoding="utf-8")
    _git(repo, "add", "src/content/docs/git.md")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "NO_COLOR": "1", "GITHUB_ACTIONS": ""}
    command = [sys.executable, "-m", "pre_commit", "run"]
    first = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert first.returncode == 1, first.stdout + first.stderr  # pre-commit fails when a hook changed a file
    assert "files were modified by this hook" in first.stdout
    assert page.read_text() == "---\ntitle: Git\ndraft: false\n---\n[mulai](/pusat-belajar/pengenalan/)\n"
    _git(repo, "add", "src/content/docs/git.md")
    second = subprocess.run([*command, "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert second.returncode == 0, second.stdout  # the old debt is in the baseline
    assert second.stdout.count("Passed") == 2
    (docs / "pengenalan.md").write_text("---\ntitle: Pengenalan\n---\n[baru](/juga-tiada/)\n", encoding="utf-8")
    _git(repo, "add", ".")
    third = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert third.returncode == 1
    assert 'link "/juga-tiada/" is not a page of the site' in third.stdout


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )
