"""Upload a file to the shared import pages in one language and read its preview (the import tests of each
module use it for their English and zh-TW passes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shouhu.imports.models import ImportBatch
from tests.shell.test_language import chinese_left


def preview_in(
    client: Client, language: str, kind: str, data: bytes, *, filename: str = "import.xlsx", query: str = ""
) -> tuple[ImportBatch, str]:
    """Upload ``data`` as ``language``'s reader and return the staged batch and its preview page."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    ImportBatch.objects.all().delete()
    url = reverse("imports:upload", args=[kind]) + query
    response = client.post(url, {"file": SimpleUploadedFile(filename, data)})
    assert response.status_code == 302, response.content.decode()[:3000]
    batch = ImportBatch.objects.get()
    return batch, client.get(reverse("imports:preview", args=[batch.pk])).content.decode()


def chinese_ui(html: str, data: Iterable[Any]) -> set[str]:
    """Chinese runs on an English page that are not part of the uploaded file's own values (``data``)."""
    allowed = {run for value in data for run in chinese_left(f"<p>{value}</p>")}
    return chinese_left(html) - allowed


def upload_page_in(client: Client, language: str, kind: str, query: str = "") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("imports:upload", args=[kind]) + query)
    assert response.status_code == 200
    return response.content.decode()
