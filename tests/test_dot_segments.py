"""``.`` and ``..`` segments in absolute links: the browser removes them before it asks for the page.

Starlight writes a sidebar link ``./assignments`` as ``/base/./assignments`` (``ensureLeadingSlash``, then
``formatPath``); the browser follows it to ``/base/assignments``, so the link works.
"""

from __future__ import annotations

import pytest

from eduforge.site.resolve import remove_dot_segments
from helpers import SiteBuilder, problems
from test_sidebar_rules import check, pages


@pytest.mark.parametrize(
    ("path", "requested"),
    [
        ("/a/./b", "/a/b"),
        ("/a/./", "/a/"),
        ("/a/.", "/a/"),
        ("/a/b/..", "/a/"),
        ("/a/b/../c/", "/a/c/"),
        ("/../x", "/x"),
        ("/a/.b/..c", "/a/.b/..c"),
        ("/a//./b", "/a//b"),
    ],
)
def test_dot_segments_are_removed_as_rfc_3986_says(path: str, requested: str) -> None:
    assert remove_dot_segments(path) == requested


def test_a_sidebar_link_written_with_dot_slash_leads_where_the_browser_goes(site: SiteBuilder) -> None:
    pages(site)
    sidebar = [
        {"label": "Beranda", "link": "./"},
        {"label": "Pengenalan", "link": "./pengenalan"},
        {"label": "Hilang", "link": "./hilang"},
    ]
    assert check(site, sidebar, only="sidebar-link") == [
        (
            "astro.config.mjs",
            10,
            11,
            "error",
            "sidebar-link",
            'sidebar link "./hilang" (served as "/pusat-belajar/./hilang") is no page of the site and no file'
            " in public/",
        ),
    ]


def test_a_body_link_with_dot_segments_is_resolved_as_the_browser_requests_it(site: SiteBuilder) -> None:
    pages(site)
    site.page(
        "latihan.md",
        "---\ntitle: Latihan\n---\n"
        "[ok](/pusat-belajar/./pengenalan/) [ok](/pusat-belajar/tutorials/../pengenalan/)"
        " [gone](/pusat-belajar/./tutorials/../hilang/)\n",
    )
    found = [p for p in problems(site.root, "lint", "--no-cache") if p[0] == "docs/latihan.md"]
    assert found == [
        (
            "docs/latihan.md",
            4,
            89,
            "error",
            "link-target",
            'link "/pusat-belajar/./tutorials/../hilang/" is not a page of the site',
        ),
    ]


def test_a_page_reached_only_through_a_dotted_sidebar_link_gets_no_prev_next(site: SiteBuilder) -> None:
    pages(site)
    sidebar = [
        {"label": "Pengenalan", "link": "./pengenalan"},
        {"label": "Git", "link": "/tutorials/git/instalasi-git"},
    ]
    assert check(site, sidebar, only="orphan-page") == [
        (
            "docs/pengenalan.md",
            2,
            1,
            "warning",
            "orphan-page",
            'the sidebar link "./pengenalan" (astro.config.mjs:4:11) leads here only once the browser drops its'
            ' "." segments (/pusat-belajar/./pengenalan): Starlight never finds it current, so this page gets no'
            ' prev/next links; write "/pengenalan"',
        ),
    ]
