"""Fixtures for the URL checker: loopback servers only, and a fake resolver.

No test here touches the internet or a real DNS server: every check runs
with ``fake_resolver``, which knows the names a test gives it, answers
``EAI_NONAME`` for anything else (so ``*.invalid`` fails instantly), and
records each lookup.
"""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from eduforge.external import ExternalReport, ExternalSettings, UrlUse, check_urls
from eduforge.external.settings import parse_networks


class FakeResolver:
    """``resolver(host, port)`` from a dict; unknown names do not exist."""

    def __init__(self) -> None:
        self.names: dict[str, list[str] | Callable[[], list[str]] | BaseException] = {}
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, host: str, port: int) -> list[str]:
        with self._lock:
            self.calls.append(host)
        answer = self.names.get(host)
        if answer is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if isinstance(answer, BaseException):
            raise answer
        if callable(answer):
            return answer()
        return list(answer)


@pytest.fixture(autouse=True)
def no_real_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that would ask the system resolver about a name."""
    original = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        text = host.decode() if isinstance(host, bytes) else str(host)
        try:
            ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
        except ValueError:
            raise AssertionError(f"a test tried to resolve {text!r} with the system resolver") from None
        return original(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture
def fake_resolver() -> FakeResolver:
    return FakeResolver()


@pytest.fixture
def settings(fake_resolver: FakeResolver, tmp_path: Path) -> ExternalSettings:
    """Test settings: 127.0.0.1 allowed, no cache, short timeouts and backoff."""
    return ExternalSettings(
        enabled=True,
        timeout=2.0,
        backoff=0.01,
        allowed_networks=parse_networks(["127.0.0.1"]),
        cache=False,
        cache_dir=tmp_path / "cache",
        resolver=fake_resolver,
    )


@pytest.fixture
def check_uses(settings: ExternalSettings) -> Callable[..., ExternalReport]:
    """``check_uses(uses, **setting_overrides)``: ``check_urls`` with a network assumed present."""

    def _check(uses: list[UrlUse], **overrides: Any) -> ExternalReport:
        chosen = dataclasses.replace(settings, **overrides) if overrides else settings
        return check_urls(uses, chosen, has_route=lambda: True)

    return _check


@pytest.fixture
def check(check_uses: Callable[..., ExternalReport]) -> Callable[..., ExternalReport]:
    """``check(*urls, **setting_overrides)``: one use per URL, at lines 1, 2, … column 5."""

    def _check(*urls: str, **overrides: Any) -> ExternalReport:
        return check_uses([UrlUse(u, "docs/page.md", index + 1, 5) for index, u in enumerate(urls)], **overrides)

    return _check


@pytest.fixture(scope="session")
def _web_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def web(_web_server: HTTPServer) -> Iterator[HTTPServer]:
    """A threaded pytest-httpserver on 127.0.0.1, cleared for each test."""
    _web_server.clear()
    yield _web_server
    _web_server.clear()


@pytest.fixture
def web_url(web: HTTPServer) -> Callable[..., str]:
    """``web_url(path, host="127.0.0.1")``: a URL on the ``web`` server."""

    def _url(path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{web.port}{path}"

    return _url


# ------------------------------------------------------------ counting server


@dataclasses.dataclass
class Counter:
    """What a :class:`CountingServer` saw."""

    delay: float = 0.1
    in_flight: int = 0
    peak: int = 0
    per_host: dict[str, int] = dataclasses.field(default_factory=dict)
    peak_per_host: dict[str, int] = dataclasses.field(default_factory=dict)
    requests: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)  # (method, host, path)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)


class CountingServer:
    """A threaded loopback server that answers 200 after ``delay`` and counts concurrency."""

    def __init__(self, delay: float = 0.1) -> None:
        counter = self.counter = Counter(delay=delay)

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
                with counter.lock:
                    counter.requests.append((self.command, host, self.path))
                    counter.in_flight += 1
                    counter.peak = max(counter.peak, counter.in_flight)
                    counter.per_host[host] = counter.per_host.get(host, 0) + 1
                    counter.peak_per_host[host] = max(counter.peak_per_host.get(host, 0), counter.per_host[host])
                try:
                    time.sleep(counter.delay)
                finally:
                    with counter.lock:
                        counter.in_flight -= 1
                        counter.per_host[host] -= 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_HEAD = _serve
            do_GET = _serve

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------ raw TCP helpers


class ResetServer:
    """Accepts connections and resets them (RST) at once; counts connections."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            with contextlib.suppress(OSError):
                conn.recv(4096)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def refused_port() -> int:
    """A port nothing listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def reset_server() -> Iterator[ResetServer]:
    server = ResetServer()
    yield server
    server.close()


@pytest.fixture
def counting_server() -> Iterator[Callable[[float], CountingServer]]:
    """``counting_server(delay)``: a started :class:`CountingServer`, stopped after the test."""
    started: list[CountingServer] = []

    def _start(delay: float = 0.1) -> CountingServer:
        server = CountingServer(delay).__enter__()
        started.append(server)
        return server

    yield _start
    for server in started:
        server.__exit__(None, None, None)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every address urllib3 opens a TCP connection to, in order."""
    import urllib3.util.connection as connection

    seen: list[tuple[str, int]] = []
    original = connection.create_connection

    def spy(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        seen.append((str(ipaddress.ip_address(address[0].strip("[]"))), address[1]))
        return original(address, *args, **kwargs)

    monkeypatch.setattr(connection, "create_connection", spy)
    return seen
