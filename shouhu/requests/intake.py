"""The public request page (no account): token link, rate limits, honeypot; it opens a case.

The rules are here, not in the view: an unknown or revoked token is "not found", a submission over the
limits is refused before anything is written, and a filled honeypot is accepted silently without a case.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core import ratelimit
from shouhu.core.request_context import RequestContext, using
from shouhu.requests import services
from shouhu.requests.models import Channel, IntakeLink, SubjectRequest

PER_SOURCE_PER_HOUR = 5
PER_LINK_PER_HOUR = 200
LIMIT = ratelimit.Limit(per_source=PER_SOURCE_PER_HOUR, per_scope=PER_LINK_PER_HOUR)
RateLimited = ratelimit.RateLimited  # the page answers 429


@dataclass(frozen=True)
class Submission:
    kind: str
    requester_name: str
    requester_email: str = ""
    requester_phone: str = ""
    requester_address: str = ""
    by_agent: bool = False
    data_concerned: str = ""
    details: str = ""
    explanation: str = ""


def active_link(token: str) -> IntakeLink | None:
    if not token or len(token) > 64:
        return None
    return IntakeLink.objects.filter(token=token, active=True).first()


def current_link() -> IntakeLink | None:
    return IntakeLink.objects.filter(active=True).first()


@transaction.atomic
def issue_link(*, actor: Any) -> IntakeLink:
    """Open the public page at a new unguessable address; the previous address stops working."""
    require(actor, "requests.manage")
    revoked = _revoke_all()
    link = IntakeLink.objects.create(token=secrets.token_urlsafe(32), created_by=actor)
    record(actor=actor, action="requests.intake_link_issued", obj=link, changes={"revoked": [None, revoked]})
    return link


@transaction.atomic
def close_link(*, actor: Any) -> int:
    require(actor, "requests.manage")
    revoked = _revoke_all()
    record(actor=actor, action="requests.intake_link_closed", changes={"revoked": [None, revoked]})
    return revoked


def _revoke_all() -> int:
    return IntakeLink.objects.filter(active=True).update(active=False, revoked_at=timezone.now())


def count_attempt(*, link: IntakeLink, ip: str | None) -> None:
    """Count a submission to the public page before anything is validated (``ratelimit.count_submission``:
    refused and spam submissions count too). Raises ``RateLimited`` over the limits."""
    ratelimit.count_submission(
        scope=f"request-intake:{link.pk}", ip=ip, limit=LIMIT, purpose="request-intake"
    )


@transaction.atomic
def submit(
    *, link: IntakeLink, ip: str | None, data: Submission, honeypot: str = ""
) -> SubjectRequest | None:
    """Open a case from the public page (counted by ``count_attempt`` before the form was validated).
    Returns None for a honeypot hit (nothing opened)."""
    link = IntakeLink.objects.select_for_update().get(pk=link.pk)
    if not link.active:
        raise ValidationError(_("此申請頁已停用"))
    now = timezone.now()
    if honeypot.strip():
        return None
    with using(RequestContext(ip=ip, channel="public")):
        return services.open_request(
            actor=None,
            kind=data.kind,
            received_at=now,
            channel=Channel.WEB,
            requester_name=data.requester_name,
            requester_email=data.requester_email,
            requester_phone=data.requester_phone,
            requester_address=data.requester_address,
            by_agent=data.by_agent,
            data_concerned=data.data_concerned,
            details=data.details,
            explanation=data.explanation,
            check_perm=False,
        )
