"""Pages for importing and exporting units and bloc memberships as Excel workbooks."""

import re
from typing import Any, NoReturn

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.permissions import can
from thidua.core.exceptions import DomainError, NotFound, PermissionDeniedError
from thidua.org.forms_io import ImportForm
from thidua.org.models import Province
from thidua.org.selectors import province_get_for_user, province_list_for_user
from thidua.org.services.xlsx_export import workbook_export, workbook_template
from thidua.org.services.xlsx_import import workbook_import
from thidua.org.xlsx.workbook import XLSX_CONTENT_TYPE


def _import_provinces(user: Any) -> list[Province]:
    return [p for p in province_list_for_user(user=user) if can(user, "org.import_data", p)]


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _raise_http(exc: DomainError) -> NoReturn:
    if isinstance(exc, NotFound):
        raise Http404(exc.message) from exc
    if isinstance(exc, PermissionDeniedError):
        raise PermissionDenied(exc.message) from exc
    raise exc


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """Upload a workbook into one province (board administrators, "org.import_data")."""
    provinces = _import_provinces(request.user)
    if not provinces:
        raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu."))
    result = None
    if request.method == "POST":
        chosen = request.POST.get("province", "")
        if chosen and chosen not in {str(p.pk) for p in provinces}:
            raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu cho tỉnh này."))
        form = ImportForm(request.POST, request.FILES, provinces=provinces)
        if form.is_valid():
            try:
                result = workbook_import(
                    actor=request.user,
                    data=form.cleaned_data["file"].read(),
                    province=form.cleaned_data["province"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except DomainError as exc:
                _raise_http(exc)
    else:
        form = ImportForm(provinces=provinces)
    return render(
        request,
        "org/io/index.html",
        {"form": form, "result": result, "provinces": provinces},
    )


@login_required
@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    return _xlsx_response(workbook_template(), "mau-nhap-don-vi-khoi-thi-dua.xlsx")


@login_required
@require_GET
def export_download(request: HttpRequest) -> HttpResponse:
    """The province's units and memberships (optionally one year's) in the import format."""
    try:
        province_id = int(request.GET.get("province", ""))
        year = int(request.GET["year"]) if request.GET.get("year") else None
    except ValueError:
        return HttpResponseBadRequest(_("Tham số tỉnh hoặc năm không hợp lệ."))
    try:
        province = province_get_for_user(user=request.user, pk=province_id)
        data = workbook_export(actor=request.user, provinces=[province], year=year)
    except DomainError as exc:
        _raise_http(exc)
    suffix = f"-{year}" if year else ""
    code = re.sub(r"[^\w.-]", "_", province.code, flags=re.ASCII)
    return _xlsx_response(data, f"thidua-{code}{suffix}.xlsx")
