"""The downloadable registry template: the "Khen thưởng" sheet, the catalogue and instructions."""

import datetime
import io
from typing import Any

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thidua.awards.importing.format import (
    BASIS_LABELS,
    GENDER_LABELS,
    KIND_LABELS,
    MAX_ROWS,
    RECORD_COLUMNS,
    SHEET_CATALOGUE,
    SHEET_HELP,
    SHEET_RECORDS,
)
from thidua.awards.rulebook import load_rulebook
from thidua.org.xlsx.workbook import DATE_FORMAT

# Drop-down lists reach this many rows below the examples.
SPARE_ROWS = 5000

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9C1C1C")
_REQUIRED_FILL = PatternFill("solid", fgColor="7A1010")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

_SUBJECTS = {"collective": KIND_LABELS["collective"], "individual": KIND_LABELS["individual"]}
_MAX_ROWS_TEXT = f"{MAX_ROWS:,}".replace(",", ".")
_LEVELS = {"unit": "Cơ sở", "province": "Tỉnh", "national": "Nhà nước"}

# Statutory format text, in Vietnamese whatever the page language (like the sheet names).
HELP_LINES = [
    "HƯỚNG DẪN NHẬP SỔ THEO DÕI KHEN THƯỞNG",
    "",
    "1. Mỗi dòng của trang “Khen thưởng” là một lần khen thưởng (một danh hiệu hoặc hình thức "
    "khen thưởng) của một tập thể hoặc một cá nhân. Không đổi tên trang và tên cột; có thể thêm "
    "cột khác, hệ thống bỏ qua. Cột có tiêu đề màu đỏ sẫm là bắt buộc. Xoá các dòng ví dụ trước "
    "khi nhập.",
    "2. Loại: “Tập thể” hoặc “Cá nhân”. Mã đơn vị: mã của đơn vị trong hệ thống (tập thể được "
    "khen, hoặc đơn vị công tác của cá nhân).",
    "3. Cá nhân: ghi Họ và tên; Năm sinh (4 chữ số) giúp phân biệt người trùng tên. Cá nhân được "
    "tìm theo đơn vị, họ tên (không phân biệt hoa thường, dấu) và năm sinh; chưa có thì được tạo "
    "mới, khi đó phải ghi Giới tính (Nam/Nữ). Dòng tập thể để trống ba cột này.",
    "4. Hình thức khen thưởng: ghi mã hoặc tên đúng như bảng dưới đây (không phân biệt hoa "
    "thường, dấu). Hình thức dành cho tập thể không dùng cho cá nhân và ngược lại.",
    "5. Năm: năm của thành tích (4 chữ số, không quá năm nay). Loại thành tích: Thường xuyên (để "
    "trống cũng là Thường xuyên), Chuyên đề, Đột xuất hoặc Cống hiến; khen thưởng chuyên đề và "
    "đột xuất không được tính vào chuỗi năm liên tục để xét danh hiệu cao hơn.",
    "6. Ngày quyết định ghi dạng ngày/tháng/năm, ví dụ 20/12/2024, không trước năm khen thưởng "
    "và không sau hôm nay. Số quyết định tối đa 60 ký tự; Cơ quan quyết định tối đa 255 ký tự; "
    f"Ghi chú tối đa 2000 ký tự. Một tệp có tối đa {_MAX_ROWS_TEXT} dòng.",
    "7. Nếu có bất kỳ lỗi nào, hệ thống không ghi gì cả và liệt kê lỗi theo dòng, cột. Sửa các "
    "lỗi rồi nhập lại toàn bộ tệp. Hai dòng cùng đối tượng, hình thức, năm và số quyết định là "
    "dòng trùng.",
    "8. Nhập lại cùng một tệp không thêm dữ liệu: dòng đã nhập được bỏ qua (đếm là “đã có”).",
    "9. Có thể thêm cột “Đã huỷ” (ghi “Có”) và “Lý do huỷ” cho dòng khen thưởng đã bị huỷ bỏ "
    "(tệp xuất từ sổ theo dõi có sẵn hai cột này); dòng đã huỷ phải ghi lý do.",
    f"10. Dung lượng tệp tối đa {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB, định dạng .xlsx "
    "(Excel 2007 trở lên).",
]


def _header(sheet: Worksheet, headers: list[tuple[str, int, bool]], row: int = 1) -> None:
    for index, (text, width, required) in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=index, value=text)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if required else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        width = max(width, int(sheet.column_dimensions[get_column_letter(index)].width or 0))
        sheet.column_dimensions[get_column_letter(index)].width = width


def example_rows() -> list[list[Any]]:
    """Two example lines: a unit's flag and a person's title."""
    return [
        ["Tập thể", "SNV", None, None, None, "Tập thể lao động xuất sắc", 2024, "Thường xuyên",
         "1234/QĐ-UBND", datetime.date(2025, 1, 15), "Chủ tịch UBND tỉnh", None],
        ["Cá nhân", "SNV", "Nguyễn Thị Hoà", 1985, "Nữ", "chien_si_thi_dua_co_so", 2024,
         "Thường xuyên", "56/QĐ-SNV", datetime.date(2024, 12, 20), "Giám đốc Sở Nội vụ", None],
    ]  # fmt: skip


def _records_sheet(sheet: Worksheet, rows: list[list[Any]], lists: dict[str, str]) -> None:
    sheet.title = SHEET_RECORDS
    _header(sheet, [(c.header, c.width, c.required) for c in RECORD_COLUMNS])
    dates = [i for i, c in enumerate(RECORD_COLUMNS, start=1) if c.key == "decision_date"]
    for number, values in enumerate(rows, start=2):
        sheet.append(values)
        for index in dates:
            sheet.cell(row=number, column=index).number_format = DATE_FORMAT
    last = len(rows) + 1 + SPARE_ROWS
    for key, source in lists.items():
        index = next(i for i, c in enumerate(RECORD_COLUMNS, start=1) if c.key == key)
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list", formula1=source, allow_blank=True, errorStyle="warning",
            showErrorMessage=True, errorTitle="Giá trị ngoài danh sách",
            error="Hãy chọn một giá trị trong danh sách.",
        )  # fmt: skip
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 30


def _catalogue_sheet(workbook: Workbook) -> dict[str, str]:
    """Award types (code, name, subject, level) and the value lists; returns list ranges."""
    sheet = workbook.create_sheet(SHEET_CATALOGUE)
    _header(sheet, [("Mã", 32, False), ("Hình thức khen thưởng", 44, False),
                    ("Đối tượng", 12, False), ("Cấp", 12, False)])  # fmt: skip
    awards = sorted(load_rulebook().award_types(), key=lambda a: (a.subject, a.order, a.code))
    for row, award in enumerate(awards, start=2):
        values = [award.code, award.name, _SUBJECTS[award.subject], _LEVELS.get(award.level, "")]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    lists = {
        "kind": ("Loại", list(KIND_LABELS.values())),
        "gender": ("Giới tính", list(GENDER_LABELS.values())),
        "basis": ("Loại thành tích", list(BASIS_LABELS.values())),
    }
    sources = {"award": f"'{SHEET_CATALOGUE}'!$B$2:$B${len(awards) + 1}"}
    for offset, (key, (title, values)) in enumerate(lists.items(), start=6):
        letter = get_column_letter(offset)
        _header_cell = sheet.cell(row=1, column=offset, value=title)
        _header_cell.font = _HEADER_FONT
        _header_cell.fill = _HEADER_FILL
        sheet.column_dimensions[letter].width = 16
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=offset, value=value)
        sources[key] = f"'{SHEET_CATALOGUE}'!${letter}$2:${letter}${len(values) + 1}"
    sheet.freeze_panes = "A2"
    return sources


def _help_sheet(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(SHEET_HELP)
    sheet.column_dimensions["A"].width = 120
    for row, text in enumerate(HELP_LINES, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=13, color="9C1C1C")


def registry_template(rows: list[list[Any]] | None = None) -> bytes:
    """The template workbook; `rows` (cells in RECORD_COLUMNS order) replace the examples."""
    workbook = Workbook()
    records = workbook.active
    assert isinstance(records, Worksheet)
    sources = _catalogue_sheet(workbook)
    _help_sheet(workbook)
    _records_sheet(records, example_rows() if rows is None else rows, sources)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
