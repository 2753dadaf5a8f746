"""astro.config values of the wrong type (found by fuzzing): a warning at their line:column, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SiteBuilder, problems, run

STARLIGHT = "import starlight from '@astrojs/starlight';\n"


def _project(tmp_path: Path, config: str) -> SiteBuilder:
    builder = SiteBuilder(tmp_path)
    builder.write("astro.config.mjs", STARLIGHT + config, dedent=False)
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\n")
    return builder


@pytest.mark.parametrize(
    ("locales", "message"),
    [
        ("5", "i18n.locales is 5, which Astro does not accept (a list of locales); eduforge ignores i18n"),
        ("'fr'", "i18n.locales is 'fr', which Astro does not accept (a list of locales); eduforge ignores i18n"),
        (
            "process.env.LOCALES",
            "i18n.locales cannot be read statically (reads the environment variable LOCALES); eduforge ignores i18n: "
            "set locales in eduforge.toml",
        ),
    ],
)
def test_astro_i18n_locales_that_are_no_list_are_a_warning(tmp_path: Path, locales: str, message: str) -> None:
    builder = _project(
        tmp_path, f"export default {{ i18n: {{ locales: {locales} }}, integrations: [starlight({{}})] }};\n"
    )
    assert problems(builder.root, "lint") == [("astro.config.mjs", 2, 35, "warning", "astro-config", message)]
    assert run(builder.root, "lint").exit_code == 0


@pytest.mark.parametrize("sidebar", ["5", "'x'", "undeclared", "load()"])
def test_eduforge_config_shows_a_sidebar_that_is_no_array(tmp_path: Path, sidebar: str) -> None:
    builder = _project(
        tmp_path, f"export default {{ integrations: [starlight({{ title: 'T', sidebar: {sidebar} }})] }};\n"
    )
    result = run(builder.root, "config")
    assert result.exit_code == 0
    assert "sidebar: (not an array eduforge can read; the sidebar is not checked)  [astro.config.mjs:2:66]" in (
        result.output.splitlines()
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("foo()", "base is foo(), known only when the config runs; eduforge ignores it: set base in eduforge.toml"),
        ("sb", "base is sb, known only when the config runs; eduforge ignores it: set base in eduforge.toml"),
        ("true", "base is true, which Astro does not accept; eduforge ignores it"),
        ("{ a: 1 }", "base is an object, which Astro does not accept; eduforge ignores it"),
        ("() => '/x'", "base is not a string, which Astro does not accept; eduforge ignores it"),
    ],
)
def test_an_astro_option_of_the_wrong_type_is_named_as_the_config_writes_it(
    tmp_path: Path, value: str, message: str
) -> None:
    """Not as Python's repr of eduforge's reading (``Call(callee=Global(name='foo', position=…``)."""
    builder = _project(tmp_path, f"export default {{ base: {value}, integrations: [starlight({{ title: 'T' }})] }};\n")
    assert problems(builder.root, "lint") == [("astro.config.mjs", 2, 24, "warning", "astro-config", message)]


def test_astro_i18n_locale_entries_that_are_no_code_are_a_warning_and_left_out(tmp_path: Path) -> None:
    """Not a locale at the URL ``/Call(callee=Global(name='f', …))/`` (a str() of eduforge's reading)."""
    builder = _project(
        tmp_path,
        "export default { i18n: { defaultLocale: 'en', locales: ['en', { path: f(), codes: ['x'] }, 5, 'fr'] },\n"
        "  integrations: [starlight({ title: 'T' })] };\n",
    )
    assert problems(builder.root, "lint") == [
        (
            "astro.config.mjs",
            2,
            71,
            "warning",
            "astro-config",
            "i18n.locales[1].path is f(), known only when the config runs; eduforge ignores it: set locales in eduforge.toml",
        ),
        (
            "astro.config.mjs",
            2,
            92,
            "warning",
            "astro-config",
            "i18n.locales[2] is 5, which Astro does not accept; eduforge ignores it",
        ),
    ]
    assert "locales: root (en), fr (fr)  [astro.config.mjs:2:24]" in run(builder.root, "config").output.splitlines()
