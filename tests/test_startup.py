"""Start-up cost: a lint run loads only what linting needs.

Every module imported costs each run (a commit hook runs eduforge on every commit), so the
libraries of other commands are imported where they are used.  Asserted as behaviour, not
timing: after a real ``lint`` in a fresh interpreter, these modules are not in ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import SiteBuilder

# requests/urllib3: the URL checker (--external); jinja2, markdown_it, pygments, nh3: export;
# multiprocessing, concurrent.futures: forking workers, for many pages only.
NOT_FOR_LINT = (
    "requests",
    "urllib3",
    "jinja2",
    "markdown_it",
    "pygments",
    "nh3",
    "multiprocessing",
    "concurrent.futures",
)

_PROBE = """
import json, sys
from eduforge.cli import cli
try:
    cli(sys.argv[2:], prog_name="eduforge")
except SystemExit as end:
    code = end.code
else:
    code = 0
banned = json.loads(sys.argv[1])
print(json.dumps({"exit": code, "loaded": [name for name in banned if name in sys.modules]}))
"""


def _loaded_after(root: Path, *args: str) -> tuple[int, list[str], str]:
    """Run ``eduforge ARGS`` in a fresh interpreter in ``root``: exit code, banned modules loaded, output."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(NOT_FOR_LINT), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
    )
    lines = done.stdout.splitlines()
    report = json.loads(lines[-1])
    return report["exit"], report["loaded"], "\n".join(lines[:-1])


def _tiny_site(site: SiteBuilder) -> None:
    site.page("index.md", "---\ntitle: Home\n---\n\nSee [the guide](/pusat-belajar/guide/).\n")
    site.page("guide.md", "---\ntitle: Guide\n---\n\nBack [home](/pusat-belajar/) and [gone](/pusat-belajar/nope/).\n")


def test_lint_loads_no_export_url_checker_or_worker_modules(site: SiteBuilder) -> None:
    _tiny_site(site)
    code, loaded, output = _loaded_after(site.root, "lint")
    assert code == 1  # it really linted: the broken link was found
    assert 'docs/guide.md:5:41: error link-target link "/pusat-belajar/nope/" is not a page of the site' in output
    assert loaded == []


def test_commit_hook_run_on_a_warm_cache_loads_none_of_them(site: SiteBuilder) -> None:
    _tiny_site(site)
    assert _loaded_after(site.root, "lint")[0] == 1  # fills the cache
    code, loaded, output = _loaded_after(site.root, "lint", "docs/index.md")
    assert (code, loaded) == (0, [])
    assert "1 file checked, no problems" in output


def test_version_loads_none_of_them(site: SiteBuilder) -> None:
    code, loaded, output = _loaded_after(site.root, "--version")
    assert (code, loaded) == (0, [])
    assert output.startswith("eduforge")


def test_commit_hook_shortcut_loads_no_sidebar_rules_fixer_baseline_or_schema_validator(site: SiteBuilder) -> None:
    import time

    _tiny_site(site)
    time.sleep(2.1)  # stat stamps of files changed in the last two seconds are never trusted (cache.py)
    assert _loaded_after(site.root, "lint")[0] == 1  # fills the cache, with the lookup file
    banned = ["eduforge.rules.sidebar", "eduforge.project.sidebar", "eduforge.fix", "eduforge.baseline", "jsonschema"]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(banned), "lint", "-v", "docs/index.md"],
        cwd=site.root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
    )
    report = json.loads(done.stdout.splitlines()[-1])
    assert (report["exit"], report["loaded"]) == (0, [])
    assert "looked up in the cache (commit-hook run)" in done.stderr
