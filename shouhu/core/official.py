"""Official documents (表2, 附錄三, the guideline's forms, notices to clients and data subjects) are written in
the official language whatever language the person generating them reads the site in."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.utils import translation

P = ParamSpec("P")
R = TypeVar("R")


def in_official_language(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with zh-TW active: choice labels, ``|roc`` dates and template text come out in Chinese."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(settings.LANGUAGE_CODE):
            return fn(*args, **kwargs)

    return wrapper
