"""Write the workbook (template and export): styled headers, widths, drop-down lists, help sheet."""

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thidua.org.enums import UnitKind
from thidua.org.validators import MAX_YEAR, MIN_YEAR
from thidua.org.xlsx.format import (
    BLOC_KIND_LABELS,
    MEMBER_COLUMNS,
    SHEET_HELP,
    SHEET_LISTS,
    SHEET_MEMBERS,
    SHEET_UNITS,
    UNIT_COLUMNS,
    Column,
    MemberRole,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
# Drop-down lists and formats reach this many rows below the data, so new rows get them too.
SPARE_ROWS = 1000

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9C1C1C")
_REQUIRED_FILL = PatternFill("solid", fgColor="7A1010")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

_HELP_LINES = [
    ("HƯỚNG DẪN NHẬP DỮ LIỆU ĐƠN VỊ VÀ THÀNH VIÊN KHỐI, CỤM THI ĐUA", True),
    ("", False),
    (
        "1. Tệp gồm hai trang: “Don vi” (danh sách đơn vị) và “Thanh vien khoi” (thành viên "
        "khối, cụm thi đua theo năm). Không đổi tên trang và tên cột; có thể thêm cột khác, hệ "
        "thống bỏ qua.",
        False,
    ),  # fmt: skip
    (
        "2. Dòng đầu tiên của mỗi trang là tiêu đề cột; dữ liệu bắt đầu từ dòng 2. Cột có tiêu đề "
        "màu đỏ sẫm là bắt buộc. Hãy xoá các dòng ví dụ trước khi nhập.",
        False,
    ),  # fmt: skip
    (
        "3. Trang “Don vi”: Mã tỉnh và Mã đơn vị không chứa khoảng trắng, tối đa 40 ký tự; Tên đầy "
        "đủ tối đa 255 ký tự; Tên viết tắt tối đa 80 ký tự. Loại đơn vị chọn trong danh sách (hoặc "
        "ghi mã, ví dụ “department”). Mã đơn vị cấp trên là mã của một đơn vị cùng tỉnh (trong tệp "
        "hoặc đã có trong hệ thống). Ngày ghi dạng ngày/tháng/năm, ví dụ 01/07/2025.",
        False,
    ),  # fmt: skip
    (
        "4. Trang “Thanh vien khoi”: mỗi dòng là một đơn vị thuộc một khối, cụm trong một năm. Loại "
        "khối là “Khối” hoặc “Cụm”. Năm từ "
        f"{MIN_YEAR} đến {MAX_YEAR}. Vai trò là “Trưởng khối”, “Phó trưởng khối” hoặc “Thành viên”; "
        "mỗi khối mỗi năm có tối đa một trưởng khối và một phó trưởng khối.",
        False,
    ),  # fmt: skip
    (
        "5. Khối, cụm và năm thi đua chưa có sẽ được tạo mới. Mỗi đơn vị chỉ thuộc một khối, cụm "
        "trong một năm (BLK-03), trừ khi tỉnh cho phép khác.",
        False,
    ),  # fmt: skip
    (
        "6. Đơn vị đã có (cùng Mã tỉnh và Mã đơn vị) được cập nhật theo tệp; thành viên đã có được "
        "giữ nguyên. Nhập lại cùng một tệp không làm thay đổi dữ liệu.",
        False,
    ),  # fmt: skip
    (
        "7. Nếu có bất kỳ lỗi nào, hệ thống không ghi gì cả và liệt kê lỗi theo trang, dòng, cột. "
        "Sửa các lỗi rồi nhập lại toàn bộ tệp.",
        False,
    ),  # fmt: skip
    (
        f"8. Dung lượng tệp tối đa {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB, định dạng .xlsx "
        "(Excel 2007 trở lên).",
        False,
    ),  # fmt: skip
]


def _write_sheet(sheet: Worksheet, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> int:
    sheet.append([c.header for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    count = 0
    date_columns = [i for i, c in enumerate(columns, start=1) if c.key.startswith("active_")]
    for count, values in enumerate(rows, start=1):  # noqa: B007 (count is used below)
        sheet.append(list(values))
        for index in date_columns:
            sheet.cell(row=count + 1, column=index).number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 30
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    return count


def _add_list(
    sheet: Worksheet, columns: Sequence[Column], key: str, source: str, last_row: int
) -> None:
    index = next(i for i, c in enumerate(columns, start=1) if c.key == key)
    letter = get_column_letter(index)
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        errorTitle="Giá trị ngoài danh sách",
        error="Hãy chọn một giá trị trong danh sách.",
    )
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def _write_lists(workbook: Workbook) -> dict[str, str]:
    sheet = workbook.create_sheet(SHEET_LISTS)
    lists = {
        "kind": [str(label) for label in UnitKind.labels],
        "bloc_kind": list(BLOC_KIND_LABELS.values()),
        "role": [str(label) for label in MemberRole.labels],
    }
    sources = {}
    for index, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=key)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        sources[key] = f"'{SHEET_LISTS}'!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return sources


def _write_help(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 120
    for row, (text, bold) in enumerate(_HELP_LINES, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True, size=13, color="9C1C1C")


def build_workbook(
    *, unit_rows: Iterable[Sequence[Any]], member_rows: Iterable[Sequence[Any]]
) -> bytes:
    """The workbook with both data sheets filled with `unit_rows` and `member_rows`.

    Rows hold cell values in the column order of UNIT_COLUMNS and MEMBER_COLUMNS.
    """
    with translation.override("vi"):
        workbook = Workbook()
        units = workbook.active
        assert isinstance(units, Worksheet)
        units.title = SHEET_UNITS
        members = workbook.create_sheet(SHEET_MEMBERS)
        help_sheet = workbook.create_sheet(SHEET_HELP)
        sources = _write_lists(workbook)
        unit_count = _write_sheet(units, UNIT_COLUMNS, unit_rows)
        member_count = _write_sheet(members, MEMBER_COLUMNS, member_rows)
        _add_list(units, UNIT_COLUMNS, "kind", sources["kind"], unit_count + SPARE_ROWS)
        for key in ("bloc_kind", "role"):
            _add_list(members, MEMBER_COLUMNS, key, sources[key], member_count + SPARE_ROWS)
        _write_help(help_sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_rows() -> tuple[list[list[Any]], list[list[Any]]]:
    """One example row per sheet."""
    with translation.override("vi"):
        unit = [
            "HNA",
            "SNV",
            "Sở Nội vụ tỉnh Hà Nam",
            "SNV",
            str(UnitKind.DEPARTMENT.label),
            "",
            datetime.date(2025, 7, 1),
            None,
        ]
        member = ["HNA", "Khối các cơ quan quản lý nhà nước", "Khối", 2025, "SNV", "Trưởng khối"]
    return [unit], [member]
