"""The statistics page of the registry of awards, and its downloads: each table as .xlsx or CSV,
and one .xlsx with every table on its own sheet.

The filters travel in the query string (GET); the tables come from
`reports.selectors.statistics`, the files from the same tables. Bad filters show the form again
with a Vietnamese message (400), never an error page.
"""

from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from thidua.core.exceptions import ValidationFailed
from thidua.core.forms import Form
from thidua.org import selectors as org_selectors
from thidua.org.views.common import page_view, require_can
from thidua.reports.exports import CellValue, Column, Table
from thidua.reports.selectors.statistics import (
    LEVELS,
    MAX_YEAR,
    MIN_YEAR,
    SUBJECT_KINDS,
    StatisticsReport,
    level_label,
    statistics_download,
    statistics_filters,
    statistics_report,
    subject_label,
)

NAV = "statistics"
PERMISSION = "reports.view_statistics"
ALL = gettext_lazy("Tất cả")
# Tables drawn as a chart above them (js/charts.js reads the table itself): the kind of chart
# and the columns left out of it.
CHARTS = {
    "xu-huong": ("line", {"change", "change_share"}),
    "theo-hinh-thuc": ("hbar-stacked", {"level", "total"}),
}
# Form field of each filter the selector may refuse.
FIELDS = {"year_from": "year_from", "year_to": "year_to", "bloc_id": "bloc", "level": "level"}


# Django's own Vietnamese messages for these fields read badly; these say what to do.
_YEAR_ERRORS = {
    "invalid": gettext_lazy("Năm phải là một số nguyên, ví dụ 2024."),
    "min_value": gettext_lazy("Năm không được trước năm %(limit_value)s."),
    "max_value": gettext_lazy("Năm không được sau năm %(limit_value)s."),
}
_CHOICE_ERRORS = {"invalid_choice": gettext_lazy("Lựa chọn không có trong danh sách.")}


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages=_YEAR_ERRORS,
    )


def _choice(label: Any, **kwargs: Any) -> forms.ChoiceField:
    if kwargs:
        return forms.TypedChoiceField(
            label=label, required=False, error_messages=_CHOICE_ERRORS, **kwargs
        )
    return forms.ChoiceField(label=label, required=False, error_messages=_CHOICE_ERRORS)


class StatisticsFilterForm(Form):
    province = _choice(gettext_lazy("tỉnh, thành phố"), coerce=int, empty_value=None)
    year_from = _year(gettext_lazy("từ năm"))
    year_to = _year(gettext_lazy("đến năm"))
    bloc = _choice(gettext_lazy("khối, cụm"), coerce=int, empty_value=None)
    level = _choice(gettext_lazy("cấp khen thưởng"))
    subject_kind = _choice(gettext_lazy("đối tượng"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provinces = list(org_selectors.province_list_for_user(user=user))
        blocs = list(org_selectors.bloc_list_for_user(user=user))
        several = len({b.province_id for b in blocs}) > 1
        self._choices("province", [(p.pk, p.name) for p in provinces])
        self._choices(
            "bloc", [(b.pk, f"{b.name} ({b.province.name})" if several else b.name) for b in blocs]
        )
        self._choices("level", [(level, level_label(level)) for level in LEVELS])
        self._choices("subject_kind", [(kind, subject_label(kind)) for kind in SUBJECT_KINDS])
        for name in ("year_from", "year_to"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "size": 6})

    def _choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", ALL), *choices]


def _report(request: HttpRequest) -> tuple[StatisticsFilterForm, StatisticsReport | None]:
    """The filter form and the report, or the form with its errors and no report."""
    require_can(request, PERMISSION)
    user = request.user
    form = StatisticsFilterForm(request.GET or None, user=user)
    if form.is_bound and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    try:
        filters = statistics_filters(
            user=user,
            province_id=data.get("province"),
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            bloc_id=data.get("bloc"),
            level=data.get("level"),
            subject_kind=data.get("subject_kind"),
        )
    except ValidationFailed as exc:
        field = FIELDS.get((exc.details or {}).get("field", ""))
        form.add_error(field, exc.message)
        return form, None
    if not form.is_bound:
        form.initial = {"year_from": filters.year_from, "year_to": filters.year_to}
    return form, statistics_report(user=user, filters=filters)


def _bad_filters(request: HttpRequest, form: StatisticsFilterForm) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "report": None, "tables": []}
    return render(request, "reports/statistics.html", context, status=400)


@page_view(NAV)
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return _bad_filters(request, form)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "report": report,
        "tables": [_display(table, query) for table in report.tables],
        "workbook_url": _url("reports:statistics_workbook", query),
    }
    return render(request, "reports/statistics.html", context)


@page_view(NAV)
@require_GET
def statistics_table_file(
    request: HttpRequest, table: str, fmt: Literal["csv", "xlsx"]
) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return _bad_filters(request, form)
    return statistics_download(report=report, slug=table, fmt=fmt).response()


@page_view(NAV)
@require_GET
def statistics_workbook(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return _bad_filters(request, form)
    return statistics_download(report=report, slug=None, fmt="xlsx").response()


# ── Display ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class DisplayCell:
    text: str
    header: bool
    numeric: bool
    value: CellValue  # the raw value (charts)


def _display(table: Table, query: str) -> dict[str, Any]:
    """The table with its cells written for a reader in the active language (33,3% in
    Vietnamese), its download links and its chart's kind."""
    return {
        "table": table,
        "rows": [_cells(table.columns, row.cells) for row in table.rows],
        "totals": _cells(table.columns, table.totals) if table.totals is not None else None,
        "csv_url": _url("reports:statistics_csv", query, table=table.slug),
        "xlsx_url": _url("reports:statistics_xlsx", query, table=table.slug),
        **_chart(table),
    }


def _chart(table: Table) -> dict[str, Any]:
    kind, skip = CHARTS.get(table.slug, ("", set()))
    if not kind or not table.rows:
        return {"chart": "", "chart_skip": set(), "chart_height": 0}
    height = 288 if kind == "line" else max(200, 80 + 32 * len(table.rows))
    return {"chart": kind, "chart_skip": skip, "chart_height": height}


def _url(name: str, query: str, **kwargs: str) -> str:
    url = reverse(name, kwargs=kwargs or None)
    return f"{url}?{query}" if query else url


def _cells(columns: tuple[Column, ...], values: tuple[CellValue, ...]) -> list[DisplayCell]:
    return [
        DisplayCell(
            text=cell_text(column, value),
            header=column.header,
            numeric=column.kind != "text",
            value=value,
        )
        for column, value in zip(columns, values, strict=True)
    ]


def cell_text(column: Column, value: CellValue) -> str:
    """A value as a reader sees it: 1.234 and 33,3% in Vietnamese, "—" for nothing."""
    if value is None:
        return "—"
    if isinstance(value, str) or column.kind == "text":
        return str(value)
    sign = "+" if value > 0 else "-" if value < 0 else ""
    if column.kind in ("count", "change"):
        text = _number(abs(value), 0)
        return (sign if column.kind == "change" else "") + text
    percent = _number(abs(value) * 100, 1)
    return (sign if column.kind == "change_share" else "") + _("%(value)s%%") % {"value": percent}


def _number(value: float, decimals: int) -> str:
    """Grouped by thousands in the active language's separators (Django's Vietnamese formats
    name the separators but no grouping)."""
    return numberformat.format(
        value,
        str(get_format("DECIMAL_SEPARATOR")),
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
        force_grouping=True,
    )


urlpatterns = [
    path("thong-ke/", statistics, name="statistics"),
    path("thong-ke/tai-ve/tat-ca.xlsx", statistics_workbook, name="statistics_workbook"),
    path(
        "thong-ke/tai-ve/<slug:table>.xlsx",
        statistics_table_file,
        {"fmt": "xlsx"},
        name="statistics_xlsx",
    ),
    path(
        "thong-ke/tai-ve/<slug:table>.csv",
        statistics_table_file,
        {"fmt": "csv"},
        name="statistics_csv",
    ),
]
