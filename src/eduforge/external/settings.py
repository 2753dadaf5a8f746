"""The ``[external]`` settings: typed defaults and validation of the config table."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eduforge import __version__
from eduforge.config_keys import EXTERNAL_KEYS
from eduforge.errors import ConfigError

#: ``resolver(host, port)`` returns the host's IP addresses as strings, or
#: raises :class:`socket.gaierror` (or another :class:`OSError`).
Resolver = Callable[[str, int], Sequence[str]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_USER_AGENT = f"eduforge/{__version__} (+link checker)"


@dataclass(frozen=True)
class ExternalSettings:
    """How external URLs are checked.  Defaults are those of the docs.

    ``allow_private`` lets every private address through the guard;
    ``allowed_networks`` lets only some through (``allow_private`` in the
    config may be a list of addresses or CIDR blocks).  ``resolver``,
    ``backoff``, ``retry_after_cap`` and ``max_redirects`` are not config
    keys: they exist for tests and embedding.
    """

    enabled: bool = False
    timeout: float = 10.0
    retries: int = 2
    max_concurrency: int = 32
    per_host: int = 4
    accept: frozenset[int] = frozenset()
    exclude: tuple[re.Pattern[str], ...] = ()
    allow_private: bool = False
    allowed_networks: tuple[Network, ...] = ()
    cache: bool = True
    cache_dir: Path = Path(".eduforge-cache")
    cache_max_age: float = 86400.0
    check_fragments: bool = False
    user_agent: str = DEFAULT_USER_AGENT
    max_redirects: int = 10
    backoff: float = 0.5
    retry_after_cap: float = 10.0
    resolver: Resolver | None = field(default=None, compare=False, repr=False)


KEYS = tuple(key.name for key in EXTERNAL_KEYS)  # declared once, with the other config keys

_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def settings_from_table(table: Mapping[str, object], project_root: Path) -> ExternalSettings:
    """Build settings from the ``[external]`` table of ``eduforge.toml``.

    Raises :class:`ConfigError` with a one-line message naming the key and
    what it allows.  ``cache_dir`` is resolved against ``project_root``.
    """
    for key in table:
        if key not in KEYS:
            import difflib  # only for a wrong key's did-you-mean

            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; allowed keys: {', '.join(KEYS)}"
            raise ConfigError(f"external.{key}: unknown key{hint}")

    values: dict[str, object] = {"cache_dir": project_root / ".eduforge-cache"}
    for key in ("enabled", "cache", "check_fragments"):
        if key in table:
            values[key] = _bool(key, table[key])
    if "timeout" in table:
        values["timeout"] = _positive_number("timeout", table["timeout"])
    if "retries" in table:
        values["retries"] = _int("retries", table["retries"], 0, 10)
    if "max_concurrency" in table:
        values["max_concurrency"] = _int("max_concurrency", table["max_concurrency"], 1, 512)
    if "per_host" in table:
        values["per_host"] = _int("per_host", table["per_host"], 1, 64)
    if "accept" in table:
        values["accept"] = _accept(table["accept"])
    if "exclude" in table:
        values["exclude"] = _exclude(table["exclude"])
    if "allow_private" in table:
        values["allow_private"], values["allowed_networks"] = _allow_private(table["allow_private"])
    if "cache_max_age" in table:
        values["cache_max_age"] = _duration("cache_max_age", table["cache_max_age"])
    if "user_agent" in table:
        value = table["user_agent"]
        if not isinstance(value, str) or not value.strip() or any(c in value for c in "\r\n"):
            raise ConfigError(f"external.user_agent: must be a non-empty one-line string (got {_show(value)})")
        values["user_agent"] = value.strip()
    return ExternalSettings(**values)  # type: ignore[arg-type]


def parse_networks(entries: Sequence[str]) -> tuple[Network, ...]:
    """Parse addresses or CIDR blocks (``127.0.0.1``, ``10.0.0.0/8``, ``::1``)."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def _bool(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"external.{key}: must be true or false (got {_show(value)})")
    return value


def _positive_number(key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0 or value == float("inf"):
        raise ConfigError(f"external.{key}: must be a positive number (got {_show(value)})")
    return float(value)


def _int(key: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"external.{key}: must be a whole number from {low} to {high} (got {_show(value)})")
    return value


def _accept(value: object) -> frozenset[int]:
    if not isinstance(value, list):
        raise ConfigError(
            f"external.accept: must be a list of HTTP status codes such as [403, 429] (got {_show(value)})"
        )
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 100 <= item <= 999:
            raise ConfigError(
                f"external.accept: must be a list of HTTP status codes from 100 to 999 (got {_show(item)})"
            )
    return frozenset(value)


def _exclude(value: object) -> tuple[re.Pattern[str], ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"external.exclude: must be a list of regular expressions (got {_show(value)})")
    patterns = []
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise ConfigError(f"external.exclude[{index}]: must be a regular expression string (got {_show(item)})")
        try:
            patterns.append(re.compile(item))
        except re.error as exc:
            raise ConfigError(
                f"external.exclude[{index}]: not a valid regular expression ({_show(item)}: {exc})"
            ) from None
    return tuple(patterns)


def _allow_private(value: object) -> tuple[bool, tuple[Network, ...]]:
    if isinstance(value, bool):
        return value, ()
    if isinstance(value, list):
        try:
            if all(isinstance(item, str) for item in value):
                return False, parse_networks(value)
        except ValueError as exc:
            raise ConfigError(f"external.allow_private: not an IP address or CIDR block ({exc})") from None
    raise ConfigError(
        "external.allow_private: must be true, false or a list of IP addresses/CIDR blocks "
        f"such as ['10.0.0.0/8'] (got {_show(value)})"
    )


def _duration(key: str, value: object) -> float:
    if isinstance(value, str):
        match = _DURATION.fullmatch(value)
        if match:
            return float(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "s").lower()]
    elif not isinstance(value, bool) and isinstance(value, int | float) and 0 <= value < float("inf"):
        return float(value)
    raise ConfigError(
        f"external.{key}: must be a number of seconds or a duration such as '12h' or '1d' (got {_show(value)})"
    )
