"""Generic create / update / delete with validation and an audit row: the shared write path for records.

Domain services call these after checking permissions and domain rules, so every module validates with
``full_clean()``, saves with ``update_fields`` and audits old and new values the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from shouhu.audit.services import created, diff, record, snapshot
from shouhu.core.validation import check_instance

M = TypeVar("M", bound=models.Model)


def _action(instance: models.Model, verb: str) -> str:
    return f"{instance._meta.label_lower}.{verb}"


@transaction.atomic
def create_record(
    *, actor: Any, model: type[M], data: Mapping[str, Any], fields: Iterable[str], past: Iterable[str] = ()
) -> M:
    """``past``: date fields that record events (checked to now + 1 year); other dates get the wide range."""
    fields = list(fields)
    instance = model(**{k: v for k, v in data.items() if k in fields})
    check_instance(instance, fields, past=past)
    instance.full_clean()
    instance.save()
    record(actor=actor, action=_action(instance, "created"), obj=instance, changes=created(instance, fields))
    return instance


@transaction.atomic
def update_record(
    *, actor: Any, instance: M, data: Mapping[str, Any], fields: Iterable[str], past: Iterable[str] = ()
) -> M:
    fields = [f for f in fields if f in data]
    before = snapshot(instance, fields)
    for name in fields:
        setattr(instance, name, data[name])
    check_instance(instance, fields, past=past)
    instance.full_clean()
    changes = diff(before, snapshot(instance, fields))
    if changes:
        instance.save(
            update_fields=[
                *fields,
                *([f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]),
            ]
        )
        record(actor=actor, action=_action(instance, "updated"), obj=instance, changes=changes)
    return instance


@transaction.atomic
def delete_record(*, actor: Any, instance: models.Model, fields: Iterable[str]) -> None:
    before = snapshot(instance, fields)
    record(actor=actor, action=_action(instance, "deleted"), obj=instance, changes=diff(before, {}))
    instance.delete()
