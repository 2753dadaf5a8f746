"""Fetch one URL politely and turn what happened into an :class:`Outcome`.

GET, as a browser sends (never HEAD: servers answer it differently); redirects followed by hand so that
every hop passes the guard and the per-host cap; retries with backoff for
429, 5xx, timeouts and resets, honouring ``Retry-After`` up to a cap.
"""

from __future__ import annotations

import email.utils
import errno
import http
import http.client
import os
import ssl
import threading
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies

import requests
import urllib3
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar, get_cookie_header
from requests.models import PreparedRequest
from requests.structures import CaseInsensitiveDict
from requests.utils import get_environ_proxies, select_proxy
from urllib3.exceptions import ProtocolError
from urllib3.util import Timeout

from eduforge.external.anchors import BODY_LIMIT, anchors_in, is_html
from eduforge.external.guard import Guard
from eduforge.external.model import OK, Kind, Outcome
from eduforge.external.scheduler import Slot
from eduforge.external.settings import ExternalSettings
from eduforge.external.transport import ACCEPT, Exchange, Watchdog
from eduforge.external.urls import InvalidUrl, normalize

_RESETS = {errno.ECONNRESET, errno.ECONNABORTED, errno.EPIPE}
_UNREACHABLE = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH}
_REDIRECTS = {301, 302, 303, 307, 308}
_SMALL_BODY = 64 * 1024

BROWSER_FIX = "add its status to [external] accept or the URL to exclude if it works in a browser"
REMOVE_FIX = "fix or remove the link"


class _Stop(Exception):
    """A hop ended the check with a verdict (guard, redirects, bad address)."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome


class Fetcher:
    """Checks URLs; one instance per run, shared by the worker threads.

    Requests go through the ``HTTPAdapter`` (connection pool) of the
    run's shared :class:`requests.Session`, with a minimal prepared
    request: ``Session.request`` re-reads the proxy environment, netrc and
    merges settings on every call, which cost about a third of the CPU time
    per URL.  Proxies and the CA bundle are taken from the environment once
    (per host for ``NO_PROXY``), as requests would.  Cookies set during a
    redirect chain are sent along that chain only.
    """

    def __init__(
        self,
        settings: ExternalSettings,
        guard: Guard,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._settings = settings
        self._guard = guard
        self._sleep = sleep
        self._timeout = Timeout(connect=settings.timeout, read=settings.timeout)  # made once: requests passes it on
        self._origins: dict[str, tuple[str, str, int]] = {}  # "https://host:port" -> (scheme, host, port)
        self._headers = {
            "User-Agent": settings.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": "gzip, deflate",
            "Accept-Language": "*",
        }
        self._verify = ca_bundle()
        self._watchdog = Watchdog()
        found = getproxies()
        self._proxied = bool(found)
        self.proxy = found.get("https") or found.get("http") or ""
        """The proxy from the environment, if any (for ``-v``)."""
        self._proxies: dict[tuple[str, str], dict[str, str]] = {}
        # The global cap counts HTTP exchanges in flight, from sending the
        # request to receiving the answer's head.  Workers may outnumber it
        # so that one prepares or wraps up while the cap stays busy.
        self._in_flight = threading.BoundedSemaphore(settings.max_concurrency)

    def check(self, session: requests.Session, url: str, slot: Slot, anchors: bool = False) -> Outcome:
        """Check ``url`` (normalized, no fragment) while holding ``slot`` for its host.

        Every request is a GET, as a browser sends: a server's answer to
        HEAD may differ from its answer to GET (200 to HEAD and 404 to GET,
        405 to HEAD), and a verdict must be the one a reader gets.  The body
        is not read for nothing (see :func:`_finish`).  With ``anchors``, an
        HTML page's anchors are read (up to :data:`BODY_LIMIT`) into the
        outcome.
        """
        settings = self._settings
        attempts = 0
        while True:
            attempts += 1
            try:
                status, reason, final, headers, page = self._follow(session, url, slot, anchors)
            except _Stop as stop:
                return stop.outcome
            except requests.RequestException as exc:
                outcome, retry = _exception_outcome(exc, settings.timeout, attempts)
                if retry and attempts <= settings.retries:
                    self._sleep(self._delay(attempts, None))
                    continue
                return outcome
            if 200 <= status < 300 and page is not None:
                body, complete = page
                found = anchors_in(body[:BODY_LIMIT])
                return Outcome(Kind.OK, cacheable=complete, anchors=found, truncated=not complete)
            if 200 <= status < 300 or status in settings.accept:
                return OK if 200 <= status < 300 else Outcome(Kind.OK, status=status)
            if _retryable(status) and attempts <= settings.retries:
                self._sleep(self._delay(attempts, headers.get("Retry-After")))
                continue
            return _status_outcome(status, reason, url, final, attempts)

    def _follow(
        self, session: requests.Session, url: str, slot: Slot, want_body: bool = False
    ) -> tuple[int, str, str, CaseInsensitiveDict[str], tuple[bytes, bool] | None]:
        """GET ``url`` and its redirects; return the last answer.

        With ``want_body``, a 2xx HTML answer's body comes too (its first
        ``BODY_LIMIT`` bytes, and whether that is the whole page).
        """
        cookies: RequestsCookieJar | None = None
        seen: list[tuple[str, str]] = []
        current = url
        for _ in range(self._settings.max_redirects + 1):
            host, proxies = self._admit(current, url)

            request = PreparedRequest()
            request.method = "GET"
            request.url = current
            request.headers = dict(self._headers)  # type: ignore[assignment]  # a plain dict: cheaper, urllib3 copies it
            request.body = None
            cookie = get_cookie_header(cookies, request) if cookies else None  # type: ignore[no-untyped-call]
            if cookie:
                request.headers["Cookie"] = cookie
            state = (current, cookie or "")
            if state in seen:
                loop = " → ".join([u for u, _ in seen[seen.index(state) :]] + [current])
                raise _Stop(Outcome(Kind.BROKEN, f"redirects in a loop ({loop})", REMOVE_FIX))
            seen.append(state)

            slot.move_to(host)
            adapter = session.get_adapter(current)
            with self._watchdog.exchange(self._settings.timeout) as exchange:
                try:
                    with self._in_flight:
                        response = adapter.send(
                            request,
                            stream=True,
                            timeout=self._timeout,  # type: ignore[arg-type]  # HTTPAdapter takes urllib3's Timeout as is
                            verify=self._verify,
                            cert=None,
                            proxies=proxies,
                        )
                    body: tuple[bytes, bool] | None = None
                    try:
                        status = response.status_code
                        location = session.get_redirect_target(response) if status in _REDIRECTS else None
                        if location is None:
                            if want_body and 200 <= status < 300 and is_html(response.headers.get("Content-Type", "")):
                                body = _read_body(response, BODY_LIMIT)
                            return status, response.reason or "", current, response.headers, body
                        if "set-cookie" in response.headers:
                            cookies = cookies if cookies is not None else RequestsCookieJar()
                            extract_cookies_to_jar(cookies, request, response.raw)  # type: ignore[no-untyped-call]
                    finally:
                        if body is None:
                            _finish(response, exchange)
                        elif body[1]:
                            response.raw.release_conn()  # read (and decoded) to its end
                        else:
                            response.close()
                except requests.RequestException:
                    if exchange.expired:
                        raise requests.Timeout(f"no answer within {self._settings.timeout:g} s") from None
                    raise
            if location.startswith("/") and not location.startswith("//") and "/." not in location:
                # An absolute path on the same origin (/docs → /docs/): what urljoin gives, without parsing.
                target = current[: current.find("/", current.find("://") + 3)] + location
            else:
                target = urljoin(current, location)
            try:
                current = normalize(target)[0]
            except InvalidUrl as exc:
                raise _Stop(
                    Outcome(
                        Kind.UNVERIFIED, f"redirects to an invalid address {target!r}: {exc}", "check it in a browser"
                    )
                ) from None
        raise _Stop(
            Outcome(
                Kind.BROKEN,
                f"redirects more than {self._settings.max_redirects} times",
                "link to the final address instead",
            )
        )

    def _admit(self, current: str, url: str) -> tuple[str, dict[str, str]]:
        """The guard's word on one hop (``current``, reached from ``url``): its host and proxies, or :class:`_Stop`."""
        scheme, host, port = self._origin(current)
        proxies = self._proxies_for(scheme, host, current)
        if proxies and select_proxy(current, proxies):
            resolution = self._guard.resolve_literal(host)  # the proxy resolves names: judge literal addresses only
        else:
            resolution = self._guard.resolve(host, port)
        if resolution.blocked is not None:
            reason = resolution.blocked if current == url else f"redirects to {current}: {resolution.blocked}"
            raise _Stop(Outcome(Kind.SKIPPED, reason))
        failure = resolution.failure
        if failure is not None:
            if current != url:
                what = (
                    f"redirects to {current}, which {failure.what}"
                    if failure.kind is Kind.BROKEN
                    else f"{failure.what}, after a redirect to {current}"
                )
                failure = Outcome(
                    failure.kind, what, failure.fix, offline=failure.offline, unknown_host=failure.unknown_host
                )
            raise _Stop(failure)
        return host, proxies

    def _origin(self, url: str) -> tuple[str, str, int]:
        """Scheme, host and port of a normalized URL, parsed once per origin."""
        end = url.find("/", url.find("://") + 3)
        origin = url if end < 0 else url[:end]
        known = self._origins.get(origin)
        if known is None:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
            known = self._origins[origin] = (parts.scheme, parts.hostname or "", port)
        return known

    def close(self) -> None:
        self._watchdog.close()

    def _proxies_for(self, scheme: str, host: str, url: str) -> dict[str, str]:
        if not self._proxied:
            return {}
        key = (scheme, host)
        found = self._proxies.get(key)
        if found is None:
            found = self._proxies[key] = get_environ_proxies(url)
        return found

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        cap = self._settings.retry_after_cap
        wait = parse_retry_after(retry_after)
        if wait is not None:
            return min(max(wait, 0.0), cap)
        return min(self._settings.backoff * 2.0 ** (attempt - 1), cap)


def _finish(response: requests.Response, exchange: Exchange) -> None:
    """Hand the connection back: reusable once its answer is read to the end, else closed.

    http.client refuses the next request on a connection whose previous
    answer is not read to its end.  A body is read (as sent, never decoded)
    only while it is at most :data:`_SMALL_BODY` long and the exchange's
    deadline has not passed: a redirect's or a small page's body costs less
    than a new connection (and TLS handshake) for the host's next URL.  Any
    other is cut off by closing the connection, never read for nothing; so is
    a body that only the connection's end delimits (no length, not chunked:
    a stream, or an old server), since that connection cannot be reused.
    """
    raw = response.raw
    headers = response.headers
    length = "0" if response.status_code in (204, 304) else headers.get("Content-Length")
    try:
        if length is not None:
            if length.isdigit() and int(length) <= _SMALL_BODY and not exchange.expired:
                raw.read(decode_content=False)  # to its end: urllib3 hands the connection back
                if not exchange.expired:
                    raw.release_conn()
                    return
        elif "chunked" in headers.get("Transfer-Encoding", "").lower():
            size = 0
            while size <= _SMALL_BODY and not exchange.expired:
                chunk = raw.read(_SMALL_BODY + 1 - size, decode_content=False)
                if not chunk:
                    raw.release_conn()
                    return
                size += len(chunk)
    except (urllib3.exceptions.HTTPError, OSError):
        pass
    response.close()


def _read_body(response: requests.Response, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes of the (decoded) body, and whether that is all of it.

    Read to its end, the connection goes back to the pool; cut short (too
    big, too slow for the deadline, dropped), it is closed.
    """
    raw = response.raw
    chunks: list[bytes] = []
    size = 0
    try:
        while size < limit:
            chunk = raw.read(min(65536, limit - size), decode_content=True)
            if not chunk:
                response._content = b"".join(chunks)  # read to the end: requests hands the connection back
                response._content_consumed = True  # type: ignore[attr-defined]
                return response._content, True
            chunks.append(chunk)
            size += len(chunk)
    except (urllib3.exceptions.HTTPError, OSError):
        pass
    return b"".join(chunks), False


def ca_bundle() -> bool | str:
    """The CA certificates to trust: the environment's choice (as requests and OpenSSL read it), else certifi's."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        value = os.environ.get(name)
        if value and os.path.exists(value):
            return value
    return True


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return when.timestamp() - (time.time() if now is None else now)


def _retryable(status: int) -> bool:
    return status == 429 or (500 <= status < 600 and status not in (501, 505))


def _phrase(status: int, reason: str) -> str:
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} {reason}".rstrip()


def _after(attempts: int) -> str:
    return f" after {attempts} attempts" if attempts > 1 else ""


def _status_outcome(status: int, reason: str, url: str, final: str, attempts: int) -> Outcome:
    phrase = _phrase(status, reason)
    if status in (404, 410):
        what = f"returned {phrase}" if final == url else f"redirects to {final}, which returned {phrase}"
        return Outcome(Kind.BROKEN, what, REMOVE_FIX, status=status)
    if status == 401:
        what = f"{phrase}: the page needs a login"
    elif status == 403:
        what = f"{phrase}: the site may block bots"
    elif status == 999:
        what = "999: the site refuses link checkers"
    elif status == 429:
        return Outcome(
            Kind.UNVERIFIED,
            f"{phrase}{_after(attempts)}: the site is rate-limiting",
            "try again later, or add the URL to [external] exclude",
            status=status,
        )
    elif 500 <= status < 600:
        return Outcome(
            Kind.UNVERIFIED,
            f"{phrase}{_after(attempts)}: a server error",
            "try again later; fix or remove the link if it stays down",
            status=status,
        )
    else:
        what = phrase
    return Outcome(Kind.UNVERIFIED, what, BROWSER_FIX, status=status)


def _exception_outcome(exc: requests.RequestException, timeout: float, attempts: int) -> tuple[Outcome, bool]:
    """Map a transport failure to an outcome and whether it is worth retrying."""
    if isinstance(exc, requests.Timeout):
        return (
            Outcome(
                Kind.UNVERIFIED,
                f"no answer within {timeout:g} s{_after(attempts)}",
                "check it in a browser; raise [external] timeout if the site is just slow",
            ),
            True,
        )
    if isinstance(exc, requests.exceptions.ProxyError):
        return (
            Outcome(
                Kind.UNVERIFIED,
                "the proxy could not be reached or refused the connection",
                "check the HTTP_PROXY/HTTPS_PROXY settings and try again",
            ),
            False,
        )
    if isinstance(exc, requests.exceptions.SSLError) and _tls_reason(exc) in (
        "WRONG_VERSION_NUMBER",
        "RECORD_LAYER_FAILURE",
        "PACKET_LENGTH_TOO_LONG",
    ):
        return (
            Outcome(
                Kind.UNVERIFIED,
                "the server does not speak TLS on this port",
                "check the address: it may need http:// instead of https://, or another port",
            ),
            False,
        )
    if isinstance(exc, requests.exceptions.SSLError):
        return (
            Outcome(
                Kind.UNVERIFIED,
                f"TLS error: {_root_message(exc)}",
                "check it in a browser; the site's certificate may be invalid or expired",
            ),
            False,
        )
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
        return Outcome(Kind.BROKEN, "is not a valid URL (cannot be parsed)", "fix the address"), False
    code = _errno(exc)
    if code == errno.ECONNREFUSED:
        return Outcome(Kind.UNVERIFIED, "connection refused", "check it in a browser; the server may be down"), False
    if code in _UNREACHABLE:
        return (
            Outcome(Kind.UNVERIFIED, "network unreachable", "check the network connection and try again", offline=True),
            False,
        )
    if code in _RESETS or _has(exc, http.client.RemoteDisconnected) or _has(exc, ProtocolError):
        return (
            Outcome(
                Kind.UNVERIFIED,
                f"connection reset{_after(attempts)}",
                "check it in a browser; the server may be down or dropping bots",
            ),
            True,
        )
    return Outcome(Kind.UNVERIFIED, f"{type(exc).__name__}: {_root_message(exc)}", "check it in a browser"), False


def _tls_reason(exc: BaseException) -> str:
    """OpenSSL's reason code (``WRONG_VERSION_NUMBER``…) for a TLS failure, else ``""``."""
    for item in _chain(exc):
        if isinstance(item, ssl.SSLError) and item.reason:
            return str(item.reason)
    return ""


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception it wraps (causes, contexts, urllib3 reasons, args)."""
    seen: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or any(item is s for s in seen):
            continue
        seen.append(item)
        todo.extend([item.__cause__, item.__context__, getattr(item, "reason", None), *item.args])
    return seen


def _errno(exc: BaseException) -> int | None:
    for item in _chain(exc):
        if isinstance(item, OSError) and item.errno is not None:
            return item.errno
    return None


def _has(exc: BaseException, kind: type[BaseException]) -> bool:
    return any(isinstance(item, kind) for item in _chain(exc))


def _root_message(exc: BaseException) -> str:
    """The most specific message: an ``ssl`` error's if there is one, else the innermost."""
    chain = _chain(exc)
    specific: list[BaseException] = [item for item in chain if isinstance(item, ssl.SSLError)] or chain[::-1]
    for item in specific:
        text = getattr(item, "verify_message", None) or str(item)
        if isinstance(item, ssl.SSLError) and item.reason and not getattr(item, "verify_message", None):
            text = item.reason.replace("_", " ").lower()
        if text:
            return str(text).splitlines()[0][:200]
    return type(exc).__name__
