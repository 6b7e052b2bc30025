"""The client IP behind trusted proxies is counted from the right of X-Forwarded-For."""

import pytest
from django.test import RequestFactory

from shouhu.core.request_context import client_ip


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy trusted: the peer
        (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # the client prepended a fake entry
        (2, "203.0.113.9, 198.51.100.7, 192.0.2.1", "198.51.100.7"),
        (2, "198.51.100.7", "198.51.100.7"),  # fewer entries than proxies: the one a proxy added
        (1, "not-an-ip", "10.0.0.1"),  # garbage falls back to the peer
        (1, "198.51.100.7:5123", "198.51.100.7"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_client_ip_by_trusted_proxy_count(settings, count, forwarded, expected):
    settings.SHOUHU_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
