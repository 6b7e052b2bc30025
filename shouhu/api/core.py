from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from shouhu.accounts.permissions import require, user_roles
from shouhu.jobs.models import Job
from shouhu.jobs.services import as_seen

router = Router(tags=["core"])


class MeOut(Schema):
    id: int
    username: str
    email: str
    roles: list[str]


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress: int
    total: int
    percent: int
    message: str
    result: dict
    error: str
    attempts: int
    heartbeat_at: datetime | None


@router.get("/me", response=MeOut, summary="目前使用者 / current user")
def me(request: HttpRequest) -> dict:
    user = request.user
    return {
        "id": user.pk,
        "username": user.username,
        "email": user.email,  # type: ignore[union-attr]
        "roles": sorted(user_roles(user)),
    }


@router.get("/jobs/{job_id}", response=JobOut, summary="背景工作進度 / job progress")
def job(request: HttpRequest, job_id: int) -> Job:
    require(request.user, "jobs.view")
    return as_seen(get_object_or_404(Job, pk=job_id))  # a dead worker's job shows failed; GET never writes
