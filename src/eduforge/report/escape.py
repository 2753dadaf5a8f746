"""Text from the content made harmless for terminals and CI logs.

Messages quote keys, links and paths as written, and YAML escapes let a page
put ESC, CR, BEL or newlines in them: raw, they recolour or erase lines of a
terminal, or forge GitHub workflow commands.  :func:`visible` shows every
control character as a Python-style escape (``\\x1b``, ``\\r``, ``\\n``), and
so the bidirectional overrides (``\\u202e``) that reorder what a reader sees,
the line and paragraph separators, and lone surrogates (file names that are not
UTF-8), which a UTF-8 stream could not even write.
"""

from __future__ import annotations

import re

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with control and invisible formatting characters escaped (except those in ``keep``)."""
    if text.isprintable() and text.isascii():
        return text
    if keep:
        return _INVISIBLE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _INVISIBLE.sub(_escape, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def unicode_safe(text: str) -> str:
    """``text`` writable as UTF-8: a lone surrogate (from a file name that is not UTF-8) becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if not text.isascii() else text
