"""The URL checker's pipeline: dedupe → exclude → cache → guard → pooled fetch → problems."""

from __future__ import annotations

import ipaddress
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import TextIO
from urllib.parse import urlsplit

from eduforge.external.anchors import BODY_LIMIT, fragment, has_anchor
from eduforge.external.guard import Guard, has_default_route, system_resolver
from eduforge.external.model import OK, UNVERIFIED_RULE, ExternalReport, Kind, Outcome, UrlUse
from eduforge.external.progress import Progress
from eduforge.external.scheduler import HostScheduler
from eduforge.external.settings import ExternalSettings
from eduforge.external.urls import InvalidUrl, normalize
from eduforge.problem import Problem, Severity


def check_urls(
    uses: Sequence[UrlUse],
    settings: ExternalSettings,
    *,
    progress: bool = False,
    stderr: TextIO | None = None,
    has_route: Callable[[], bool] = has_default_route,
) -> ExternalReport:
    """Check every distinct URL in ``uses`` once; one problem per use of a failing URL.

    ``progress`` draws a progress line on ``stderr`` (default
    ``sys.stderr``) when it is a terminal.  ``has_route`` is the "is there a
    network at all" probe, replaceable in tests.
    """
    report = ExternalReport()
    by_url: dict[str, list[UrlUse]] = {}
    for use in uses:
        by_url.setdefault(use.url, []).append(use)

    outcomes: dict[str, Outcome] = {}  # written URL -> outcome
    keys: dict[str, tuple[str, list[str]]] = {}  # key -> (host, written URLs)
    for url in by_url:
        pattern = next((p for p in settings.exclude if p.search(url)), None)
        if pattern is not None:
            outcomes[url] = Outcome(Kind.SKIPPED, f"excluded by the [external] exclude pattern '{pattern.pattern}'")
            continue
        try:
            key, host = normalize(url)
        except InvalidUrl as exc:
            outcomes[url] = Outcome(Kind.BROKEN, f"is not a valid URL ({exc})", "fix the address")
            continue
        keys.setdefault(key, (host, []))[1].append(url)

    cache = None
    if settings.cache:
        from eduforge.external.cache import UrlCache  # json and tempfile load only when the cache is used

        cache = UrlCache(settings.cache_dir, settings.cache_max_age, stderr=stderr)
    if cache is not None:
        cache.load()
    # Pages whose anchors are needed: some use links to a fragment worth checking.
    wants = (
        {key for key, (_, urls) in keys.items() if any(fragment(u) for u in urls)}
        if settings.check_fragments
        else set()
    )
    to_fetch: dict[str, str] = {}  # key -> host
    for key, (host, _) in keys.items():
        if cache is not None and cache.fresh(key, anchors=key in wants):
            report.from_cache += 1
            cached = Outcome(Kind.OK, anchors=cache.anchors(key)) if key in wants else OK
            for url in keys[key][1]:
                outcomes[url] = cached
        else:
            to_fetch[key] = host

    fetched, resolver_worked = _fetch_all(
        to_fetch, wants, settings, has_route, Progress(len(to_fetch), enabled=progress, stream=stderr), report
    )
    if not resolver_worked and any(o.unknown_host for o in fetched.values()) and not resolver_works(settings):
        # "No such host", and the resolver has not resolved one name this run, not even a
        # name that surely exists: the resolver is what is missing (a sandbox, a plane), not the sites.
        fetched = {key: _as_offline(outcome) for key, outcome in fetched.items()}
    network = [outcome for outcome in fetched.values() if outcome.kind is not Kind.SKIPPED]
    report.checked = len(network)
    # No network at all: every fetch failed the way an offline machine fails.
    offline = bool(network) and all(outcome.offline for outcome in network)
    for key, outcome in fetched.items():
        if cache is not None and outcome.cacheable:
            cache.record(key, outcome.anchors)
        for url in keys[key][1]:
            outcomes[url] = outcome
    if cache is not None:
        cache.save()

    offline_urls: list[str] = []
    for url, url_uses in by_url.items():
        outcome = outcomes[url]
        if outcome.anchors is not None:
            outcome = _fragment_outcome(url, outcome)
        if outcome.kind is Kind.SKIPPED:
            report.skipped.append((url, outcome.what))
        elif outcome.kind is not Kind.OK:
            if offline and outcome.offline:
                offline_urls.append(url)
            else:
                report.problems.extend(outcome.problem(use) for use in url_uses)
    if offline_urls:
        report.problems.append(_offline_problem(by_url[offline_urls[0]][0], len(offline_urls)))
    report.problems.sort()
    return report


def _fragment_outcome(url: str, page: Outcome) -> Outcome:
    """The verdict on ``url``'s fragment, given its page's anchors."""
    part = fragment(url)
    if part is None or page.anchors is None or has_anchor(page.anchors, part):
        return page
    if page.truncated:
        return Outcome(
            Kind.UNVERIFIED,
            f"no anchor #{part} in the first {BODY_LIMIT // (1024 * 1024)} MB of the page",
            "check it in a browser",
        )
    return Outcome(
        Kind.BROKEN,
        f"points to #{part}, which the page does not have (no element with that id or <a name>)",
        "fix the fragment, or link to the page without it",
    )


PROBE_HOST = "example.com"
"""A name every working resolver knows (RFC 2606); asked only when a host seems not to exist
and no other name was resolved in the run."""


def resolver_works(settings: ExternalSettings) -> bool:
    try:
        return bool((settings.resolver or system_resolver)(PROBE_HOST, 443))
    except (OSError, UnicodeError):
        return False


def _as_offline(outcome: Outcome) -> Outcome:
    if not outcome.unknown_host:
        return outcome
    return Outcome(
        Kind.UNVERIFIED,
        f"could not resolve {outcome.unknown_host}: the DNS resolver knows no name at all, not even {PROBE_HOST}",
        "check the network connection and try again",
        offline=True,
    )


def _offline_problem(first: UrlUse, count: int) -> Problem:
    return Problem(
        first.path,
        first.line,
        first.column,
        UNVERIFIED_RULE,
        f"external URLs could not be checked because there is no network "
        f"({count} URL{'s' if count != 1 else ''} not checked); run again with a network connection",
        Severity.WARNING,
    )


def _fetch_all(
    to_fetch: dict[str, str],
    wants: set[str],
    settings: ExternalSettings,
    has_route: Callable[[], bool],
    progress: Progress,
    report: ExternalReport,
) -> tuple[dict[str, Outcome], bool]:
    """Fetch every URL with ``max_concurrency`` workers; the guard resolves hosts as they come.

    Returns the outcomes and whether the resolver resolved any name.
    """
    results: dict[str, Outcome] = {}
    if not to_fetch:
        return results, False
    guard = Guard(settings, has_route=has_route)
    ahead = resolve_ahead(guard, to_fetch, settings.max_concurrency)
    # The HTTP stack (requests, urllib3, http.client, ssl: most of the checker's start-up) loads
    # now, while the first hosts' names are being resolved.
    from eduforge.external.fetch import Fetcher
    from eduforge.external.transport import make_session, pinned_pools

    scheduler: HostScheduler[str] = HostScheduler(settings.per_host)
    scheduler.put_many((host, key) for key, host in to_fetch.items())

    fetcher = Fetcher(settings, guard)
    if fetcher.proxy:
        report.notes.append(
            f"external URLs go through the proxy {fetcher.proxy}: it resolves host names, "
            "so the private-address guard checks only URLs with a literal IP address"
        )
    # One session for all workers: a kept-alive connection to a host serves whichever worker
    # checks that host's next URL, as a browser's pool would.  At most ``per_host`` of a
    # host's connections are busy at once (the scheduler's slots); through a proxy up to
    # ``max_concurrency`` share one pool, hence its size.
    session = make_session(
        guard.addresses,
        settings.user_agent,
        pool_size=settings.max_concurrency,
        pools=pinned_pools(guard.addresses),
        hosts=len(set(to_fetch.values())),
    )
    stop = threading.Event()

    def work() -> None:
        # Results go straight into ``results`` (one key per URL, written by
        # one worker): the main thread is not woken once per URL.
        slot = None
        while not stop.is_set() and (taken := scheduler.take(done=slot)) is not None:
            slot, key = taken
            try:
                results[key] = fetcher.check(session, key, slot, anchors=key in wants)
            except Exception as exc:  # one odd URL must not sink the run
                results[key] = Outcome(
                    Kind.UNVERIFIED,
                    f"unexpected {type(exc).__name__}: {exc}",
                    "check it in a browser; please report this to eduforge",
                )
        if slot is not None:
            slot.release()

    workers = min(settings.max_concurrency, len(to_fetch))
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="eduforge-url")
    try:
        futures = [executor.submit(work) for _ in range(workers)]
        pending: set[Future[None]] = set(futures)
        while pending:
            _, pending = wait(pending, timeout=progress.poll if progress.active else None)
            if progress.active:
                outcomes = list(results.values())
                problems = sum(o.kind in (Kind.BROKEN, Kind.UNVERIFIED) for o in outcomes)
                progress.update(len(outcomes), problems, busiest=scheduler.busiest)
        for future in futures:
            future.result()  # a worker that died outside a URL check: surface it
    finally:
        stop.set()
        scheduler.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
        fetcher.close()
        session.close()
        progress.close()
        for thread in ahead:  # done: the workers waited for these lookups (unless the run was cut short)
            thread.join(settings.timeout)
    if len(results) < len(to_fetch):
        raise RuntimeError("URL workers stopped before checking every URL")
    return results, guard.resolver_worked


def resolve_ahead(guard: Guard, to_fetch: dict[str, str], count: int) -> list[threading.Thread]:
    """Start resolving the names of the first ``count`` hosts, in a few threads; the threads, started.

    A lookup waits on the network (a real one takes tens of milliseconds), not on Python: run
    while the HTTP stack is imported, the first wave of requests finds its hosts resolved.  The
    workers ask the guard as before and wait for a lookup under way.  Not through a proxy (it
    resolves names itself, and there may be no local DNS), not for literal addresses.
    """
    if _proxy_configured():
        return []
    names: dict[str, int] = {}
    for key, host in to_fetch.items():
        if len(names) >= count:
            break
        if host not in names and not _is_address(host):
            names[host] = _port(key)
    pending = list(names.items())
    lock = threading.Lock()

    def resolve() -> None:
        while True:
            with lock:
                if not pending:
                    return
                host, port = pending.pop(0)
            guard.resolve(host, port)

    threads = [
        threading.Thread(target=resolve, name="eduforge-dns", daemon=True)
        for _ in range(min(AHEAD_THREADS, len(pending)))
    ]
    for thread in threads:
        thread.start()
    return threads


AHEAD_THREADS = 8
"""Threads resolving the first hosts' names while the HTTP stack loads."""


def _proxy_configured() -> bool:
    """Whether a proxy may be in use, decided without importing urllib.request (it loads http.client and ssl).

    On Linux proxies come from the environment only (any ``*_proxy`` variable counts, to be
    safe); elsewhere the system's settings count too, as ``urllib.request.getproxies`` reads them.
    """
    if sys.platform.startswith(("darwin", "win")):
        from urllib.request import getproxies

        return bool(getproxies())
    return any(value and name.lower().endswith("_proxy") for name, value in os.environ.items())


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _port(key: str) -> int:
    """The port a normalized URL connects to."""
    parts = urlsplit(key)
    return parts.port or (443 if parts.scheme == "https" else 80)


__all__ = ["check_urls"]
