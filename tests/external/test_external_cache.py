"""The cache of successes: reused, never holding failures, robust to damage and sharing."""

from __future__ import annotations

import io
import json
import threading
import time

from eduforge.external.cache import FILE_NAME, UrlCache


def test_a_second_run_makes_no_request(web, web_url, check, tmp_path):
    web.expect_request("/ok").respond_with_data("fine")
    first = check(web_url("/ok"), cache=True)
    assert (first.checked, first.from_cache) == (1, 0)
    second = check(web_url("/ok"), cache=True)
    assert (second.checked, second.from_cache, second.problems) == (0, 1, [])
    assert len(web.log) == 1
    assert (tmp_path / "cache" / ".gitignore").read_text().endswith("*\n")


def test_failures_are_never_cached(web, web_url, check):
    web.expect_request("/missing").respond_with_data("", status=404)
    web.expect_request("/busy").respond_with_data("", status=403)
    for _ in range(2):
        report = check(web_url("/missing"), web_url("/busy"), cache=True)
        assert len(report.problems) == 2
        assert report.from_cache == 0
    assert len(web.log) == 4  # one GET for each URL, both runs


def test_accepted_non_2xx_answers_are_not_cached(web, web_url, check):
    web.expect_request("/blocked").respond_with_data("", status=403)
    for _ in range(2):
        assert check(web_url("/blocked"), cache=True, accept=frozenset({403})).from_cache == 0


def test_no_cache_bypasses_it(web, web_url, check, tmp_path):
    web.expect_request("/ok").respond_with_data("fine")
    check(web_url("/ok"), cache=True)
    report = check(web_url("/ok"), cache=False)
    assert (report.checked, report.from_cache) == (1, 0)
    assert len(web.log) == 2


def test_entries_older_than_max_age_are_checked_again(web, web_url, check, tmp_path):
    web.expect_request("/ok").respond_with_data("fine")
    u = web_url("/ok")
    (tmp_path / "cache").mkdir()
    stale = {"version": 1, "checked": {u: time.time() - 3 * 86400}}
    (tmp_path / "cache" / FILE_NAME).write_text(json.dumps(stale))
    report = check(u, cache=True)
    assert (report.checked, report.from_cache) == (1, 0)
    report = check(u, cache=True, cache_max_age=0.0)  # everything is too old
    assert (report.checked, report.from_cache) == (1, 0)


def test_a_corrupt_cache_is_ignored_with_one_warning_and_rebuilt(web, web_url, check, tmp_path, monkeypatch):
    web.expect_request("/ok").respond_with_data("fine")
    web.expect_request("/ok2").respond_with_data("fine")
    (tmp_path / "cache").mkdir()
    path = tmp_path / "cache" / FILE_NAME
    path.write_text('{"version": 1, "checked": {"http://x/": ')
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    report = check(web_url("/ok"), web_url("/ok2"), cache=True)
    assert report.problems == []
    assert stderr.getvalue().count("\n") == 1
    assert stderr.getvalue().startswith(f"eduforge: warning: ignoring the corrupt URL cache {path} (")
    assert set(json.loads(path.read_text())["checked"]) == {web_url("/ok"), web_url("/ok2")}


def test_an_unwritable_cache_folder_warns_once_and_still_checks(web, web_url, check, tmp_path, monkeypatch):
    web.expect_request("/ok").respond_with_data("fine")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    report = check(web_url("/ok"), cache=True, cache_dir=blocker / "cache")
    assert report.problems == []
    assert stderr.getvalue().count("\n") == 1
    assert "could not write the URL cache" in stderr.getvalue()


def test_concurrent_writers_never_leave_a_torn_file(tmp_path):
    directory = tmp_path / "shared"
    stop = threading.Event()
    bad: list[str] = []

    def writer(name: str) -> None:
        for i in range(60):
            cache = UrlCache(directory, 86400, stderr=io.StringIO())
            cache.load()
            cache.record(f"https://{name}.example/{i}")
            cache.save()

    def reader() -> None:
        while not stop.is_set():
            try:
                text = (directory / FILE_NAME).read_text()
            except FileNotFoundError:
                continue
            try:
                json.loads(text)
            except ValueError:
                bad.append(text)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b", "c")]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    watcher.join()
    assert bad == []
    data = json.loads((directory / FILE_NAME).read_text())
    assert data["version"] == 1
    assert len(data["checked"]) >= 60  # merges keep most entries; none is ever corrupt
    assert not [p for p in directory.iterdir() if p.suffix == ".tmp"]


def test_cache_clock_and_expiry(tmp_path):
    now = [1000.0]
    cache = UrlCache(tmp_path, 60, clock=lambda: now[0])
    cache.record("https://a.example/")
    cache.save()
    fresh = UrlCache(tmp_path, 60, clock=lambda: now[0])
    fresh.load()
    assert fresh.fresh("https://a.example/")
    assert not fresh.fresh("https://b.example/")
    now[0] += 61
    assert not fresh.fresh("https://a.example/")
    now[0] -= 3600  # a timestamp in the future (clock skew) is not trusted
    assert not fresh.fresh("https://a.example/")
