"""IP address to country, offline (the ``iptocc`` package ships the registries' delegation data).

Results: an ISO 3166-1 alpha-2 code, ``LAN`` for private, loopback, link-local, documentation and other
non-public addresses, or ``""`` when the address is not valid or not in the data (unknown: never treated
as Taiwan). Look-ups are cached and resolved in batches (one call into iptocc per chunk).
"""

from __future__ import annotations

import ipaddress

import iptocc

INTERNAL = "LAN"
_CACHE_LIMIT = 500_000
# IPv4 ranges that are not publicly routed (RFC 6890 and friends), as (first, last) integers.
_V4_SPECIAL = tuple(
    (int(n.network_address), int(n.broadcast_address))
    for n in map(
        ipaddress.IPv4Network,
        (
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/3",
        ),
    )
)  # fmt: skip


def data_version() -> str:
    from importlib.metadata import version

    return f"iptocc {version('iptocc')}"


def _v4(ip: str) -> int | None:
    parts = ip.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for part in parts:
        if not part.isdigit() or len(part) > 3:
            return None
        octet = int(part)
        if octet > 255:
            return None
        value = value * 256 + octet
    return value


def classify(ip: str) -> str | None:
    """ "LAN", "" (not an address) or None (a public address: ask the country data)."""
    value = _v4(ip)
    if value is not None:
        return INTERNAL if any(lo <= value <= hi for lo, hi in _V4_SPECIAL) else None
    text = ip.strip("[]").split("%", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return classify(str(address.ipv4_mapped))
    return None if address.is_global else INTERNAL


class CountryLookup:
    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def __call__(self, ip: str) -> str:
        return self.many([ip])[0]

    def many(self, ips: list[str]) -> list[str]:
        get = self._cache.get
        out = [get(ip) for ip in ips]
        if None not in out:
            return out  # type: ignore[return-value]
        missing = {ip for ip, found in zip(ips, out, strict=True) if found is None}
        if len(self._cache) + len(missing) > _CACHE_LIMIT:
            self._cache.clear()
        public: list[str] = []
        for ip in missing:
            kind = classify(ip)
            if kind is None:
                public.append(ip)
            else:
                self._cache[ip] = kind
        if public:
            queries = [p.strip("[]").split("%", 1)[0] for p in public]
            for ip, code in zip(public, iptocc.country_code(queries), strict=True):
                self._cache[ip] = code or ""
        get = self._cache.get
        return [get(ip, "") for ip in ips]
