"""The home page: the province dashboard, built by the reports app (`thidua.reports`)."""

from django.http import HttpRequest, HttpResponse

from thidua.reports.views.dashboard import province_dashboard


def dashboard(request: HttpRequest) -> HttpResponse:
    """`org:dashboard` (`/`): the blocs' yearly cycle, overdue items and award counts."""
    return province_dashboard(request)
