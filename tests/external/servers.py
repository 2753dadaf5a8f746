"""A loopback web that behaves like real sites: keep-alive, redirects, and misbehaviour.

:class:`Web` serves HTTP/1.1 with persistent connections on several loopback
addresses (``127.0.0.1`` … ``127.0.0.n``, one port), optionally over TLS.
It counts connections, requests in flight (globally and per host, only while
their client is still connected: see :meth:`Web.pause`) and every request, so
tests can assert what went over the wire.  The routes, the same
on every host::

    /ok                 200
    /docs               301 → /docs/ (same host), which is 200
    /to-404             302 → /gone, which is 404 (every unknown path is 404)
    /loop/a, /loop/b    302 to each other
    /no-head            HEAD 405, GET 200
    /head-hangs         HEAD never answered, GET 200
    /head-drops         HEAD: connection closed without an answer, GET 200
    /head-limited       HEAD 429 with Retry-After: 1, GET 200
    /head-lies          HEAD 200, GET 404
    /limited            the first GET of each URL (query included) 429 with Retry-After: 1, then 200
    /chunked            200 with a small chunked body (no Content-Length)
    /stream             200, no length, not chunked: a body sent slowly until the connection ends
    /gzip.html          the anchors page gzip-encoded, to a client that accepts gzip
    /gzip-huge.html     6 MB of HTML without anchors, gzip-encoded (6 kB sent)
    /dribble            the answer's head sent a byte every 0.1 s
    /slow-body          HEAD 405; GET: head at once, a 50 kB body at 1 kB/s
    /big                HEAD 405; GET: 200 with a 20 MB body
    /huge.html          200 with a 20 MB HTML body (no anchors)
    /slow               200 after 50 ms
    /to-2               302 → /no-head on 127.0.0.2
    /embed              200 for exactly ``?a=1&b=2``, else 404
    /wiki/Mercury_(planet)  200 (and /wiki/Mercury_ is 404)
    /anchors.html       an HTML page with id="intro" and <a name="old-name">
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import select
import socket
import ssl
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ANCHORS_PAGE = (
    b"<!doctype html><html><head><title>Anchors</title></head><body>"
    b'<h1 id="intro">Intro</h1><p><a name="old-name">old</a></p><h2 id=\'second\'>Second</h2>'
    b"</body></html>"
)


@dataclasses.dataclass
class Hit:
    method: str
    host: str
    path: str
    connection: int
    at: float


class Web:
    """``Web(hosts=3, tls=None)``: start it with ``with Web() as web:``; URLs from :meth:`url`."""

    def __init__(self, hosts: int = 3, tls: ssl.SSLContext | None = None) -> None:
        self.hosts = hosts
        self.scheme = "https" if tls else "http"
        self.lock = threading.Lock()
        self.hits: list[Hit] = []
        self.connections = 0
        self.open_now = 0
        self.peak_open = 0  # connections open at once
        self.in_flight = 0
        self.peak = 0
        self.per_host: dict[str, int] = {}
        self.peak_per_host: dict[str, int] = {}
        self.body_bytes_sent = 0
        self.limited: set[str] = set()  # the /limited URLs already answered 429
        self.closing = threading.Event()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with web.lock:
                    web.connections += 1
                    self.number = web.connections
                    web.open_now += 1
                    web.peak_open = max(web.peak_open, web.open_now)

            def finish(self) -> None:
                with contextlib.suppress(OSError):
                    super().finish()
                with web.lock:
                    web.open_now -= 1

            def handle_one_request(self) -> None:
                with contextlib.suppress(OSError, ssl.SSLError):
                    super().handle_one_request()

            def do_HEAD(self) -> None:
                web._serve(self)

            def do_GET(self) -> None:
                web._serve(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.servers: list[ThreadingHTTPServer] = []
        port = 0
        for index in range(1, hosts + 1):
            server = _Server((f"127.0.0.{index}", port), Handler, tls)
            port = server.server_address[1]
            self.servers.append(server)
        self.port = port
        self.threads = [threading.Thread(target=s.serve_forever, args=(0.05,), daemon=True) for s in self.servers]

    def url(self, path: str, host: str | int = 1) -> str:
        """``url("/ok", 2)`` → ``http://127.0.0.2:<port>/ok``; a name as ``host`` is used as is."""
        name = f"127.0.0.{host}" if isinstance(host, int) else host
        return f"{self.scheme}://{name}:{self.port}{path}"

    def requests(self) -> list[tuple[str, str]]:
        """``(method, path)`` of every request, in arrival order."""
        with self.lock:
            return [(hit.method, hit.path) for hit in self.hits]

    def __enter__(self) -> Web:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.closing.set()
        for server in self.servers:
            server.shutdown()
            server.server_close()

    # ------------------------------------------------------------ serving

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        host = (h.headers.get("Host") or "").rsplit(":", 1)[0]
        path = h.path.split("?", 1)[0]
        with self.lock:
            self.hits.append(Hit(h.command, host, h.path, getattr(h, "number", 0), time.monotonic()))
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            self.per_host[host] = self.per_host.get(host, 0) + 1
            self.peak_per_host[host] = max(self.peak_per_host.get(host, 0), self.per_host[host])
        h.counted = host  # type: ignore[attr-defined]
        try:
            ROUTES.get(path, _not_found)(self, h)
        finally:
            self._uncount(h)

    def _uncount(self, h: BaseHTTPRequestHandler) -> None:
        """The request stops counting as in flight: answered, or its client hung up (once)."""
        with self.lock:
            host = getattr(h, "counted", None)
            if host is not None:
                h.counted = None  # type: ignore[attr-defined]
                self.in_flight -= 1
                self.per_host[host] -= 1

    def pause(self, h: BaseHTTPRequestHandler, seconds: float) -> bool:
        """Wait ``seconds`` while watching the client: ``False`` (and no longer in flight) once it hangs up.

        Caps are counted at the server only for clients still connected: a client that gave up
        on a slow answer (its deadline passed) and connected again is not two requests in flight.
        """
        deadline = time.monotonic() + seconds
        sock = h.connection
        while (left := deadline - time.monotonic()) > 0 and not self.closing.is_set():
            readable, _, _ = select.select([sock], [], [], min(left, 0.05))
            if readable and _hung_up(sock):
                self._uncount(h)
                return False
        return not self.closing.is_set()


def _hung_up(sock: socket.socket) -> bool:
    """Whether the peer closed ``sock`` (readable with nothing to read, or reset)."""
    try:
        if isinstance(sock, ssl.SSLSocket):
            return socket.socket.recv(sock, 1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: Any, tls: ssl.SSLContext | None) -> None:
        self.tls = tls
        super().__init__(address, handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = super().get_request()
        if self.tls is not None:  # the handshake happens in the handler's thread, on first read
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address


def reply(h: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
    """An answer with ``Content-Length`` (a HEAD answer gets the length but not the body)."""
    h.send_response(status)
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    if h.command != "HEAD" and body:
        h.wfile.write(body)


def _not_found(web: Web, h: BaseHTTPRequestHandler) -> None:
    reply(h, 404, b"not found")


def _redirect(to: str, status: int = 302) -> Callable[[Web, BaseHTTPRequestHandler], None]:
    return lambda web, h: reply(h, status, b"moved", {"Location": to})


def _get_only(answer: Callable[[Web, BaseHTTPRequestHandler], None]) -> Callable[[Web, BaseHTTPRequestHandler], None]:
    def serve(web: Web, h: BaseHTTPRequestHandler) -> None:
        if h.command == "HEAD":
            reply(h, 405, headers={"Allow": "GET"})
        else:
            answer(web, h)

    return serve


def _head_hangs(web: Web, h: BaseHTTPRequestHandler) -> None:
    if h.command == "HEAD":
        web.pause(h, 30)
        h.close_connection = True
    else:
        reply(h, 200, b"fine")


def _head_drops(web: Web, h: BaseHTTPRequestHandler) -> None:
    if h.command == "HEAD":
        h.close_connection = True  # no answer at all: the connection just ends
    else:
        reply(h, 200, b"fine")


def _head_limited(web: Web, h: BaseHTTPRequestHandler) -> None:
    if h.command == "HEAD":
        reply(h, 429, headers={"Retry-After": "1"})
    else:
        reply(h, 200, b"fine")


def _head_lies(web: Web, h: BaseHTTPRequestHandler) -> None:
    reply(h, 200 if h.command == "HEAD" else 404, b"" if h.command == "HEAD" else b"gone")


_HUGE_GZIP = gzip.compress(b"<p>" + b"x" * 6_000_000 + b"</p>")


def _limited(web: Web, h: BaseHTTPRequestHandler) -> None:
    with web.lock:
        first = h.path not in web.limited
        web.limited.add(h.path)
    if first:
        reply(h, 429, b"slow down", {"Retry-After": "1"})
    else:
        reply(h, 200, b"fine")


def _chunked(web: Web, h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    if h.command != "HEAD":
        for part in (b"<p>", b"x" * 3000, b"</p>"):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
        h.wfile.write(b"0\r\n\r\n")


def _stream(web: Web, h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "audio/mpeg")
    h.end_headers()
    h.close_connection = True
    for _ in range(100):
        if not web.pause(h, 0.1):
            return
        h.wfile.write(b"x" * 1000)
        h.wfile.flush()


def _dribble(web: Web, h: BaseHTTPRequestHandler) -> None:
    answer = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"x" * 80 + b"\r\nContent-Length: 2\r\n\r\nok"
    )
    h.close_connection = True
    for byte in answer:
        if not web.pause(h, 0.1):
            return
        h.wfile.write(bytes([byte]))
        h.wfile.flush()


def _slow_body(web: Web, h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", "50000")
    h.end_headers()
    h.close_connection = True
    for _ in range(50):
        h.wfile.write(b"x" * 1000)
        h.wfile.flush()
        if not web.pause(h, 1.0):
            return


def _big(web: Web, h: BaseHTTPRequestHandler, kind: str = "application/pdf") -> None:
    size, chunk = 20_000_000, b"<p>" + b"x" * 65530 + b"</p>"
    h.send_response(200)
    h.send_header("Content-Type", kind)
    h.send_header("Content-Length", str(size))
    h.end_headers()
    h.close_connection = True
    sent = 0
    while sent < size:
        h.wfile.write(chunk)
        sent += len(chunk)
        with web.lock:
            web.body_bytes_sent += len(chunk)


def _slow(web: Web, h: BaseHTTPRequestHandler) -> None:
    web.pause(h, 0.05)
    reply(h, 200, b"fine")


ROUTES: dict[str, Callable[[Web, BaseHTTPRequestHandler], None]] = {
    "/ok": lambda web, h: reply(h, 200, b"fine"),
    "/docs": _redirect("/docs/", 301),
    "/docs/": lambda web, h: reply(h, 200, b"the docs"),
    "/to-404": _redirect("/gone"),
    "/loop/a": _redirect("/loop/b"),
    "/loop/b": _redirect("/loop/a"),
    "/no-head": _get_only(lambda web, h: reply(h, 200, b"fine")),
    "/head-hangs": _head_hangs,
    "/head-drops": _head_drops,
    "/head-limited": _head_limited,
    "/head-lies": _head_lies,
    "/limited": _limited,
    "/chunked": _chunked,
    "/stream": _stream,
    "/gzip-huge.html": lambda web, h: reply(
        h, 200, _HUGE_GZIP, {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    ),
    "/gzip.html": lambda web, h: (
        reply(h, 200, gzip.compress(ANCHORS_PAGE), {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        if "gzip" in (h.headers.get("Accept-Encoding") or "")
        else reply(h, 406, b"gzip only")
    ),
    "/dribble": _dribble,
    "/slow-body": _get_only(_slow_body),
    "/big": _get_only(_big),
    "/huge.html": lambda web, h: _big(web, h, "text/html"),
    "/slow": _slow,
    "/embed": lambda web, h: reply(h, 200 if h.path == "/embed?a=1&b=2" else 404, b"video"),
    "/wiki/Mercury_(planet)": lambda web, h: reply(h, 200, b"planet"),
    "/to-2": lambda web, h: reply(h, 302, b"moved", {"Location": web.url("/no-head", 2)}),
    "/anchors.html": lambda web, h: reply(h, 200, ANCHORS_PAGE, {"Content-Type": "text/html; charset=utf-8"}),
}
