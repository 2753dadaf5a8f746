"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit on a content repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "GITHUB_ACTIONS": ""}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "eduforge-lint", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_lint_hook_passes_a_clean_site_and_names_a_staged_broken_page(tmp_path: Path) -> None:
    repo = tmp_path / "pusat-belajar"
    docs = repo / "src" / "content" / "docs"
    (docs / "tutorials").mkdir(parents=True)
    (repo / "astro.config.mjs").write_text("export default { base: '/pusat-belajar' };\n", encoding="utf-8")
    (docs / "pengenalan.md").write_text("---\ntitle: Pengenalan\n---\n## Mulai\n", encoding="utf-8")
    (docs / "tutorials" / "git.md").write_text(
        "---\ntitle: Git\nprev:\n  link: /pusat-belajar/pengenalan/\n---\nLihat [mulai](/pusat-belajar/pengenalan/#mulai).\n",
        encoding="utf-8",
    )
    (repo / "README.md").write_text("# not a page\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=t@example.invalid", "-c", "user.name=t", "add", ".")
    _git(repo, "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", "site")
    home = tmp_path / "pre-commit-home"

    clean = _try_repo(repo, home, "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "eduforge lint" in clean.stdout and "Passed" in clean.stdout

    # A changed page with a link to a page that exists only elsewhere in the site still resolves,
    # and a broken one is named with its position.
    (docs / "tutorials" / "branch.md").write_text(
        "---\ntitle: Branch\ndraft: yes\n---\n[git](/pusat-belajar/tutorials/git/) [x](/pengenalan/)\n",
        encoding="utf-8",
    )
    _git(repo, "add", "src/content/docs/tutorials/branch.md")
    broken = _try_repo(repo, home)
    assert broken.returncode == 1
    assert "Failed" in broken.stdout
    assert (
        'src/content/docs/tutorials/branch.md:3:8: error schema draft must be true or false, not the text "yes"'
        in broken.stdout
    )
    assert (
        'src/content/docs/tutorials/branch.md:5:42: error link-target link "/pengenalan/" is missing the site base '
        '"/pusat-belajar"; did you mean "/pusat-belajar/pengenalan/"?' in broken.stdout
    )
    assert "tutorials/git.md" not in broken.stdout
