"""One required contract item, kept as agreed / not agreed / not yet checked with the clause and the
contract file: the shared write path of client contract terms (``contracts.services.set_term``) and
processor contract items (``thirdparties.services.set_contract_item``).

The caller owns the law data (which keys exist) and the permission; this module validates, stores the
file in the evidence store, saves and writes the audit event, the same way for both.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import Enum
from typing import IO, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.evidence.services import store

ItemT = TypeVar("ItemT", bound=models.Model)


class Keep(Enum):
    """``KEEP``: leave the item's recorded answer or clause as it is (an upload that only adds the file)."""

    KEEP = "keep"


KEEP = Keep.KEEP


@transaction.atomic
def set_clause_item(
    *,
    actor: Any,
    permission: str,
    model: type[ItemT],
    owner: Mapping[str, Any],
    key: str,
    keys: Collection[str],
    agreed: bool | None | Keep,
    clause: str | Keep,
    clause_max: int,
    evidence_file: IO[bytes] | None,
    evidence_name: str,
    evidence_description: str,
    action: str,
    audit_obj: models.Model,
) -> ItemT:
    """Record whether a contract settles item ``key`` (None: not yet checked), in which clause, and
    optionally its file; ``KEEP`` leaves the recorded answer or clause unchanged (a file uploaded on its
    own). ``owner`` names the item's parent (``{"contract": contract}``); an agreed item needs its clause.
    The audit event ``action`` on ``audit_obj`` carries the key and what changed."""
    require(actor, permission)
    if key not in keys:
        raise ValidationError({"key": gettext("契約項目不正確")})
    item, _ = model._default_manager.select_for_update().get_or_create(**owner, key=key)
    row: Any = item
    before = {"agreed": row.agreed, "clause": row.clause, "evidence": row.evidence_id}
    agreed = row.agreed if agreed is KEEP else agreed
    clause = row.clause if clause is KEEP else clause
    if agreed and not clause.strip():
        raise ValidationError({"clause": gettext("已約定時請填寫契約條款（例如：第8條第2項）")})
    row.agreed, row.clause = agreed, clause.strip()[:clause_max]
    if evidence_file is not None:
        row.evidence = store(
            actor=actor,
            file=evidence_file,
            filename=evidence_name or "契約.pdf",
            description=evidence_description[:500],
            context=f"{audit_obj._meta.label_lower}:{audit_obj.pk}",
            check_perm=False,
        )
    row.save()
    after = {"agreed": row.agreed, "clause": row.clause, "evidence": row.evidence_id}
    record(
        actor=actor,
        action=action,
        obj=audit_obj,
        changes={"key": [key, key], **{k: [before[k], after[k]] for k in before if before[k] != after[k]}},
    )
    return item
