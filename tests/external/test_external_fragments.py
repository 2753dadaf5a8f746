"""Remote fragments (``check_fragments``): ``#part`` must name an id or an ``<a name>`` of the HTML page."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from servers import Web

from eduforge.external import ExternalReport
from eduforge.external.anchors import anchors_in


@pytest.fixture
def web1() -> Iterator[Web]:
    with Web(hosts=1) as web:
        yield web


@pytest.fixture
def run(check: Callable[..., ExternalReport]) -> Callable[..., ExternalReport]:
    def _run(*urls: str, **overrides: object) -> ExternalReport:
        return check(*urls, allow_private=True, check_fragments=True, **overrides)

    return _run


def test_fragments_are_not_checked_by_default(web1, check):
    assert check(web1.url("/anchors.html#nowhere"), allow_private=True).problems == []
    assert web1.requests() == [("GET", "/anchors.html")]


def test_an_id_and_an_a_name_are_anchors_and_one_get_serves_every_fragment(web1, run):
    urls = [web1.url(f"/anchors.html#{part}") for part in ("intro", "old-name", "second", "top", "")]
    assert run(*urls).problems == []
    assert web1.requests() == [("GET", "/anchors.html")]


def test_a_missing_anchor_is_an_error(web1, run):
    u = web1.url("/anchors.html#installation")
    [problem] = run(u, web1.url("/anchors.html#intro")).problems
    assert (problem.rule, problem.line, problem.message) == (
        "external-broken",
        1,
        f"{u} points to #installation, which the page does not have (no element with that id or <a name>); "
        "fix the fragment, or link to the page without it",
    )


def test_fragments_of_non_html_answers_and_text_fragments_are_not_judged(web1, run):
    assert run(web1.url("/ok#page=2"), web1.url("/anchors.html#:~:text=Intro")).problems == []


def test_anchors_are_cached_with_the_verdict(web1, run, tmp_path):
    assert run(web1.url("/anchors.html#intro"), cache=True).problems == []
    cached = json.loads((tmp_path / "cache" / "external-urls.json").read_text())
    assert cached["anchors"] == {web1.url("/anchors.html"): ["intro", "old-name", "second"]}
    second = run(web1.url("/anchors.html#second"), web1.url("/anchors.html#gone"), cache=True)
    assert [p.message.split(" points to ")[1][:5] for p in second.problems] == ["#gone"]
    assert (second.checked, second.from_cache) == (0, 1)
    assert web1.requests() == [("GET", "/anchors.html")]


def test_a_page_cached_without_anchors_is_fetched_again_when_fragments_are_wanted(web1, check, tmp_path):
    assert check(web1.url("/anchors.html"), allow_private=True, cache=True).problems == []
    report = check(web1.url("/anchors.html#intro"), allow_private=True, cache=True, check_fragments=True)
    assert (report.checked, report.problems) == (1, [])
    assert web1.requests() == [("GET", "/anchors.html"), ("GET", "/anchors.html")]


def test_only_the_first_5_mb_are_read(web1, run):
    u = web1.url("/big#chapter-9")  # 20 MB, not HTML: no anchors judged, body not read
    assert run(u).problems == []
    assert web1.body_bytes_sent < 8_000_000


def test_a_page_over_5_mb_is_read_only_that_far(web1, run):
    u = web1.url("/huge.html#end")
    [problem] = run(u).problems
    assert (
        problem.message == f"could not verify {u} (no anchor #end in the first 5 MB of the page); check it in a browser"
    )
    assert web1.body_bytes_sent < 5 * 1024 * 1024 + 8_000_000


def test_anchor_parsing():
    page = b"<h1 id=a>x</h1><p data-id='no'><A NAME=\"b&amp;c\"></A><div name='not-an-a'><span id=\"d\">"
    assert anchors_in(page) == frozenset({"a", "b&c", "d"})


def test_github_heading_ids_match_the_plain_fragment(web1, run):
    from servers import ROUTES, reply

    ROUTES["/readme"] = lambda web, h: reply(
        h, 200, b'<h2 id="user-content-install">Install</h2>', {"Content-Type": "text/html"}
    )
    try:
        assert run(web1.url("/readme#install")).problems == []
    finally:
        del ROUTES["/readme"]


def test_a_gzip_encoded_page_is_decoded_for_its_anchors_and_its_connection_reused(web1, run):
    intro, nope = web1.url("/gzip.html?1#intro"), web1.url("/gzip.html?2#nope")
    [problem] = run(intro, nope, max_concurrency=1).problems
    assert problem.message.startswith(f"{nope} points to #nope, which the page does not have")
    assert web1.connections == 1


def test_a_gzip_encoded_page_bigger_than_the_limit_when_decoded(web1, run):
    u = web1.url("/gzip-huge.html#intro")
    [problem] = run(u).problems
    assert (
        problem.message
        == f"could not verify {u} (no anchor #intro in the first 5 MB of the page); check it in a browser"
    )
