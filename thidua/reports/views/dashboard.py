"""The province dashboard page: the blocs' yearly cycle, overdue items, award counts and charts.

It is the home page: `org:dashboard` (`/`) renders `province_dashboard`, so this module adds no
route of its own. `?province=<id>` chooses the province (404 outside the user's provinces) and
`?year=` the year (a year without seasons falls back to the default one).
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.org.forms import DashboardForm
from thidua.org.models import Province
from thidua.org.selectors import province_list_for_user
from thidua.org.selectors.pages import default_province_for_user, default_year_for_user
from thidua.reports.selectors.dashboard import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
    STATE_LABELS,
    STEP_LABELS,
    STEPS,
    BlocCycle,
    Dashboard,
    Step,
    dashboard_for_user,
)

urlpatterns: list[URLPattern] = []

# Colours of the cycle chart's series, in the order of CYCLE_STATES (the table says it in words).
CYCLE_STATES = (DONE, IN_PROGRESS, OVERDUE, NOT_STARTED)
CYCLE_COLOURS = "#17612f,#0b5cad,#a4161a,#8a94a3"


@login_required
@require_GET
def province_dashboard(request: HttpRequest) -> HttpResponse:
    request.nav_section = "dashboard"  # type: ignore[attr-defined]
    try:
        context = _context(request)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "reports/dashboard.html", context)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _province(request: HttpRequest, provinces: list[Province]) -> Province | None:
    raw = request.GET.get("province")
    if not raw:
        return default_province_for_user(user=request.user, provinces=provinces)
    wanted = _int(raw)
    province = next((p for p in provinces if p.pk == wanted), None)
    if province is None:
        raise NotFound()
    return province


def _context(request: HttpRequest) -> dict[str, Any]:
    provinces_qs = province_list_for_user(user=request.user)
    provinces = list(provinces_qs)
    province = _province(request, provinces)
    province_id = province.pk if province is not None else None
    year, years = default_year_for_user(user=request.user, province_id=province_id)
    wanted_year = _int(request.GET.get("year"))
    if wanted_year in years:
        year = wanted_year  # type: ignore[assignment]
    form = DashboardForm(
        initial={"province": province_id, "year": year}, provinces=provinces_qs, years=years
    )
    context: dict[str, Any] = {"form": form, "province": province, "year": year}
    if province is not None:
        board = dashboard_for_user(user=request.user, province=province, year=year)
        context.update(
            dashboard=board,
            charts=charts(board),
            steps=[STEP_LABELS[k] for k in STEPS],
            cycle_rows=cycle_rows(board),
        )
    return context


def cycle_rows(board: Dashboard) -> list[tuple[BlocCycle, list[tuple[str, SafeString]]]]:
    """Each bloc with its cells (state, HTML): built here rather than in the template, whose
    per-node cost adds up to most of the page's time on a province of hundreds of blocs."""
    labels = {state: str(label) for state, label in STATE_LABELS.items()}
    return [
        (row, [(step.state, _cell(step, labels, row)) for step in row.steps]) for row in board.blocs
    ]


def _cell(step: Step, labels: dict[str, str], row: BlocCycle) -> SafeString:
    html = format_html(
        '<a href="{}"><span class="state state--{}">{}</span> <span class="cycle-text">{}</span></a>',
        step.url,
        step.state,
        labels[step.state],
        step.text,
    )
    if step.due is not None:
        due = _("Hạn: %(day)s") % {"day": date_format(step.due, "d/m/Y")}
        html += format_html('<span class="cycle-due">{}</span>', due)
    if step.key == "dossiers" and row.proposal_statuses:
        items = format_html_join(
            "", "<li>{}: {}</li>", ((label, count) for _s, label, count in row.proposal_statuses)
        )
        html += format_html('<ul class="cycle-statuses">{}</ul>', items)
    return html


def charts(board: Dashboard) -> dict[str, dict[str, Any]]:
    """The dashboard's charts in the shape `reports/_chart_table.html` reads."""
    awards = board.awards
    categories = [
        ("title", _("Danh hiệu thi đua")),
        ("commendation", _("Hình thức khen thưởng")),
    ]
    if any(row.category == "" for row in awards.by_type):
        categories.append(("", _("Khác (ngoài danh mục)")))
    by_year_rows = [
        {"label": str(y), "values": [awards.category_totals(c)[i] for c, _name in categories]}
        for i, y in enumerate(awards.years)
    ]
    return {
        "cycle": {
            "id": "chart-cycle",
            "kind": "hbar-stacked",
            "caption": _("Số khối, cụm theo tình trạng từng bước năm %(year)s")
            % {"year": board.year},
            "label_header": _("Bước"),
            "columns": [str(STATE_LABELS[s]) for s in CYCLE_STATES],
            "colours": CYCLE_COLOURS,
            "rows": [
                {
                    "label": str(STEP_LABELS[key]),
                    "values": [board.step_states[key][s] for s in CYCLE_STATES],
                }
                for key in STEPS
            ],
        },
        "by_year": {
            "id": "chart-awards-years",
            "kind": "bar-stacked",
            "caption": _("Số khen thưởng theo năm, %(first)s–%(last)s")
            % {"first": awards.years[0], "last": awards.years[-1]},
            "label_header": _("Năm"),
            "columns": [name for _code, name in categories],
            "rows": by_year_rows,
        },
        "by_bloc": {
            "id": "chart-awards-blocs",
            "kind": "hbar-stacked",
            "caption": _("Số khen thưởng năm %(year)s theo khối, cụm") % {"year": board.year},
            "label_header": _("Khối, cụm"),
            "columns": [name for _code, name in awards.bloc_columns],
            "rows": [
                {"label": row.bloc.name, "values": list(row.counts)}
                for row in awards.by_bloc
                if row.total
            ],
        },
    }
