"""A requests session whose connections go only to addresses the guard checked.

urllib3 resolves a host name again when it opens a connection; a hostile
DNS server could answer the guard with a public address and urllib3 with
``127.0.0.1`` (DNS rebinding).  The connection classes here skip that second
resolution: they connect to the addresses the guard approved, while TLS
still verifies the certificate against the host name (SNI unchanged).

Through a proxy (``HTTPS_PROXY`` and friends) the proxy resolves names, so
pinning does not apply there; the guard's check still does.
"""

from __future__ import annotations

import contextlib
import email.parser
import heapq
import http.client
import itertools
import re
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.models import PreparedRequest, Response
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

#: ``lookup(host)`` returns the checked addresses of ``host``, or ``None``.
Lookup = Callable[[str], "tuple[str, ...] | None"]
Pools = tuple[type[HTTPConnectionPool], type[HTTPSConnectionPool]]

#: Host pools kept open at once; the least recently used is closed beyond (its idle sockets
#: with it), so a run over thousands of hosts does not run out of file descriptors.
MAX_HOST_POOLS = 128

ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

_local = threading.local()  # .exchange: the Exchange the current thread is running, if any


class Exchange:
    """One HTTP exchange under a :class:`Watchdog`: its deadline and the socket it uses.

    A context manager (``with watchdog.exchange(seconds) as exchange:``): the
    deadline runs from entering it; leaving it ends the watch.
    """

    __slots__ = ("_watchdog", "deadline", "done", "expired", "sock")

    def __init__(self, deadline: float, watchdog: Watchdog | None = None) -> None:
        self.deadline = deadline
        self.sock: socket.socket | None = None
        self.expired = False
        self.done = False
        self._watchdog = watchdog

    def __enter__(self) -> Exchange:
        if self._watchdog is not None:
            self._watchdog._watch(self)
        _local.exchange = self
        return self

    def __exit__(self, *exc: object) -> None:
        _local.exchange = None
        if self._watchdog is not None:
            with self._watchdog._lock:  # from here on the socket may serve another exchange: hands off
                self.done = True
        else:
            self.done = True


def _attach(sock: socket.socket | None) -> None:
    """Tell the current thread's exchange (if any) which socket it runs on."""
    exchange: Exchange | None = getattr(_local, "exchange", None)
    if exchange is not None and sock is not None:
        exchange.sock = sock


class Watchdog:
    """A total deadline per HTTP exchange: past it, the exchange's socket is shut down.

    urllib3's timeouts limit each socket operation, so a server that sends
    its answer a byte a second never times out and one tarpit can hold a run
    for hours.  One thread keeps the deadlines in a heap; shutting the socket
    down makes the blocked read in the worker return at once, and
    :attr:`Exchange.expired` tells the worker why.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._heap: list[tuple[float, int, Exchange]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._closed = False

    def exchange(self, seconds: float) -> Exchange:
        """An exchange with a deadline ``seconds`` from when it is entered (a context manager)."""
        return Exchange(seconds, self)

    def _watch(self, exchange: Exchange) -> None:
        exchange.deadline += time.monotonic()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="eduforge-deadlines", daemon=True)
                self._thread.start()
            heapq.heappush(self._heap, (exchange.deadline, next(self._order), exchange))
            if self._heap[0][2] is exchange:
                self._wake.notify()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        with self._lock:
            while not self._closed:
                now = time.monotonic()
                while self._heap and (self._heap[0][2].done or self._heap[0][0] <= now):
                    exchange = heapq.heappop(self._heap)[2]
                    if not exchange.done:
                        exchange.expired = True
                        if exchange.sock is not None:
                            with contextlib.suppress(OSError):  # the plain socket's shutdown, also for TLS
                                socket.socket.shutdown(exchange.sock, socket.SHUT_RDWR)
                self._wake.wait(self._heap[0][0] - now if self._heap else None)


class PinnedAdapter(HTTPAdapter):
    """An HTTPAdapter whose direct connections use only checked addresses."""

    def __init__(self, lookup: Lookup, *, pools: Pools | None = None, **kwargs: Any) -> None:
        self._pools = pools or pinned_pools(lookup)
        self._direct: OrderedDict[tuple[str, Any], Any] = OrderedDict()  # (origin, verify) -> pool, LRU first
        self._direct_lock = threading.Lock()
        super().__init__(**kwargs)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        http_pool, https_pool = self._pools
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}

    def get_connection_with_tls_context(
        self, request: PreparedRequest, verify: Any, proxies: Any = None, cert: Any = None
    ) -> Any:
        """requests' pool lookup, remembered per origin for direct connections.

        requests parses the URL, selects proxies and builds a pool key on
        every request; the checker's URLs are normalized, so the origin is
        the text before the path, and a pool stays valid until the pool
        manager closes it.
        """
        url = request.url or ""
        if proxies or cert or not isinstance(url, str):
            return super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
        key = (url[: url.find("/", url.find("://") + 3)], verify)
        pool = self._direct.get(key)
        if pool is not None and pool.pool is not None:  # a closed pool has no queue
            with contextlib.suppress(KeyError):  # evicted meanwhile: still usable for this request
                self._direct.move_to_end(key)
            return pool
        pool = super().get_connection_with_tls_context(request, verify)
        with self._direct_lock:
            self._direct[key] = pool
            while len(self._direct) > self._pool_connections:  # type: ignore[attr-defined]
                # urllib3 2 drops evicted pools without closing them; this cache would keep
                # them, and their idle sockets, alive: close the least recently used.
                self._direct.popitem(last=False)[1].close()
        return pool

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        """Configure a pool's certificate checking once (requests does it, with a file lookup, per request)."""
        if getattr(conn, "_eduforge_verify", None) != (verify, cert):
            super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]
            conn._eduforge_verify = (verify, cert)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
        return manager

    def request_url(self, request: PreparedRequest, proxies: Any) -> str:
        if proxies:
            return str(super().request_url(request, proxies))
        full = request.url if isinstance(request.url, str) else ""
        start = full.find("/", full.find("://") + 3) if "://" in full else -1
        # A normalized URL's path and query as written: what path_url parses out of it.
        url = request.path_url if start < 0 or "#" in full else full[start:].removesuffix("?")
        return f"/{url.lstrip('/')}" if url.startswith("//") else url

    def build_response(self, req: PreparedRequest, resp: Any) -> Response:
        """requests' ``build_response`` without filling ``response.cookies``.

        The fetcher keeps cookies per redirect chain itself (from
        ``response.raw``); parsing them into a jar for every answer is CPU
        the checker does not need.
        """
        url = req.url.decode("utf-8") if isinstance(req.url, bytes) else (req.url or "")
        return _Answer(resp, url, req, self)

    def __setstate__(self, state: dict[str, Any]) -> None:  # pragma: no cover - pickling is not used
        raise TypeError("PinnedAdapter cannot be unpickled")


class _Answer(Response):
    """A :class:`requests.Response` built without what the checker never reads.

    ``Response()`` makes an empty cookie jar (a lock, a policy object) and a
    headers dict for every answer, about 3 % of the CPU time per URL; the
    headers here are urllib3's (case-insensitive already) and cookies are
    read from ``raw`` per redirect chain.
    """

    def __init__(self, raw: Any, url: str, request: PreparedRequest, adapter: HTTPAdapter) -> None:
        self._content = False  # type: ignore[assignment]  # as requests does: not read yet
        self._content_consumed = False
        self._next = None
        self.status_code = raw.status
        self.headers = raw.headers
        self.raw = raw
        self.url = url
        self.encoding = None
        self.history = []
        self.reason = raw.reason
        self.request = request
        self.connection = adapter


_FIELD_NAME = re.compile(r"[\041-\071\073-\176]+")  # what the email parser takes for a field name
_STDLIB_PARSE_HEADERS = http.client.parse_headers


def parse_headers(fp: Any, _class: type[http.client.HTTPMessage] = http.client.HTTPMessage) -> Any:
    """``http.client.parse_headers`` for the plain case, without the ``email`` package's feed parser.

    http.client reads an answer's head through ``email.parser``, built for whole mail messages: a
    fifth of the checker's CPU time per URL.  A head of plain ``Name: value`` lines makes the same
    message here (same fields, in order, same values, no defects, empty payload); anything else
    (folded lines, a stray CR, a malformed name, a multipart or message type) goes to the
    standard parser on the lines already read, so its result is the standard one.
    """
    lines = http.client._read_headers(fp)  # type: ignore[attr-defined]
    message = _class()
    fields: list[tuple[str, str]] = message._headers  # type: ignore[attr-defined]
    for raw in lines[:-1]:  # the last is the blank line (or the end of the stream) that ends the head
        line = raw.decode("iso-8859-1")
        name, colon, value = line.partition(":")
        if not colon or "\r" in value[:-2] or _FIELD_NAME.fullmatch(name) is None:
            return email.parser.Parser(_class=_class).parsestr(b"".join(lines).decode("iso-8859-1"))
        value = value.lstrip(" \t").rstrip("\r\n")
        if name.lower() == "content-type" and value.lstrip().lower().startswith(("multipart/", "message/")):
            return email.parser.Parser(_class=_class).parsestr(b"".join(lines).decode("iso-8859-1"))
        fields.append((name, value))
    message.set_payload("")
    return message


def use_fast_headers() -> None:
    """Read answers' heads with :func:`parse_headers` (the same messages, made faster) in this process."""
    if hasattr(http.client, "_read_headers"):  # the helper this relies on (Python 3.11 to 3.14)
        http.client.parse_headers = parse_headers  # type: ignore[assignment]


def make_session(
    lookup: Lookup, user_agent: str, pool_size: int = 4, pools: Pools | None = None, hosts: int = 32
) -> requests.Session:
    """A session shared by the worker threads: pinned connections, no urllib3 retries.

    ``pools`` (from :func:`pinned_pools`) builds the connection classes
    once; ``pool_size`` is how many idle connections a host's pool keeps,
    and ``hosts`` how many host pools are kept (more are opened as needed).

    ``trust_env`` is off: the fetcher reads proxies and the CA bundle from
    the environment once per run instead of on every request, and never
    sends netrc credentials to the sites it checks.
    """
    use_fast_headers()
    session = requests.Session()
    session.trust_env = False
    adapter = PinnedAdapter(
        lookup, pools=pools, pool_connections=min(max(hosts, 32), MAX_HOST_POOLS), pool_maxsize=pool_size, max_retries=0
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(
        {
            "User-Agent": user_agent,
            "Accept": ACCEPT,
            "Accept-Language": "*",
        }
    )
    return session


class _WatchedHTTPConnection(HTTPConnection):
    """Reports its socket to the current :class:`Exchange` (new and reused connections)."""

    def _new_conn(self) -> Any:
        sock = super()._new_conn()
        _attach(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _attach(self.sock)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(_WatchedHTTPConnection, HTTPSConnection):
    """The same watch over TLS: the methods above, then HTTPSConnection's (method resolution order)."""


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


def pinned_pools(lookup: Lookup) -> Pools:
    """Connection pool classes that connect only to ``lookup(host)``'s addresses (made once per lookup)."""

    def new_conn(self: HTTPConnection, base: type[HTTPConnection]) -> Any:
        addresses = lookup(self.host)
        if not addresses:
            raise NewConnectionError(self, f"refusing to connect to {self.host}: its address was not checked")
        original = self._dns_host
        last: Exception | None = None
        try:
            for address in addresses:
                self._dns_host = address
                try:
                    sock = base._new_conn(self)
                    _attach(sock)
                    return sock
                except (NewConnectionError, ConnectTimeoutError) as exc:
                    last = exc
        finally:
            self._dns_host = original
        assert last is not None
        raise last

    class PinnedHTTPConnection(_WatchedHTTPConnection):
        def _new_conn(self) -> Any:
            return new_conn(self, HTTPConnection)

    class PinnedHTTPSConnection(_WatchedHTTPSConnection):
        def _new_conn(self) -> Any:
            return new_conn(self, HTTPSConnection)

    class PinnedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = PinnedHTTPConnection

    class PinnedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = PinnedHTTPSConnection

    return PinnedHTTPConnectionPool, PinnedHTTPSConnectionPool


__all__ = ["Exchange", "PinnedAdapter", "Watchdog", "make_session", "pinned_pools"]
