"""A dossier's or proposal's uploaded file: download (to those who may read it) and removal."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.dossiers.models import DossierFile
from thidua.dossiers.services import files as file_services
from thidua.dossiers.views._common import file_get_for_user, run
from thidua.org.views import page_view, require_can

SECTION = "proposals"


def owner_url(item: DossierFile) -> str:
    if item.proposal_id is not None:
        return reverse("dossiers:proposal_detail", args=[item.proposal_id]) + "#giay-to"
    return reverse("dossiers:dossier_detail", args=[item.dossier_id]) + "#giay-to"


@page_view(SECTION)
@require_GET
def file_download(request: HttpRequest, pk: int) -> Any:
    """The stored file as an attachment, under its original name and checked content type."""
    item = file_get_for_user(request, pk)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.original_name or "tep",
        content_type=item.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@page_view(SECTION)
@require_POST
def file_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = file_get_for_user(request, pk)
    require_can(request, "dossiers.upload_file", item)
    back = owner_url(item)
    _none, exc = run(lambda: file_services.file_remove(actor=request.user, item=item))
    if exc is None:
        messages.success(request, _("Đã gỡ tệp."))
    else:
        messages.error(request, exc.message)
    return redirect(back)
