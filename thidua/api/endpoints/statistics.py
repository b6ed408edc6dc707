"""Statistics of the registry of awards: the tables as JSON, each table as CSV or .xlsx, and
every table in one .xlsx. Only lines that are not revoked count."""

from typing import Any, Literal
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from thidua.api.auth import actor
from thidua.api.errors import LIST, READ
from thidua.api.schemas_statistics import StatisticsOut, StatisticsQuery
from thidua.core.exceptions import ValidationFailed
from thidua.reports.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Table
from thidua.reports.selectors.statistics import (
    StatisticsFilters,
    StatisticsReport,
    statistics_download,
    statistics_filters,
    statistics_report,
)

router = Router(tags=["statistics"])

_FILTERS_DOC = (
    "Bộ lọc sai: 422 (`validation_error`, `year_range_reversed`, `year_range_too_long`, "
    "`bloc_not_in_province`); tỉnh hoặc khối, cụm không tìm thấy hay ngoài phạm vi: 404."
)


def _file(*content_types: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": "Tệp bảng số liệu.",
                "content": {
                    t: {"schema": {"type": "string", "format": "binary"}} for t in content_types
                },
            }
        }
    }


def _report(request: HttpRequest, q: StatisticsQuery) -> StatisticsReport:
    user = actor(request)
    filters = statistics_filters(
        user=user,
        province_id=q.province_id,
        year_from=q.year_from,
        year_to=q.year_to,
        bloc_id=q.bloc_id,
        level=q.level,
        subject_kind=q.subject_kind,
    )
    return statistics_report(user=user, filters=filters)


def _query(filters: StatisticsFilters) -> str:
    """The resolved filters as a query string (the years made explicit)."""
    values = {
        "province_id": filters.province.pk if filters.province is not None else None,
        "year_from": filters.year_from,
        "year_to": filters.year_to,
        "bloc_id": filters.bloc.pk if filters.bloc is not None else None,
        "level": filters.level,
        "subject_kind": filters.subject_kind,
    }
    return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def _table_out(table: Table, query: str) -> dict[str, Any]:
    def url(fmt: str) -> str:
        path = reverse("api:statistics_table_file", kwargs={"table": table.slug, "fmt": fmt})
        return f"{path}?{query}"

    return {
        "key": table.key,
        "slug": table.slug,
        "title": table.title,
        "columns": table.columns,
        "rows": [{"key": row.key, "cells": list(row.cells)} for row in table.rows],
        "totals": list(table.totals) if table.totals is not None else None,
        "notes": list(table.notes),
        "csv_url": url("csv"),
        "xlsx_url": url("xlsx"),
    }


@router.get(
    "/statistics",
    response={200: StatisticsOut, **LIST, 404: READ[404]},
    summary="Thống kê khen thưởng: theo hình thức, cấp, năm, khối, loại đơn vị, tỷ lệ nữ, xu hướng",
    description=_FILTERS_DOC,
    url_name="statistics",
)
def statistics(request: HttpRequest, q: Query[StatisticsQuery]) -> dict[str, Any]:
    report = _report(request, q)
    filters = report.filters
    query = _query(filters)
    return {
        "filters": {
            "province_id": filters.province.pk if filters.province is not None else None,
            "year_from": filters.year_from,
            "year_to": filters.year_to,
            "bloc_id": filters.bloc.pk if filters.bloc is not None else None,
            "level": filters.level or None,
            "subject_kind": filters.subject_kind or None,
        },
        "scope": list(report.scope),
        "total": report.total,
        "tables": [_table_out(table, query) for table in report.tables],
        "xlsx_url": f"{reverse('api:statistics_workbook')}?{query}",
    }


@router.get(
    "/statistics.xlsx",
    response={**LIST, 404: READ[404]},
    summary="Tất cả các bảng thống kê trong một tệp .xlsx (mỗi bảng một trang)",
    description=_FILTERS_DOC,
    url_name="statistics_workbook",
    openapi_extra=_file(XLSX_CONTENT_TYPE),
)
def statistics_workbook(request: HttpRequest, q: Query[StatisticsQuery]) -> HttpResponse:
    report = _report(request, q)
    return statistics_download(report=report, slug=None, fmt="xlsx").response()


@router.get(
    "/statistics/{table}.{fmt}",
    response={**READ, 400: LIST[400]},
    summary="Một bảng thống kê dạng CSV (UTF-8 có BOM) hoặc .xlsx",
    description="`table`: `slug` của bảng trong GET /statistics (không có: 404); `fmt`: `csv` "
    "hoặc `xlsx` (khác: 422 `file_format`). " + _FILTERS_DOC,
    url_name="statistics_table_file",
    openapi_extra=_file(CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE),
)
def statistics_table_file(
    request: HttpRequest, table: str, fmt: str, q: Query[StatisticsQuery]
) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise ValidationFailed(
            _("Định dạng tệp phải là csv hoặc xlsx."),
            code="file_format",
            details={"field": "fmt"},
        )
    report = _report(request, q)
    kind: Literal["csv", "xlsx"] = "csv" if fmt == "csv" else "xlsx"
    return statistics_download(report=report, slug=table[:100], fmt=kind).response()
