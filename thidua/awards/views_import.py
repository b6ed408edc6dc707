"""Pages for importing award history from .xlsx registries (/khen-thuong/nhap/, board only)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.permissions import can
from thidua.awards.importing.forms import RegistryImportForm
from thidua.awards.importing.jobs import import_job_get, import_job_start
from thidua.awards.importing.service import IMPORT_PERMISSION
from thidua.awards.importing.template import registry_template
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError
from thidua.org.models import Province
from thidua.org.selectors import province_list_for_user
from thidua.org.xlsx.workbook import XLSX_CONTENT_TYPE


def _import_provinces(user: Any) -> list[Province]:
    provinces = [p for p in province_list_for_user(user=user) if can(user, IMPORT_PERMISSION, p)]
    if not provinces:
        raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu."))
    return provinces


def _job(request: HttpRequest, job_id: str) -> dict[str, Any]:
    try:
        return import_job_get(user=request.user, job_id=job_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
@require_http_methods(["GET", "POST"])
def import_index(request: HttpRequest) -> HttpResponse:
    """Upload a registry workbook; the import runs in the background (see import_job)."""
    provinces = _import_provinces(request.user)
    if request.method == "POST":
        chosen = request.POST.get("province", "")
        if chosen and chosen not in {str(p.pk) for p in provinces}:
            raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu cho tỉnh này."))
        form = RegistryImportForm(request.POST, request.FILES, provinces=provinces)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                job_id = import_job_start(
                    actor=request.user,
                    province=form.cleaned_data["province"],
                    upload=upload,
                    filename=upload.name or "",
                )
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except Conflict as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("awards:import_job", job_id=job_id)
    else:
        form = RegistryImportForm(provinces=provinces)
    return render(
        request,
        "awards/import.html",
        {"form": form, "provinces": provinces, "nav_section": "io"},
    )


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    _import_provinces(request.user)
    response = HttpResponse(registry_template(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-so-khen-thuong.xlsx"'
    return response


@login_required
@require_GET
def import_job(request: HttpRequest, job_id: str) -> HttpResponse:
    """The job's page: progress (polled every second) and, at the end, the report or errors."""
    job = _job(request, job_id)
    return render(request, "awards/import_job.html", {"job": job, "nav_section": "io"})


@login_required
@require_GET
def import_progress(request: HttpRequest, job_id: str) -> HttpResponse:
    job = _job(request, job_id)
    response = render(request, "awards/import_progress.html", {"job": job})
    response["Cache-Control"] = "no-store"
    return response
