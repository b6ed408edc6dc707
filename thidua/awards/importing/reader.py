"""Read and check the cells of an uploaded registry workbook (no database access).

The file checks (size, zip content, zip bombs; in `xlsx`) and the cell parsers are the org
import's, so both imports refuse the same files with the same words.
"""

import re
import zipfile
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from thidua.awards.importing.format import (
    BASIS_LABELS,
    GENDER_LABELS,
    HEADER_ALIASES,
    KIND_INDIVIDUAL,
    KIND_LABELS,
    KIND_SPELLINGS,
    MAX_ROWS,
    NOT_REVOKED,
    OPTIONAL_COLUMNS,
    RECORD_COLUMNS,
    SHEET_RECORDS,
    ImportReport,
    RecordRow,
)
from thidua.awards.importing.xlsx import Sheet, XlsxError, open_workbook
from thidua.awards.models import AwardBasis
from thidua.core.text import fold
from thidua.org.enums import Gender
from thidua.org.xlsx.format import Column
from thidua.org.xlsx.reader import (
    _CellError,
    _choice,
    _code,
    _date,
    _raw_text,
    _text,
    _year,
)

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 2000
COLUMNS = {c.key: c for c in (*RECORD_COLUMNS, *OPTIONAL_COLUMNS)}
_NOT_REVOKED = frozenset(fold(s) for s in NOT_REVOKED)


def _table(spellings: dict[str, str], choices: Any) -> dict[str, str]:
    """Folded spelling (label, short label or code) -> stored value."""
    table = {fold(spelling): value for spelling, value in spellings.items()}
    for value, label in choices:
        table.setdefault(fold(str(value)), str(value))
        table.setdefault(fold(str(label)), str(value))
    return table


class _Parsers:
    """The cell parsers of each column, with today's date and the value tables fixed once per
    file (100,000 rows ask for them a million times)."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.by_key: dict[str, Callable[[Any, Column], Any]] = {
            "kind": self._chooser(KIND_SPELLINGS, [], KIND_LABELS),
            "unit": _code,
            "full_name": _text,
            "birth_year": self.birth_year,
            "gender": self._chooser(_reverse(GENDER_LABELS), Gender.choices, GENDER_LABELS),
            "award": _text,
            "year": self.award_year,
            "basis": self._chooser(_reverse(BASIS_LABELS), AwardBasis.choices, BASIS_LABELS),
            "decision_number": _text,
            "decision_date": _date,
            "issuer": _text,
            "note": _text,
            "revoked": self.revoked,
            "revoked_reason": _text,
        }

    @staticmethod
    def _chooser(
        spellings: dict[str, str], choices: Any, labels: dict[str, str]
    ) -> Callable[[Any, Column], Any]:
        table = _table(spellings, choices)
        shown = list(labels.values())
        known: dict[Any, str] = {}

        def choose(value: Any, column: Column) -> str:
            found = known.get(value) if isinstance(value, str) else None
            if found is None:
                found = _choice(value, column, table, shown)
                if isinstance(value, str):
                    known[value] = found
            return found

        return choose

    def birth_year(self, value: Any, column: Column) -> int | None:
        text = _text(value, column)
        if not text:
            return None
        if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= self.today.year - 14:
            raise _CellError(_("Năm sinh %(year)s không hợp lệ.") % {"year": text})
        return int(text)

    def award_year(self, value: Any, column: Column) -> int:
        year: int = _year(value, column)
        if year > self.today.year:
            raise _CellError(
                _("Năm %(year)s chưa tới (năm nay là %(now)s).")
                % {"year": year, "now": self.today.year}
            )
        return year

    @staticmethod
    def revoked(value: Any, column: Column) -> bool:
        """Any mark ("Có", "x", "Đã huỷ") is yes; empty, "Không", "0" are no."""
        text = _text(value, column)
        return bool(text) and fold(text) not in _NOT_REVOKED

    @staticmethod
    def revocation_errors(values: dict[str, Any]) -> list[tuple[str, str]]:
        if values["revoked"] and not values["revoked_reason"]:
            return [("revoked_reason", _("Dòng đã huỷ phải ghi lý do huỷ."))]
        if values["revoked_reason"] and not values["revoked"]:
            return [("revoked", _("Dòng có lý do huỷ phải ghi “Có” ở cột “Đã huỷ”."))]
        return []

    def date_errors(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        date = values["decision_date"]
        if date is None:
            return []
        if date > self.today:
            message = _("Ngày quyết định %(date)s chưa tới.") % {"date": f"{date:%d/%m/%Y}"}
            return [("decision_date", message)]
        if date.year < values["year"]:
            message = _("Ngày quyết định %(date)s trước năm khen thưởng %(year)s.") % {
                "date": f"{date:%d/%m/%Y}",
                "year": values["year"],
            }
            return [("decision_date", message)]
        return []


def _reverse(labels: dict[str, str]) -> dict[str, str]:
    return {label: value for value, label in labels.items()}


def _positions(header: tuple[Any, ...], report: ImportReport, title: str) -> dict[str, int] | None:
    by_header = {fold(_raw_text(h)): i for i, h in enumerate(header) if h is not None}
    positions: dict[str, int] = {}
    missing = []
    for column in RECORD_COLUMNS:
        spellings = (column.header, *HEADER_ALIASES.get(column.key, ()))
        found = next((by_header[fold(s)] for s in spellings if fold(s) in by_header), None)
        if found is None:
            missing.append(column.header)
        else:
            positions[column.key] = found
    for column in OPTIONAL_COLUMNS:
        spellings = (column.header, *HEADER_ALIASES.get(column.key, ()))
        found = next((by_header[fold(s)] for s in spellings if fold(s) in by_header), None)
        if found is not None:
            positions[column.key] = found
    if missing:
        report.add_error(
            title,
            1,
            ", ".join(missing),
            _("Trang “%(sheet)s” thiếu cột: %(columns)s.")
            % {"sheet": title, "columns": ", ".join(f"“{m}”" for m in missing)},
        )
        return None
    return positions


def _cells(sheet: Sheet, report: ImportReport) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (Excel row number, {column key: raw value}) for the non-empty rows under the header."""
    rows = sheet.rows()
    first = next(rows, None)
    header = first[1] if first is not None and first[0] == 1 else ()
    positions = _positions(header, report, sheet.title)
    if positions is None:
        return
    items = list(positions.items())
    for number, values in rows:
        if number > MAX_ROWS + 1:
            report.add_error(
                sheet.title, number, "", _("Trang có quá %(max)s dòng dữ liệu.") % {"max": MAX_ROWS}
            )
            return
        width = len(values)
        cells = {key: (values[i] if i < width else None) for key, i in items}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        yield number, cells


def _subject_errors(values: dict[str, Any]) -> list[tuple[str, str]]:
    """A person's line names the person; a unit's line leaves the person's cells empty."""
    if values["kind"] == KIND_INDIVIDUAL:
        if not values["full_name"]:
            return [("full_name", _("Dòng khen thưởng cá nhân phải ghi họ và tên."))]
        return []
    stray = [k for k in ("full_name", "birth_year", "gender") if values[k]]
    if not stray:
        return []
    message = _(
        "Dòng khen thưởng tập thể không ghi họ và tên, năm sinh, giới tính; nếu đây là khen "
        "thưởng cá nhân, hãy ghi “Cá nhân” ở cột “Loại”."
    )
    return [(key, message) for key in stray]


def _read_rows(sheet: Sheet, report: ImportReport, progress: Progress | None) -> list[RecordRow]:
    checks = _Parsers()
    parsers = checks.by_key
    estimate = max((sheet.max_row or 1) - 1, 0)
    rows: list[RecordRow] = []
    count = 0
    for number, cells in _cells(sheet, report):
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, max(estimate, count))
        values: dict[str, Any] = {}
        ok = True
        for key, parse in parsers.items():
            try:
                values[key] = parse(cells.get(key), COLUMNS[key])
            except _CellError as exc:
                ok = False
                report.add_error(SHEET_RECORDS, number, COLUMNS[key].header, str(exc))
        if not ok:
            continue
        values["basis"] = values["basis"] or AwardBasis.MERIT.value
        problems = (
            _subject_errors(values) + checks.date_errors(values) + checks.revocation_errors(values)
        )
        for key, message in problems:
            report.add_error(SHEET_RECORDS, number, COLUMNS[key].header, message)
        if not problems:
            rows.append(RecordRow(row=number, **values))
    report.rows = count
    if progress is not None:
        progress(count, count)
    return rows


def read_records(
    data: bytes, report: ImportReport, progress: Progress | None = None
) -> list[RecordRow]:
    """Parse and check the cells of the "Khen thưởng" sheet; problems go to `report.errors`.

    `progress(read, estimated total)` is called every PROGRESS_EVERY rows.
    """
    try:
        workbook = open_workbook(data)
    except XlsxError as exc:
        report.add_error("", None, "", str(exc))
        return []
    try:
        sheet = workbook.sheet(SHEET_RECORDS, fold)
        if sheet is None:
            report.add_error(
                "",
                None,
                "",
                _("Tệp thiếu trang (sheet): %(sheets)s. Các trang hiện có: %(found)s.")
                % {
                    "sheets": f"“{SHEET_RECORDS}”",
                    "found": ", ".join(f"“{n}”" for n in workbook.sheetnames),
                },
            )
            return []
        rows = _read_rows(sheet, report, progress)
        if report.ok and report.rows == 0:
            report.add_error(
                SHEET_RECORDS,
                None,
                "",
                _("Trang “%(sheet)s” không có dòng dữ liệu nào.") % {"sheet": SHEET_RECORDS},
            )
        return rows
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, ParseError, EOFError,
            IndexError, etree.LxmlError):  # fmt: skip
        report.add_error("", None, "", _("Không đọc được nội dung tệp Excel (tệp bị hỏng)."))
        return []
    finally:
        workbook.archive.close()
