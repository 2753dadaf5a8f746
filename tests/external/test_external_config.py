"""The [external] table, URL normalization and the progress line."""

from __future__ import annotations

import io
import ipaddress
import re
from pathlib import Path

import pytest

from eduforge.errors import ConfigError
from eduforge.external import ExternalSettings, UrlUse, check_urls, settings_from_table
from eduforge.external.progress import Progress
from eduforge.external.urls import InvalidUrl, normalize

ROOT = Path("/project")


# ------------------------------------------------------------ settings


def test_defaults():
    settings = settings_from_table({}, ROOT)
    assert settings == ExternalSettings(cache_dir=ROOT / ".eduforge-cache")
    assert (settings.enabled, settings.timeout, settings.retries) == (False, 10.0, 2)
    assert (settings.max_concurrency, settings.per_host) == (32, 4)
    assert (settings.cache, settings.cache_max_age, settings.allow_private) == (True, 86400.0, False)
    assert re.fullmatch(r"eduforge/\S+ \(\+link checker\)", settings.user_agent)


def test_every_key():
    settings = settings_from_table(
        {
            "enabled": True,
            "timeout": 5,
            "retries": 0,
            "max_concurrency": 8,
            "per_host": 2,
            "accept": [403, 429],
            "exclude": ["^https://internal\\.", "linkedin\\.com"],
            "allow_private": ["10.0.0.0/8", "::1"],
            "cache": False,
            "cache_max_age": "12h",
            "user_agent": "my-checker/1.0",
        },
        ROOT,
    )
    assert settings.enabled and not settings.cache
    assert (settings.timeout, settings.retries, settings.max_concurrency, settings.per_host) == (5.0, 0, 8, 2)
    assert settings.accept == frozenset({403, 429})
    assert [p.pattern for p in settings.exclude] == ["^https://internal\\.", "linkedin\\.com"]
    assert settings.allow_private is False
    assert settings.allowed_networks == (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1/128"))
    assert settings.cache_max_age == 43200.0
    assert settings.user_agent == "my-checker/1.0"
    assert settings_from_table({"allow_private": True, "cache_max_age": 60}, ROOT).allow_private is True


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"timeout": "x"}, "external.timeout: must be a positive number (got 'x')"),
        ({"timeout": 0}, "external.timeout: must be a positive number (got 0)"),
        ({"timeout": True}, "external.timeout: must be a positive number (got true)"),
        ({"retries": -1}, "external.retries: must be a whole number from 0 to 10 (got -1)"),
        ({"retries": 1.5}, "external.retries: must be a whole number from 0 to 10 (got 1.5)"),
        ({"max_concurrency": 0}, "external.max_concurrency: must be a whole number from 1 to 512 (got 0)"),
        ({"per_host": "4"}, "external.per_host: must be a whole number from 1 to 64 (got '4')"),
        ({"enabled": "yes"}, "external.enabled: must be true or false (got 'yes')"),
        ({"cache": 1}, "external.cache: must be true or false (got 1)"),
        ({"accept": 403}, "external.accept: must be a list of HTTP status codes such as [403, 429] (got 403)"),
        ({"accept": [200, 1000]}, "external.accept: must be a list of HTTP status codes from 100 to 999 (got 1000)"),
        (
            {"exclude": ["ok", "("]},
            "external.exclude[1]: not a valid regular expression ('(': missing ), "
            "unterminated subpattern at position 0)",
        ),
        ({"exclude": [3]}, "external.exclude[0]: must be a regular expression string (got 3)"),
        (
            {"allow_private": "yes"},
            "external.allow_private: must be true, false or a list of IP addresses/CIDR "
            "blocks such as ['10.0.0.0/8'] (got 'yes')",
        ),
        (
            {"allow_private": ["10.0.0.0/33"]},
            "external.allow_private: not an IP address or CIDR block ('10.0.0.0/33' does not "
            "appear to be an IPv4 or IPv6 network)",
        ),
        (
            {"cache_max_age": "soon"},
            "external.cache_max_age: must be a number of seconds or a duration such as '12h' or '1d' (got 'soon')",
        ),
        (
            {"cache_max_age": -5},
            "external.cache_max_age: must be a number of seconds or a duration such as '12h' or '1d' (got -5)",
        ),
        ({"user_agent": ""}, "external.user_agent: must be a non-empty one-line string (got '')"),
        ({"check_fragments": "yes"}, "external.check_fragments: must be true or false (got 'yes')"),
        ({"timout": 3}, "external.timout: unknown key; did you mean 'timeout'?"),
        (
            {"colour": 3},
            "external.colour: unknown key; allowed keys: enabled, timeout, retries, "
            "max_concurrency, per_host, accept, exclude, allow_private, cache, cache_max_age, "
            "check_fragments, user_agent",
        ),
    ],
)
def test_bad_values_name_the_key_and_what_is_allowed(table, message):
    with pytest.raises(ConfigError) as caught:
        settings_from_table(table, ROOT)
    assert str(caught.value) == message
    assert "\n" not in message
    assert caught.value.exit_code == 2


def test_cache_dir_is_beside_the_config():
    assert settings_from_table({}, Path("/repo/site")).cache_dir == Path("/repo/site/.eduforge-cache")


# ------------------------------------------------------------ normalize


@pytest.mark.parametrize(
    ("url", "key", "host"),
    [
        ("https://example.com", "https://example.com/", "example.com"),
        ("https://Example.COM/Path#frag", "https://example.com/Path", "example.com"),
        ("https://example.com?q=1", "https://example.com/?q=1", "example.com"),
        ("https://example.com/a b", "https://example.com/a%20b", "example.com"),
        ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe", "xn--bcher-kva.example"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x", "::1"),
        ("  https://example.com/x  ", "https://example.com/x", "example.com"),
    ],
)
def test_normalize(url, key, host):
    assert normalize(url) == (key, host)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://example.com/", "only http and https URLs can be checked, not 'ftp'"),
        ("https://exa mple.com/", "bad host name 'exa mple.com'"),
        ("https://example.com:0x/", "Port could not be cast to integer value as '0x'"),
        ("https://-bad-.example/", "bad host name '-bad-.example'"),
        ("https:///path", "no host name"),
    ],
)
def test_normalize_rejects(url, why):
    with pytest.raises(InvalidUrl) as caught:
        normalize(url)
    assert str(caught.value) == why


# ------------------------------------------------------------ progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_in_place_on_a_tty():
    stream = Tty()
    clock = iter([0.0, 0.05, 0.5, 1.0])
    progress = Progress(3, enabled=True, stream=stream, clock=lambda: next(clock))
    progress.update(1, 0)
    progress.update(2, 1)  # too soon: skipped
    progress.update(3, 1)  # the last one is always drawn
    progress.close()
    text = stream.getvalue()
    assert text.startswith("\rchecking external URLs 1/3, 0 problems")
    assert "2/3" not in text
    assert "\rchecking external URLs 3/3, 1 problem" in text
    assert text.endswith("\r")
    assert "\n" not in text


def test_progress_is_silent_when_not_asked_or_shorter_than_its_interval():
    for stream, enabled in ((io.StringIO(), True), (Tty(), False)):
        progress = Progress(3, enabled=enabled, stream=stream)
        progress.update(3, 0)
        progress.close()
        assert stream.getvalue() == ""


def test_check_urls_progress_only_on_a_tty(web, web_url, settings):
    web.expect_request("/ok").respond_with_data("fine")
    uses = [UrlUse(web_url("/ok"), "a.md", 1, 1)]
    piped = io.StringIO()
    check_urls(uses, settings, progress=True, stderr=piped)
    assert piped.getvalue() == ""
    tty = Tty()
    check_urls(uses, settings, progress=True, stderr=tty)
    assert "checking external URLs 1/1, 0 problems" in tty.getvalue()


def test_progress_elsewhere_prints_a_line_every_few_seconds_naming_the_slowest_host():
    stream = io.StringIO()
    clock = iter([0.0, 4.0, 10.5, 12.0, 21.0])
    progress = Progress(2000, enabled=True, stream=stream, every=10.0, clock=lambda: next(clock))
    progress.update(100, 0, busiest=lambda: ("slow.example", 40))  # 4 s in: nothing yet
    progress.update(900, 1, busiest=lambda: ("slow.example", 40))
    progress.update(1000, 1)  # too soon
    progress.update(1990, 3, busiest=lambda: ("slow.example", 8))
    progress.close()
    assert stream.getvalue() == (
        "eduforge: checked 900 of 2000 external URLs, 1 problem; slowest host: slow.example (40 left)\n"
        "eduforge: checked 1990 of 2000 external URLs, 3 problems; slowest host: slow.example (8 left)\n"
    )


def test_the_scheduler_names_the_host_with_the_most_urls_left():
    from eduforge.external.scheduler import HostScheduler

    scheduler: HostScheduler[str] = HostScheduler(2)
    scheduler.put_many([("a.example", "1"), ("b.example", "2"), ("b.example", "3"), ("b.example", "4")])
    assert scheduler.busiest() == ("b.example", 3)
    slot, _ = scheduler.take()  # a.example's, or b.example's: either way b has the most left
    assert scheduler.busiest() is not None and scheduler.busiest()[0] == "b.example"
    slot.release()
