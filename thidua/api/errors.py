"""One error shape for every failure: {"code", "message", "details"}."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from thidua.core.exceptions import DomainError

logger = logging.getLogger(__name__)


class Error(Schema):
    code: str
    message: str
    details: Any = None


# Response mappings per kind of endpoint; every status an endpoint can answer is listed.
AUTH = {401: Error}
READ = {401: Error, 404: Error, 422: Error}
LIST = {400: Error, 401: Error, 422: Error}
WRITE = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: str,
    details: Any = None,
) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return api.create_response(request, body, status=status)


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in errors
    ]


def install_error_handlers(api: NinjaAPI) -> None:  # noqa: C901
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return error_response(
            api,
            request,
            status=exc.status,
            code=exc.code,
            message=exc.message,
            details=exc.details,
        )

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return error_response(
            api,
            request,
            status=422,
            code="validation_error",
            message=_("Dữ liệu gửi lên không hợp lệ."),
            details=_validation_details(exc.errors),
        )

    @api.exception_handler(DjangoValidationError)
    def django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return error_response(
            api,
            request,
            status=422,
            code="validation_error",
            message=" ".join(str(m) for m in exc.messages),
            details=getattr(exc, "message_dict", None),
        )

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = exc.message if exc.message != "Unauthorized" else ""
        return error_response(
            api,
            request,
            status=401,
            code="not_authenticated",
            message=message or _("Cần đăng nhập: thiếu mã truy cập hoặc mã không hợp lệ."),
        )

    @api.exception_handler(AuthorizationError)
    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(
            api,
            request,
            status=403,
            code="permission_denied",
            message=_("Bạn không có quyền thực hiện thao tác này."),
        )

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return error_response(
            api,
            request,
            status=429,
            code="too_many_attempts",
            message=_("Quá nhiều yêu cầu, vui lòng thử lại sau."),
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            return error_response(
                api,
                request,
                status=400,
                code="malformed_body",
                message=_("Nội dung yêu cầu phải là một đối tượng JSON hợp lệ."),
            )
        return error_response(
            api, request, status=exc.status_code, code="http_error", message=exc.message
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(
            api, request, status=404, code="not_found", message=_("Không tìm thấy dữ liệu.")
        )

    @api.exception_handler(IntegrityError)
    def integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        return error_response(
            api,
            request,
            status=409,
            code="conflict",
            message=_("Dữ liệu xung đột với dữ liệu đã có."),
        )

    @api.exception_handler(DataError)
    def data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
        return error_response(
            api,
            request,
            status=400,
            code="invalid_data",
            message=_("Dữ liệu không lưu được vào cơ sở dữ liệu."),
        )

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error", exc_info=exc)
        return error_response(
            api,
            request,
            status=500,
            code="server_error",
            message=_("Lỗi hệ thống, vui lòng thử lại sau."),
        )
