"""The council page: the province's council and its members."""

from django.http import HttpRequest, HttpResponse

from thidua.org.views import page_view

SECTION = "council"


@page_view(SECTION)
def council(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
