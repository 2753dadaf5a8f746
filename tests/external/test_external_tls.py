"""HTTPS through pinned connections: the certificate is still checked against the host name."""

from __future__ import annotations

import datetime
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pytest_httpserver import HTTPServer
from servers import Web


def _certificates(folder: Path, name: str) -> tuple[Path, Path, Path]:
    """A test CA and a server certificate for ``name``, signed by it."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "eduforge test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return ca_file, cert_file, key_file


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HTTPServer, Path]]:
    folder = tmp_path_factory.mktemp("tls")
    ca_file, cert_file, key_file = _certificates(folder, "secure.example")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context, threaded=True)
    server.expect_request("/").respond_with_data("secure")
    server.start()
    yield server, ca_file
    server.stop()


def test_pinned_https_verifies_the_certificate_for_the_name(tls_server, check, fake_resolver, monkeypatch, connections):
    server, ca_file = tls_server
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    fake_resolver.names["secure.example"] = ["127.0.0.1"]
    report = check(f"https://secure.example:{server.port}/")
    assert report.problems == []
    assert connections == [("127.0.0.1", server.port)]


def test_a_certificate_for_another_name_could_not_be_verified(tls_server, check, fake_resolver, monkeypatch):
    server, ca_file = tls_server
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    fake_resolver.names["other.example"] = ["127.0.0.1"]
    u = f"https://other.example:{server.port}/"
    [problem] = check(u).problems
    assert problem.rule == "external-unverified"
    assert problem.message.startswith(f"could not verify {u} (TLS error: ")
    assert "Hostname mismatch" in problem.message, problem.message
    assert problem.message.endswith("); check it in a browser; the site's certificate may be invalid or expired")


def test_an_unknown_certificate_authority_could_not_be_verified(tls_server, check, fake_resolver, monkeypatch):
    server, _ = tls_server
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    fake_resolver.names["secure.example"] = ["127.0.0.1"]
    [problem] = check(f"https://secure.example:{server.port}/").problems
    assert "(TLS error: unable to get local issuer certificate)" in problem.message


@pytest.fixture(scope="module")
def tls_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Web, Path]]:
    """The realistic loopback web (keep-alive, redirects) over TLS, for the name ``secure.example``."""
    folder = tmp_path_factory.mktemp("tls-web")
    ca_file, cert_file, key_file = _certificates(folder, "secure.example")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    with Web(hosts=1, tls=context) as web:
        yield web, ca_file


def test_https_same_host_redirects_reuse_one_connection(tls_web, check, fake_resolver, monkeypatch):
    web, ca_file = tls_web
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    fake_resolver.names["secure.example"] = ["127.0.0.1"]
    before = web.connections
    urls = [web.url(f"/docs?{i}", host="secure.example") for i in range(5)]
    assert check(*urls, max_concurrency=1, per_host=1).problems == []
    assert web.connections - before == 1  # one TLS handshake for ten exchanges


def test_ssl_cert_file_is_honoured(tls_web, check, fake_resolver, monkeypatch):
    web, ca_file = tls_web
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    fake_resolver.names["secure.example"] = ["127.0.0.1"]
    u = web.url("/ok", host="secure.example")
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    [problem] = check(u).problems  # without it, the test CA is unknown
    assert problem.message == (
        f"could not verify {u} (TLS error: unable to get local issuer certificate); "
        "check it in a browser; the site's certificate may be invalid or expired"
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    assert check(u).problems == []
