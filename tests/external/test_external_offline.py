"""No network at all: one warning, not one problem per URL."""

from __future__ import annotations

import dataclasses
import socket

from eduforge.external import UrlUse, check_urls
from eduforge.problem import Problem, Severity

OFFLINE = (
    "external URLs could not be checked because there is no network ({n} URLs not checked); "
    "run again with a network connection"
)


def _uses() -> list[UrlUse]:
    return [
        UrlUse("https://roadmap.sh/python", "docs/b.md", 3, 7),
        UrlUse("https://docs.python.org/3/", "docs/a.md", 9, 1),
        UrlUse("https://roadmap.sh/python", "docs/c.md", 1, 1),
        UrlUse("https://www.youtube.com/watch?v=x", "docs/a.md", 12, 4),
    ]


def test_no_dns_at_all_gives_one_warning(settings, fake_resolver):
    def no_network(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    report = check_urls(_uses(), dataclasses.replace(settings, resolver=no_network))
    assert report.problems == [Problem("docs/b.md", 3, 7, "external-unverified", OFFLINE.format(n=3), Severity.WARNING)]
    assert report.problems[0].severity is Severity.WARNING


def test_no_route_and_no_names_gives_one_warning(settings):
    # Some systems answer "no such name" when offline: the route probe tells.
    report = check_urls(_uses(), settings, has_route=lambda: False)
    assert [p.message for p in report.problems] == [OFFLINE.format(n=3)]


def test_unknown_hosts_with_a_network_are_errors(settings, fake_resolver):
    fake_resolver.names["example.com"] = ["93.184.215.14"]  # the resolver works: the hosts are gone
    report = check_urls(_uses(), settings, has_route=lambda: True)
    assert [p.rule for p in report.problems] == ["external-broken"] * 4


def test_a_resolver_that_knows_no_name_at_all_gives_one_warning(settings):
    # A route but no working DNS (sandboxes): every host and the probe name "do not exist".
    report = check_urls(_uses(), settings, has_route=lambda: True)
    assert report.problems == [Problem("docs/b.md", 3, 7, "external-unverified", OFFLINE.format(n=3), Severity.WARNING)]


def test_one_unknown_host_is_an_error_once_the_probe_resolves(settings, fake_resolver):
    fake_resolver.names["example.com"] = ["93.184.215.14"]
    only = [UrlUse("https://roadmap.sh/python", "docs/b.md", 3, 7)]
    report = check_urls(only, settings, has_route=lambda: True)
    assert [p.rule for p in report.problems] == ["external-broken"]
    assert fake_resolver.calls == ["roadmap.sh", "example.com"]


def test_one_unknown_host_and_a_resolver_that_knows_nothing_gives_one_warning(settings, fake_resolver):
    # A pre-commit run on one page: every URL on one host, and no name resolves at all.
    only = [UrlUse("https://roadmap.sh/python", "docs/b.md", 3, 7), UrlUse("https://roadmap.sh/go", "docs/b.md", 4, 7)]
    report = check_urls(only, settings, has_route=lambda: True)
    assert report.problems == [Problem("docs/b.md", 3, 7, "external-unverified", OFFLINE.format(n=2), Severity.WARNING)]


def test_a_resolved_host_shows_the_resolver_works_without_probing(settings, fake_resolver, web, web_url):
    web.expect_request("/").respond_with_data("ok")
    fake_resolver.names["up.test"] = ["127.0.0.1"]
    uses = [UrlUse(f"http://up.test:{web.port}/", "docs/a.md", 1, 1), UrlUse("https://gone.test/", "docs/a.md", 2, 1)]
    report = check_urls(uses, settings, has_route=lambda: True)
    assert [p.message for p in report.problems] == [
        "https://gone.test/ points to a host that does not exist (gone.test); fix the address or remove the link"
    ]
    assert "example.com" not in fake_resolver.calls


def test_mixed_dns_failures_without_a_working_resolver_give_one_warning(settings, fake_resolver):
    # Under many parallel lookups a failing resolver mixes "no such name" and "temporary failure".
    fake_resolver.names["docs.python.org"] = socket.gaierror(socket.EAI_AGAIN, "Temporary failure")
    report = check_urls(_uses(), settings, has_route=lambda: True)
    assert report.problems == [Problem("docs/b.md", 3, 7, "external-unverified", OFFLINE.format(n=3), Severity.WARNING)]


def test_a_temporary_dns_failure_is_asked_again_once_the_resolver_has_worked(settings, fake_resolver, web, web_url):
    web.expect_request("/").respond_with_data("ok")
    answers = iter([socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), ["127.0.0.1"]])

    def flaky() -> list[str]:
        answer = next(answers)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    fake_resolver.names["up.test"] = ["127.0.0.1"]
    fake_resolver.names["flaky.test"] = flaky
    uses = [UrlUse(f"http://up.test:{web.port}/", "docs/a.md", 1, 1)]
    uses.append(UrlUse(f"http://flaky.test:{web.port}/", "docs/a.md", 2, 1))
    report = check_urls(uses, dataclasses.replace(settings, max_concurrency=1), has_route=lambda: True)
    assert report.problems == []
    assert fake_resolver.calls == ["up.test", "flaky.test", "flaky.test"]


def test_network_unreachable_on_connect_gives_one_warning(settings, fake_resolver, monkeypatch):
    import urllib3.util.connection as connection

    def unreachable(*args, **kwargs):
        raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(connection, "create_connection", unreachable)
    for name in ("roadmap.sh", "docs.python.org", "www.youtube.com"):
        fake_resolver.names[name] = ["93.184.215.14"]
    report = check_urls(_uses(), settings, has_route=lambda: True)
    assert [p.message for p in report.problems] == [OFFLINE.format(n=3)]


def test_offline_lookups_stop_early(settings, fake_resolver):
    calls = []

    def no_network(host: str, port: int) -> list[str]:
        calls.append(host)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    uses = [UrlUse(f"https://site{i}.example/", "docs/a.md", i + 1, 1) for i in range(20)]
    chosen = dataclasses.replace(settings, resolver=no_network, max_concurrency=1)
    report = check_urls(uses, chosen)
    assert len(report.problems) == 1
    assert len(calls) == 4


def test_one_working_host_means_we_are_online(settings, fake_resolver, web, web_url):
    web.expect_request("/").respond_with_data("ok")
    fake_resolver.names["down.example"] = socket.gaierror(socket.EAI_AGAIN, "Temporary failure")
    uses = [UrlUse(web_url("/"), "docs/a.md", 1, 1), UrlUse("https://down.example/", "docs/a.md", 2, 1)]
    report = check_urls(uses, settings, has_route=lambda: True)
    assert [p.message for p in report.problems] == [
        "could not verify https://down.example/ (could not resolve down.example: temporary DNS failure); "
        "check the network connection and try again"
    ]
