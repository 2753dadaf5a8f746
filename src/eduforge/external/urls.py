"""URL normalization: the key a URL is fetched, merged and cached under."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urldefrag, urlsplit

_HOST_NAME = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)(\.(?!-)[a-z0-9_-]{1,63}(?<!-))*\.?", re.IGNORECASE)


# An http(s) URL already in the form requests sends: lowercase scheme and
# host, ASCII only, nothing to percent-encode.  Such a URL is its own key,
# which skips the (comparatively slow) general path for the common case.
_CANONICAL = re.compile(
    r"(https?)://"
    r"((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)"
    r"(?::(\d{1,5}))?"
    r"(/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*)?"
    r"(\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?"
)


class InvalidUrl(ValueError):
    """The URL cannot be fetched as written; the message says why."""


def normalize(url: str) -> tuple[str, str]:
    """Return ``(key, host)`` for an http(s) URL, or raise :class:`InvalidUrl`.

    The key drops the fragment, encodes an internationalized host name with
    IDNA and percent-encodes what needs it, the way requests sends it; two
    spellings of the same address share one key.  ``host`` is the lowercase
    host name (or IP address) the per-host cap counts.
    """
    base = urldefrag(url.strip())[0]
    fast = _CANONICAL.fullmatch(base)
    if fast and (fast.group(3) is None or 0 < int(fast.group(3)) <= 65535) and len(fast.group(2)) <= 253:
        if fast.group(4) is None:  # requests sends "/" for an empty path
            authority_end = fast.end(3) if fast.group(3) is not None else fast.end(2)
            base = f"{base[:authority_end]}/{base[authority_end:]}"
        return base, fast.group(2)
    try:
        written = urlsplit(base)
    except ValueError:
        raise InvalidUrl("cannot be parsed") from None
    if written.scheme.lower() not in ("http", "https"):
        raise InvalidUrl(f"only http and https URLs can be checked, not {written.scheme or 'a relative address'!r}")
    _check_port(written.netloc)
    if not written.hostname:
        raise InvalidUrl("no host name")
    if written.hostname.isascii() and not _valid_host(written.hostname):
        raise InvalidUrl(f"bad host name {written.hostname!r}")
    import requests  # only here, for URLs not already in the form requests sends (IDNA, percent-encoding)
    from urllib3.exceptions import LocationParseError

    prepared = requests.models.PreparedRequest()
    try:
        prepared.prepare_url(base, None)
    except (requests.RequestException, LocationParseError, UnicodeError, ValueError) as exc:
        raise InvalidUrl(_reason(exc, written.hostname)) from None
    key = prepared.url or base
    host = urlsplit(key).hostname or ""
    if not _valid_host(host):
        raise InvalidUrl(f"bad host name {written.hostname!r}")
    return key, host


def _check_port(netloc: str) -> None:
    """Raise :class:`InvalidUrl` for a port that is not a number from 1 to 65535 (eduforge's words)."""
    authority = netloc.rpartition("@")[2]
    if authority.startswith("["):
        _, _, rest = authority.partition("]")
        port = rest[1:] if rest.startswith(":") else None
    else:
        port = authority.rpartition(":")[2] if ":" in authority else None
    if not port:
        return
    if not port.isascii() or not port.isdigit():
        raise InvalidUrl(f"Port could not be cast to integer value as {port!r}")
    if int(port) == 0:
        raise InvalidUrl("port 0 cannot be connected to; use a port from 1 to 65535")
    if int(port) > 65535:
        raise InvalidUrl("Port out of range 0-65535")


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return True
    except ValueError:
        return len(host) <= 253 and _HOST_NAME.fullmatch(host) is not None


def _reason(exc: Exception, host: str) -> str:
    text = str(exc)
    if "label" in text.lower() or isinstance(exc, UnicodeError):
        return f"bad host name {host!r}"
    return "cannot be parsed"
