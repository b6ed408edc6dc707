"""A season's dates with their sources, and the forms to set or remove a date of its own (and
the same for the board's province-wide steps of a year)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.views import run
from thidua.deadlines import forms, selectors, services
from thidua.deadlines.enums import DeadlineKind, Scope
from thidua.deadlines.models import DeadlineOverride
from thidua.deadlines.schedule import KINDS
from thidua.deadlines.views._common import (
    MAX_YEAR,
    MIN_YEAR,
    PROVINCE_PARAM,
    SECTION,
    YEAR_PARAM,
    may,
    rows_of,
)
from thidua.org import selectors as org_selectors
from thidua.org.selectors.pages import history_display
from thidua.org.views import page_view, post_data, require_can


def season_url(season_pk: int) -> str:
    return reverse("deadlines:season", args=[season_pk])


@page_view(SECTION)
@require_GET
def season_dates(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = org_selectors.season_get_for_user(user=request.user, pk=season_pk)
    require_can(request, "deadlines.view", season)
    data, overrides = selectors.season_calendar(season=season)
    rows = rows_of(data.deadlines, soon=data.soon_days, today=timezone.localdate())
    shown = {r.deadline.kind for r in rows}
    context = {
        "season": season,
        "province": season.bloc.province,
        "rows": rows,
        "missing": [
            (k, DeadlineKind(k).label)
            for k, info in KINDS.items()
            if info.scope == Scope.SEASON and k not in shown
        ],
        "overrides": overrides,
        "may_override": may(request, "deadlines.override_season", season),
        "history": [
            {"override": o, "rows": history_display(o, limit=10)} for o in overrides.values()
        ],
    }
    return render(request, "deadlines/season_dates.html", context)


def _season_kind(kind: str) -> str:
    if kind not in KINDS or KINDS[kind].scope != Scope.SEASON:
        raise Http404()
    return kind


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def season_override(request: HttpRequest, season_pk: int, kind: str) -> HttpResponse:
    season = org_selectors.season_get_for_user(user=request.user, pk=season_pk)
    require_can(request, "deadlines.override_season", season)
    kind = _season_kind(kind)
    current = DeadlineOverride.objects.filter(season=season, kind=kind).first()
    if request.method == "POST" and "clear" in request.POST:
        _none, exc = run(
            lambda: services.season_deadline_clear(actor=request.user, season=season, kind=kind)
        )
        if exc is None:
            messages.success(request, _("Đã bỏ ngày điều chỉnh; áp dụng lại lịch của tỉnh."))
        else:
            messages.error(request, exc.message)
        return redirect(season_url(season.pk))
    form = forms.OverrideForm(post_data(request), initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        _row, exc = run(
            lambda: services.season_deadline_set(
                actor=request.user,
                season=season,
                kind=kind,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
            )
        )
        if exc is None:
            messages.success(request, _("Đã lưu hạn của năm thi đua."))
            return redirect(season_url(season.pk))
        form.add_error(None, exc.message)
    return _form(
        request,
        form,
        title=_("Điều chỉnh hạn: %(kind)s") % {"kind": DeadlineKind(kind).label},
        subtitle=str(season),
        current=current,
        back=season_url(season.pk),
    )


def _initial(current: DeadlineOverride | None) -> dict[str, Any]:
    return {"due_on": current.due_on, "reason": current.reason} if current else {}


def _form(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    status = 422 if request.method == "POST" else 200
    return render(request, "deadlines/override_form.html", {"form": form, **context}, status=status)


@page_view(SECTION)
@require_http_methods(["GET", "POST"])
def province_override(request: HttpRequest, province_pk: int, year: int, kind: str) -> HttpResponse:
    province = org_selectors.province_get_for_user(user=request.user, pk=province_pk)
    require_can(request, "deadlines.override_province", province)
    if kind not in KINDS or KINDS[kind].scope != Scope.PROVINCE or not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404()
    back = f"{reverse('deadlines:calendar')}?{PROVINCE_PARAM}={province.pk}&{YEAR_PARAM}={year}"
    current = selectors.province_overrides(province=province, year=year).get(kind)
    if request.method == "POST" and "clear" in request.POST:
        _none, exc = run(
            lambda: services.province_deadline_clear(
                actor=request.user, province=province, year=year, kind=kind
            )
        )
        if exc is None:
            messages.success(request, _("Đã bỏ ngày điều chỉnh; áp dụng lại lịch của tỉnh."))
        else:
            messages.error(request, exc.message)
        return redirect(back)
    form = forms.OverrideForm(post_data(request), initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        _row, exc = run(
            lambda: services.province_deadline_set(
                actor=request.user,
                province=province,
                year=year,
                kind=kind,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
            )
        )
        if exc is None:
            messages.success(request, _("Đã lưu hạn."))
            return redirect(back)
        form.add_error(None, exc.message)
    return _form(
        request,
        form,
        title=_("Điều chỉnh hạn: %(kind)s") % {"kind": DeadlineKind(kind).label},
        subtitle=_("%(province)s – năm thi đua %(year)s") % {"province": province, "year": year},
        current=current,
        back=back,
    )
