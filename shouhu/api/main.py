"""The /api/v1 JSON API: one NinjaAPI; each module contributes a router; permissions checked by services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from shouhu.api.auth import GatedSessionAuth, TokenAuth, signed_in_only

api = NinjaAPI(
    title="守護 Shouhu API",
    version="1.0.0",
    description="個資保護與資安管理 API。以個人 API 權杖認證（Authorization: Bearer），權限與網頁介面相同。",
    auth=[TokenAuth(), GatedSessionAuth()],
    docs_decorator=signed_in_only,
    urls_namespace="api-1.0.0",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "權限不足 / permission denied"}, status=403)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request, {"detail": "輸入資料有誤 / invalid input", "errors": errors}, status=422
    )


@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    """A number the database cannot hold (an id of 22 digits in ``assessor_ids``): no record has it, so it is
    the caller's input, not a server error (SQLite refuses such an integer in an ``IN`` list)."""
    return api.create_response(
        request,
        {"detail": "輸入資料有誤：數值超出範圍 / invalid input: a number is out of range"},
        status=422,
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "找不到資料 / not found"}, status=404)


def _register() -> None:
    from shouhu.api.routers import ROUTERS

    for prefix, router in ROUTERS:
        api.add_router(prefix, router)


_register()
