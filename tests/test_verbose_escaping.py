"""``-v`` and ``eduforge config`` print config values and file names escaped, as every reporter does.

A title with ESC and CR, a route file named with a colour sequence, an ``extra_routes`` entry
with an OSC 8 hyperlink: raw, they recolour, erase or forge lines of the terminal.
"""

from __future__ import annotations

from helpers import SiteBuilder, run

CONFIG = 'content = "docs"\ntitle = "Kursus\\u001b[2K\\rpalsu"\nextra_routes = ["/x\\u001b]8;;evil\\u0007/"]\n'


def _hostile(site: SiteBuilder) -> None:
    site.write("eduforge.toml", CONFIG)
    site.page("a.md", "---\ntitle: A\n---\n")
    site.write("src/pages/a\x1b[31m.astro", "---\n---\n")


def test_verbose_notes_show_control_characters_as_escapes(site: SiteBuilder) -> None:
    _hostile(site)
    result = run(site.root, "lint", "--no-cache", "-v")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert "title: Kursus\\x1b[2K\\rpalsu  [eduforge.toml]" in lines
    assert "extra_routes: /x\\x1b]8;;evil\\x07/  [eduforge.toml]" in lines
    assert "routes from src/pages: src/pages/a\\x1b[31m.astro -> /a\\x1b[31m" in lines
    assert "routes from eduforge.toml: /x\\x1b]8;;evil\\x07/" in lines
    assert not any(char in result.stderr for char in "\x1b\r\x07")


def test_config_command_escapes_values(site: SiteBuilder) -> None:
    _hostile(site)
    result = run(site.root, "config")
    assert result.exit_code == 0
    assert "title: Kursus\\x1b[2K\\rpalsu  [eduforge.toml]" in result.output.splitlines()
    assert not any(char in result.output for char in "\x1b\r\x07")


def test_a_config_error_quoting_a_hostile_value_escapes_it(site: SiteBuilder) -> None:
    """The one line of exit 2 quotes the value as written: a content folder named with ESC and CR
    cleared the screen and rewrote the line (found by fuzzing)."""
    site.write("eduforge.toml", 'content = "\\u001b[2J\\r"\n')
    for command in ("lint", "validate", "export"):
        result = run(site.root, command, *(("--format", "json", "-o", "-") if command == "export" else ()))
        assert result.exit_code == 2
        assert result.output == (
            f"eduforge: content folder {site.root}/\\x1b[2J\\r does not exist; set content in eduforge.toml\n"
        )
