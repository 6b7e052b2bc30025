"""Issue 12: the catalogue API carries Shouhu's unofficial English beside the official zh-TW text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from shouhu.accounts.services.tokens import create_token

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "shouhu/engines/catalog/data"
VERSION = "moea-idb-2021-12"


def _api(user: Any) -> Client:
    _, plain = create_token(actor=None, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")


def _english() -> dict[str, Any]:
    return json.loads((DATA / "translations" / f"{VERSION}.en.json").read_text(encoding="utf-8"))


def test_item_has_english_fields_beside_the_official_ones(officer: Any) -> None:
    shipped = _english()["tables"]["pd"]["items"]["1.1.1"]
    official = json.loads((DATA / f"{VERSION}.json").read_text(encoding="utf-8"))

    item = _api(officer).get(f"/api/v1/catalogs/{VERSION}/items/pd-1.1.1").json()

    assert item["title_en"] == shipped["title"]
    assert item["guidance_en"] == shipped["guidance"]
    assert item["options"][0]["blanks"][0]["label_en"] == shipped["blanks"]["o1"]["b1"]
    assert item["options"][0]["text_en"].startswith("Held by ")
    assert "{b1}" not in item["options"][0]["text_en"]
    assert item["translation"]["lang"] == "en"
    assert item["translation"]["official"] is False
    assert item["title"] in json.dumps(official, ensure_ascii=False)  # the zh-TW text of record stays


def test_catalogue_lists_every_items_english_title(officer: Any) -> None:
    shipped = _english()["tables"]

    body = _api(officer).get(f"/api/v1/catalogs/{VERSION}").json()

    assert body["translation"]["official"] is False
    for table in body["tables"]:
        assert table["title_en"] == shipped[table["id"]]["title"]
        for row in table["items"]:
            assert row["title_en"] == shipped[table["id"]]["items"][row["number"]]["title"], row["id"]


def test_schema_documents_the_english_fields_as_unofficial(officer: Any) -> None:
    schema = _api(officer).get("/api/v1/openapi.json").json()

    item = schema["components"]["schemas"]["ItemOut"]["properties"]
    translation = schema["components"]["schemas"]["TranslationOut"]["properties"]
    assert "unofficial" in item["title_en"]["description"]
    assert "official" in translation
