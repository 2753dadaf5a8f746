"""Behind an HTTP(S) proxy without local DNS (school and corporate networks): the proxy resolves names."""

from __future__ import annotations

import dataclasses
import http.client
import select
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from servers import Web
from test_external_tls import _certificates

from eduforge.external import UrlUse, check_urls


class ForwardProxy:
    """A loopback forward proxy with its own name table: absolute-URI HEAD/GET, and CONNECT tunnels."""

    def __init__(self, names: dict[str, str]) -> None:
        self.seen: list[tuple[str, str]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                parts = urlsplit(self.path)
                proxy.seen.append((self.command, self.path))
                address = names.get(parts.hostname or "")
                if address is None:
                    self.send_error(502, "unknown host")
                    return
                upstream = http.client.HTTPConnection(address, parts.port or 80, timeout=5)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection",)}
                upstream.request(self.command, parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
                answer = upstream.getresponse()
                body = answer.read()
                self.send_response(answer.status, answer.reason)
                for name, value in answer.getheaders():
                    if name.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body) if self.command != "HEAD" else 0))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                upstream.close()

            do_GET = _forward
            do_HEAD = _forward

            def do_CONNECT(self) -> None:
                host, _, port = self.path.rpartition(":")
                proxy.seen.append(("CONNECT", self.path))
                address = names.get(host)
                if address is None:
                    self.send_error(502, "unknown host")
                    return
                upstream = socket.create_connection((address, int(port)), timeout=5)
                self.send_response(200, "Connection established")
                self.end_headers()
                self.close_connection = True
                sockets = [self.connection, upstream]
                while True:
                    ready, _, _ = select.select(sockets, [], [], 5)
                    if not ready:
                        break
                    for sock in ready:
                        data = sock.recv(65536)
                        if not data:
                            upstream.close()
                            return
                        (upstream if sock is self.connection else self.connection).sendall(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def web() -> Iterator[Web]:
    with Web(hosts=1) as web:
        yield web


@pytest.fixture
def no_local_dns(settings):
    """Settings whose resolver knows nothing, on a machine without a default route."""

    def nothing(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    return dataclasses.replace(settings, resolver=nothing, allowed_networks=())


def test_the_proxy_resolves_names_when_there_is_no_local_dns(web, no_local_dns, monkeypatch):
    proxy = ForwardProxy({"site.example": "127.0.0.1"})
    try:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        monkeypatch.setenv("NO_PROXY", "")
        uses = [
            UrlUse(f"http://site.example:{web.port}/docs", "docs/a.md", 1, 1),
            UrlUse(f"http://site.example:{web.port}/to-404", "docs/a.md", 2, 1),
        ]
        report = check_urls(uses, no_local_dns, has_route=lambda: False)
    finally:
        proxy.close()
    assert [p.message for p in report.problems] == [
        f"http://site.example:{web.port}/to-404 redirects to http://site.example:{web.port}/gone, "
        "which returned 404 Not Found; fix or remove the link"
    ]
    assert report.notes == [
        f"external URLs go through the proxy http://127.0.0.1:{proxy.port}: it resolves host names, "
        "so the private-address guard checks only URLs with a literal IP address"
    ]
    assert ("GET", f"http://site.example:{web.port}/docs/") in proxy.seen


def test_https_through_a_connect_tunnel(no_local_dns, monkeypatch, tmp_path: Path):
    ca_file, cert_file, key_file = _certificates(tmp_path, "secure.example")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    proxy = ForwardProxy({"secure.example": "127.0.0.1"})
    with Web(hosts=1, tls=context) as web:
        try:
            monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
            monkeypatch.setenv("NO_PROXY", "")
            monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
            report = check_urls([UrlUse(web.url("/ok", host="secure.example"), "a.md", 1, 1)], no_local_dns)
        finally:
            proxy.close()
    assert report.problems == []
    assert proxy.seen[0] == ("CONNECT", f"secure.example:{web.port}")


def test_a_literal_private_address_is_refused_even_through_a_proxy(no_local_dns, monkeypatch):
    proxy = ForwardProxy({})
    try:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        monkeypatch.setenv("NO_PROXY", "")
        report = check_urls([UrlUse("http://10.1.2.3/admin", "a.md", 1, 1)], no_local_dns)
    finally:
        proxy.close()
    assert report.skipped == [
        ("http://10.1.2.3/admin", "private address 10.1.2.3; not checked (set [external] allow_private to check it)")
    ]
    assert proxy.seen == []
