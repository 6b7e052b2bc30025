"""OSCAL catalog export: schema validity, ids, props and reproducible UUIDs."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from shouhu.engines.catalog import CatalogueError, load_catalogue
from shouhu.engines.catalog.oscal import (
    OSCAL_VERSION,
    OscalValidationError,
    oscal_errors,
    stable_uuid,
    to_oscal_catalog,
    validate_oscal,
)


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return to_oscal_catalog(load_catalogue())


def _controls(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(node.get("controls", []))
    for group in node.get("groups", []):
        found.extend(_controls(group))
    return found


def _control(document: dict[str, Any], control_id: str) -> dict[str, Any]:
    return next(c for c in _controls(document["catalog"]) if c["id"] == control_id)


def _props(node: dict[str, Any]) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for prop in node.get("props", []):
        props.setdefault(prop["name"], []).append(prop["value"])
    return props


def test_export_validates_against_the_nist_catalog_schema(document: dict[str, Any]) -> None:
    assert oscal_errors(document, "catalog") == []
    validate_oscal(document, "catalog")


def test_invalid_document_is_refused(document: dict[str, Any]) -> None:
    broken = copy.deepcopy(document)
    broken["catalog"]["uuid"] = "not-a-uuid"
    del broken["catalog"]["metadata"]["title"]
    with pytest.raises(OscalValidationError) as caught:
        validate_oscal(broken, "catalog")
    assert len(caught.value.errors) == 2
    assert "OSCAL catalog 文件不符合結構描述" in str(caught.value)


def test_group_and_control_ids_must_be_tokens(document: dict[str, Any]) -> None:
    broken = copy.deepcopy(document)
    broken["catalog"]["groups"][0]["groups"][0]["id"] = "1 節"
    assert oscal_errors(broken, "catalog")


@pytest.mark.parametrize("model", ["assessment-results", "poam", "plan-of-action-and-milestones"])
def test_other_shipped_schemas_load(model: str) -> None:
    assert oscal_errors({}, model)


def test_unknown_model_is_refused() -> None:
    with pytest.raises(CatalogueError, match="沒有 OSCAL 模型"):
        oscal_errors({}, "ssp")


def test_every_item_is_one_control(document: dict[str, Any]) -> None:
    ids = [control["id"] for control in _controls(document["catalog"])]
    assert len(ids) == len(set(ids)) == 93
    assert {"pd-1.1.1", "pd-11.1", "is-2.3.2", "is-5.3.1"} <= set(ids)


def test_groups_follow_tables_and_sections(document: dict[str, Any]) -> None:
    tables = document["catalog"]["groups"]
    assert [group["id"] for group in tables] == ["pd", "is"]
    assert [group["id"] for group in tables[0]["groups"]][:2] == ["pd-s1", "pd-s2"]
    assert [group["id"] for group in tables[0]["groups"][0]["groups"]] == ["pd-s1.1", "pd-s1.2"]


def test_control_props_and_parts(document: dict[str, Any]) -> None:
    control = _control(document, "pd-6.1.2")
    props = _props(control)
    assert props["label"] == ["6.1.2"]
    assert props["advanced"] == ["partial"]
    assert props["advanced-scope"] == ["隱碼機制"]
    assert props["legal-basis"] == ["製造業及技術服務業個人資料檔案安全維護管理辦法第 8 條第 2 項"]
    names = [part["name"] for part in control["parts"]]
    assert names[0] == "statement"
    assert names.count("check-option") == 11
    assert names[-1] == "changed-law-note"


def test_blanks_become_params_inserted_in_option_prose(document: dict[str, Any]) -> None:
    control = _control(document, "pd-1.1.1")
    assert control["params"] == [
        {
            "id": "pd-1.1.1_o1_b1",
            "props": [{"name": "blank-type", "value": "text", "ns": "urn:shouhu:ns:oscal"}],
            "label": "職位",
        }
    ]
    option = next(part for part in control["parts"] if part["id"] == "pd-1.1.1_o1")
    assert option["prose"] == "由{{ insert: param, pd-1.1.1_o1_b1 }}（職位）擔任"


def test_metadata(document: dict[str, Any]) -> None:
    metadata = document["catalog"]["metadata"]
    assert metadata["oscal-version"] == OSCAL_VERSION
    assert metadata["version"] == "moea-idb-2021-12"
    assert metadata["last-modified"] == "2026-11-26T00:00:00+08:00"


def test_export_is_reproducible(document: dict[str, Any]) -> None:
    again = to_oscal_catalog(load_catalogue())
    assert json.dumps(again, ensure_ascii=False) == json.dumps(document, ensure_ascii=False)
    assert document["catalog"]["uuid"] == stable_uuid("moea-idb-2021-12", "catalog")


def test_stable_uuid_is_version_5_and_fixed() -> None:
    value = stable_uuid("moea-idb-2021-12", "catalog")
    assert value == "65dd0289-a6fb-5bc2-8f2b-70b3adecc6b7"
    assert value != stable_uuid("moea-idb-2099-01", "catalog")
