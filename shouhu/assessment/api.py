"""Assessment endpoints: catalogues (incl. OSCAL), assessments, answers, scores and findings."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from shouhu.accounts.models import User
from shouhu.accounts.permissions import require
from shouhu.assessment import oscal_export, selectors, services
from shouhu.assessment.models import Assessment
from shouhu.assessment.scoring import Part, Score, score
from shouhu.engines.catalog import UnknownCatalogueError, UnknownItemError, available_versions, load_catalogue
from shouhu.engines.catalog.model import Catalogue, Item
from shouhu.engines.catalog.oscal import to_oscal_catalog

router = Router(tags=["assessment"])


def _actor(request: HttpRequest) -> User:
    """The signed-in user (views are behind login_required; the API behind token or session auth)."""
    return cast(User, request.user)


def _catalogue(version: str) -> Any:
    try:
        return load_catalogue(version)
    except UnknownCatalogueError as exc:
        raise ValidationError({"version": str(exc)}) from exc


class TranslationOut(Schema):
    """Marks the ``*_en`` fields: Shouhu's own English, never the text of record."""

    lang: str = Field(description="language of the ``*_en`` fields (always ``en``)")
    official: bool = Field(description="always false: the zh-TW fields are the official text")
    note: str = Field(description="what the translation is and what it is not")
    translated: str = Field(description="date of the translation (ISO)")


def _translation(catalogue: Catalogue) -> dict[str, Any] | None:
    english = catalogue.english
    if english is None:
        return None
    return {"lang": "en", "official": False, "note": english.note, "translated": english.translated}


class ItemRowOut(Schema):
    id: str
    number: str
    title: str = Field(description="official zh-TW text as published")
    title_en: str | None = Field(description="Shouhu's unofficial English (see ``translation``)")
    advanced: str
    advanced_en: str


class TableOut(Schema):
    id: str
    appendix: str
    appendix_en: str | None
    title: str
    title_en: str | None
    items: list[ItemRowOut]


class CatalogueOut(Schema):
    id: str
    label: str
    title: str
    title_en: str | None
    translation: TranslationOut | None = Field(
        description="present when Shouhu ships an English translation; ``official`` is always false"
    )
    tables: list[TableOut]


class BlankOut(Schema):
    id: str
    type: str
    label: str
    label_en: str | None


class OptionOut(Schema):
    id: str
    text: str = Field(description="official zh-TW text, blanks as their printed underscores")
    text_en: str | None = Field(description="Shouhu's unofficial English, blanks as printed underscores")
    free_text: bool
    blanks: list[BlankOut]


class ItemOut(Schema):
    id: str
    number: str
    title: str = Field(description="official zh-TW text as published")
    title_en: str | None = Field(description="Shouhu's unofficial English (see ``translation``)")
    guidance: str | None
    guidance_en: str | None
    advanced: str
    advanced_en: str
    applicability: str
    legal_basis: list[str]
    legal_basis_en: list[str]
    options: list[OptionOut]
    notes: list[str]
    notes_en: list[str]
    translation: TranslationOut | None


def _row(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "number": item.number,
        "title": item.title,
        "title_en": item.title_en,
        "advanced": item.mark.printed,
        "advanced_en": item.mark.printed_en,
    }


@router.get("/catalogs", response=list[dict[str, str]])
def list_catalogues(request: HttpRequest) -> list[dict[str, str]]:
    require(request.user, "assessment.view")
    return [
        {"id": c.id, "label": c.label, "title": c.title} for c in map(load_catalogue, available_versions())
    ]


@router.get(
    "/catalogs/{version}",
    response=CatalogueOut,
    description="zh-TW fields are the official text; ``*_en`` fields are Shouhu's unofficial English.",
)
def get_catalogue(request: HttpRequest, version: str) -> dict[str, Any]:
    require(request.user, "assessment.view")
    catalogue = _catalogue(version)
    return {
        "id": catalogue.id,
        "label": catalogue.label,
        "title": catalogue.title,
        "title_en": catalogue.english.title if catalogue.english else None,
        "translation": _translation(catalogue),
        "tables": [
            {
                "id": t.id,
                "appendix": t.appendix,
                "appendix_en": t.appendix_en,
                "title": t.title,
                "title_en": t.title_en,
                "items": [_row(i) for i in t.items],
            }
            for t in catalogue.tables
        ],
    }


@router.get("/catalogs/{version}/oscal", response=dict[str, Any])
def get_catalogue_oscal(request: HttpRequest, version: str) -> dict[str, Any]:
    require(request.user, "assessment.view")
    return to_oscal_catalog(_catalogue(version))


@router.get(
    "/catalogs/{version}/items/{item_id}",
    response=ItemOut,
    description="zh-TW fields are the official text; ``*_en`` fields are Shouhu's unofficial English.",
)
def get_catalogue_item(request: HttpRequest, version: str, item_id: str) -> dict[str, Any]:
    require(request.user, "assessment.view")
    catalogue = _catalogue(version)
    try:
        item = catalogue.item(item_id)
    except UnknownItemError as exc:
        raise ValidationError({"item_id": str(exc)}) from exc
    notes = catalogue.notes_for(item.id)
    return {
        **_row(item),
        "guidance": item.guidance,
        "guidance_en": item.guidance_en,
        "applicability": item.applicability.mode.value,
        "legal_basis": list(item.applicability.legal_basis),
        "legal_basis_en": list(item.applicability.legal_basis_en),
        "options": [
            {
                "id": o.id,
                "text": o.printed_text,
                "text_en": None if o.text_en is None else o.render_en({}),
                "free_text": o.free_text,
                "blanks": [
                    {"id": b.id, "type": b.type.value, "label": b.label, "label_en": b.label_en}
                    for b in o.blanks
                ],
            }
            for o in item.options
        ],
        "notes": [n.note_zh for n in notes],
        "notes_en": [n.note_en for n in notes],
        "translation": _translation(catalogue),
    }


class AssessmentIn(Schema):
    kind: str = "self"
    tables: str = "both"
    company_name: str
    assessed_on: dt.date
    scope: str = ""
    external_assessors: str = ""
    catalogue_version: str = ""
    assessor_ids: list[int] = []


class AssessmentOut(Schema):
    id: int
    kind: str
    tables: str
    company_name: str
    assessed_on: dt.date
    scope: str
    catalogue_version: str
    state: str
    revision: int
    answered: int
    total: int


def _out(assessment: Assessment) -> dict[str, Any]:
    answered, total = selectors.progress(assessment)
    return {
        **{
            f: getattr(assessment, f)
            for f in (
                "id",
                "kind",
                "tables",
                "company_name",
                "assessed_on",
                "scope",
                "catalogue_version",
                "state",
                "revision",
            )
        },
        "answered": answered,
        "total": total,
    }


@router.get("/assessments", response=list[AssessmentOut])
def list_assessments(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, "assessment.view")
    return [
        {
            **{
                f: getattr(a, f)
                for f in (
                    "id",
                    "kind",
                    "tables",
                    "company_name",
                    "assessed_on",
                    "scope",
                    "catalogue_version",
                    "state",
                    "revision",
                    "answered",
                    "total",
                )
            }
        }
        for a in selectors.assessments()[:500]
    ]


@router.post("/assessments", response={201: AssessmentOut})
def create_assessment(request: HttpRequest, payload: AssessmentIn) -> Status[dict[str, Any]]:
    data = payload.dict(exclude={"assessor_ids"})
    assessors = list(User.objects.filter(pk__in=payload.assessor_ids, is_active=True))
    if len(assessors) != len(set(payload.assessor_ids)):
        raise ValidationError({"assessor_ids": _("找不到部分檢查人帳號。")})
    assessment = services.create_assessment(actor=_actor(request), data=data, assessors=assessors)
    return Status(201, _out(assessment))


@router.get("/assessments/{pk}", response=AssessmentOut)
def get_assessment(request: HttpRequest, pk: int) -> dict[str, Any]:
    require(request.user, "assessment.view")
    return _out(get_object_or_404(Assessment, pk=pk))


class AnswerIn(Schema):
    version: int
    applicable: bool | None = None
    na_reason: str = ""
    ticked: list[str] = []
    blanks: dict[str, dict[str, Any]] = {}
    other_text: dict[str, str] = {}
    explanation: str = ""
    result: str = ""


class AnswerOut(Schema):
    item_id: str
    version: int
    applicable: bool | None
    na_reason: str
    ticked: list[str]
    blanks: dict[str, Any]
    other_text: dict[str, str]
    explanation: str
    result: str
    evidence_ids: list[int]


def _answer_out(answer: Any) -> dict[str, Any]:
    return {
        **answer.values(),
        "item_id": answer.item_id,
        "version": answer.version,
        "evidence_ids": [e.pk for e in answer.evidence.all()],
    }


@router.get("/assessments/{pk}/answers", response=list[AnswerOut])
def list_answers(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    require(request.user, "assessment.view")
    return [_answer_out(a) for a in selectors.answers(get_object_or_404(Assessment, pk=pk))]


@router.put("/assessments/{pk}/answers/{item_id}", response={200: AnswerOut, 409: dict[str, Any]})
def put_answer(request: HttpRequest, pk: int, item_id: str, payload: AnswerIn) -> Any:
    """Save one answer; ``version`` must be the answer's current version (409 with the other value if not)."""
    assessment = get_object_or_404(Assessment, pk=pk)
    try:
        answer = services.save_answer(
            actor=_actor(request),
            assessment=assessment,
            item_id=item_id,
            data=payload.dict(exclude={"version"}),
            version=payload.version,
        )
    except services.AnswerConflict as exc:
        return Status(409, {"detail": exc.messages[0], "current": _answer_out(exc.answer)})
    return Status(200, _answer_out(answer))


@router.post("/assessments/{pk}/complete", response=AssessmentOut)
def complete_assessment(request: HttpRequest, pk: int) -> dict[str, Any]:
    assessment = get_object_or_404(Assessment, pk=pk)
    services.complete(actor=_actor(request), assessment=assessment)
    return _out(assessment)


def _score(s: Score) -> dict[str, Any]:
    return {
        "percent": s.percent,
        "earned": s.earned,
        "counted": s.counted,
        "na": s.na,
        "unanswered": s.unanswered,
    }


def _part(p: Part) -> dict[str, Any]:
    return {
        "key": p.key,
        "label": p.label,
        "all": _score(p.all),
        "basic": _score(p.basic),
        "advanced": _score(p.advanced),
    }


@router.get("/assessments/{pk}/scores", response=dict[str, Any])
def get_scores(request: HttpRequest, pk: int) -> dict[str, Any]:
    require(request.user, "assessment.view")
    assessment = get_object_or_404(Assessment, pk=pk)
    card = score(services.catalogue_of(assessment), assessment.table_ids, selectors.results(assessment))
    return {
        "overall": _part(card.overall),
        "tables": [_part(t) for t in card.tables],
        "sections": {k: [_part(p) for p in v] for k, v in card.sections.items()},
    }


class FindingOut(Schema):
    id: int
    item_id: str
    title: str
    description: str
    severity: str
    source: str
    action_ids: list[int]


@router.get("/assessments/{pk}/findings", response=list[FindingOut])
def list_findings(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    require(request.user, "assessment.view")
    return [
        {
            "id": f.pk,
            "item_id": f.item_id,
            "title": f.title,
            "description": f.description,
            "severity": f.severity,
            "source": f.source,
            "action_ids": [a.pk for a in f.actions.all()],
        }
        for f in selectors.findings(get_object_or_404(Assessment, pk=pk))
    ]


@router.get("/assessments/{pk}/oscal", response=dict[str, Any])
def get_assessment_results(request: HttpRequest, pk: int) -> dict[str, Any]:
    return oscal_export.assessment_results(
        actor=_actor(request), assessment=get_object_or_404(Assessment, pk=pk)
    )
