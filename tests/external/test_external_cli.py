"""``eduforge lint --external`` end to end: the CLI, the engine's glue, the checker, a loopback web."""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from servers import Web

from helpers import SiteBuilder, run


@pytest.fixture
def web() -> Iterator[Web]:
    with Web(hosts=2) as web:
        yield web


def _project(site: SiteBuilder, web: Web, external: str = "") -> None:
    site.write("eduforge.toml", f'content = "docs"\n\n[external]\nallow_private = true\n{external}')
    site.page(
        "index.mdx",
        f"""\
        ---
        title: Home
        hero:
          image:
            html: '<iframe src="{web.url("/embed?a=1&amp;b=2", 2)}"></iframe>'
        ---
        The [docs]({web.url("/docs")}) and a [lost page]({web.url("/to-404")}).

        A planet: {web.url("/wiki/Mercury_(planet)")}.

        <a href="{web.url("/embed?a=1&amp;b=2")}">video</a>
        """,
    )


def test_lint_external_reports_the_broken_url_where_it_is_written(site, web):
    _project(site, web)
    result = run(site.root, "lint", "--external", "-v")
    assert result.exit_code == 1, result.output
    lost = web.url("/to-404")
    line = (site.root / "docs" / "index.mdx").read_text().splitlines()[6]
    assert result.stdout.splitlines()[0] == (
        f"docs/index.mdx:7:{line.index(lost) + 1}: error external-broken {lost} redirects to {web.url('/gone')}, "
        "which returned 404 Not Found; fix or remove the link"
    )
    assert "external URLs: 5 checked, 0 from cache, 0 skipped" in result.stderr
    paths = {path for _, path in web.requests()}
    assert {"/embed?a=1&b=2", "/wiki/Mercury_(planet)", "/docs/", "/gone"} <= paths
    assert not any("&amp;" in path for path in paths)


def test_the_url_cache_lives_in_cache_dir_with_its_gitignore(site, web):
    _project(site, web)
    config = (site.root / "eduforge.toml").read_text().replace("[external]", 'cache_dir = "build/cache"\n\n[external]')
    site.write("eduforge.toml", config, dedent=False)
    (site.root / "build" / "cache").mkdir(parents=True)  # made by hand (or by the page cache) before
    first = run(site.root, "lint", "--external", "--format", "json")
    assert first.exit_code == 1
    cached = json.loads((site.root / "build" / "cache" / "external-urls.json").read_text())
    assert len(cached["checked"]) == 4  # the four that work
    assert (site.root / "build" / "cache" / ".gitignore").read_text().endswith("*\n")
    assert not (site.root / ".eduforge-cache" / "external-urls.json").exists()
    before = len(web.requests())
    second = run(site.root, "lint", "--external", "-v")
    assert "external URLs: 1 checked, 4 from cache, 0 skipped" in second.stderr
    assert web.requests()[before:] == [("GET", "/to-404"), ("GET", "/gone")]


def test_no_cache_neither_reads_nor_writes_the_url_cache(site, web):
    _project(site, web)
    assert run(site.root, "lint", "--external").exit_code == 1
    cache = site.root / ".eduforge-cache" / "external-urls.json"
    written = cache.read_text()
    before = len(web.requests())
    result = run(site.root, "lint", "--external", "--no-cache", "-v")
    assert "external URLs: 5 checked, 0 from cache, 0 skipped" in result.stderr
    assert len(web.requests()) > before
    assert cache.read_text() == written


def test_check_fragments_flag(site, web):
    site.write("eduforge.toml", 'content = "docs"\n\n[external]\nallow_private = true\n')
    site.page(
        "a.md", f"---\ntitle: A\n---\n[x]({web.url('/anchors.html#intro')}) [y]({web.url('/anchors.html#nope')})\n"
    )
    assert run(site.root, "lint", "--external").exit_code == 0
    result = run(site.root, "lint", "--external", "--check-fragments", "--no-cache")
    assert result.exit_code == 1
    nope = web.url("/anchors.html#nope")
    assert result.stdout.splitlines()[0] == (
        f"docs/a.md:4:{len(web.url('/anchors.html#intro')) + 11}: error external-broken {nope} points to #nope, "
        "which the page does not have (no element with that id or <a name>); fix the fragment, or link to the page "
        "without it"
    )


def test_urls_in_frontmatter_values_are_reported_at_their_own_line_and_column(site, web):
    """Inside an HTML value, written plain, quoted (with escapes), as a block scalar; and a quoted value."""
    site.write("eduforge.toml", 'content = "docs"\n\n[external]\nallow_private = true\n')
    gone = web.url("/gone")
    site.page(
        "index.md",
        f"""\
        ---
        title: Home
        hero:
          tagline: Read <a href="{gone}?1">this</a>
          image:
            html: '<img alt="it''s" src="{gone}?2">'
          title: |
            <p>
              <a href="{gone}?3">a</a>
            </p>
        banner:
          content: ">
            <p>\\u00e9 \\"<a href=\\"{gone}?4\\">e</a>\\
            <img src='{gone}?5'></p>"
        editUrl: "{gone}?6"
        ---
        """,
    )
    site.page(
        "folded.md",
        f"""\
        ---
        title: Folded
        hero:
          tagline: >-
            folded
            <a href="{gone}?7">x</a>

              <img src="{gone}?8">
          title: <p>plain,
            on two lines <a href="{gone}?9">y</a></p>
        ---
        """,
    )
    result = run(site.root, "lint", "--external", "--format", "json")
    assert result.exit_code == 1, result.output
    found = [
        (p["path"], p["line"], p["column"], p["message"].split(" ")[0])
        for p in json.loads(result.stdout)["problems"]
        if p["rule"] == "external-broken"
    ]
    assert found == [
        ("docs/folded.md", 6, 14, f"{gone}?7"),
        ("docs/folded.md", 8, 17, f"{gone}?8"),
        ("docs/folded.md", 10, 27, f"{gone}?9"),
        ("docs/index.md", 4, 26, f"{gone}?1"),
        ("docs/index.md", 6, 34, f"{gone}?2"),
        ("docs/index.md", 9, 16, f"{gone}?3"),
        ("docs/index.md", 13, 27, f"{gone}?4"),
        ("docs/index.md", 14, 15, f"{gone}?5"),
        ("docs/index.md", 15, 11, f"{gone}?6"),
    ]


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """``no_dns(errno)``: the system resolver answers every name with that error (literal addresses still work)."""

    def install(code: int) -> None:
        original = socket.getaddrinfo

        def failing(host: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                ipaddress.ip_address(str(host).strip("[]"))
            except ValueError:
                raise socket.gaierror(code, "no DNS here") from None
            return original(host, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", failing)

    return install


@pytest.mark.parametrize("code", [socket.EAI_AGAIN, socket.EAI_NONAME])
def test_lint_external_without_dns_is_one_warning_and_exit_0(site, no_dns, code):
    """A pre-commit run on one page: every URL on one host, and the resolver knows no name at all."""
    no_dns(code)
    site.write("eduforge.toml", 'content = "docs"\n')
    site.page("a.md", "---\ntitle: A\n---\nSee [one](https://roadmap.sh/python) and https://roadmap.sh/go here.\n")
    result = run(site.root, "lint", "--external")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "docs/a.md:4:11: warning external-unverified external URLs could not be checked because there is no network "
        "(2 URLs not checked); run again with a network connection"
    )
    assert "external-broken" not in result.stdout


def test_lint_external_behind_a_proxy_without_local_dns(site, web, no_dns, monkeypatch):
    """School and corporate networks: the proxy resolves names; ``-v`` says so."""
    from test_external_proxy import ForwardProxy

    no_dns(socket.EAI_AGAIN)
    proxy = ForwardProxy({"site.example": "127.0.0.1"})
    site.write("eduforge.toml", 'content = "docs"\n')
    lost = f"http://site.example:{web.port}/to-404"
    site.page("a.md", f"---\ntitle: A\n---\n[docs](http://site.example:{web.port}/docs) and [lost]({lost})\n")
    for name in ("http_proxy", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    try:
        result = run(site.root, "lint", "--external", "-v")
    finally:
        proxy.close()
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == (
        f"docs/a.md:4:{len(f'[docs](http://site.example:{web.port}/docs) and [lost](') + 1}: error external-broken "
        f"{lost} redirects to http://site.example:{web.port}/gone, which returned 404 Not Found; fix or remove the link"
    )
    assert (
        f"external URLs go through the proxy http://127.0.0.1:{proxy.port}: it resolves host names, "
        "so the private-address guard checks only URLs with a literal IP address"
    ) in result.stderr
    assert ("GET", f"http://site.example:{web.port}/docs/") in proxy.seen
