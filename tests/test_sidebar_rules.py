"""Rules sidebar-slug, sidebar-link, sidebar-autogenerate and orphan-page: exact messages and positions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from eduforge.config import Locale, load_settings
from eduforge.engine import lint
from eduforge.project.values import Unknown
from helpers import SiteBuilder, problems
from jsvalues import js

Found = tuple[str, int, int, str, str, str]


def check(
    site: SiteBuilder, sidebar: Any, paths: tuple[Path, ...] = (), only: str | None = None, **changes: Any
) -> list[Found]:
    """Lint the site with this sidebar (positions in <root>/astro.config.mjs, see jsvalues.py); ``only`` one rule."""
    settings = load_settings(cwd=site.root)
    value = None if sidebar is None else js(sidebar, site.root / "astro.config.mjs")
    settings = replace(settings, sidebar=value, **changes)
    result = lint(settings, paths)
    found = [(p.path, p.line, p.column, str(p.severity), p.rule, p.message) for p in result.problems]
    return [p for p in found if only is None or p[4] == only]


def pages(site: SiteBuilder) -> None:
    site.page("index.mdx", "---\ntitle: Beranda\ntemplate: splash\n---\n")
    site.page("pengenalan.md", "---\ntitle: Pengenalan\n---\n")
    site.page("tutorials/Git/instalasi-git.mdx", "---\ntitle: Instalasi Git\n---\n")
    site.page("tutorials/Backend/pendahuluan.md", "---\ntitle: Pendahuluan\ndraft: true\n---\n")


FIRST_USER = [
    {"label": "Pengenalan", "link": "/pengenalan"},
    {"label": "Tutorials", "autogenerate": {"directory": "tutorials"}},
]


def test_the_first_users_sidebar_is_clean(site: SiteBuilder) -> None:
    pages(site)
    assert check(site, FIRST_USER, starlight_version="0.28.2") == []


# --- sidebar-slug -------------------------------------------------------------------------------------------


def test_a_slug_that_is_no_page(site: SiteBuilder) -> None:
    pages(site)
    sidebar = ["pengenalan", "pengenalann", {"slug": "tutorials/Git/instalasi-git.mdx"}, {"slug": "/pengenalan/"}]
    assert check(site, sidebar, only="sidebar-slug") == [
        (
            "astro.config.mjs",
            3,
            3,
            "error",
            "sidebar-slug",
            'sidebar slug "pengenalann" is no page of the site, so Starlight\'s build fails; did you mean "pengenalan"?',
        ),
        (
            "astro.config.mjs",
            5,
            11,
            "error",
            "sidebar-slug",
            'sidebar slug "tutorials/Git/instalasi-git.mdx" is no page of the site, so Starlight\'s build fails;'
            ' did you mean "tutorials/git/instalasi-git"?',
        ),
        (
            "astro.config.mjs",
            7,
            11,
            "error",
            "sidebar-slug",
            'sidebar slug "/pengenalan/" must not start or end with a slash, or Starlight\'s build fails;'
            ' write "pengenalan"',
        ),
    ]


def test_a_slug_of_a_draft_fails_the_production_build(site: SiteBuilder) -> None:
    pages(site)
    assert check(site, ["tutorials/backend/pendahuluan", "quite-unlike-anything"], only="sidebar-slug") == [
        (
            "astro.config.mjs",
            2,
            3,
            "error",
            "sidebar-slug",
            'sidebar slug "tutorials/backend/pendahuluan" is a draft page: production builds leave drafts out and'
            " then fail on this entry; publish the page (remove draft: true) or remove the entry",
        ),
        (
            "astro.config.mjs",
            3,
            3,
            "error",
            "sidebar-slug",
            'sidebar slug "quite-unlike-anything" is no page of the site, so Starlight\'s build fails;'
            " use the slug of a page (its URL path without the base)",
        ),
    ]


# --- sidebar-link -------------------------------------------------------------------------------------------


def test_internal_links_must_lead_somewhere(site: SiteBuilder) -> None:
    pages(site)
    site.write("public/files/cheatsheet.pdf", b"%PDF")
    sidebar = [
        {"label": "A", "link": "/pusat-belajar/pengenalan/"},
        {"label": "B", "link": "/pengenalam"},
        {"label": "C", "link": "/files/cheatsheet.pdf"},
        {"label": "D", "link": "https://git-scm.com/"},
        {"label": "E", "link": "/tutorials/backend/pendahuluan/"},
        {"label": "F", "link": "/files/missing.pdf"},
        {"label": "G", "link": "tutorials/git/instalasi-git"},
    ]
    assert check(site, sidebar, only="sidebar-link") == [
        (
            "astro.config.mjs",
            4,
            11,
            "error",
            "sidebar-link",
            'sidebar link "/pusat-belajar/pengenalan/" becomes "/pusat-belajar/pusat-belajar/pengenalan/"'
            ' (Starlight adds the base "/pusat-belajar" to sidebar links), which is no page; write "/pengenalan/"',
        ),
        (
            "astro.config.mjs",
            7,
            11,
            "error",
            "sidebar-link",
            'sidebar link "/pengenalam" (served as "/pusat-belajar/pengenalam") is no page of the site and no file'
            ' in public/; did you mean "/pengenalan/"?',
        ),
        (
            "astro.config.mjs",
            16,
            11,
            "error",
            "sidebar-link",
            'sidebar link "/tutorials/backend/pendahuluan/" leads to a draft page, which production builds leave'
            " out; publish the page or remove the entry",
        ),
        (
            "astro.config.mjs",
            19,
            11,
            "error",
            "sidebar-link",
            'sidebar link "/files/missing.pdf" (served as "/pusat-belajar/files/missing.pdf") is no page of the'
            " site and no file in public/",
        ),
    ]


def test_an_item_with_slug_and_link_is_a_slug_item(site: SiteBuilder) -> None:
    """Starlight's link item is a strict object, its slug item is not: ``{label, slug, link}`` parses as the
    slug item and the ``link`` is dropped, so only the slug must lead to a page."""
    pages(site)
    sidebar = [
        {"label": "Intro", "slug": "pengenalan", "link": "intro"},
        {"label": "Missing", "slug": "pengenalann", "link": "/pengenalan/"},
    ]
    assert check(site, sidebar, only="sidebar-link") == []
    assert check(site, sidebar, only="sidebar-slug") == [
        (
            "astro.config.mjs",
            8,
            11,
            "error",
            "sidebar-slug",
            'sidebar slug "pengenalann" is no page of the site, so Starlight\'s build fails; did you mean "pengenalan"?',
        )
    ]


# --- sidebar-autogenerate -------------------------------------------------------------------------------------


def test_autogenerate_directories_must_hold_pages(site: SiteBuilder) -> None:
    pages(site)
    site.write("docs/images/logo.png", b"\x89PNG")
    site.page("wip/draft.md", "---\ntitle: WIP\ndraft: true\n---\n")
    sidebar = [
        {"label": "A", "items": [{"autogenerate": {"directory": "Tutorials"}}]},
        {"label": "B", "items": [{"autogenerate": {"directory": "images"}}]},
        {"label": "C", "items": [{"autogenerate": {"directory": "wip"}}]},  # drafts only: fine while written
        {"label": "D", "items": [{"autogenerate": {"directory": "tutorials"}}]},
    ]
    assert check(site, sidebar, only="sidebar-autogenerate") == [
        (
            "astro.config.mjs",
            7,
            22,
            "error",
            "sidebar-autogenerate",
            'sidebar autogenerate directory "Tutorials" does not exist (docs/Tutorials), so its group is empty;'
            ' did you mean "tutorials"?',
        ),
        (
            "astro.config.mjs",
            13,
            22,
            "error",
            "sidebar-autogenerate",
            'sidebar autogenerate directory "images" holds no pages (docs/images), so its group is empty',
        ),
    ]


def test_the_autogenerate_syntax_of_the_projects_version(site: SiteBuilder) -> None:
    pages(site)
    old_syntax = [{"label": "Tutorials", "autogenerate": {"directory": "tutorials"}}, "pengenalan"]
    new_syntax = [{"autogenerate": {"directory": "tutorials"}}, "pengenalan"]
    assert check(site, old_syntax, starlight_version="0.41.7") == [
        (
            "astro.config.mjs",
            3,
            5,
            "error",
            "sidebar-autogenerate",
            "a label beside autogenerate makes an autogenerated group, which Starlight 0.39 removed (this project"
            ' uses 0.41.7): the build fails; write { label: "…", items: [{ autogenerate: { directory: "tutorials" } }] }',
        )
    ]
    assert check(site, new_syntax, starlight_version="^0.28.2") == [
        (
            "astro.config.mjs",
            3,
            19,
            "error",
            "sidebar-autogenerate",
            "before Starlight 0.39 (this project uses 0.28.2) an autogenerate item needs a label, or the build fails;"
            ' write { label: "…", autogenerate: { directory: "tutorials" } }, or upgrade Starlight',
        )
    ]
    assert check(site, old_syntax) == [] and check(site, new_syntax) == []  # version unknown: both are read


# --- orphan-page -------------------------------------------------------------------------------------------------


def test_a_page_no_entry_reaches(site: SiteBuilder) -> None:
    pages(site)
    site.page("references/http.md", "---\ndescription: Kode status\ntitle: Kode status HTTP\n---\n")
    site.page("404.md", "---\ntitle: Tidak ditemukan\n---\n")
    site.page("secret.md", "---\ntitle: Rahasia\nsidebar:\n  hidden: true\n---\n")
    site.page("landing.mdx", "---\ntitle: Landing\ntemplate: splash\n---\n")
    site.page("quiet.md", "---\ntitle: Quiet\n---\n<!-- eduforge-disable-file orphan-page -->\n")
    assert check(site, FIRST_USER) == [
        (
            "docs/references/http.md",
            3,
            1,
            "warning",
            "orphan-page",
            "no sidebar entry leads to this page: it gets no prev/next links and learners cannot find it in the"
            ' navigation; add "references/http" to the sidebar in astro.config.mjs, or set sidebar.hidden: true if'
            " only links should lead here",
        )
    ]


def test_orphans_of_translated_pages_and_fallbacks(site: SiteBuilder) -> None:
    site.page("en/index.md", "---\ntitle: Home\n---\n")
    site.page("en/guides/one.md", "---\ntitle: One\n---\n")
    site.page("en/extra.md", "---\ntitle: Extra\n---\n")
    site.page("de/guides/one.md", "---\ntitle: Eins\n---\n")
    site.page("de/extra.md", "---\ntitle: Extra DE\n---\n")
    changes: dict[str, Any] = {
        "locales": ("en", "de"),
        "default_locale": "en",
        "locale_info": (Locale("en", "en"), Locale("de", "de")),
    }
    sidebar = [{"label": "Guides", "items": ["guides/one", {"label": "Home", "link": "/"}]}]
    assert [(p[0], p[4]) for p in check(site, sidebar, **changes)] == [
        ("docs/de/extra.md", "orphan-page"),
        ("docs/en/extra.md", "orphan-page"),
    ]
    message = check(site, sidebar, **changes)[0][5]
    assert '; add "extra" to the sidebar in astro.config.mjs' in message


@pytest.mark.parametrize(
    ("sidebar", "plugins"),
    [
        (None, ()),  # no sidebar config: every page is autogenerated
        (["pengenalan", Unknown("calls the function typeDocSidebarGroup")], ()),
        ([{"label": "X", "items": Unknown("reads the variable items")}], ()),
        (["pengenalan", {"label": "T", "items": [{"autogenerate": {"directory": Unknown("a ternary")}}]}], ()),
        (["pengenalan"], ("starlight-sidebar-topics",)),
        (["pengenalan"], ("starlight-versions",)),  # each archived version's sidebar is in its versions/*.json
    ],
    ids=["no-sidebar", "unknown-item", "unknown-items", "unknown-directory", "sidebar-plugin", "versions-plugin"],
)
def test_no_orphans_where_the_sidebar_cannot_be_known(site: SiteBuilder, sidebar: Any, plugins: tuple[str]) -> None:
    pages(site)
    site.page("references/http.md", "---\ntitle: Kode status HTTP\n---\n")
    assert check(site, sidebar, plugins=plugins) == []


def test_only_the_selected_pages_and_the_config_when_it_is_selected(site: SiteBuilder) -> None:
    pages(site)
    site.page("references/http.md", "---\ntitle: Kode status HTTP\n---\n")
    site.page("references/ssh.md", "---\ntitle: SSH\n---\n")
    site.write("astro.config.mjs", "export default {}\n")
    sidebar = ["pengenalan", "nothing-here"]
    found = check(site, sidebar, (site.root / "docs/references/ssh.md",))
    assert [(p[0], p[4]) for p in found] == [("docs/references/ssh.md", "orphan-page")]
    found = check(site, sidebar, (site.root / "astro.config.mjs",))
    assert [(p[0], p[4]) for p in found] == [("astro.config.mjs", "sidebar-slug")]


# --- read from a real astro.config --------------------------------------------------------------------------------


def test_problems_are_positioned_in_the_real_astro_config(tmp_path: Path) -> None:
    builder = SiteBuilder(tmp_path / "site")
    builder.write(
        "astro.config.mjs",
        """
        import { defineConfig } from 'astro/config';
        import starlight from '@astrojs/starlight';

        const guides = { label: 'Guides', items: [{ autogenerate: { directory: 'guide' } }] };

        export default defineConfig({
          base: '/docs',
          integrations: [
            starlight({
              title: 'Docs',
              sidebar: ['start', { label: 'Home', link: '/docs/' }, guides],
            }),
          ],
        });
        """,
    )
    builder.write("package.json", '{"dependencies": {"@astrojs/starlight": "0.41.7"}}\n')
    builder.write("src/content/docs/index.mdx", "---\ntitle: Docs\ntemplate: splash\n---\n")
    builder.write("src/content/docs/started.md", "---\ntitle: Getting started\n---\n")
    builder.write("src/content/docs/guides/one.md", "---\ntitle: One\n---\n")
    assert problems(builder.root, "lint", "--no-cache") == [
        (
            "astro.config.mjs",
            4,
            72,
            "error",
            "sidebar-autogenerate",
            'sidebar autogenerate directory "guide" does not exist (src/content/docs/guide), so its group is empty;'
            ' did you mean "guides"?',
        ),
        (
            "astro.config.mjs",
            11,
            17,
            "error",
            "sidebar-slug",
            'sidebar slug "start" is no page of the site, so Starlight\'s build fails; did you mean "started"?',
        ),
        (
            "astro.config.mjs",
            11,
            49,
            "error",
            "sidebar-link",
            'sidebar link "/docs/" becomes "/docs/docs/" (Starlight adds the base "/docs" to sidebar links),'
            ' which is no page; write "/"',
        ),
        (
            "src/content/docs/guides/one.md",
            2,
            1,
            "warning",
            "orphan-page",
            "no sidebar entry leads to this page: it gets no prev/next links and learners cannot find it in the"
            ' navigation; add "guides/one" to the sidebar in astro.config.mjs, or set sidebar.hidden: true if only'
            " links should lead here",
        ),
        (
            "src/content/docs/started.md",
            2,
            1,
            "warning",
            "orphan-page",
            "no sidebar entry leads to this page: it gets no prev/next links and learners cannot find it in the"
            ' navigation; add "started" to the sidebar in astro.config.mjs, or set sidebar.hidden: true if only'
            " links should lead here",
        ),
    ]


def test_values_of_the_wrong_type_never_crash_nor_make_problems(site: SiteBuilder) -> None:
    pages(site)
    sidebar = [
        {"label": "A", "link": 5},
        {"label": "B", "items": "not a list", "collapsed": "yes"},
        {"label": "C", "autogenerate": "tutorials"},
        {"label": "D", "translations": "x", "badge": 7, "attrs": [1], "items": [{"slug": ["x"]}, {"nothing": 1}]},
        42,
        None,
    ]
    assert check(site, sidebar) == []
    assert check(site, {"not": "a list"}) == []


def test_a_sidebar_entry_made_by_a_helper_is_reported_where_the_call_writes_it(tmp_path: Path) -> None:
    """``const item = (label, link) => ({ label, link })``: each broken link is reported at the argument
    of its own call (two calls with one link are two problems), not at the helper's ``link``."""
    builder = SiteBuilder(tmp_path)
    builder.write("src/content/docs/index.md", "---\ntitle: A\n---\nA\n")
    builder.write(
        "src/sidebar.mjs",
        "const item = (label, link) => ({ label, link });\n"
        "const titled = (label, href) => ({ label: label, link: href });\n"
        "export const sidebar = [\n"
        "  item('A', '/'),\n"
        "  item('Gone', '/gone/'),\n"
        "  titled('Again', '/gone/'),\n"
        "];\n",
    )
    builder.write(
        "astro.config.mjs",
        "import starlight from '@astrojs/starlight';\nimport { sidebar } from './src/sidebar.mjs';\n"
        "export default { integrations: [starlight({ title: 'T', sidebar })] };\n",
    )
    message = 'sidebar link "/gone/" (served as "/gone/") is no page of the site and no file in public/'
    assert [(p[0], p[1], p[2], p[5]) for p in problems(tmp_path, "lint", "--no-cache") if p[4] == "sidebar-link"] == [
        ("src/sidebar.mjs", 5, 16, message),
        ("src/sidebar.mjs", 6, 19, message),
    ]
