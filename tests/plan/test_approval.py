"""Approving a plan version: who may, the recorded sign-off, superseding, and the changes shown."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.plan import selectors, services
from shouhu.plan.models import State
from tests.factories import DepartmentFactory
from tests.plan.conftest import AUTH

pytestmark = pytest.mark.django_db


def test_the_representative_approves_and_the_sign_off_is_recorded(officer, representative):
    draft = services.generate_draft(actor=officer)
    services.approve(actor=representative, version=draft, capacity="representative", note="同意")
    draft.refresh_from_db()
    assert (draft.state, draft.approver_name, draft.approver_capacity) == (
        State.APPROVED,
        "陳美玲",
        "representative",
    )
    assert draft.approved_by == representative
    event = AuditEvent.objects.get(action="plan.version_approved")
    assert event.changes["sha256"] == [None, draft.docx.blob.sha256]


def test_someone_else_cannot_approve_as_the_representative(officer, chief, representative):
    draft = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError, match="您不是公司登記之代表人"):
        services.approve(actor=chief, version=draft, capacity="representative")


def test_an_authorised_person_must_name_the_authorisation(officer, chief):
    draft = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError, match="授權依據"):
        services.approve(actor=chief, version=draft, capacity="authorised", authorisation=" ", **AUTH)
    services.approve(
        actor=chief, version=draft, capacity="authorised", authorisation="董事會115年11月1日決議", **AUTH
    )
    draft.refresh_from_db()
    assert draft.authorisation == "董事會115年11月1日決議"


def test_an_authorised_person_without_the_authorisation_document_is_refused(officer, chief):
    draft = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError) as refused:
        services.approve(actor=chief, version=draft, capacity="authorised", authorisation="董事會決議")
    assert "請上傳授權文件" in refused.value.message_dict["authorisation_file"][0]
    draft.refresh_from_db()
    assert (draft.state, draft.authorisation_file) == (State.DRAFT, None)


def test_the_authorisation_document_is_kept_locked_in_the_evidence_store(officer, chief):
    draft = services.generate_draft(actor=officer)
    services.approve(actor=chief, version=draft, capacity="authorised", authorisation="董事會決議", **AUTH)
    draft.refresh_from_db()
    document = draft.authorisation_file
    assert document.locked
    assert document.blob.sha256 == hashlib.sha256(AUTH["authorisation_file"]).hexdigest()
    event = AuditEvent.objects.get(action="plan.version_approved")
    assert event.changes["authorisation_sha256"] == [None, document.blob.sha256]


def test_an_authorisation_document_of_a_refused_type_is_an_error_on_the_document(officer, chief):
    draft = services.generate_draft(actor=officer)
    with pytest.raises(ValidationError) as refused:
        services.approve(actor=chief, version=draft, capacity="authorised", authorisation="董事會決議",
                         authorisation_file=b"MZ\x90\x00binary", authorisation_filename="授權書.exe")  # fmt: skip
    assert "不允許的檔案類型" in refused.value.message_dict["authorisation_file"][0]


def test_the_representative_needs_no_authorisation_document(officer, representative):
    draft = services.generate_draft(actor=officer)
    services.approve(actor=representative, version=draft, capacity="representative")
    draft.refresh_from_db()
    assert (draft.state, draft.authorisation_file) == (State.APPROVED, None)


def test_the_officer_may_generate_but_not_approve(officer):
    draft = services.generate_draft(actor=officer)
    with pytest.raises(PermissionDenied):
        services.approve(actor=officer, version=draft, capacity="authorised", authorisation="x", **AUTH)


def test_approving_supersedes_the_previous_approved_version(officer, chief):
    first = services.generate_draft(actor=officer)
    services.approve(actor=chief, version=first, capacity="authorised", authorisation="授權書", **AUTH)
    second = services.generate_draft(actor=officer)
    services.approve(actor=chief, version=second, capacity="authorised", authorisation="授權書", **AUTH)
    first.refresh_from_db()
    assert first.state == State.SUPERSEDED
    assert first.superseded_at is not None
    assert selectors.current_approved() == second


def test_only_the_latest_draft_can_be_approved(officer, chief):
    older = services.generate_draft(actor=officer)
    services.generate_draft(actor=officer)
    with pytest.raises(ValidationError, match="已有較新的版本"):
        services.approve(actor=chief, version=older, capacity="authorised", authorisation="授權書", **AUTH)


def test_an_approved_version_cannot_be_approved_again(officer, chief):
    draft = services.generate_draft(actor=officer)
    services.approve(actor=chief, version=draft, capacity="authorised", authorisation="授權書", **AUTH)
    with pytest.raises(ValidationError, match="只有草稿可以核定"):
        services.approve(actor=chief, version=draft, capacity="authorised", authorisation="授權書", **AUTH)


def test_changes_since_the_last_approved_version_are_listed(officer, chief):
    first = services.generate_draft(actor=officer)
    services.approve(actor=chief, version=first, capacity="authorised", authorisation="授權書", **AUTH)
    DepartmentFactory(name="客服部")
    second = services.generate_draft(actor=officer)
    changes = {(c.chapter, c.item): (c.before, c.after) for c in selectors.changes(second)}
    assert changes[("組織及資源配置", "部門數")] == ("2", "3")
    assert len(changes) == 1
