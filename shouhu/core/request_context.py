"""Who is acting and from where, for audit entries written deep inside services.

Services take the actor explicitly; the source IP travels in a context variable set by middleware (or by
the CLI, which records "cli" as its source) so every audit row says where a change came from.
"""

from __future__ import annotations

import contextvars
import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest


@dataclass(frozen=True)
class RequestContext:
    ip: str | None
    user_agent: str = ""
    channel: str = "web"  # web | api | cli | job


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "shouhu_request", default=None
)


def current() -> RequestContext:
    return _current.get() or RequestContext(ip=None, channel="system")


@contextmanager
def using(ctx: RequestContext) -> Iterator[None]:
    token = _current.set(ctx)
    try:
        yield
    finally:
        _current.reset(token)


def client_ip(request: HttpRequest) -> str | None:
    """Client IP, honouring X-Forwarded-For only for the configured number of trusted proxies.

    Each trusted proxy appends the address it received the request from, so with N proxies the client is
    the N-th entry from the right; entries further left were sent by the client and are not trusted. With
    fewer entries than proxies the leftmost one (added by a trusted proxy) is used. Anything that is not
    an IP address falls back to the peer address.
    """
    peer = _ip(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.SHOUHU_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if forwarded:
            return _ip(forwarded[-min(proxies, len(forwarded))]) or peer
    return peer


def _ip(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def from_request(request: HttpRequest, *, channel: str = "web") -> RequestContext:
    return RequestContext(
        ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:200], channel=channel
    )
