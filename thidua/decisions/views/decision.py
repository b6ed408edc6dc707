"""Award decisions: the list, recording one, its page and its file."""

from django.http import HttpRequest, HttpResponse

from thidua.org.views import page_view

SECTION = "decisions"


@page_view(SECTION)
def decision_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
