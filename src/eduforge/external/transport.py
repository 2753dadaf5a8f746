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

from collections.abc import Callable
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.models import PreparedRequest, Response
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

#: ``lookup(host)`` returns the checked addresses of ``host``, or ``None``.
Lookup = Callable[[str], "tuple[str, ...] | None"]
Pools = tuple[type[HTTPConnectionPool], type[HTTPSConnectionPool]]

ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class PinnedAdapter(HTTPAdapter):
    """An HTTPAdapter whose direct connections use only checked addresses."""

    def __init__(self, lookup: Lookup, *, pools: Pools | None = None, **kwargs: Any) -> None:
        self._pools = pools or pinned_pools(lookup)
        super().__init__(**kwargs)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        http_pool, https_pool = self._pools
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}

    def request_url(self, request: PreparedRequest, proxies: Any) -> str:
        if proxies:
            return str(super().request_url(request, proxies))
        url = request.path_url  # what requests sends without a proxy, minus two URL parses
        return f"/{url.lstrip('/')}" if url.startswith("//") else url

    def build_response(self, req: PreparedRequest, resp: Any) -> Response:
        """requests' ``build_response`` without filling ``response.cookies``.

        The fetcher keeps cookies per redirect chain itself (from
        ``response.raw``); parsing them into a jar for every answer is CPU
        the checker does not need.
        """
        response = Response()
        response.status_code = resp.status
        response.headers = CaseInsensitiveDict(resp.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url.decode("utf-8") if isinstance(req.url, bytes) else (req.url or "")
        response.request = req
        response.connection = self
        return response

    def __setstate__(self, state: dict[str, Any]) -> None:  # pragma: no cover - pickling is not used
        raise TypeError("PinnedAdapter cannot be unpickled")


def make_session(lookup: Lookup, user_agent: str, pool_size: int = 4, pools: Pools | None = None) -> requests.Session:
    """A session for one worker thread: pinned connections, no urllib3 retries.

    ``pools`` (from :func:`pinned_pools`) can be shared by the sessions of
    one run, to build the connection classes once.

    ``trust_env`` is off: the fetcher reads proxies and the CA bundle from
    the environment once per run instead of on every request, and never
    sends netrc credentials to the sites it checks.
    """
    session = requests.Session()
    session.trust_env = False
    adapter = PinnedAdapter(lookup, pools=pools, pool_connections=32, pool_maxsize=pool_size, max_retries=0)
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
                    return base._new_conn(self)
                except (NewConnectionError, ConnectTimeoutError) as exc:
                    last = exc
        finally:
            self._dns_host = original
        assert last is not None
        raise last

    class PinnedHTTPConnection(HTTPConnection):
        def _new_conn(self) -> Any:
            return new_conn(self, HTTPConnection)

    class PinnedHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> Any:
            return new_conn(self, HTTPSConnection)

    class PinnedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = PinnedHTTPConnection

    class PinnedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = PinnedHTTPSConnection

    return PinnedHTTPConnectionPool, PinnedHTTPSConnectionPool


__all__ = ["PinnedAdapter", "make_session"]
