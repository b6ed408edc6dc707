"""Read and check the cells of an uploaded workbook (no database access)."""

import datetime
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from thidua.core.text import fold, nfc
from thidua.org.enums import BlocKind, UnitKind
from thidua.org.validators import MAX_YEAR, MIN_YEAR
from thidua.org.xlsx.format import (
    BLOC_KIND_LABELS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_FACTOR,
    MEMBER_COLUMNS,
    SHEET_MEMBERS,
    SHEET_UNITS,
    UNIT_COLUMNS,
    Column,
    ImportResult,
    MemberRole,
    MemberRow,
    UnitRow,
)


class _CellError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Reading cells


_CONTROL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|007[Ff])_")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _raw_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    # Excel writes control characters as _xHHHH_; decode them so that they are refused below.
    return _CONTROL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(value))


def _text(value: Any, column: Column) -> str:
    raw = _raw_text(value)
    if "\x00" in raw:
        raise _CellError(_("Ô chứa ký tự NUL không hợp lệ."))
    if _CONTROL_CHARS.search(raw):
        raise _CellError(_("Ô chứa ký tự điều khiển không hợp lệ."))
    text = nfc(raw)
    if column.required and not text:
        raise _CellError(_("Ô này là bắt buộc."))
    if len(text) > column.max_length:
        raise _CellError(
            _("Nội dung dài %(length)s ký tự, vượt quá giới hạn %(max)s ký tự.")
            % {"length": len(text), "max": column.max_length}
        )
    return text


def _code(value: Any, column: Column) -> str:
    text = _text(value, column)
    if any(ch.isspace() for ch in text):
        raise _CellError(_("Mã “%(code)s” không được chứa khoảng trắng.") % {"code": text})
    return text


def _year(value: Any, column: Column) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer():
            raise _CellError(_("Năm “%(value)s” không hợp lệ.") % {"value": value})
        year = int(value)
    else:
        text = _text(value, column)
        if not re.fullmatch(r"\d{1,4}", text):
            raise _CellError(
                _("Năm “%(value)s” không hợp lệ: phải là số có 4 chữ số, ví dụ 2024.")
                % {"value": text}
            )
        year = int(text)
    if year < MIN_YEAR or year > MAX_YEAR:
        raise _CellError(
            _("Năm %(year)s không hợp lệ (phải từ %(min)s đến %(max)s).")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return year


def _date(value: Any, column: Column) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value, column)
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    raise _CellError(
        _("Ngày “%(value)s” không hợp lệ: dùng dạng ngày/tháng/năm, ví dụ 01/07/2025.")
        % {"value": text}
    )


def _lookup(
    choices: type[models.TextChoices], extra: dict[str, str] | None = None
) -> dict[str, str]:
    """Accepted spellings (code or label, any case, with or without diacritics) -> code."""
    table: dict[str, str] = {}
    for language in ("vi", translation.get_language() or "vi"):
        with translation.override(language):
            for value, label in choices.choices:
                table[fold(str(value))] = str(value)
                table[fold(str(label))] = str(value)
    for spelling, value in (extra or {}).items():
        table[fold(spelling)] = value
    return table


def _choice(value: Any, column: Column, table: dict[str, str], labels: Sequence[str]) -> str:
    text = _text(value, column)
    if not text and not column.required:
        return ""
    found = table.get(fold(text))
    if found is None:
        raise _CellError(
            _("Giá trị “%(value)s” không hợp lệ; chọn một trong: %(choices)s.")
            % {"value": text, "choices": "; ".join(labels)}
        )
    return found


# ---------------------------------------------------------------------------------------------
# Reading the workbook


def _open(data: bytes, result: ImportResult) -> Any:
    limit = int(settings.IMPORT_MAX_BYTES)
    if len(data) > limit:
        result.add_error(
            "",
            None,
            "",
            _("Tệp quá lớn (%(size)s MB); dung lượng tối đa là %(max)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "max": round(limit / 1024 / 1024, 1)},
        )
        return None
    not_xlsx = _(
        "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel và lưu lại "
        "với định dạng “Excel Workbook (.xlsx)”, hoặc tải tệp mẫu về để điền."
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        result.add_error("", None, "", not_xlsx)
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            expanded = sum(info.file_size for info in archive.infolist())
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            result.add_error("", None, "", not_xlsx)
            return None
        if expanded > limit * MAX_UNCOMPRESSED_FACTOR:
            result.add_error("", None, "", _("Tệp nén chứa dữ liệu quá lớn, không thể đọc."))
            return None
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
            OSError, ParseError, EOFError):  # fmt: skip
        result.add_error("", None, "", not_xlsx)
        return None


def _find_sheet(workbook: Any, wanted: str) -> Any:
    for name in workbook.sheetnames:
        if fold(name) == fold(wanted):
            return workbook[name]
    return None


def _rows(
    sheet: Any, columns: Sequence[Column], result: ImportResult
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (Excel row number, {column key: raw value}) for the non-empty rows under the header."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions: dict[str, int] = {}
    by_header = {fold(_raw_text(h)): i for i, h in enumerate(header) if h is not None}
    missing = []
    for column in columns:
        if fold(column.header) in by_header:
            positions[column.key] = by_header[fold(column.header)]
        else:
            missing.append(column.header)
    if missing:
        result.add_error(
            sheet.title,
            1,
            ", ".join(missing),
            _("Trang “%(sheet)s” thiếu cột: %(columns)s.")
            % {"sheet": sheet.title, "columns": ", ".join(f"“{m}”" for m in missing)},
        )
        return
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            result.add_error(
                sheet.title,
                number,
                "",
                _("Trang có quá %(max)s dòng dữ liệu.") % {"max": MAX_ROWS},
            )
            return
        cells = {key: (values[i] if i < len(values) else None) for key, i in positions.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        yield number, cells


class _RowReader:
    """Convert one row's cells, collecting an error per bad cell."""

    def __init__(
        self, result: ImportResult, sheet: str, row: int, columns: Sequence[Column]
    ) -> None:
        self.result, self.sheet, self.row = result, sheet, row
        self.columns = {c.key: c for c in columns}
        self.ok = True

    def get(self, cells: dict[str, Any], key: str, parse: Any, *args: Any) -> Any:
        column = self.columns[key]
        try:
            return parse(cells[key], column, *args)
        except _CellError as exc:
            self.ok = False
            self.result.add_error(self.sheet, self.row, column.header, str(exc))
            return None


def _read_units(sheet: Any, result: ImportResult) -> list[UnitRow]:
    kinds = _lookup(UnitKind)
    kind_labels = [str(label) for label in UnitKind.labels]
    rows: list[UnitRow] = []
    for number, cells in _rows(sheet, UNIT_COLUMNS, result):
        r = _RowReader(result, SHEET_UNITS, number, UNIT_COLUMNS)
        values = {
            "province": r.get(cells, "province", _code),
            "code": r.get(cells, "code", _code),
            "name": r.get(cells, "name", _text),
            "short_name": r.get(cells, "short_name", _text),
            "kind": r.get(cells, "kind", _choice, kinds, kind_labels),
            "parent": r.get(cells, "parent", _code),
            "active_from": r.get(cells, "active_from", _date),
            "active_to": r.get(cells, "active_to", _date),
        }
        if not r.ok:
            continue
        start, end = values["active_from"], values["active_to"]
        if start and end and end < start:
            result.add_error(
                SHEET_UNITS,
                number,
                "Hoạt động đến",
                _("Ngày kết thúc hoạt động phải sau ngày bắt đầu."),
            )
            continue
        rows.append(UnitRow(row=number, **values))
    return rows


def _read_members(sheet: Any, result: ImportResult) -> list[MemberRow]:
    bloc_kinds = _lookup(BlocKind, {v: k for k, v in BLOC_KIND_LABELS.items()})
    roles = _lookup(
        MemberRole,
        {"Trưởng cụm": MemberRole.LEADER, "Phó trưởng cụm": MemberRole.DEPUTY},
    )
    bloc_labels = list(BLOC_KIND_LABELS.values())
    role_labels = [str(label) for label in MemberRole.labels]
    rows: list[MemberRow] = []
    for number, cells in _rows(sheet, MEMBER_COLUMNS, result):
        r = _RowReader(result, SHEET_MEMBERS, number, MEMBER_COLUMNS)
        values = {
            "province": r.get(cells, "province", _code),
            "bloc": r.get(cells, "bloc", _text),
            "bloc_kind": r.get(cells, "bloc_kind", _choice, bloc_kinds, bloc_labels),
            "year": r.get(cells, "year", _year),
            "unit": r.get(cells, "unit", _code),
            "role": r.get(cells, "role", _choice, roles, role_labels),
        }
        if r.ok:
            rows.append(MemberRow(row=number, **values))
    return rows


def read_workbook(data: bytes, result: ImportResult) -> tuple[list[UnitRow], list[MemberRow]]:
    """Parse and check the cells of both sheets; problems go to `result.errors`."""
    workbook = _open(data, result)
    if workbook is None:
        return [], []
    try:
        units_sheet = _find_sheet(workbook, SHEET_UNITS)
        members_sheet = _find_sheet(workbook, SHEET_MEMBERS)
        missing = [
            name
            for name, sheet in ((SHEET_UNITS, units_sheet), (SHEET_MEMBERS, members_sheet))
            if sheet is None
        ]
        if missing:
            result.add_error(
                "",
                None,
                "",
                _("Tệp thiếu trang (sheet): %(sheets)s. Các trang hiện có: %(found)s.")
                % {
                    "sheets": ", ".join(f"“{m}”" for m in missing),
                    "found": ", ".join(f"“{n}”" for n in workbook.sheetnames),
                },
            )
            return [], []
        return _read_units(units_sheet, result), _read_members(members_sheet, result)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, ParseError, EOFError):
        result.add_error("", None, "", _("Không đọc được nội dung tệp Excel (tệp bị hỏng)."))
        return [], []
    finally:
        workbook.close()
