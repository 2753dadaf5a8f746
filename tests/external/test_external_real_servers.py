"""Against servers that behave like real sites: keep-alive, same-host redirects, misbehaving endpoints."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from servers import Web

from eduforge.external import ExternalReport


@pytest.fixture
def web3() -> Iterator[Web]:
    with Web(hosts=3) as web:
        yield web


@pytest.fixture
def run(check: Callable[..., ExternalReport]) -> Callable[..., ExternalReport]:
    """``check`` with every loopback address allowed (the guard refuses loopback otherwise)."""

    def _run(*urls: str, **overrides: object) -> ExternalReport:
        return check(*urls, allow_private=True, **overrides)

    return _run


# ------------------------------------------------------------ item 1: keep-alive and same-host redirects


def test_same_host_redirects_reuse_one_keep_alive_connection(web3, run):
    urls = [web3.url(f"/docs?{i}") for i in range(20)]
    report = run(*urls, max_concurrency=1, per_host=1)
    assert report.problems == []
    assert web3.connections == 1
    assert len(web3.requests()) == 40  # GET /docs?i, GET /docs/ for each


def test_a_redirect_to_a_404_on_a_kept_alive_connection_is_an_error(web3, run):
    u = web3.url("/to-404")
    [problem] = run(web3.url("/ok"), u).problems
    assert (problem.rule, problem.message) == (
        "external-broken",
        f"{u} redirects to {web3.url('/gone')}, which returned 404 Not Found; fix or remove the link",
    )


def test_a_redirect_loop_on_a_kept_alive_connection_is_an_error(web3, run):
    a, b = web3.url("/loop/a"), web3.url("/loop/b")
    [problem] = run(a, max_concurrency=1).problems
    assert problem.message == f"{a} redirects in a loop ({a} → {b} → {a}); fix or remove the link"
    assert web3.connections == 1


def test_verdicts_do_not_depend_on_unrelated_links(web3, run):
    alone = run(web3.url("/to-404"), max_concurrency=1).problems
    with_a_head_refuser = run(web3.url("/no-head"), web3.url("/to-404"), max_concurrency=1).problems
    assert [p.message for p in alone] == [p.message for p in with_a_head_refuser]


def test_caps_hold_with_redirects_on_several_hosts(web3, run):
    urls = [web3.url(f"/docs?{i}", host=i % 3 + 1) for i in range(60)]
    report = run(*urls, max_concurrency=4, per_host=2)
    assert report.problems == []
    assert len(web3.requests()) == 120
    assert web3.peak <= 4
    assert max(web3.peak_per_host.values()) <= 2
    assert web3.connections <= 4 * 2  # each worker keeps its connection to a host alive


def test_thousands_of_hosts_do_not_keep_thousands_of_sockets_open(web3, run, fake_resolver):
    from eduforge.external.transport import MAX_HOST_POOLS

    names = [f"site{i}.test" for i in range(MAX_HOST_POOLS + 72)]
    for name in names:
        fake_resolver.names[name] = ["127.0.0.1"]
    assert run(*[web3.url("/ok", host=name) for name in names], max_concurrency=8).problems == []
    assert web3.connections == len(names)
    assert web3.peak_open <= MAX_HOST_POOLS + 8  # idle ones closed with their pool, plus those in use


def test_caps_hold_while_answers_time_out_and_are_retried(web3, run):
    """A timed-out exchange's connection is closed before the retry: the server never sees two at once."""
    urls = [web3.url(f"/dribble?{i}") for i in range(3)] + [web3.url(f"/slow?{i}") for i in range(6)]
    # /slow answers in 50 ms: a timeout of 0.6 s leaves it room on a loaded machine; /dribble needs 15 s
    report = run(*urls, max_concurrency=1, per_host=1, timeout=0.6, retries=1)
    assert [p.message for p in report.problems] == [
        f"could not verify {u} (no answer within 0.6 s after 2 attempts); "
        "check it in a browser; raise [external] timeout if the site is just slow"
        for u in urls[:3]
    ]
    assert len(web3.requests()) == 3 * 2 + 6
    assert (web3.peak, web3.peak_per_host) == (1, {"127.0.0.1": 1})


def test_the_server_stops_counting_a_request_whose_client_hung_up(web3):
    """The test server's own rule for counting caps, shown with a client that gives up."""
    import socket

    with socket.create_connection(("127.0.0.1", web3.port)) as sock:
        sock.sendall(b"HEAD /head-hangs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.2)
        assert web3.in_flight == 1
    time.sleep(0.3)
    assert web3.in_flight == 0


# ------------------------------------------------------------ item 2: GET only, the verdict a browser gets


def test_head_200_with_get_404_is_broken(web3, run):
    u = web3.url("/head-lies")
    [problem] = run(u).problems
    assert (problem.rule, problem.message) == ("external-broken", f"{u} returned 404 Not Found; fix or remove the link")
    assert web3.requests() == [("GET", "/head-lies")]


@pytest.mark.parametrize("path", ["/head-hangs", "/head-drops", "/head-limited", "/no-head"])
def test_servers_that_mishandle_head_cost_one_get(web3, run, path):
    started = time.monotonic()
    assert run(web3.url(path), timeout=3.0).problems == []
    assert time.monotonic() - started < 2.0  # a HEAD that hangs would take the 3 s timeout
    assert web3.requests() == [("GET", path)]


def test_a_redirect_to_another_host_that_refuses_head_is_one_get_per_hop(web3, run):
    """No "no-HEAD" memory to misplace: each hop, on either host, is one GET."""
    assert run(web3.url("/to-2"), web3.url("/no-head", 2)).problems == []
    assert sorted((hit.method, hit.host, hit.path) for hit in web3.hits) == [
        ("GET", "127.0.0.1", "/to-2"),
        ("GET", "127.0.0.2", "/no-head"),
        ("GET", "127.0.0.2", "/no-head"),
    ]


def test_a_small_chunked_body_is_read_so_the_connection_is_reused(web3, run):
    urls = [web3.url(f"/chunked?{i}") for i in range(10)]
    assert run(*urls, max_concurrency=1, per_host=1).problems == []
    assert web3.connections == 1


# ------------------------------------------------------------ item 3: a total deadline, no needless body


def test_a_dribbling_answer_times_out_at_the_deadline(web3, run):
    u = web3.url("/dribble")
    started = time.monotonic()
    [problem] = run(u, timeout=1.0, retries=0).problems
    elapsed = time.monotonic() - started
    assert problem.message == (
        f"could not verify {u} (no answer within 1 s); "
        "check it in a browser; raise [external] timeout if the site is just slow"
    )
    assert elapsed < 2.0  # one GET, cut at 1 s (the answer would take 9 s)


def test_a_slow_body_is_not_waited_for(web3, run):
    started = time.monotonic()
    assert run(web3.url("/slow-body"), timeout=1.0).problems == []
    assert time.monotonic() - started < 2.5  # the 50 kB body would take 50 s


def test_a_body_that_only_the_end_of_the_connection_delimits_is_not_read(web3, run):
    started = time.monotonic()
    assert run(web3.url("/stream"), timeout=5.0).problems == []
    assert time.monotonic() - started < 2.5  # its 64 kB would take 6 s, cut at the 5 s deadline


def test_a_big_body_is_not_downloaded(web3, run):
    assert run(web3.url("/big")).problems == []
    time.sleep(0.2)
    assert web3.body_bytes_sent < 8_000_000  # of 20 MB: what socket buffers took before the close


# ------------------------------------------------------------ item 8: the smaller ones


def test_a_rate_limited_get_is_retried_after_retry_after(web3, run):
    assert run(web3.url("/limited")).problems == []
    first, second = web3.hits
    assert (first.method, second.method) == ("GET", "GET")
    assert second.at - first.at >= 0.95


def test_https_to_a_plain_http_port_says_so(web3, run):
    u = web3.url("/ok").replace("http://", "https://")
    [problem] = run(u).problems
    assert problem.message == (
        f"could not verify {u} (the server does not speak TLS on this port); "
        "check the address: it may need http:// instead of https://, or another port"
    )


@pytest.mark.parametrize("url", ["http://127.0.0.1:0/", "http://h:0/", "https://docs.example:0/page"])
def test_port_0_is_an_invalid_url(run, connections, url):
    [problem] = run(url).problems
    assert (problem.rule, problem.message) == (
        "external-broken",
        f"{url} is not a valid URL (port 0 cannot be connected to; use a port from 1 to 65535); fix the address",
    )
    assert connections == []
