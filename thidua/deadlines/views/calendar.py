"""The calendar of a province and year (filters by bloc and unit), its .ics download, a unit's
calendar with its subscribe link, and the public feeds behind the secret links."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.core.exceptions import NotFound
from thidua.core.views import run
from thidua.deadlines import selectors, services
from thidua.deadlines.feed import feed_text, feed_url
from thidua.deadlines.selectors import Calendar
from thidua.deadlines.views._common import (
    BLOC_PARAM,
    PROVINCE_PARAM,
    SECTION,
    UNIT_PARAM,
    YEAR_PARAM,
    by_month,
    chosen_province,
    chosen_year,
    int_param,
    may,
    rows_of,
)
from thidua.org import selectors as org_selectors
from thidua.org.models import Province
from thidua.org.views import page_view, require_can

ICS_TYPE = "text/calendar; charset=utf-8"


def _filters(request: HttpRequest, province: Province, year: int) -> dict[str, Any]:
    blocs = list(selectors.blocs_of(province=province))
    units = list(selectors.units_of(province=province, year=year))
    bloc_id, unit_id = int_param(request, BLOC_PARAM), int_param(request, UNIT_PARAM)
    bloc = next((b for b in blocs if b.pk == bloc_id), None)
    unit = next((u for u in units if u.pk == unit_id), None)
    if (bloc_id and bloc is None) or (unit_id and unit is None):
        raise NotFound()
    return {"blocs": blocs, "units": units, "bloc": bloc, "unit": unit}


def _chosen_calendar(
    request: HttpRequest,
) -> tuple[Province, list[Province], int, dict[str, Any], Calendar]:
    """The province, year, bloc and unit the request asks for, and their deadlines (the page and
    its .ics download show the same)."""
    province, provinces = chosen_province(request)
    year = chosen_year(request)
    filters = _filters(request, province, year)
    bloc, unit = filters["bloc"], filters["unit"]
    data = selectors.calendar_for_user(
        user=request.user,
        province=province,
        year=year,
        bloc_id=bloc.pk if bloc else None,
        unit_id=unit.pk if unit else None,
    )
    return province, provinces, year, filters, data


def _query(province: Province, year: int, bloc: Any, unit: Any) -> str:
    parts = [f"{PROVINCE_PARAM}={province.pk}", f"{YEAR_PARAM}={year}"]
    if bloc is not None:
        parts.append(f"{BLOC_PARAM}={bloc.pk}")
    if unit is not None:
        parts.append(f"{UNIT_PARAM}={unit.pk}")
    return "&".join(parts)


def _rows(calendar: Calendar) -> list[Any]:
    return rows_of(calendar.deadlines, soon=calendar.soon_days, today=timezone.localdate())


@page_view(SECTION)
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """The province's deadlines of an emulation year, by month, with their state."""
    province, provinces, year, filters, data = _chosen_calendar(request)
    bloc, unit = filters["bloc"], filters["unit"]
    rows = _rows(data)
    is_board = may(request, "deadlines.province_feed", province)
    token = selectors.feed_token_of(province=province) if is_board else None
    years = sorted({year, timezone.localdate().year, *selectors.years_of(province=province)})
    context = {
        **filters,
        "province": province,
        "provinces": provinces,
        "year": year,
        "years": sorted(years, reverse=True),
        "months": by_month(rows),
        "count": len(rows),
        "states": _state_counts(rows),
        "query": _query(province, year, bloc, unit),
        "may_edit_template": may(request, "deadlines.change_template", province),
        "is_board": is_board,
        "feed_url": feed_url(request, token),
        "today": timezone.localdate(),
    }
    return render(request, "deadlines/calendar.html", context)


def _state_counts(rows: list[Any]) -> list[tuple[str, str, int]]:
    counts: dict[str, tuple[str, int]] = {}
    for row in rows:
        label, n = counts.get(row.state, (row.state_label, 0))
        counts[row.state] = (label, n + 1)
    return [(state, label, n) for state, (label, n) in counts.items()]


@page_view(SECTION)
@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    """The same deadlines as the page, as an .ics file to import once."""
    province, _provinces, year, filters, data = _chosen_calendar(request)
    bloc, unit = filters["bloc"], filters["unit"]
    owner = (unit or bloc or province).name
    name = _("Lịch thi đua %(year)s – %(owner)s") % {"year": year, "owner": owner}
    text = feed_text(data, name=name, now=timezone.now())
    response = HttpResponse(text.encode("utf-8"), content_type=ICS_TYPE)
    filename = f"lich-thi-dua-{year}-{slugify(owner) or province.pk}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@page_view(SECTION)
@require_GET
def unit_calendar(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """A unit's deadlines (its seasons and thematic movements) and its subscribe link."""
    unit = org_selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    require_can(request, "deadlines.view", unit)
    year = chosen_year(request)
    data = selectors.deadlines_for(province_ids=[unit.province_id], years=[year], unit_id=unit.pk)
    rows = _rows(data)
    may_feed = may(request, "deadlines.unit_feed", unit)
    token = selectors.feed_token_of(unit=unit) if may_feed else None
    context = {
        "unit": unit,
        "year": year,
        "years": [year + 1, year, year - 1],
        "months": by_month(rows),
        "count": len(rows),
        "may_feed": may_feed,
        "feed_url": feed_url(request, token),
        "today": timezone.localdate(),
        "province": unit.province,
    }
    return render(request, "deadlines/unit_calendar.html", context)


@page_view(SECTION)
@require_POST
def unit_feed_rotate(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = org_selectors.unit_get_for_user(user=request.user, pk=unit_pk)
    require_can(request, "deadlines.unit_feed", unit)
    _token, exc = run(lambda: services.feed_token_rotate(actor=request.user, unit=unit))
    if exc is not None:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã tạo đường dẫn đăng ký mới; đường dẫn cũ (nếu có) không còn dùng được.")
        )
    return redirect(reverse("deadlines:unit_calendar", args=[unit.pk]) + "#dang-ky")


@page_view(SECTION)
@require_POST
def province_feed_rotate(request: HttpRequest, province_pk: int) -> HttpResponse:
    province = org_selectors.province_get_for_user(user=request.user, pk=province_pk)
    require_can(request, "deadlines.province_feed", province)
    _token, exc = run(lambda: services.feed_token_rotate(actor=request.user, province=province))
    if exc is not None:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã tạo đường dẫn đăng ký mới; đường dẫn cũ (nếu có) không còn dùng được.")
        )
    return redirect(f"{reverse('deadlines:calendar')}?{PROVINCE_PARAM}={province.pk}#dang-ky")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribed feed (no sign-in: the secret in the URL is the permission)."""
    row = selectors.feed_token_lookup(token)
    if row is None:
        raise Http404(_("Không tìm thấy lịch."))
    today = timezone.localdate()
    if row.unit is not None:
        data = selectors.unit_feed_deadlines(unit=row.unit, today=today)
        name = _("Lịch thi đua – %(name)s") % {"name": row.unit.name}
    else:
        province: Province = row.province  # type: ignore[assignment]
        data = selectors.province_feed_deadlines(province=province, today=today)
        name = _("Lịch thi đua – %(name)s") % {"name": province.name}
    response = HttpResponse(
        feed_text(data, name=name, now=timezone.now()).encode("utf-8"), content_type=ICS_TYPE
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


__all__ = [
    "calendar",
    "calendar_ics",
    "feed",
    "province_feed_rotate",
    "unit_calendar",
    "unit_feed_rotate",
]
