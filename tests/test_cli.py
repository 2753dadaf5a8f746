"""The command line: help, version, formats, exit codes, config errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eduforge import __version__
from helpers import SiteBuilder, run

BROKEN = "---\ntitle: A\ndraft: yes\ncolour: red\n---\n"


@pytest.mark.parametrize("command", [[], ["lint"], ["validate"], ["links"], ["rules"], ["export"]])
def test_help_on_every_command(site: SiteBuilder, command: list[str]) -> None:
    result = run(site.root, *command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: eduforge")


def test_version(site: SiteBuilder) -> None:
    assert run(site.root, "--version").output == f"eduforge, version {__version__}\n"


def test_text_output_and_exit_codes(site: SiteBuilder) -> None:
    site.page("a.md", BROKEN)
    result = run(site.root, "lint")
    assert result.exit_code == 1
    assert result.output == (
        'docs/a.md:3:8: error schema draft must be true or false, not the text "yes"; write true (unquoted: YAML 1.2 reads yes as text)\n'
        'docs/a.md:4:1: warning unknown-key unknown key "colour": Starlight ignores it; remove it or check its spelling\n'
        "1 error, 1 warning in 1 file\n"
    )


def test_warnings_pass_unless_strict(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\ncolour: red\n---\n")
    assert run(site.root, "lint").exit_code == 0
    assert run(site.root, "lint", "--strict").exit_code == 1


def test_json_shape(site: SiteBuilder) -> None:
    site.page("a.md", BROKEN)
    site.page("b.md", "---\ntitle: B\n---\n")
    document = json.loads(run(site.root, "lint", "--format", "json").output)
    assert document == {
        "version": 1,
        "problems": [
            {
                "path": "docs/a.md",
                "line": 3,
                "column": 8,
                "severity": "error",
                "rule": "schema",
                "message": 'draft must be true or false, not the text "yes"; write true (unquoted: YAML 1.2 reads yes as text)',
                "end_line": 3,
                "end_column": 11,
                "fix": {
                    "safe": True,
                    "title": 'replace "yes" with "true"',
                    "edits": [{"line": 3, "column": 8, "end_line": 3, "end_column": 11, "text": "true"}],
                },
            },
            {
                "path": "docs/a.md",
                "line": 4,
                "column": 1,
                "severity": "warning",
                "rule": "unknown-key",
                "message": 'unknown key "colour": Starlight ignores it; remove it or check its spelling',
            },
        ],
        "summary": {"files": 2, "errors": 1, "warnings": 1},
    }


def test_github_format_is_default_under_actions(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\ndraft: yes\n---\n")
    result = run(site.root, "lint", env={"GITHUB_ACTIONS": "true"})
    assert result.output.splitlines()[0] == (
        '::error file=docs/a.md,line=3,col=8,title=schema::draft must be true or false, not the text "yes"; write true (unquoted%3A YAML 1.2 reads yes as text)'.replace(
            "%3A", ":"
        )
    )


def test_sarif_is_2_1_0_with_regions(site: SiteBuilder) -> None:
    site.page("a.md", "---\ntitle: A\ndraft: yes\n---\n")
    document = json.loads(run(site.root, "lint", "--format", "sarif").output)
    assert document["version"] == "2.1.0"
    result = document["runs"][0]["results"][0]
    assert result["ruleId"] == "schema" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 11},
    }
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "schema"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            'contnet = "docs"\n',
            "eduforge: contnet: unknown config key; did you mean 'content'?\n",
        ),
        (
            'content = "docs"\ntrailing_slash = "sometimes"\n',
            "eduforge: trailing_slash: must be one of always, never, ignore (got 'sometimes')\n",
        ),
        (
            'content = "docs"\n[rules]\nnav-chain = "loud"\n',
            "eduforge: rules.nav-chain: must be one of error, warning, info, off (got 'loud')\n",
        ),
        (  # a list is unhashable: it was a TypeError, exit 3 (found by fuzzing)
            'content = "docs"\n[rules]\nnav-chain = ["off"]\n',
            "eduforge: rules.nav-chain: must be one of error, warning, info, off (got ['off'])\n",
        ),
        (
            'content = "docs"\n[rules]\nno-such-rule = "off"\n',
            "eduforge: rules.no-such-rule: unknown rule; allowed: ",
        ),
        ('content = "docs"\nbase = 3\n', 'eduforge: base: must be a string such as "/docs" (got 3)\n'),
        ('content = "docs"\n[external]\ntimeout = -1\n', "eduforge: external.timeout: "),
        ("content = [\n", "eduforge: "),
    ],
)
def test_config_errors_exit_2_with_one_line(site: SiteBuilder, config: str, message: str) -> None:
    site.write("eduforge.toml", config)
    result = run(site.root, "lint")
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1


def test_missing_path_is_a_usage_error(site: SiteBuilder) -> None:
    result = run(site.root, "lint", "docs/nope.md")
    assert result.exit_code == 2
    assert result.output == f"eduforge: {site.root.resolve() / 'docs/nope.md'}: no such file or folder\n"


def test_pyproject_table_and_verbose(site: SiteBuilder) -> None:
    (site.root / "eduforge.toml").unlink()
    site.write("pyproject.toml", '[project]\nname = "x"\n[tool.eduforge]\ncontent = "docs"\nbase = "/pb/"\n')
    site.page("a.md", "---\ntitle: A\n---\n[b](/pb/a/)\n")
    result = run(site.root, "lint", "-v")
    assert result.exit_code == 0
    assert f"config: {site.root / 'pyproject.toml'}" in result.output
    assert "base: /pb  [[tool.eduforge]]" in result.output
    assert "trailing_slash: ignore  [default]" in result.output
    assert "read 1 page, reported on 1, in " in result.output


def test_starlight_project_is_detected_without_config(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write(
        "astro.config.mjs",
        "export default defineConfig({\n  site: 'https://x.github.io',\n  base: '/pusat-belajar',\n  trailingSlash: 'always',\n});\n",
    )
    builder.write("src/content/docs/a.md", "---\ntitle: A\n---\n[b](/pusat-belajar/a)\n")
    result = run(tmp_path, "lint", "-v")
    assert "config: no eduforge.toml; read astro.config.mjs" in result.output
    assert "base: /pusat-belajar  [astro.config.mjs:3:9]" in result.output
    assert (
        'src/content/docs/a.md:4:5: error link-trailing-slash link "/pusat-belajar/a" needs a trailing slash (trailing_slash = "always")'
        in result.output
    )


def test_rules_lists_the_catalogue(site: SiteBuilder) -> None:
    output = run(site.root, "rules").output
    assert output.splitlines()[0].split()[:2] == ["file-unreadable", "error"]
    assert "nav-chain              warning" in output


def test_readme_and_config_schema_are_generated_from_the_declarations() -> None:
    """The rule table, the config table and schemas/eduforge.schema.json: `python -m eduforge.docs` makes them."""
    from eduforge import docs
    from eduforge.rules import RULES

    readme = docs.README.read_text(encoding="utf-8")
    assert docs.render(readme) == readme, "stale README sections: run python -m eduforge.docs"
    assert docs.CONFIG_SCHEMA.read_text(encoding="utf-8") == docs.schema_text()
    for rule_id, rule in RULES.items():
        assert f"| `{rule_id}` | {rule.family} | {rule.severity or 'off'} |" in readme


def test_internal_errors_are_exit_3_with_one_line_and_a_traceback_only_with_debug(
    site: SiteBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eduforge.cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(eduforge.cli, "lint", broken)
    result = run(site.root, "lint")
    assert result.exit_code == 3
    assert result.output == "eduforge: internal error: RuntimeError: boom (run with --debug for the traceback)\n"
    debug = run(site.root, "lint", "--debug")
    assert debug.exit_code == 3
    assert "Traceback (most recent call last)" in debug.output


def test_the_external_keys_declaration_matches_the_settings_defaults() -> None:
    import jsonschema

    from eduforge import docs
    from eduforge.config_keys import EXTERNAL_KEYS
    from eduforge.external.settings import ExternalSettings

    defaults = ExternalSettings()
    for key in EXTERNAL_KEYS:
        value = getattr(defaults, key.name)
        if key.name == "cache_max_age":
            assert value == 86400.0 and key.default == "1d"
        elif key.name == "user_agent":
            assert value.endswith("(+link checker)")
        elif key.kind in ("codes", "strings"):
            assert not value and key.default == []
        else:
            assert value == key.default, key.name
    schema = json.loads(docs.CONFIG_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate({"base": "/x", "external": {"timeout": 3, "allow_private": ["10.0.0.0/8"]}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"external": {"timout": 3}}, schema)


def test_a_folder_with_no_project_marker_is_read_with_a_warning_saying_so(tmp_path: Path) -> None:
    # no astro.config.* and no eduforge.toml at, above or below: the defaults are a guess, and the run says so
    folder = tmp_path / "plain"
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    result = run(folder, "lint")
    assert (result.exit_code, result.stdout) == (0, "1 file checked, no problems\n")
    assert result.stderr == (
        f"eduforge: warning: no astro.config.* or eduforge.toml in {folder} or above: it is read as a Starlight "
        "project with the default settings (write an eduforge.toml to say where the pages are)\n"
    )
    (folder / "eduforge.toml").write_text('content = "content"\n', encoding="utf-8")
    assert run(folder, "lint").stderr == ""
