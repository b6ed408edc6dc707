from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from thidua.api.main import api


def not_found(request: HttpRequest, rest: str) -> JsonResponse:
    """Unknown paths under /api/v1/ answer in the API's error shape, not with an HTML page."""
    return JsonResponse(
        {"code": "not_found", "message": _("Không có địa chỉ API này.")}, status=404
    )


urlpatterns = [path("", api.urls), re_path(r"^(?P<rest>.*)$", not_found)]
