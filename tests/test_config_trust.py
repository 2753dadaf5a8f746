"""Config files are input too: a wrong shape or encoding is exit 2 with one line naming it, never ignored or a crash."""

from __future__ import annotations

import pytest

from helpers import SiteBuilder, run


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        ('tool = 1\n[project]\nname = "x"\n', "tool must be a table (got 1)"),
        ("[tool]\neduforge = 1\n", "[tool.eduforge] must be a table (got 1)"),
    ],
)
def test_a_pyproject_tool_table_of_the_wrong_shape_is_exit_2(site: SiteBuilder, pyproject: str, message: str) -> None:
    (site.root / "eduforge.toml").unlink()
    site.write("astro.config.mjs", "export default {};\n")
    site.write("pyproject.toml", pyproject)
    site.page("a.md", "---\ntitle: A\n---\n")
    result = run(site.root, "lint", "--no-cache")
    assert result.exit_code == 2
    assert result.output == f"eduforge: {site.root / 'pyproject.toml'}: {message}\n"


def test_an_eduforge_toml_that_is_not_utf8_is_exit_2_at_its_line(site: SiteBuilder) -> None:
    site.write("eduforge.toml", b'content = "docs"\ntitle = "caf\xe9"\n')
    site.page("a.md", "---\ntitle: A\n---\n")
    result = run(site.root, "lint", "--no-cache")
    assert result.exit_code == 2
    assert (
        result.output == f"eduforge: {site.root / 'eduforge.toml'}:2: the config is not valid UTF-8; save it as UTF-8\n"
    )


def test_an_eduforge_toml_with_a_bom_is_read(site: SiteBuilder) -> None:
    site.write("eduforge.toml", '\ufeffcontent = "docs"\nbase = "/pb"\n'.encode())
    site.page("a.md", "---\ntitle: A\ndraf: 1\n---\n[a](/pb/a/)\n")
    result = run(site.root, "lint", "--no-cache", "-v")
    assert result.exit_code == 0
    assert "base: /pb  [eduforge.toml]" in result.stderr.splitlines()
    assert "read 1 page, reported on 1, in " in result.stderr
    assert result.stdout.splitlines()[-1] == "0 errors, 1 warning in 1 file"
