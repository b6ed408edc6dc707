from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    return any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists())


class RejectNulBytesMiddleware:
    """Refuse NUL bytes in the URL before they reach a database (PostgreSQL rejects them)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = _("Dữ liệu gửi lên chứa ký tự NUL không hợp lệ.")
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "invalid_characters", "message": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language (the set_language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; this product is
    Vietnamese first, so only an explicit choice switches the language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
