"""Tie forms to services: form validation for input shape, services for the rules, errors back on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

T = TypeVar("T")


def call_service(form: forms.BaseForm, fn: Callable[[], T]) -> T | None:
    """Run a service; on ValidationError put its messages on the form and return None."""
    try:
        return fn()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                target = field if field in form.fields else None
                for message in errors:
                    form.add_error(target, message)
        else:
            for message in exc.messages:
                form.add_error(None, message)
        return None
    except PermissionDenied:
        raise


def paginate(request: HttpRequest, qs: QuerySet[Any], per_page: int = 50) -> Page[Any]:
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def flash_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """Show every error of a form as a message (for forms posted from another page)."""
    from django.contrib import messages

    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
