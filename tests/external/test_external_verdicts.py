"""Every verdict of the URL checker, with its exact rule, severity and message."""

from __future__ import annotations

import time

from werkzeug import Request, Response

from eduforge.external import BROKEN_RULE, UNVERIFIED_RULE
from eduforge.problem import Problem, Severity


def error(message: str, line: int = 1) -> Problem:
    return Problem("docs/page.md", line, 5, BROKEN_RULE, message, Severity.ERROR)


def warning(message: str, line: int = 1) -> Problem:
    return Problem("docs/page.md", line, 5, UNVERIFIED_RULE, message, Severity.WARNING)


def assert_problems(actual: list[Problem], expected: list[Problem]) -> None:
    assert actual == expected
    assert [p.severity for p in actual] == [p.severity for p in expected]


# ------------------------------------------------------------------ fine


def test_ok_and_accepted_statuses_are_fine(web, web_url, check):
    web.expect_request("/ok").respond_with_data("hello")
    web.expect_request("/no-content").respond_with_data("", status=204)
    web.expect_request("/blocked").respond_with_data("", status=403)
    report = check(web_url("/ok"), web_url("/no-content"), web_url("/blocked"), accept=frozenset({403}))
    assert report.problems == []
    assert report.checked == 3
    assert report.skipped == []


def test_redirect_to_a_working_page_is_fine(web, web_url, check):
    web.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    web.expect_request("/new").respond_with_data("here")
    assert check(web_url("/old")).problems == []


# ------------------------------------------------------------------ errors


def test_404_is_an_error(web, web_url, check):
    web.expect_request("/missing").respond_with_data("nope", status=404)
    u = web_url("/missing")
    assert_problems(check(u).problems, [error(f"{u} returned 404 Not Found; fix or remove the link")])


def test_410_is_an_error(web, web_url, check):
    web.expect_request("/gone").respond_with_data("", status=410)
    u = web_url("/gone")
    assert_problems(check(u).problems, [error(f"{u} returned 410 Gone; fix or remove the link")])


def test_redirect_to_a_missing_page_names_the_target(web, web_url, check):
    web.expect_request("/moved").respond_with_data("", status=302, headers={"Location": "/lost"})
    web.expect_request("/lost").respond_with_data("", status=404)
    u, target = web_url("/moved"), web_url("/lost")
    assert_problems(
        check(u).problems,
        [error(f"{u} redirects to {target}, which returned 404 Not Found; fix or remove the link")],
    )


def test_unknown_host_is_an_error(check, fake_resolver):
    fake_resolver.names["example.com"] = ["93.184.215.14"]  # the resolver demonstrably works
    u = "https://nope.invalid/page"
    assert_problems(
        check(u).problems,
        [error(f"{u} points to a host that does not exist (nope.invalid); fix the address or remove the link")],
    )


def test_redirect_loop_is_an_error(web, web_url, check):
    web.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    a, b = web_url("/a"), web_url("/b")
    assert_problems(check(a).problems, [error(f"{a} redirects in a loop ({a} → {b} → {a}); fix or remove the link")])


def test_too_many_redirects_is_an_error(web, web_url, check):
    def hop(request: Request) -> Response:
        n = int(request.path.rsplit("/", 1)[1])
        return Response("", status=302, headers={"Location": f"/hop/{n + 1}"})

    for n in range(12):
        web.expect_request(f"/hop/{n}").respond_with_handler(hop)
    u = web_url("/hop/0")
    report = check(u, max_redirects=5)
    assert_problems(report.problems, [error(f"{u} redirects more than 5 times; link to the final address instead")])


def test_malformed_urls_are_errors_and_never_fetched(check, connections):
    report = check("https://exa mple.com/x", "http://example.com:99999/", "http://")
    assert_problems(
        report.problems,
        [
            error("https://exa mple.com/x is not a valid URL (bad host name 'exa mple.com'); fix the address", 1),
            error("http://example.com:99999/ is not a valid URL (Port out of range 0-65535); fix the address", 2),
            error("http:// is not a valid URL (no host name); fix the address", 3),
        ],
    )
    assert connections == []


def test_cookie_handshake_redirect_is_not_a_loop(web, web_url, check):
    def login(request: Request) -> Response:
        if request.cookies.get("seen") == "1":
            return Response("welcome")
        return Response("", status=302, headers={"Location": "/login", "Set-Cookie": "seen=1; Path=/"})

    web.expect_request("/login").respond_with_handler(login)
    assert check(web_url("/login")).problems == []


# ------------------------------------------------------------------ warnings

FIX_BROWSER = "add its status to [external] accept or the URL to exclude if it works in a browser"


def test_401_and_403_could_not_be_verified(web, web_url, check):
    web.expect_request("/private").respond_with_data("", status=401)
    web.expect_request("/bots").respond_with_data("", status=403)
    a, b = web_url("/private"), web_url("/bots")
    assert_problems(
        check(a, b).problems,
        [
            warning(f"could not verify {a} (401 Unauthorized: the page needs a login); {FIX_BROWSER}", 1),
            warning(f"could not verify {b} (403 Forbidden: the site may block bots); {FIX_BROWSER}", 2),
        ],
    )


def test_999_and_unusual_statuses_could_not_be_verified(web, web_url, check):
    web.expect_request("/linkedin").respond_with_data("", status=999)
    web.expect_request("/teapot").respond_with_data("", status=418)
    a, b = web_url("/linkedin"), web_url("/teapot")
    assert_problems(
        check(a, b).problems,
        [
            warning(f"could not verify {a} (999: the site refuses link checkers); {FIX_BROWSER}", 1),
            warning(f"could not verify {b} (418 I'm a Teapot); {FIX_BROWSER}", 2),
        ],
    )


def test_429_after_retries_could_not_be_verified(web, web_url, check):
    web.expect_request("/busy").respond_with_data("", status=429)
    u = web_url("/busy")
    assert_problems(
        check(u, retries=2).problems,
        [
            warning(
                f"could not verify {u} (429 Too Many Requests after 3 attempts: the site is rate-limiting); "
                "try again later, or add the URL to [external] exclude"
            )
        ],
    )
    methods = [request.method for request, _ in web.log]
    assert methods == ["GET", "GET", "GET"]


def test_5xx_after_retries_could_not_be_verified(web, web_url, check):
    web.expect_request("/down").respond_with_data("", status=503)
    web.expect_request("/broken").respond_with_data("", status=500)
    a, b = web_url("/down"), web_url("/broken")
    fix = "try again later; fix or remove the link if it stays down"
    assert_problems(
        check(a, b, retries=1).problems,
        [
            warning(f"could not verify {a} (503 Service Unavailable after 2 attempts: a server error); {fix}", 1),
            warning(f"could not verify {b} (500 Internal Server Error after 2 attempts: a server error); {fix}", 2),
        ],
    )


def test_timeout_could_not_be_verified_and_is_retried(web, web_url, check):
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response("late")

    web.expect_request("/slow").respond_with_handler(slow)
    u = web_url("/slow")
    started = time.monotonic()
    report = check(u, timeout=0.2, retries=1)
    assert time.monotonic() - started < 2.0
    assert_problems(
        report.problems,
        [
            warning(
                f"could not verify {u} (no answer within 0.2 s after 2 attempts); "
                "check it in a browser; raise [external] timeout if the site is just slow"
            )
        ],
    )


def test_connection_refused_could_not_be_verified(check, refused_port):
    u = f"http://127.0.0.1:{refused_port}/"
    assert_problems(
        check(u, retries=2).problems,
        [warning(f"could not verify {u} (connection refused); check it in a browser; the server may be down")],
    )


def test_connection_reset_is_retried_then_could_not_be_verified(check, reset_server):
    u = f"http://127.0.0.1:{reset_server.port}/"
    report = check(u, retries=2)
    assert_problems(
        report.problems,
        [
            warning(
                f"could not verify {u} (connection reset after 3 attempts); "
                "check it in a browser; the server may be down or dropping bots"
            )
        ],
    )
    assert reset_server.connections == 3  # GET (what a browser sends) and its 2 retries


# ------------------------------------------------------------------ skipped


def test_excluded_urls_are_skipped_without_a_request(web, web_url, check, settings):
    import re

    u = web_url("/private/area")
    report = check(u, exclude=(re.compile(r"/private/"),))
    assert report.problems == []
    assert report.skipped == [(u, "excluded by the [external] exclude pattern '/private/'")]
    assert web.log == []
