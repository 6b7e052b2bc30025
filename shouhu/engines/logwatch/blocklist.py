"""Blocklists supplied as files: IP addresses, CIDR networks and domains, one a line.

Reads the usual shapes: plain lists (abuse.ch Feodo/SSLBL IP lists, TWCERT/CC IoC lists), CSV exports
(the first cell that is an address or a URL is taken), hosts-file lines (``0.0.0.0 bad.example``) and URL
lists (URLhaus: the host of each URL). Comments start with ``#``, ``;`` or ``//``. Lines that are none of
these are counted, never fatal.
"""

from __future__ import annotations

import bisect
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_DOMAIN = re.compile(r"^(?:\*\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62})\.?$")
_SINKHOLES = {"0.0.0.0", "127.0.0.1", "::", "::1"}  # noqa: S104  (hosts-file sinkholes, not a bind address)
MAX_ENTRIES = 2_000_000


@dataclass
class ParsedList:
    networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(default_factory=list)
    domains: set[str] = field(default_factory=set)
    ignored: int = 0

    @property
    def size(self) -> int:
        return len(self.networks) + len(self.domains)


def _entry(token: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | str | None:
    token = token.strip().strip('"').strip("'").strip()
    if not token:
        return None
    if "://" in token:
        token = token.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
        if token.startswith("["):
            token = token[1:].split("]", 1)[0]
        elif token.count(":") == 1:
            token = token.split(":", 1)[0]
    try:
        return ipaddress.ip_network(token, strict=False)
    except ValueError:
        pass
    m = _DOMAIN.match(token.lower())
    return m.group(1) if m else None


def parse(text: str) -> ParsedList:
    """Parse one list file's text."""
    out = ParsedList()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";", "//")):
            continue
        line = line.split(" #", 1)[0].strip()
        parts = line.split()
        if len(parts) == 2 and parts[0] in _SINKHOLES:  # hosts-file form
            parts = parts[1:]
        tokens = line.split(",") if "," in line else parts[:1]
        found = None
        for token in tokens:
            found = _entry(token)
            if found is not None:
                break
        if found is None:
            out.ignored += 1
        elif isinstance(found, str):
            out.domains.add(found)
        else:
            out.networks.append(found)
        if out.size > MAX_ENTRIES:
            raise ValueError("too many entries")
    return out


class Blocklist:
    """All imported lists, merged for look-ups: ``match_ip`` and ``match_domain`` return the list's name."""

    def __init__(self, lists: Iterable[tuple[str, ParsedList]] = ()) -> None:
        ranges: list[tuple[int, int, int, str]] = []  # (version, start, end, name)
        self.domains: dict[str, str] = {}
        for name, parsed in lists:
            for net in parsed.networks:
                ranges.append((net.version, int(net.network_address), int(net.broadcast_address), name))
            for domain in parsed.domains:
                self.domains.setdefault(domain, name)
        ranges.sort()
        self._starts = [(v, s) for v, s, _, _ in ranges]
        self._ranges = ranges
        self._max_end: list[int] = []  # running maximum of ends, so nested ranges are found
        best = -1
        for v, _s, e, _n in ranges:
            best = max(best, e + (v << 129))
            self._max_end.append(best)
        self.ip_cache: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self._ranges or self.domains)

    def match_ip(self, ip: str) -> str:
        found = self.ip_cache.get(ip)
        if found is not None:
            return found
        found = self._lookup(ip)
        if len(self.ip_cache) > 500_000:
            self.ip_cache.clear()
        self.ip_cache[ip] = found
        return found

    def _lookup(self, ip: str) -> str:
        if not self._ranges:
            return ""
        try:
            address = ipaddress.ip_address(ip.strip("[]").split("%", 1)[0])
        except ValueError:
            return ""
        key = (address.version, int(address))
        i = bisect.bisect_right(self._starts, key) - 1
        target = int(address) + (address.version << 129)
        while i >= 0 and self._max_end[i] >= target:
            version, start, end, name = self._ranges[i]
            if version == address.version and start <= int(address) <= end:
                return name
            i -= 1
        return ""

    def match_domain(self, domain: str) -> str:
        if not domain or not self.domains:
            return ""
        name = domain.lower().rstrip(".")
        while True:
            hit = self.domains.get(name)
            if hit is not None:
                return hit
            if "." not in name:
                return ""
            name = name.split(".", 1)[1]
