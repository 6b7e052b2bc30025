"""Links in e-mails use the address the site is served on when SHOUHU_BASE_URL is unset."""

import pytest

from shouhu.core import siteurl


@pytest.fixture
def unset(settings, tmp_path, monkeypatch):
    settings.SHOUHU_BASE_URL = ""
    settings.SHOUHU_HOME = tmp_path
    monkeypatch.setattr(siteurl, "_request_seen", False)


def test_explicit_base_url_wins(settings, unset):
    settings.SHOUHU_BASE_URL = "https://shouhu.example.com/"
    siteurl.record_served(host="127.0.0.1", port=9000)
    assert siteurl.base_url() == "https://shouhu.example.com"


def test_serve_address_is_used_until_a_request_arrives(unset):
    siteurl.record_served(host="127.0.0.1", port=9000)
    assert siteurl.base_url() == "http://127.0.0.1:9000"


@pytest.mark.django_db
def test_first_request_records_the_address_it_was_reached_on(unset, client, settings):
    settings.ALLOWED_HOSTS = ["shouhu.intra"]
    siteurl.record_served(host="0.0.0.0", port=8000)  # noqa: S104
    client.get("/accounts/login/", HTTP_HOST="shouhu.intra:8443")
    assert siteurl.base_url() == "http://shouhu.intra:8443"
    client.get("/accounts/login/", HTTP_HOST="shouhu.intra:9999")
    assert siteurl.base_url() == "http://shouhu.intra:8443"  # the first request of the process counts
