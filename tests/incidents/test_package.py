"""The regulator response package (附錄三): ZIP with documents, evidence and a verified SHA-256 manifest."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from shouhu.evidence.models import EvidenceAccess
from shouhu.evidence.services import read_bytes_internal
from shouhu.incidents import package, services
from shouhu.incidents.models import Incident

LETTER = {
    "recipient": "數位發展部",
    "inquiry_date": "民國115年11月20日",
    "inquiry_no": "數授產字第1150000001號",
    "contact_name": "王小明",
    "contact_phone": "02-2700-0000",
    "contract_terms": "雙方資料存取權限之約定",
}


def test_zip_manifest_verified(incident: Incident, officer: Any) -> None:
    log = services.attach_evidence(
        actor=officer, incident=incident, file=b"10.0.0.1 GET /admin\n", filename="access.log", category="log"
    )
    services.attach_evidence(
        actor=officer, incident=incident, file=b"%PDF-1.4 scan report", filename="scan.pdf", category="scan"
    )
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    data = read_bytes_internal(pkg.archive)
    assert package.verify_manifest(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        lines = zf.read(package.MANIFEST).decode().splitlines()
        for line in lines:
            digest, path = line.split("  ", 1)
            assert hashlib.sha256(zf.read(path)).hexdigest() == digest
        assert {"01_函.docx", "02_附件1_個案分析報告.docx", "03_附件2_資安措施.docx"} <= names
        assert f"附件3_佐證資料/log/{log.evidence.pk}_access.log" in names
        assert zf.read(f"附件3_佐證資料/log/{log.evidence.pk}_access.log") == b"10.0.0.1 GET /admin\n"
        meta = json.loads(zf.read("manifest.json"))
        assert len(meta["files"]) == len(lines) == len(names) - 2
        letter = Document(io.BytesIO(zf.read("01_函.docx")))
        text = "\n".join(p.text for p in letter.paragraphs)
        case = "\n".join(
            p.text for p in Document(io.BytesIO(zf.read("02_附件1_個案分析報告.docx"))).paragraphs
        )
    assert "守護資訊股份有限公司　函" in text
    assert "受文者：數位發展部" in text
    assert "發文日期：中華民國" in text
    assert "復數位發展部民國115年11月20日數授產字第1150000001號函" in text
    assert "負責人　黃大華" in text
    assert "個資外洩發生的可能原因" in case
    assert incident.summary in case
    assert "雙方資料存取權限之約定" in case
    assert pkg.archive.locked
    # evidence read for the package is recorded in the chain of custody
    assert EvidenceAccess.objects.filter(evidence=log.evidence, action="export").exists()


def test_tampered_zip_detected(incident: Incident, officer: Any) -> None:
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    source = zipfile.ZipFile(io.BytesIO(read_bytes_internal(pkg.archive)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in source.namelist():
            zf.writestr(name, b"tampered" if name == "01_函.docx" else source.read(name))
    assert package.verify_manifest(out.getvalue()) == ["01_函.docx"]


def test_missing_letter_fields_block_the_package(incident: Incident, officer: Any) -> None:
    with pytest.raises(ValidationError, match="來函字號"):
        package.build(
            actor=officer, incident=incident, letter={"recipient": "數位發展部", "inquiry_date": "x"}
        )


def test_drill_package_marked(incident: Incident, officer: Any) -> None:
    incident = services.update_incident(actor=officer, incident=incident, data={"is_drill": True})
    pkg = package.build(actor=officer, incident=incident, letter=LETTER, with_pdf=False)
    assert pkg.archive.original_name.startswith("演練_")
    with zipfile.ZipFile(io.BytesIO(read_bytes_internal(pkg.archive))) as zf:
        assert "01_演練_函.docx" in zf.namelist()
        assert json.loads(zf.read("manifest.json"))["drill"] is True
