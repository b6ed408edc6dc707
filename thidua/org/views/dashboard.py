"""The province dashboard."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.org import forms, selectors
from thidua.org.selectors import pages
from thidua.org.views.common import (
    _int_or_none,
    _provinces,
    page_view,
)

# Dashboard ------------------------------------------------------------------------------------


@page_view("dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    provinces_qs = _provinces(request)
    provinces = list(provinces_qs)
    province = pages.default_province_for_user(user=request.user, provinces=provinces)
    wanted = _int_or_none(request.GET.get("province"))
    if wanted is not None:
        province = next((p for p in provinces if p.pk == wanted), province)
    province_id = province.pk if province else None
    year, years = pages.default_year_for_user(user=request.user, province_id=province_id)
    wanted_year = _int_or_none(request.GET.get("year"))
    if wanted_year in years:
        year = wanted_year  # type: ignore[assignment]
    form = forms.DashboardForm(
        initial={"province": province_id, "year": year}, provinces=provinces_qs, years=years
    )
    rows = (
        selectors.dashboard_rows(user=request.user, province_id=province_id, year=year)
        if province is not None
        else []
    )
    context = {
        "form": form,
        "province": province,
        "year": year,
        "rows": rows,
        "led_count": sum(1 for r in rows if r.season and r.season.leader_id),
        "season_count": sum(1 for r in rows if r.season),
        "member_total": sum(r.member_count for r in rows),
    }
    return render(request, "org/dashboard.html", context)
