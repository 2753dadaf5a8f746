"""Every URL the built site serves is a valid link target: redirects, src/pages routes and
endpoints, Starlight's and plugins' routes, extra_routes; a redirect to nowhere is an error."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from eduforge.config import Redirect, load_settings
from eduforge.engine import build_site, lint
from eduforge.project.values import Call, ImportRef, JSArray, JSObject
from eduforge.site.routes import _gitignore_folders, file_route, ignored_url_glob, pattern_regex
from helpers import SiteBuilder

P = "docs/"
Row = tuple[str, int, int, str, str, str]


def lint_links(site: SiteBuilder, **fields: Any) -> list[Row]:
    settings = replace(load_settings(cwd=site.root), **fields)
    result = lint(settings, families=("links",))
    return [(p.path, p.line, p.column, str(p.severity), p.rule, p.message) for p in result.problems]


def js_object(**entries: Any) -> JSObject:
    value = JSObject()
    value.update(entries)
    return value


def js_array(*items: Any) -> JSArray:
    value = JSArray()
    value.extend(items)
    return value


def missing(path: str, line: int, column: int, target: str, hint: str = "") -> Row:
    return (path, line, column, "error", "link-target", f'link "{target}" is not a page of the site{hint}')


@pytest.mark.parametrize(
    ("file", "route"),
    [
        ("about.astro", ("/about", "page")),
        ("index.astro", ("/", "page")),
        ("blog/index.md", ("/blog", "page")),
        ("notes.mdx", ("/notes", "page")),
        ("legacy.html", ("/legacy", "page")),
        ("feed.xml.ts", ("/feed.xml", "endpoint")),
        ("api/search.json.js", ("/api/search.json", "endpoint")),
        ("blog/[slug].astro", ("/blog/[slug]", "page")),
        ("docs/[...rest].astro", ("/docs/[...rest]", "page")),
        ("[lang]/og-[id].png.ts", ("/[lang]/og-[id].png", "endpoint")),
        (".well-known/security.txt.ts", ("/.well-known/security.txt", "endpoint")),
        ("_draft.astro", None),
        ("_components/card.astro", None),
        (".hidden/page.astro", None),
        ("widget.tsx", None),
        ("data.json", None),
    ],
)
def test_src_pages_files_become_routes_as_astro_makes_them(file: str, route: tuple[str, str] | None) -> None:
    assert file_route(file) == route


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        ("/blog/[slug]", ["/blog/a"], ["/blog", "/blog/a/b"]),
        ("/docs/[...rest]", ["/docs", "/docs/a", "/docs/a/b"], ["/doc", "/docsx"]),
        ("/[...all]", ["/", "/a/b"], []),
        ("/api/**", ["/api", "/api/v1/users"], ["/apix"]),
        ("/sitemap-*.xml", ["/sitemap-0.xml"], ["/sitemap-0/x.xml"]),
        ("/og-[id].png", ["/og-12.png"], ["/og-.png"]),
    ],
)
def test_route_patterns(pattern: str, matches: list[str], misses: list[str]) -> None:
    regex = pattern_regex(pattern)
    assert [path for path in matches if regex.match(path)] == matches
    assert [path for path in misses if regex.match(path)] == []


def _pages_site(site: SiteBuilder) -> None:
    site.write("src/pages/playground.astro", "---\n---\n<h1>Playground</h1>\n")
    site.write("src/pages/feed.xml.ts", "export const GET = () => new Response('');\n")
    site.write("src/pages/showcase/[slug].astro", "---\n---\n")
    site.write("src/pages/api/[...path].ts", "export const GET = () => new Response('');\n")
    site.write("src/pages/_hidden.astro", "---\n---\n")
    site.write("src/pages/_lib/helper.ts", "export {};\n")


def test_src_pages_routes_and_endpoints_are_link_targets(site: SiteBuilder) -> None:
    _pages_site(site)
    site.page(
        "index.md",
        """
        ---
        title: Home
        ---
        [a](/pusat-belajar/playground/) [b](/pusat-belajar/feed.xml) [c](/pusat-belajar/showcase/any-post/)
        [d](/pusat-belajar/api/v1/users) [e](../pusat-belajar/playground/#demo) [f](/pusat-belajar/404/)
        [g](/pusat-belajar/hidden/) [h](/pusat-belajar/lib/helper) [i](/playground/) [j](/pusat-belajar/feed.json)
        """,
    )
    assert lint_links(site) == [
        missing(P + "index.md", 6, 5, "/pusat-belajar/hidden/"),
        missing(P + "index.md", 6, 33, "/pusat-belajar/lib/helper"),
        (
            P + "index.md",
            6,
            64,
            "error",
            "link-target",
            'link "/playground/" is missing the site base "/pusat-belajar"; did you mean "/pusat-belajar/playground/"?',
        ),
        (
            P + "index.md",
            6,
            82,
            "error",
            "link-asset",
            'link "/pusat-belajar/feed.json": no such file: public/feed.json',
        ),
    ]


def test_src_pages_under_src_dir_and_their_trailing_slash(site: SiteBuilder) -> None:
    site.write("app/pages/playground.astro", "---\n---\n")
    site.write("app/pages/feed.xml.ts", "export {};\n")
    site.page("index.md", "---\ntitle: Home\n---\n[a](/pusat-belajar/playground) [b](/pusat-belajar/feed.xml)\n")
    assert lint_links(site, src_dir=site.root / "app", trailing_slash="always") == [
        (
            P + "index.md",
            4,
            5,
            "error",
            "link-trailing-slash",
            'link "/pusat-belajar/playground" needs a trailing slash (trailing_slash = "always")',
        ),
    ]
    assert lint_links(site) == [
        missing(P + "index.md", 4, 5, "/pusat-belajar/playground"),
        (
            P + "index.md",
            4,
            36,
            "error",
            "link-asset",
            'link "/pusat-belajar/feed.xml": no such file: public/feed.xml',
        ),
    ]


REDIRECTS = (
    Redirect("/old-guide", "/pusat-belajar/guide/", "astro.config.mjs:12:5"),
    Redirect("/legacy/[slug]", "/pusat-belajar/showcase/[slug]", "astro.config.mjs:13:5"),
    Redirect("/gone", "/pusat-belajar/guid/", "astro.config.mjs:14:5"),
    Redirect("/chat", "https://discord.example.org/invite", "astro.config.mjs:15:5"),
    Redirect("/short", "/guide/", "astro.config.mjs:16:5"),
    Redirect("/feed", "/pusat-belajar/feed.xml", "astro.config.mjs:17:5"),
    Redirect("/nowhere", "/pusat-belajar/no/such/page/", "eduforge.toml"),
)


def test_redirect_sources_are_link_targets_and_destinations_must_exist(site: SiteBuilder) -> None:
    _pages_site(site)
    site.page("guide.md", "---\ntitle: Guide\n---\n")
    site.page(
        "index.md",
        "---\ntitle: Home\n---\n[a](/pusat-belajar/old-guide/) [b](/pusat-belajar/legacy/x/) [c](/pusat-belajar/gone)\n",
    )
    assert lint_links(site, redirects=REDIRECTS) == [
        (
            "astro.config.mjs",
            14,
            5,
            "error",
            "redirect-target",
            'redirect "/gone" goes to "/pusat-belajar/guid/", which is no page or route of the site;'
            ' did you mean "/pusat-belajar/guide/"?',
        ),
        (  # the link to it leads nowhere too
            P + "index.md",
            4,
            66,
            "error",
            "link-target",
            'link "/pusat-belajar/gone" redirects to "/pusat-belajar/guid/", which is no page or route of the site',
        ),
        (
            "eduforge.toml",
            1,
            1,
            "error",
            "redirect-target",
            'redirect "/nowhere" goes to "/pusat-belajar/no/such/page/", which is no page or route of the site;'
            " fix the destination or remove the redirect",
        ),
    ]
    # linting only some pages (pre-commit) reports a redirect only when its file is among them
    settings = replace(load_settings(cwd=site.root), redirects=REDIRECTS)
    assert [p.rule for p in lint(settings, [site.root / "docs/index.md"], families=("links",)).problems] == [
        "link-target"
    ]


def test_a_link_through_a_redirect_has_its_anchor_checked_where_the_redirect_leads(site: SiteBuilder) -> None:
    site.page("guide.md", "---\ntitle: Guide\n---\n## Install\n")
    site.page(
        "index.md",
        "---\ntitle: Home\n---\n[a](/pusat-belajar/old/#install) [b](/pusat-belajar/older#nope)"
        " [c](/pusat-belajar/loop/)\n[d](/pusat-belajar/chain/)\n",
    )
    redirects = (
        Redirect("/old/", "/guide/"),  # a destination without the base gets it, as Astro gives it
        Redirect("/older", "/pusat-belajar/old/"),
        Redirect("/loop/", "/pusat-belajar/loop2/"),
        Redirect("/loop2/", "/pusat-belajar/loop/"),
        Redirect("/chain/", "/pusat-belajar/moved/"),
        Redirect("/moved/", "/pusat-belajar/gone/"),
    )
    assert lint_links(site, redirects=redirects) == [
        (
            "astro.config",
            1,
            1,
            "error",
            "redirect-target",
            'redirect "/moved/" goes to "/pusat-belajar/gone/", which is no page or route of the site;'
            " fix the destination or remove the redirect",
        ),
        (
            P + "index.md",
            4,
            38,
            "error",
            "link-anchor",
            'link "/pusat-belajar/older#nope": no heading or id "nope" on docs/guide.md',
        ),
        (
            P + "index.md",
            4,
            69,
            "error",
            "link-target",
            'link "/pusat-belajar/loop/" redirects in a loop (/loop → /loop2 → /loop)',
        ),
        (  # a chain that breaks: the redirect where it breaks is named, not the first one
            P + "index.md",
            5,
            5,
            "error",
            "link-target",
            'link "/pusat-belajar/chain/" redirects to "/pusat-belajar/gone/", which is no page or route of the site',
        ),
    ]


def test_plugin_routes(site: SiteBuilder) -> None:
    site.page(
        "index.md",
        """
        ---
        title: Home
        ---
        [a](/pusat-belajar/blog/) [b](/pusat-belajar/blog/my-first-post/) [c](/pusat-belajar/blog/rss.xml)
        [d](/pusat-belajar/lunaria/) [e](/pusat-belajar/changelog/v1.2.0/) [f](/pusat-belajar/pagefind/pagefind.js)
        """,
    )
    assert [p[5] for p in lint_links(site)] == [  # without the plugins
        'link "/pusat-belajar/blog/" is not a page of the site',
        'link "/pusat-belajar/blog/my-first-post/" is not a page of the site',
        'link "/pusat-belajar/blog/rss.xml": no such file: public/blog/rss.xml',
        'link "/pusat-belajar/lunaria/" is not a page of the site',
        'link "/pusat-belajar/changelog/v1.2.0/" is not a page of the site',
    ]
    changelogs = Call(
        ImportRef("starlight-changelogs", "makeChangelogsSidebarLinks", local="makeChangelogsSidebarLinks"),
        (js_array(js_object(type="all", base="changelog")),),
    )
    sidebar = js_array(js_object(label="Changelog", items=changelogs))
    plugins = ("starlight-blog", "@lunariajs/starlight", "starlight-changelogs")
    assert lint_links(site, plugins=plugins, sidebar=sidebar) == []


def test_extra_routes(site: SiteBuilder) -> None:
    site.page(
        "index.md",
        "---\ntitle: Home\n---\n[a](/pusat-belajar/api/v1/users) [b](/pusat-belajar/releases) [c](/pusat-belajar/releasesx/)\n",
    )
    assert lint_links(site, extra_routes=("/api/**", "/releases/"), trailing_slash="always") == [
        (
            P + "index.md",
            4,
            67,
            "error",
            "link-target",
            'link "/pusat-belajar/releasesx/" is not a page of the site',
        ),
    ]


def test_verbose_notes_list_what_was_found_where(site: SiteBuilder) -> None:
    _pages_site(site)
    site.page("guide.md", "---\ntitle: Guide\n---\n")
    settings = replace(
        load_settings(cwd=site.root),
        redirects=REDIRECTS[:2],
        plugins=("starlight-blog",),
        extra_routes=("/api/**",),
        sources={"extra_routes": "eduforge.toml"},
    )
    assert build_site(settings).notes() == [
        "locales: root only (lang en)",
        "routes from redirects: /old-guide (astro.config.mjs:12:5), /legacy/[slug] (astro.config.mjs:13:5)",
        "routes from src/pages: src/pages/feed.xml.ts -> /feed.xml, src/pages/playground.astro -> /playground,"
        " src/pages/api/[...path].ts -> /api/[...path], src/pages/showcase/[slug].astro -> /showcase/[slug]",
        "routes from Starlight: /404, /pagefind/**",
        "routes from plugin starlight-blog: /blog/**, /blog/rss.xml",
        "routes from eduforge.toml: /api/**",
    ]
    assert "routes from Starlight: /404, /pagefind/**" in lint(settings, families=("links",)).notes


def test_the_hosts_redirects_and_rewrites_are_link_targets(site: SiteBuilder) -> None:
    site.write(
        "netlify.toml",
        '[build]\npublish = "dist/"\n\n[[redirects]]\nfrom = "/chat"\nto = "https://discord.example.org"\n',
    )
    site.write("public/_redirects", "# Netlify\n/pusat-belajar/docs/* /pusat-belajar/:splat 301\n/fr/* /fr/404 404\n")
    site.write(
        "vercel.json",
        '{"rewrites": [{"source": "/pusat-belajar/api/:path*", "destination": "https://api.example.org/:path*"}],'
        ' "redirects": [{"source": "/pusat-belajar/old/:slug", "destination": "/pusat-belajar/new/:slug"}]}',
    )
    site.write("public/bad/vercel.json", "{not json")
    site.page(
        "index.md",
        """
        ---
        title: Home
        ---
        [a](/pusat-belajar/chat) [b](/pusat-belajar/docs/x/y/) [c](/pusat-belajar/api/v1) [d](/pusat-belajar/old/post/)
        [e](/pusat-belajar/fr/x/)
        """,
    )
    assert lint_links(site, trailing_slash="always") == [missing(P + "index.md", 5, 5, "/pusat-belajar/fr/x/")]
    assert build_site(load_settings(cwd=site.root)).routes.notes()[-1] == (
        "routes from the host's redirects: /chat (netlify.toml:5), /docs/** (public/_redirects:2),"
        " /old/[slug] (vercel.json redirects), /api/** (vercel.json rewrites)"
    )


def test_unreadable_host_files_are_ignored(site: SiteBuilder) -> None:
    site.write("netlify.toml", "[[redirects]\nfrom = ")
    site.write("vercel.json", "[1, 2")
    site.write("public/_redirects", b"\xff\xfe/x /y\n")
    site.page("index.md", "---\ntitle: Home\n---\n[a](/pusat-belajar/chat)\n")
    assert lint_links(site) == [missing(P + "index.md", 4, 5, "/pusat-belajar/chat")]


def test_long_route_lists_are_counted_in_notes(site: SiteBuilder) -> None:
    redirects = tuple(Redirect(f"/r{index}", "/pusat-belajar/", f"redirects.js:{index}:3") for index in range(1, 16))
    site.page("index.md", "---\ntitle: Home\n---\n")
    notes = build_site(replace(load_settings(cwd=site.root), redirects=redirects)).routes.notes()
    assert (
        notes[0]
        == "routes from redirects: "
        + ", ".join(f"/r{index} (redirects.js:{index}:3)" for index in range(1, 13))
        + " and 3 more"
    )


@pytest.mark.parametrize(
    ("folder", "pattern", "glob"),
    [
        ("reference", "config.md", "/reference/**/config"),
        ("reference", "*.mdx", "/reference/**/*"),
        ("reference", "javascript/*", "/reference/javascript/*/**"),
        ("reference", "acl", "/reference/**/acl/**"),
        ("", "/API/", "/api/**"),
        ("reference", "_tableContent.json", None),
        ("reference", "!javascript/index.mdx", None),
        ("reference", "# generated", None),
    ],
)
def test_gitignored_page_patterns(folder: str, pattern: str, glob: str | None) -> None:
    assert ignored_url_glob(folder, pattern) == glob


def test_gitignored_pages_are_generated_at_build_time_so_served(site: SiteBuilder) -> None:
    site.write("docs/reference/.gitignore", "# generated by the build\n*.mdx\n!index.mdx\ndata.json\n")
    site.write(".gitignore", "node_modules/\ndocs/api/\n")
    site.page("reference/index.mdx", "---\ntitle: Reference\n---\n")
    site.page(
        "index.md",
        "---\ntitle: Home\n---\n[a](/pusat-belajar/reference/config/) [b](/pusat-belajar/api/v2/users/)"
        " [c](/pusat-belajar/guides/config/)\n",
    )
    assert lint_links(site) == [missing(P + "index.md", 4, 77, "/pusat-belajar/guides/config/")]
    assert build_site(load_settings(cwd=site.root)).routes.notes()[-2:] == [
        "routes from .gitignore: /api/**",
        "routes from docs/reference/.gitignore: /reference/**/*",
    ]


def test_a_page_whose_slug_looks_like_a_file_name_is_a_page(site: SiteBuilder) -> None:
    site.page("rel.md", "---\ntitle: Rel\nslug: release/v0.1.0\n---\n## Notes\n")
    site.page(
        "index.md",
        "---\ntitle: Home\n---\n[a](/pusat-belajar/release/v0.1.0) [b](./release/v0.1.0#notes)"
        " [c](/pusat-belajar/release/v0.1.0#nope) [d](/pusat-belajar/release/v0.2.0)\n",
    )
    assert lint_links(site) == [
        (
            P + "index.md",
            4,
            68,
            "error",
            "link-anchor",
            'link "/pusat-belajar/release/v0.1.0#nope": no heading or id "nope" on docs/rel.md; did you mean "#notes"?',
        ),
        (
            P + "index.md",
            4,
            108,
            "error",
            "link-asset",
            'link "/pusat-belajar/release/v0.2.0": no such file: public/release/v0.2.0',
        ),
    ]


def test_a_monorepos_gitignore_above_the_project_names_generated_pages(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    SiteBuilder(repository).write(".gitignore", "dist/\n/web/docs/releases.md\nweb/docs/api/\n*.mdx\n")
    site = SiteBuilder(repository / "web")
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n')
    site.page(
        "index.md",
        "---\ntitle: Home\n---\n[a](/pusat-belajar/releases/) [b](/pusat-belajar/api/v2/) [c](/pusat-belajar/guide/)\n",
    )
    # *.mdx names no path inside the content folder: it marks no page as generated
    assert lint_links(site) == [missing(P + "index.md", 4, 63, "/pusat-belajar/guide/")]
    assert build_site(load_settings(cwd=site.root)).routes.notes()[-1:] == [
        "routes from ../.gitignore: /releases, /api/**"
    ]


def test_a_gitignore_above_a_project_outside_any_repository_is_not_read(tmp_path: Path) -> None:
    SiteBuilder(tmp_path).write(".gitignore", "/web/docs/releases.md\n")
    site = SiteBuilder(tmp_path / "web")
    site.write("eduforge.toml", 'content = "docs"\nbase = "/pusat-belajar"\n')
    site.page("index.md", "---\ntitle: Home\n---\n[a](/pusat-belajar/releases/)\n")
    assert lint_links(site) == [missing(P + "index.md", 4, 5, "/pusat-belajar/releases/")]


def _walked_as_os_walk_does(top: Path) -> list[str]:
    """The reference: the os.walk loop generated_routes used before it read the d_type alone."""
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        if ".gitignore" in files:
            found.append(folder)
    return found


def test_the_gitignore_walk_finds_what_os_walk_finds_in_the_same_order(site: SiteBuilder) -> None:
    for folder in ("b", "a/z", "a/b/c", "a", ".hidden", "node_modules/pkg", "a/node_modules", "ab", "a-b"):
        site.write(f"docs/{folder}/.gitignore", "*.mdx\n")
    site.write("docs/.gitignore", "api/\n")
    site.write("docs/a/b/page.md", "# Page\n")
    (site.root / "docs/dir-named-gitignore/.gitignore").mkdir(parents=True)  # a folder, not a file
    (site.root / "docs/link").symlink_to(site.root / "docs/a", target_is_directory=True)  # not followed
    (site.root / "docs/b/.gitignore-link").symlink_to(site.root / "docs/.gitignore")
    (site.root / "docs/ab/.gitignore").unlink()
    (site.root / "docs/ab/.gitignore").symlink_to(site.root / "docs/.gitignore")  # a link to a file counts
    docs = site.root / "docs"
    expected = _walked_as_os_walk_does(docs)
    assert [Path(folder).relative_to(docs).as_posix() for folder in expected] == [
        ".",
        "a",
        "a/b/c",
        "a/z",
        "a-b",
        "ab",
        "b",
    ]
    assert list(_gitignore_folders(str(docs))) == expected
    assert list(_gitignore_folders(str(site.root / "missing"))) == []


def test_a_route_with_no_fixed_segment_is_not_matched(site: SiteBuilder) -> None:
    site.write("src/pages/[...slug].astro", "---\n---\n")
    site.write("src/pages/[lang]/install.astro", "---\n---\n")
    site.page(
        "index.md", "---\ntitle: Home\n---\n[a](/pusat-belajar/gettting-started/) [b](/pusat-belajar/de/install/)\n"
    )
    assert lint_links(site) == [missing(P + "index.md", 4, 5, "/pusat-belajar/gettting-started/")]
    assert build_site(load_settings(cwd=site.root)).routes.notes()[-1] == (
        "src/pages/[...slug].astro (/[...slug]) has no fixed segment and only its code knows which URLs it builds,"
        " so links are not checked against it; list its URLs in extra_routes if links to them are reported"
    )
