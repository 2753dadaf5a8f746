"""Settings read the way Astro and Starlight read the project: astro.config, eduforge.toml over it, monorepos."""

from __future__ import annotations

import json
from pathlib import Path

from eduforge.config import Locale, load_settings
from helpers import SiteBuilder, run

PAGE = "---\ntitle: A\n---\n"


def _project(tmp_path: Path, config: str, name: str = "astro.config.mjs") -> SiteBuilder:
    builder = SiteBuilder(tmp_path)
    builder.write(name, config)
    builder.write("src/content/docs/index.md", PAGE)
    return builder


def test_base_comes_from_define_config_not_from_a_plugin_option_or_a_comment(tmp_path: Path) -> None:
    _project(
        tmp_path,
        """
        import { defineConfig } from 'astro/config';
        import starlight from '@astrojs/starlight';
        import { makeChangelogsSidebarLinks } from 'starlight-changelogs';
        // base: '/commented-out'
        export default defineConfig({
          integrations: [starlight({
            title: 'Docs',
            sidebar: [...makeChangelogsSidebarLinks([{ base: 'internals/changelog' }])],
          })],
          base: '/docs',
        });
        """,
    )
    settings = load_settings(cwd=tmp_path)
    assert settings.base == "/docs"
    assert settings.sources["base"] == "astro.config.mjs:10:9"
    assert settings.title == "Docs"


def test_an_environment_variable_with_a_literal_fallback_is_used_and_said(tmp_path: Path) -> None:
    _project(
        tmp_path,
        """
        import { defineConfig } from 'astro/config';
        export default defineConfig({
          base: process.env.BASE_PATH || '/kursus',
        });
        """,
    )
    settings = load_settings(cwd=tmp_path)
    assert settings.base == "/kursus"
    assert [(path, line) for path, line, _column, _message in settings.config_notes] == [("astro.config.mjs", 3)]
    message = settings.config_notes[0][3]
    assert message.startswith("base cannot be read statically (")
    assert message.endswith('eduforge used its fallback "/kursus"; set base in eduforge.toml to be sure')


def test_locales_from_a_same_file_const_and_from_an_imported_json(tmp_path: Path) -> None:
    builder = _project(
        tmp_path,
        """
        import { defineConfig } from 'astro/config';
        import starlight from '@astrojs/starlight';
        import more from './locales.json';
        const locales = { root: { label: 'Bahasa Indonesia', lang: 'id' }, ...more };
        export default defineConfig({ integrations: [starlight({ title: 'Belajar', locales })] });
        """,
    )
    builder.write("locales.json", json.dumps({"en": {"label": "English"}, "fa": {"label": "فارسی", "dir": "rtl"}}))
    settings = load_settings(cwd=tmp_path)
    assert settings.locale_info == (
        Locale("", "id", "Bahasa Indonesia", "ltr"),
        Locale("en", "en", "English", "ltr"),
        Locale("fa", "fa", "فارسی", "rtl"),
    )
    assert settings.locales == ("en", "fa")
    assert settings.default_locale is None
    assert settings.lang == "id"


def test_default_locale_without_a_root_locale(tmp_path: Path) -> None:
    _project(
        tmp_path,
        """
        import starlight from '@astrojs/starlight';
        export default {
          integrations: [starlight({ title: 'X', defaultLocale: 'en', locales: { en: { label: 'English' }, 'zh-cn': { label: '中文', lang: 'zh-CN' } } })],
        };
        """,
    )
    settings = load_settings(cwd=tmp_path)
    assert settings.locales == ("en", "zh-cn")
    assert settings.default_locale == "en"
    assert settings.locale_info[1] == Locale("zh-cn", "zh-CN", "中文", "ltr")


def test_eduforge_toml_overrides_key_by_key(tmp_path: Path) -> None:
    builder = _project(
        tmp_path,
        "export default { base: '/pusat-belajar', trailingSlash: 'always' };\n",
    )
    builder.write("eduforge.toml", 'lang = "id"\ntrailing_slash = "ignore"\n')
    settings = load_settings(cwd=tmp_path)
    assert settings.base == "/pusat-belajar"
    assert settings.sources["base"] == "astro.config.mjs:1:24"
    assert settings.trailing_slash == "ignore"
    assert settings.sources["trailing_slash"] == "eduforge.toml"
    assert settings.lang == "id"


def test_a_config_that_does_not_parse_is_a_warning_and_defaults(tmp_path: Path) -> None:
    builder = _project(tmp_path, "export default defineConfig({ base: '/x', \n")
    result = run(builder.root, "lint")
    assert result.exit_code == 0
    assert "astro.config.mjs:" in result.output
    assert "warning astro-config" in result.output


def test_monorepo_root_lints_the_site_below_with_repository_paths(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path)
    (tmp_path / ".git").mkdir()
    builder.write("docs/astro.config.mjs", "export default { base: '/docs' };\n")
    builder.write("docs/src/content/docs/index.md", "---\ntitle: A\n---\n[x](/docs/nope/)\n")
    result = run(tmp_path, "lint", "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("::error file=docs/src/content/docs/index.md,line=4,col=5,")
    text = run(tmp_path, "lint", "docs/src/content/docs/index.md")
    assert text.output.startswith('docs/src/content/docs/index.md:4:5: error link-target link "/docs/nope/"')


def test_a_monorepo_root_skips_an_astro_app_below_that_is_no_starlight_site(tmp_path: Path) -> None:
    """A demo app's astro.config without Starlight, eduforge config or content/docs is not linted from the
    root (it could only fail on a missing folder); the Starlight site beside it is, and one named directly is."""
    builder = SiteBuilder(tmp_path)
    (tmp_path / ".git").mkdir()
    builder.write("docs/astro.config.mjs", "import starlight from '@astrojs/starlight';\nexport default {};\n")
    builder.write("docs/src/content/docs/index.md", "---\ntitle: A\n---\n[x](/nope/)\n")
    builder.write("examples/demo/ui/astro.config.mjs", "import react from '@astrojs/react';\nexport default {};\n")
    builder.write("examples/demo/ui/src/pages/index.astro", "<h1>Demo</h1>\n")
    result = run(tmp_path, "lint", "--no-cache")
    assert (result.exit_code, result.output) == (
        1,
        'docs/src/content/docs/index.md:4:5: error link-target link "/nope/" is not a page of the site\n'
        "1 error, 0 warnings in 1 file\n",
    )
    direct = run(tmp_path / "examples/demo/ui", "lint", "--no-cache")
    folder = tmp_path / "examples/demo/ui/src/content/docs"
    assert (direct.exit_code, direct.output) == (
        2,
        f"eduforge: content folder {folder} does not exist; set content in eduforge.toml\n",
    )


def test_a_path_outside_every_project_is_said(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path)
    builder.write("docs/astro.config.mjs", "export default {};\n")
    builder.write("docs/src/content/docs/index.md", PAGE)
    builder.write("notes/readme.md", PAGE)
    result = run(tmp_path, "lint", "notes/readme.md", "docs/src/content/docs/index.md")
    assert "eduforge: notes/readme.md: not part of a Starlight project; skipped" in result.output
    assert result.exit_code == 0


def test_markdoc_pages_count_when_the_markdoc_integration_is_used(tmp_path: Path) -> None:
    builder = _project(
        tmp_path,
        "import markdoc from '@astrojs/markdoc';\nimport starlight from '@astrojs/starlight';\n"
        "export default { integrations: [markdoc(), starlight({ title: 'M', sidebar: ['guides/example'] })] };\n",
    )
    builder.write("src/content/docs/guides/example.mdoc", "---\ntitle: Example\n---\n[home](/)\n")
    result = run(builder.root, "lint", "--no-cache")
    assert result.output == "2 files checked, no problems\n"


def test_astro_4_skips_underscore_folders_and_astro_5_reads_them(tmp_path: Path) -> None:
    builder = _project(tmp_path, "export default {};\n")
    builder.write("src/content/docs/_partials/note.md", "---\ntitle: Note\n---\n[x](/nope/)\n")
    builder.write("package.json", json.dumps({"dependencies": {"astro": "^4.16.0"}}))
    assert run(builder.root, "lint", "--no-cache").output == "1 file checked, no problems\n"
    builder.write("package.json", json.dumps({"dependencies": {"astro": "^5.2.0"}}))
    result = run(builder.root, "lint", "--no-cache")
    assert result.output.startswith('src/content/docs/_partials/note.md:4:5: error link-target link "/nope/"')


def test_icon_names_follow_the_projects_starlight_release(tmp_path: Path) -> None:
    builder = _project(tmp_path, "export default {};\n")
    builder.write(
        "src/content/docs/index.md",
        "---\ntitle: A\ntemplate: splash\nhero:\n  actions:\n    - text: Go\n      link: /\n      icon: database\n---\n",
    )
    builder.write("package.json", json.dumps({"dependencies": {"@astrojs/starlight": "^0.41.0"}}))
    assert run(builder.root, "lint", "--no-cache").output == "1 file checked, no problems\n"
    builder.write("package.json", json.dumps({"dependencies": {"@astrojs/starlight": "^0.28.2"}}))
    output = run(builder.root, "lint", "--no-cache").output
    assert output.startswith(
        "src/content/docs/index.md:8:13: error schema hero.actions[].icon must be one of Starlight's built-in icon names"
    )


def test_values_only_the_exports_use_are_said_with_v_not_warned(tmp_path: Path) -> None:
    builder = _project(tmp_path, "export default { site: process.env.URL || 'https://example.org' };\n")
    assert run(builder.root, "lint").output == "1 file checked, no problems\n"
    verbose = run(builder.root, "lint", "-v").output
    assert "note: astro.config.mjs:1:24: site cannot be read statically (reads the environment variable URL)" in verbose
    assert load_settings(cwd=tmp_path).site == "https://example.org"


def test_changelog_routes_come_from_a_spread_sidebar_helper(tmp_path: Path) -> None:
    builder = _project(
        tmp_path,
        "import starlight from '@astrojs/starlight';\n"
        "import { makeChangelogsSidebarLinks } from 'starlight-changelogs';\n"
        "const plugins = [];\nplugins.push(1);\n"
        "export default { integrations: [starlight({ title: 'C', plugins, sidebar: [\n"
        "  'index', ...makeChangelogsSidebarLinks([{ type: 'all', base: 'internals/changelog' }]),\n"
        "] })] };\n",
    )
    builder.write(
        "src/content/docs/index.md", "---\ntitle: A\n---\n[c](/internals/changelog/) [v](/internals/changelog/v/1/)\n"
    )
    assert "link-target" not in run(builder.root, "lint", "--no-cache").output


def test_starlight_options_inside_the_starlight_plugin_icons_preset_are_read(tmp_path: Path) -> None:
    """``Icons({ starlight: {...} })`` calls ``starlight()`` with those options: its locales make fallback pages."""
    builder = _project(
        tmp_path,
        """
        import { defineConfig } from 'astro/config';
        import Icons from 'starlight-plugin-icons';
        export default defineConfig({
          integrations: [Icons({
            extractSafelist: true,
            starlight: { title: 'Kursus', locales: { root: { label: 'English', lang: 'en' }, fr: { label: 'Français' } } },
          })],
        });
        """,
    )
    builder.write("src/content/docs/guide.md", PAGE)
    builder.write("src/content/docs/fr/index.md", "---\ntitle: Accueil\n---\n[Guide](/fr/guide/) [Nope](/fr/nope/)\n")
    settings = load_settings(cwd=tmp_path)
    assert (settings.title, settings.locales, settings.sources["locales"]) == (
        "Kursus",
        ("fr",),
        "astro.config.mjs:6:44",
    )
    result = run(tmp_path, "links", "--no-cache")
    assert result.output.splitlines()[0] == (
        'src/content/docs/fr/index.md:4:28: error link-target link "/fr/nope/" is not a page of the site'
    )


def test_starlight_openapi_serves_each_schemas_pages_below_its_slugged_base(tmp_path: Path) -> None:
    """starlight-openapi injects one route for all its schemas; each one's pages are below its ``base``,
    every segment slugged as github-slugger does.  A link elsewhere is still checked."""
    builder = _project(
        tmp_path,
        """
        import { defineConfig } from 'astro/config';
        import starlight from '@astrojs/starlight';
        import starlightOpenAPI from 'starlight-openapi';
        export default defineConfig({
          integrations: [starlight({
            title: 'API',
            plugins: [starlightOpenAPI([
              { base: 'api/petstore', schema: '../schemas/petstore.yaml' },
              { base: '/Reference/Pet Store v2/', schema: '../schemas/v2.yaml' },
              { base: process.env.API_BASE, schema: '../schemas/v3.yaml' },
            ])],
          })],
        });
        """,
    )
    builder.write(
        "src/content/docs/guide.md",
        "---\ntitle: G\n---\n[a](/api/petstore/operations/addpet/) [b](/reference/pet-store-v2/) [c](/api/other/)\n",
    )
    result = run(tmp_path, "links", "--no-cache", "-v")
    assert "routes from plugin starlight-openapi: /api/petstore/**, /reference/pet-store-v2/**" in result.output
    assert [line for line in result.output.splitlines() if ": error " in line] == [
        'src/content/docs/guide.md:4:73: error link-target link "/api/other/" is not a page of the site',
    ]


def test_lunaria_serves_its_dashboard_at_its_route_option_instead_of_lunaria(tmp_path: Path) -> None:
    """@lunariajs/starlight injects its dashboard at ``route`` (default ``/lunaria``): a sidebar link and a
    page's link to the route given are fine, one to the default is not any more."""
    builder = _project(
        tmp_path,
        """
        import { defineConfig } from 'astro/config';
        import starlight from '@astrojs/starlight';
        import lunaria from '@lunariajs/starlight';
        export default defineConfig({
          base: '/docs',
          integrations: [starlight({
            title: 'Docs',
            plugins: [lunaria({ sync: true, route: 'status/' })],
            sidebar: [{ label: 'Status', link: '/status/' }, 'index', 'guide'],
          })],
        });
        """,
    )
    builder.write("src/content/docs/guide.md", "---\ntitle: G\n---\n[a](/docs/status/) [b](/docs/lunaria/)\n")
    result = run(tmp_path, "lint", "--no-cache", "-v")
    assert "routes from plugin @lunariajs/starlight: /status" in result.output
    assert [line for line in result.output.splitlines() if ": error " in line or ": warning " in line] == [
        'src/content/docs/guide.md:4:24: error link-target link "/docs/lunaria/" is not a page of the site',
    ]


def test_a_spread_of_options_that_cannot_be_read_is_a_warning(tmp_path: Path) -> None:
    """``defineConfig({ ...shared(), base })``: what the spread sets (trailingSlash here) is not known, so
    eduforge says it uses the defaults; the keys the config writes itself are read."""
    builder = _project(
        tmp_path,
        "import { defineConfig } from 'astro/config';\n"
        "function shared(mode) {\n"
        "  const config = { trailingSlash: 'always' };\n"
        "  if (mode === 'server') config.output = 'server';\n"
        "  return config;\n"
        "}\n"
        "export default defineConfig({ ...shared('static'), base: '/b' });\n",
    )
    settings = load_settings(cwd=builder.root)
    assert (settings.base, settings.trailing_slash) == ("/b", "ignore")
    assert [line for line in run(builder.root, "lint").output.splitlines() if "astro-config" in line] == [
        "astro.config.mjs:7:31: warning astro-config the options this spread adds to the Astro config cannot be"
        " read statically (shared() runs an if statement at line 4 before it returns); eduforge uses the"
        " defaults of base, trailingSlash, srcDir, redirects, i18n and build.format unless the config sets them itself"
    ]
