"""Every page names the site icon, and the icon is a served static file (browsers otherwise ask for
/favicon.ico on every page and log a 404 in the console)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_the_layout_links_an_icon_that_exists(client: Any) -> None:
    page = client.get(reverse("accounts:login")).content.decode()
    link = re.search(r'<link rel="icon" type="image/svg\+xml" href="/static/(shouhu/favicon\.svg)">', page)
    assert link is not None
    assert finders.find(link.group(1)) is not None
