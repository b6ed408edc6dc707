"""The ranking workbook: one sheet for the ranking, one for every score (units × criteria).

Sheet names and headers are part of the file's format, so they stay in Vietnamese.
"""

import io
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.scoring.selectors.ranking import RankingReport, card_status_label

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_RANKING = "Xếp hạng"
SHEET_SCORES = "Điểm chi tiết"
RANKING_HEADERS = (
    "Hạng",
    "Đơn vị",
    "Điểm chấm",
    "Điểm cộng",
    "Điểm trừ",
    "Tổng điểm",
    "Xếp loại",
    "Trạng thái bảng điểm",
    "Ghi chú xếp hạng",
)
EXCLUDED_HEADERS = ("Đơn vị không xét", "Quy tắc", "Lý do")

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9C1C1C")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _header(ws: Worksheet, row: int, values: Sequence[Any], start: int = 1) -> None:
    for offset, value in enumerate(values):
        cell = ws.cell(row=row, column=start + offset, value=value)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP


def _status(entry_status: str, unreviewed: bool) -> str:
    label = card_status_label(entry_status)
    return f"{label} (chưa thẩm định)" if unreviewed else label


def _ranking_sheet(ws: Worksheet, report: RankingReport) -> None:
    ws.title = SHEET_RANKING
    _header(ws, 1, RANKING_HEADERS)
    line = 2
    for row in report.ranking.ranked:
        e = row.entry
        ws.append(
            [
                row.rank,
                e.unit_name,
                e.base,
                e.bonus,
                e.deduction,
                row.total,
                row.band.label if row.band else "",
                _status(e.card_status, e.unreviewed),
                row.tie_note,
            ]
        )
        line += 1
    if report.ranking.excluded:
        line += 1
        _header(ws, line, EXCLUDED_HEADERS, start=2)
        for row in report.ranking.excluded:
            line += 1
            ws.cell(row=line, column=2, value=row.entry.unit_name)
            ws.cell(row=line, column=3, value=row.entry.excluded_rule)
            ws.cell(row=line, column=4, value=row.entry.excluded_reason)
    for column, width in zip("ABCDEFGHI", (7, 44, 12, 12, 12, 12, 14, 28, 60), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "C2"


def _scores_sheet(ws: Worksheet, report: RankingReport) -> None:
    criteria = report.scored_criteria
    _header(ws, 1, ["Đơn vị"])
    _header(ws, 2, [""])
    ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=1)
    for i, c in enumerate(criteria):
        column = 2 + 2 * i
        _header(ws, 1, [f"{c.code}. {c.title} (tối đa {c.max_points})"], start=column)
        ws.merge_cells(start_row=1, start_column=column, end_row=1, end_column=column + 1)
        _header(ws, 2, ["Tự chấm", "Thẩm định"], start=column)
    for unit_id, name in report.members:
        values: list[Any] = [name]
        for c in criteria:
            cell = report.scores.get((unit_id, c.id))
            values += [cell.self_score, cell.review_score] if cell else [None, None]
        ws.append(values)
    ws.column_dimensions["A"].width = 44
    for i in range(2 * len(criteria)):
        ws.column_dimensions[get_column_letter(2 + i)].width = 11
    ws.row_dimensions[1].height = 60
    ws.freeze_panes = "B3"


def ranking_workbook(report: RankingReport) -> bytes:
    """The workbook in Vietnamese whatever the page language (its headers are the format)."""
    workbook = Workbook()
    with translation.override(settings.LANGUAGE_CODE):
        _ranking_sheet(workbook.active, report)  # type: ignore[arg-type]
        _scores_sheet(workbook.create_sheet(SHEET_SCORES), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
