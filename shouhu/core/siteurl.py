"""The address this installation is reached on, for links in e-mails sent by the worker.

``SHOUHU_BASE_URL`` wins when set. Otherwise ``shouhu serve`` records its host and port at start, and the
first request the site answers records the scheme and host it was really reached on (behind a proxy, the
proxy's address), in ``SHOUHU_HOME/served-url``; ``shouhu check`` warns while SHOUHU_BASE_URL is unset.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)
DEFAULT = "http://127.0.0.1:8000"
FILE = "served-url"
_request_seen = False


def _path() -> Path:
    return Path(settings.SHOUHU_HOME) / FILE


def recorded() -> tuple[str, str] | None:
    """The recorded (url, source) where source is ``serve`` or ``request``; None when nothing is recorded."""
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
        return str(data["url"]), str(data["source"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(url: str, source: str) -> None:
    path = _path()
    tmp = path.with_name(f"{FILE}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"url": url, "source": source}))
    tmp.replace(path)


def base_url() -> str:
    explicit = str(getattr(settings, "SHOUHU_BASE_URL", "") or "")
    if explicit:
        return explicit.rstrip("/")
    found = recorded()
    return (found[0] if found else DEFAULT).rstrip("/")


def record_served(*, host: str, port: int) -> str:
    """Record the serve address (replaced by the first request's); returns the URL to print."""
    shown = socket.getfqdn() if host in {"0.0.0.0", "::", ""} else host  # noqa: S104
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{port}"
    if not getattr(settings, "SHOUHU_BASE_URL", ""):
        _write(url, "serve")
    return url + "/"


class RecordSiteUrlMiddleware:
    """On the first request a process answers, record the address the site was reached on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        global _request_seen
        if not _request_seen:
            _request_seen = True
            if not getattr(settings, "SHOUHU_BASE_URL", ""):
                self._record(request)
        return self.get_response(request)

    @staticmethod
    def _record(request: HttpRequest) -> None:
        found = recorded()
        if found is not None and found[1] == "request":
            return
        try:
            url = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            return
        try:
            _write(url, "request")
        except OSError:
            logger.warning("could not record the site address")
