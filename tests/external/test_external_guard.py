"""The private-address guard: nothing private is contacted, on any hop."""

from __future__ import annotations

import ipaddress
import socket

import pytest
import requests

from eduforge.external import ExternalSettings
from eduforge.external.guard import Guard, address_category
from eduforge.external.transport import make_session

HINT = " (set [external] allow_private to check it)"


@pytest.mark.parametrize(
    ("address", "category"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.1.2.3", "private"),
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
        ("::ffff:93.184.215.14", None),
    ],
)
def test_address_categories(address, category):
    assert address_category(ipaddress.ip_address(address)) == category


def test_localhost_urls_are_skipped_not_reported(check, fake_resolver, connections):
    fake_resolver.names["localhost"] = ["127.0.0.1", "::1"]
    report = check("http://localhost:4321/", "http://127.0.0.1:8080/x", "http://[::1]/", allowed_networks=())
    assert report.problems == []
    assert report.skipped == [
        ("http://localhost:4321/", f"localhost resolves to loopback address 127.0.0.1; not checked{HINT}"),
        ("http://127.0.0.1:8080/x", f"loopback address 127.0.0.1; not checked{HINT}"),
        ("http://[::1]/", f"loopback address ::1; not checked{HINT}"),
    ]
    assert connections == []


def test_a_name_that_resolves_to_loopback_is_not_contacted(web, check, fake_resolver, connections):
    web.expect_request("/").respond_with_data("secret")
    fake_resolver.names["sneaky.example"] = ["127.0.0.1"]
    u = f"http://sneaky.example:{web.port}/"
    report = check(u, allowed_networks=())
    assert report.problems == []
    assert report.skipped == [(u, f"sneaky.example resolves to loopback address 127.0.0.1; not checked{HINT}")]
    assert web.log == []
    assert connections == []


def test_one_private_answer_among_public_ones_is_enough_to_refuse(check, fake_resolver, connections):
    fake_resolver.names["mixed.example"] = ["93.184.215.14", "10.0.0.7"]
    report = check("https://mixed.example/")
    assert report.skipped == [
        ("https://mixed.example/", f"mixed.example resolves to private address 10.0.0.7; not checked{HINT}")
    ]
    assert connections == []


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
        ("http://10.0.0.1/admin", "private address 10.0.0.1"),
        ("http://internal.corp/", "internal.corp resolves to private address 10.20.30.40"),
    ],
)
def test_a_redirect_to_a_private_address_is_blocked_at_the_hop(
    web, check, fake_resolver, connections, location, reason
):
    # A public-looking name (resolving to the test server, which is allowed)
    # redirects into the private network: the hop is refused, nothing is sent.
    fake_resolver.names["public.example"] = ["127.0.0.1"]
    fake_resolver.names["internal.corp"] = ["10.20.30.40"]
    web.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    u = f"http://public.example:{web.port}/go"
    report = check(u)
    assert report.problems == []
    assert report.skipped == [(u, f"redirects to {location}: {reason}; not checked{HINT}")]
    assert [(request.method, request.path) for request, _ in web.log] == [("GET", "/go")]
    assert connections == [("127.0.0.1", web.port)]


def test_allow_private_lets_everything_through(web, check, fake_resolver):
    web.expect_request("/").respond_with_data("hi")
    fake_resolver.names["localhost"] = ["127.0.0.1"]
    report = check(f"http://localhost:{web.port}/", allowed_networks=(), allow_private=True)
    assert report.problems == []
    assert report.skipped == []
    assert len(web.log) == 1


def test_connections_go_to_the_checked_address_not_a_new_lookup(web, check, fake_resolver, connections):
    # DNS rebinding: a second lookup would answer 10.9.9.9.  The resolver is
    # asked once, and the connection uses the address that passed the check.
    answers = iter([["127.0.0.1"], ["10.9.9.9"], ["10.9.9.9"]])
    fake_resolver.names["rebind.example"] = lambda: next(answers)
    web.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data("ok")
    report = check(f"http://rebind.example:{web.port}/a")
    assert report.problems == []
    assert fake_resolver.calls == ["rebind.example"]
    assert {address for address, _ in connections} == {"127.0.0.1"}
    assert web.log[0][0].headers["Host"] == f"rebind.example:{web.port}"


def test_the_transport_refuses_a_host_the_guard_did_not_check(web, connections):
    web.expect_request("/").respond_with_data("hi")
    session = make_session(lambda host: None, "test")
    with pytest.raises(requests.ConnectionError, match="its address was not checked"):
        session.get(f"http://127.0.0.1:{web.port}/", timeout=2)
    assert connections == []


def test_a_host_is_resolved_once_per_run(web, check, fake_resolver):
    fake_resolver.names["site.example"] = ["127.0.0.1"]
    web.expect_request("/x").respond_with_data("ok")
    web.expect_request("/y").respond_with_data("ok")
    check(
        f"http://site.example:{web.port}/x", f"http://SITE.example:{web.port}/y", f"http://site.example.:{web.port}/x"
    )
    assert fake_resolver.calls == ["site.example"]


def test_guard_waits_for_one_resolution_per_host():
    import threading
    import time

    calls = []

    def slow(host: str, port: int) -> list[str]:
        calls.append(host)
        time.sleep(0.1)
        return ["93.184.215.14"]

    guard = Guard(ExternalSettings(resolver=slow))
    results = []
    threads = [threading.Thread(target=lambda: results.append(guard.resolve("a.example", 443))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["a.example"]
    assert {r.addresses for r in results} == {("93.184.215.14",)}


def test_a_raising_resolver_is_a_problem_not_a_crash(check, fake_resolver):
    fake_resolver.names["odd.example"] = ValueError("boom")
    report = check("https://odd.example/")
    assert [p.message for p in report.problems] == [
        "could not verify https://odd.example/ (could not resolve odd.example: ValueError: boom); "
        "check the network connection and try again"
    ]


def test_a_lookup_failure_among_working_hosts_is_a_warning(web, web_url, check, fake_resolver):
    web.expect_request("/").respond_with_data("ok")
    fake_resolver.names["flaky-dns.example"] = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    report = check("https://flaky-dns.example/", web_url("/"))
    assert [(p.rule, p.message) for p in report.problems] == [
        (
            "external-unverified",
            "could not verify https://flaky-dns.example/ (could not resolve flaky-dns.example: temporary DNS failure); "
            "check the network connection and try again",
        )
    ]


_OVERLAP_CHILD = """
import json, sys, time
from eduforge.external import ExternalSettings, UrlUse, check_urls

assert "http.client" not in sys.modules
seen = []

def resolver(host, port):
    seen.append([host, port, "http.client" in sys.modules])
    time.sleep(0.05)  # a lookup waits on the network
    return ["127.0.0.1"]

settings = ExternalSettings(enabled=True, allow_private=True, cache=False, resolver=resolver, retries=0)
port = int(sys.argv[1])
uses = [UrlUse(f"http://site{i}.test:{port}/", "a.md", i + 1, 1) for i in range(3)]
report = check_urls(uses, settings, has_route=lambda: True)
print(json.dumps({"seen": seen, "messages": [p.message for p in report.problems]}))
"""


def test_the_first_hosts_are_resolved_while_the_http_stack_loads(refused_port):
    """A fresh process: the names' lookups start before the HTTP stack (http.client, ssl, urllib3, requests) loads."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src"
    child = subprocess.run(
        [sys.executable, "-c", _OVERLAP_CHILD, str(refused_port)],
        capture_output=True,
        text=True,
        env={"PATH": "", "PYTHONPATH": str(src)},
        timeout=60,
    )
    assert child.returncode == 0, child.stderr
    answer = json.loads(child.stdout)
    assert sorted(host for host, _, _ in answer["seen"]) == ["site0.test", "site1.test", "site2.test"]
    assert {port for _, port, _ in answer["seen"]} == {refused_port}
    assert answer["seen"][0][2] is False  # the first lookup began before the HTTP stack was loaded
    assert answer["messages"] == [
        f"could not verify http://site{i}.test:{refused_port}/ (connection refused); "
        "check it in a browser; the server may be down"
        for i in range(3)
    ]


def test_lookups_ahead_only_for_names_and_never_through_a_proxy(settings, fake_resolver, monkeypatch):
    """Literal addresses need no lookup; through a proxy the proxy resolves names, not the local resolver."""
    from eduforge.external.check import resolve_ahead
    from eduforge.external.guard import Guard

    fake_resolver.names.update({"a.test": ["127.0.0.1"], "b.test": ["127.0.0.1"]})
    to_fetch = {"https://a.test/x": "a.test", "http://127.0.0.1:8080/": "127.0.0.1", "http://b.test:81/": "b.test"}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    for thread in resolve_ahead(Guard(settings), to_fetch, 32):
        thread.join()
    assert sorted(fake_resolver.calls) == ["a.test", "b.test"]
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    assert resolve_ahead(Guard(settings), {"https://c.test/": "c.test"}, 32) == []
    assert sorted(fake_resolver.calls) == ["a.test", "b.test"]
