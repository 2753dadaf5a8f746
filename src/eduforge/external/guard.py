"""The private-address guard: resolve a host once, refuse non-public addresses.

Every host is resolved before anything is sent to it, on the first request
and on every redirect hop.  The addresses that passed the check are the only
ones the transport (:mod:`eduforge.external.transport`) will connect to, so a
name that resolves to a public address for the check and to ``127.0.0.1``
for the connection (DNS rebinding) cannot reach the runner's network.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from eduforge.external.model import Kind, Outcome
from eduforge.external.settings import ExternalSettings, Resolver

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# getaddrinfo errors that say "this name does not exist"; EAI_NODATA is not
# exposed on every platform.
_NO_SUCH_NAME = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
_NETWORK_DOWN = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH}
#: After this many "offline" lookup failures and no success, stop asking the resolver.
OFFLINE_AFTER = 4
#: Pauses before asking again about a name the resolver failed "temporarily".
TEMPORARY_RETRIES = (0.2, 0.5)


@dataclass(frozen=True)
class Resolution:
    """The guard's answer for one host: addresses to use, or why not."""

    addresses: tuple[str, ...] = ()
    blocked: str | None = None  # reason the host must not be contacted
    failure: Outcome | None = None  # the host could not be resolved


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the system resolver, keeping its address order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]).split("%", 1)[0], None)
    return list(seen)


def has_default_route() -> bool:
    """Whether this machine could send packets to the internet at all.

    Connecting a UDP socket only looks the route up: nothing is sent.  The
    targets are documentation addresses (RFC 5737, RFC 3849).
    """
    for family, target in ((socket.AF_INET, ("192.0.2.1", 53)), (socket.AF_INET6, ("2001:db8::1", 53))):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect(target)
                return True
        except OSError:
            continue
    return False


def address_category(ip: IPAddress) -> str | None:
    """Name the non-public range ``ip`` belongs to, or ``None`` if it is public.

    IPv6 addresses that embed an IPv4 address (IPv4-mapped, 6to4, Teredo,
    NAT64) are judged by the embedded address too.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: list[ipaddress.IPv4Address] = []
        if ip.ipv4_mapped is not None:
            embedded.append(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            embedded.append(ip.sixtofour)
        if ip.teredo is not None:
            embedded.extend(ip.teredo)
        if ip in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        for inner in embedded:
            category = address_category(inner)
            if category is not None:
                return category
        if ip.ipv4_mapped is not None:
            return None
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "non-public"
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def pin_key(host: str) -> str:
    """The form of a host name used to look up its checked addresses."""
    host = host.strip("[]").rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0]))
    except ValueError:
        return host


class Guard:
    """Resolves each host once per run and decides whether it may be contacted.

    Thread-safe: concurrent callers for the same host wait for one
    resolution.  ``has_route`` is consulted (once) when a name does not
    resolve, to tell "no such host" from "no network at all".
    """

    def __init__(self, settings: ExternalSettings, has_route: Callable[[], bool] = has_default_route) -> None:
        self._resolver: Resolver = settings.resolver or system_resolver
        self._allow_all = settings.allow_private
        self._allowed = settings.allowed_networks
        self._has_route = has_route
        self._route: bool | None = None
        self._lock = threading.Lock()
        self._done: dict[str, Resolution] = {}
        self._keys: dict[str, str] = {}  # host as written -> pin_key(host)
        self._pending: dict[str, threading.Event] = {}
        self._resolved = 0  # names the resolver answered
        self._offline_streak = 0  # names that failed as if offline

    def resolve(self, host: str, port: int) -> Resolution:
        key = self._keys.get(host)
        if key is None:
            key = self._keys[host] = pin_key(host)
        done = self._done.get(key)  # a dict read is atomic: no lock on the hot path
        if done is not None:
            return done
        with self._lock:
            done = self._done.get(key)
            if done is not None:
                return done
            event = self._pending.get(key)
            owner = event is None
            if owner:
                event = self._pending[key] = threading.Event()
        assert event is not None
        if not owner:
            event.wait()
            return self._done[key]
        try:
            result = self._resolve(key, port)
        except Exception as exc:  # a broken custom resolver must not hang the waiters
            result = Resolution(failure=_could_not_resolve(key, f"{type(exc).__name__}: {exc}", offline=False))
        with self._lock:
            self._done[key] = result
            del self._pending[key]
        event.set()
        return result

    def resolve_literal(self, host: str) -> Resolution:
        """For a host reached through a proxy: judge a literal address, leave a name to the proxy."""
        key = pin_key(host)
        try:
            literal = ipaddress.ip_address(key)
        except ValueError:
            return _PROXIED
        reason = self._refusal(literal)
        if reason:
            return Resolution(blocked=f"{reason} address {literal}; not checked{_ALLOW_HINT}")
        return Resolution(addresses=(str(literal),))

    @property
    def resolver_worked(self) -> bool:
        """Whether the resolver answered at least one name with addresses during this run."""
        return self._resolved > 0

    def addresses(self, host: str) -> tuple[str, ...] | None:
        """The checked addresses of an already-resolved, allowed host, else ``None``."""
        done = self._done.get(pin_key(host))
        if done is None or done.blocked is not None or done.failure is not None:
            return None
        return done.addresses

    def _resolve(self, key: str, port: int) -> Resolution:
        try:
            literal = ipaddress.ip_address(key)
        except ValueError:
            literal = None
        if literal is not None:
            reason = self._refusal(literal)
            if reason:
                return Resolution(blocked=f"{reason} address {literal}; not checked{_ALLOW_HINT}")
            return Resolution(addresses=(str(literal),))

        with self._lock:
            if self._offline_streak >= OFFLINE_AFTER and self._resolved == 0:
                # Every lookup so far failed as if there were no network: do
                # not wait for the resolver's timeout on each remaining host.
                return Resolution(failure=_could_not_resolve(key, "no network (DNS unavailable)", offline=True))
        try:
            found = self._lookup(key, port)
        except socket.gaierror as exc:
            if exc.errno in _NO_SUCH_NAME:
                return Resolution(failure=self._no_such_host(key))
            if exc.errno == socket.EAI_AGAIN:
                return self._offline_failure(key, "temporary DNS failure")
            return self._offline_failure(key, exc.strerror or str(exc))
        except UnicodeError as exc:
            bad = Outcome(Kind.BROKEN, f"is not a valid URL (bad host name {key!r}: {exc})", "fix the address")
            return Resolution(failure=bad)
        except OSError as exc:
            if exc.errno in _NETWORK_DOWN:
                return self._offline_failure(key, exc.strerror or str(exc))
            return Resolution(failure=_could_not_resolve(key, exc.strerror or str(exc), offline=False))
        with self._lock:
            self._resolved += 1
        if not found:
            return Resolution(failure=self._no_such_host(key))

        addresses: list[str] = []
        for text in found:
            try:
                ip = ipaddress.ip_address(str(text).split("%", 1)[0])
            except ValueError:
                continue
            reason = self._refusal(ip)
            if reason:
                # One non-public answer is enough to refuse: an attacker who
                # controls the zone would otherwise mix it with public ones.
                return Resolution(blocked=f"{key} resolves to {reason} address {ip}; not checked{_ALLOW_HINT}")
            addresses.append(str(ip))
        if not addresses:
            return Resolution(failure=self._no_such_host(key))
        return Resolution(addresses=tuple(addresses))

    def _lookup(self, key: str, port: int) -> list[str]:
        """Ask the resolver; a temporary failure is asked again when the resolver has worked this run.

        Under many parallel lookups resolvers answer "temporary failure" now
        and then; retrying then is cheap.  With nothing resolved yet it may
        be that there is no network: fail fast instead.
        """
        for wait in TEMPORARY_RETRIES:
            try:
                return list(self._resolver(key, port))
            except socket.gaierror as exc:
                if exc.errno != socket.EAI_AGAIN or not self._resolved:
                    raise
            time.sleep(wait)
        return list(self._resolver(key, port))

    def _offline_failure(self, host: str, why: str) -> Resolution:
        with self._lock:
            self._offline_streak += 1
        return Resolution(failure=_could_not_resolve(host, why, offline=True))

    def _refusal(self, ip: IPAddress) -> str | None:
        category = address_category(ip)
        if category is None or self._allow_all:
            return None
        candidates = [ip]
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            candidates.append(ip.ipv4_mapped)
        if any(candidate in network for candidate in candidates for network in self._allowed):
            return None
        return category

    def _no_such_host(self, host: str) -> Outcome:
        with self._lock:
            if self._route is None:
                self._route = self._has_route()
            offline = not self._route
        return Outcome(
            Kind.BROKEN,
            f"{NO_SUCH_HOST} ({host})",
            "fix the address or remove the link",
            offline=offline,
            unknown_host=host,
        )


_PROXIED = Resolution()
_ALLOW_HINT = " (set [external] allow_private to check it)"
NO_SUCH_HOST = "points to a host that does not exist"


def _could_not_resolve(host: str, why: str, *, offline: bool) -> Outcome:
    return Outcome(
        Kind.UNVERIFIED,
        f"could not resolve {host}: {why}",
        "check the network connection and try again",
        offline=offline,
    )
