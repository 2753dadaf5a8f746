"""The checker's reader of answer heads gives the standard library's messages, faster."""

from __future__ import annotations

import email.parser
import http.client
import io

import pytest

from eduforge.external.transport import parse_headers

HEADS = [
    b"Content-Type: text/html\r\nContent-Length: 2\r\n\r\n",
    b"Location: /docs/\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2\r\nX-Empty:\r\nX-Spaces:   \t v  \r\n\r\n",
    b"Server: caf\xe9\r\nX-Colons: a:b:c\r\n\r\n",  # Latin-1, colons in the value
    b"Lf-Only: yes\nOther: 1\n\n",
    b"Folded: one\r\n  two\r\nAfter: 3\r\n\r\n",  # obsolete line folding: the standard parser
    b"Bad Name: x\r\nOk: 1\r\n\r\n",  # a space in the name: the rest is "body"
    b": no name\r\nOk: 1\r\n\r\n",
    b"No colon here\r\nOk: 1\r\n\r\n",
    b"Stray: a\rb\r\n\r\n",
    b"Content-Type: multipart/mixed; boundary=x\r\n\r\n",
    b"Content-Type: message/rfc822\r\n\r\n",
    b"Ends-Without-Blank-Line: 1\r\n",
    b"\r\n",
]


def _standard(head: bytes) -> http.client.HTTPMessage:
    lines = http.client._read_headers(io.BufferedReader(io.BytesIO(head)))  # type: ignore[attr-defined]
    return email.parser.Parser(_class=http.client.HTTPMessage).parsestr(b"".join(lines).decode("iso-8859-1"))


def _payload(message: http.client.HTTPMessage) -> object:
    payload = message.get_payload()
    return [part.items() for part in payload] if isinstance(payload, list) else payload


@pytest.mark.parametrize("head", HEADS)
def test_the_same_message_as_the_standard_parser(head):
    fast = parse_headers(io.BufferedReader(io.BytesIO(head + b"the body")))
    standard = _standard(head + b"the body")
    assert type(fast) is http.client.HTTPMessage
    assert fast.items() == standard.items()
    assert [type(d) for d in fast.defects] == [type(d) for d in standard.defects]
    assert _payload(fast) == _payload(standard)
    assert fast.get_content_type() == standard.get_content_type()


def test_the_body_is_left_unread():
    stream = io.BufferedReader(io.BytesIO(b"A: 1\r\n\r\nthe body"))
    parse_headers(stream)
    assert stream.read() == b"the body"
