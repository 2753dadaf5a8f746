"""How URLs are fetched: HEAD/GET, retries, Retry-After, caps, merging duplicates."""

from __future__ import annotations

import email.utils
import time

import pytest
from werkzeug import Request, Response

from eduforge.external import UrlUse
from eduforge.external.fetch import parse_retry_after


def methods(web) -> list[str]:
    return [request.method for request, _ in web.log]


# ------------------------------------------------------------ GET only, as a browser


@pytest.mark.parametrize("status", [405, 501, 403, 404, 400])
def test_a_server_that_refuses_head_is_never_asked_with_head(web, web_url, check, status):
    web.expect_request("/page", method="HEAD").respond_with_data("", status=status)
    web.expect_request("/page", method="GET").respond_with_data("fine")
    assert check(web_url("/page")).problems == []
    assert methods(web) == ["GET"]


def test_one_get_per_url(web, web_url, check):
    web.expect_request("/a").respond_with_data("fine")
    web.expect_request("/b").respond_with_data("fine")
    assert check(web_url("/a"), web_url("/b"), max_concurrency=1).problems == []
    assert methods(web) == ["GET", "GET"]


def test_the_request_asks_for_what_a_browser_accepts(web, web_url, check):
    web.expect_request("/page").respond_with_data("fine")
    check(web_url("/page"))
    headers = web.log[0][0].headers
    assert headers["Accept"].startswith("text/html,")
    assert headers["Accept-Encoding"] == "gzip, deflate"


def test_the_user_agent_names_eduforge(web, web_url, check):
    web.expect_request("/ua").respond_with_data("fine")
    check(web_url("/ua"))
    assert web.log[0][0].headers["User-Agent"].startswith("eduforge/")


# ------------------------------------------------------------ retries


def test_5xx_is_retried_until_it_works(web, web_url, check):
    answers = iter([503, 502, 200])
    web.expect_request("/flaky", method="GET").respond_with_handler(lambda r: Response("", status=next(answers)))
    assert check(web_url("/flaky"), retries=2).problems == []
    assert methods(web) == ["GET", "GET", "GET"]


def test_no_retries_when_retries_is_zero(web, web_url, check):
    web.expect_request("/down").respond_with_data("", status=503)
    report = check(web_url("/down"), retries=0)
    assert len(report.problems) == 1
    assert "after" not in report.problems[0].message
    assert methods(web) == ["GET"]


def test_404_is_not_retried(web, web_url, check):
    web.expect_request("/missing").respond_with_data("", status=404)
    check(web_url("/missing"), retries=3)
    assert methods(web) == ["GET"]


def _rate_limited_once(retry_after: str):
    state = {"gets": 0, "times": []}

    def handler(request: Request) -> Response:
        if request.method == "HEAD":
            return Response("", status=405)
        state["gets"] += 1
        state["times"].append(time.monotonic())
        if state["gets"] == 1:
            return Response("", status=429, headers={"Retry-After": retry_after})
        return Response("fine")

    return state, handler


def test_retry_after_seconds_is_honoured(web, web_url, check):
    state, handler = _rate_limited_once("1")
    web.expect_request("/limited").respond_with_handler(handler)
    assert check(web_url("/limited"), retries=1).problems == []
    waited = state["times"][1] - state["times"][0]
    assert 0.95 <= waited < 2.5


def test_retry_after_http_date_is_honoured(web, web_url, check):
    when = email.utils.formatdate(time.time() + 2, usegmt=True)  # 1-2 s away (whole seconds)
    state, handler = _rate_limited_once(when)
    web.expect_request("/limited").respond_with_handler(handler)
    assert check(web_url("/limited"), retries=1).problems == []
    waited = state["times"][1] - state["times"][0]
    assert 0.5 <= waited < 3.0


def test_retry_after_is_capped(web, web_url, check):
    state, handler = _rate_limited_once("3600")
    web.expect_request("/limited").respond_with_handler(handler)
    assert check(web_url("/limited"), retries=1, retry_after_cap=0.3).problems == []
    waited = state["times"][1] - state["times"][0]
    assert 0.25 <= waited < 1.5


def test_parse_retry_after():
    now = 1_700_000_000.0
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(email.utils.formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert parse_retry_after("soon") is None
    assert parse_retry_after("") is None
    assert parse_retry_after(None) is None


# ------------------------------------------------------------ merging duplicates


def test_a_url_used_five_times_is_fetched_once_with_five_problems(web, web_url, check_uses):
    web.expect_request("/missing").respond_with_data("", status=404)
    u = web_url("/missing")
    uses = [UrlUse(u, f"docs/p{i}.md", i + 1, i + 2) for i in range(5)]
    report = check_uses(uses)
    assert [(p.path, p.line, p.column) for p in report.problems] == [(f"docs/p{i}.md", i + 1, i + 2) for i in range(5)]
    assert all(p.message == f"{u} returned 404 Not Found; fix or remove the link" for p in report.problems)
    assert methods(web) == ["GET"]  # one URL, one check
    assert report.checked == 1


def test_a_working_url_used_five_times_costs_one_request(web, web_url, check_uses):
    web.expect_request("/ok").respond_with_data("fine")
    uses = [UrlUse(web_url("/ok"), "docs/a.md", i + 1, 1) for i in range(5)]
    assert check_uses(uses).problems == []
    assert methods(web) == ["GET"]


def test_fragments_are_stripped_but_kept_in_messages(web, web_url, check):
    web.expect_request("/missing").respond_with_data("", status=404)
    a, b = web_url("/missing#intro"), web_url("/missing#usage")
    report = check(a, b)
    assert [p.message for p in report.problems] == [
        f"{a} returned 404 Not Found; fix or remove the link",
        f"{b} returned 404 Not Found; fix or remove the link",
    ]
    assert [request.path for request, _ in web.log] == ["/missing"]  # one GET for both
    assert report.checked == 1


# ------------------------------------------------------------ concurrency caps


def test_the_per_host_cap_is_never_exceeded(counting_server, check):
    server = counting_server(0.1)
    urls = [f"http://127.0.0.1:{server.port}/p/{i}" for i in range(24)]
    report = check(*urls, per_host=3, max_concurrency=16)
    assert report.problems == []
    assert server.counter.peak == 3
    assert len(server.counter.requests) == 24


def test_the_global_cap_is_never_exceeded(counting_server, check, fake_resolver):
    server = counting_server(0.1)
    for i in range(6):
        fake_resolver.names[f"h{i}.test"] = ["127.0.0.1"]
    urls = [f"http://h{i % 6}.test:{server.port}/p/{i}" for i in range(36)]
    report = check(*urls, per_host=2, max_concurrency=5)
    assert report.problems == []
    assert server.counter.peak == 5
    assert max(server.counter.peak_per_host.values()) <= 2
    assert set(server.counter.peak_per_host) == {f"h{i}.test" for i in range(6)}


def test_caps_make_the_run_as_fast_as_they_allow(counting_server, check, fake_resolver):
    server = counting_server(0.1)
    for i in range(4):
        fake_resolver.names[f"h{i}.test"] = ["127.0.0.1"]
    urls = [f"http://h{i % 4}.test:{server.port}/p/{i}" for i in range(32)]
    started = time.monotonic()
    assert check(*urls, per_host=2, max_concurrency=8).problems == []
    elapsed = time.monotonic() - started
    assert 0.35 < elapsed < 1.5  # 32 URLs / 8 at a time x 0.1 s = 0.4 s at best


# ------------------------------------------------------------ proxies


def test_an_http_proxy_from_the_environment_is_used(counting_server, check, fake_resolver, monkeypatch, connections):
    proxy = counting_server(0.0)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    monkeypatch.setenv("NO_PROXY", "")
    fake_resolver.names["site.example"] = ["93.184.215.14"]
    assert check("http://site.example/docs/page").problems == []
    assert proxy.counter.requests == [("GET", "site.example", "http://site.example/docs/page")]
    assert connections == [("127.0.0.1", proxy.port)]


def test_no_proxy_is_honoured(web, web_url, check, monkeypatch, refused_port):
    web.expect_request("/direct").respond_with_data("fine")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{refused_port}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert check(web_url("/direct")).problems == []
