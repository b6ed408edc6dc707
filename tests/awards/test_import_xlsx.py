"""The lean .xlsx reader of the registry import gives what openpyxl gives."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from thidua.awards.importing.xlsx import XlsxError, open_workbook

pytestmark = pytest.mark.unit

ROWS = [
    ["Loại", "Năm", "Ngày", "Số", "Có", "Công thức"],
    ["Tập thể", 2024, datetime.date(2024, 12, 20), 1.5, True, "=1+1"],
    [None, None, None, None, None, None],
    ["Cá nhân", "2023", datetime.datetime(2023, 1, 2, 8, 30), -7, False, "x_x0000_y"],
    [None, None, None, None, None, "chỉ cột cuối"],
]


def workbook_bytes(*, write_only=False, date1904=False, rich=False):
    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("Khen thưởng") if write_only else wb.active
    if not write_only:
        ws.title = "Khen thưởng"
        wb.create_sheet("Danh mục")
    if date1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for row in ROWS:
        ws.append(row)
    if rich and not write_only:
        ws["A6"] = CellRichText(["Nguyễn ", TextBlock(InlineFont(b=True), "Thị Hoà")])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def openpyxl_rows(data):
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    ws = wb["Khen thưởng"]
    rows = [(n, tuple(r)) for n, r in enumerate(ws.iter_rows(values_only=True), start=1)]
    wb.close()
    # openpyxl pads every row to the sheet's width and lists empty rows; compare cell by cell.
    return {n: tuple(v for v in r) for n, r in rows}


def lean_rows(data):
    sheet = open_workbook(data).sheet("Khen thưởng", str.lower)
    return dict(sheet.rows())


@pytest.mark.parametrize(
    "options",
    [{}, {"write_only": True}, {"date1904": True}, {"rich": True}],
    ids=["shared-strings", "inline-strings", "1904-dates", "rich-text"],
)
def test_lean_reader_gives_openpyxl_values(options):
    data = workbook_bytes(**options)

    expected = openpyxl_rows(data)
    got = lean_rows(data)

    for number, values in expected.items():
        padded = got.get(number, ()) + (None,) * (len(values) - len(got.get(number, ())))
        assert padded == values, number


def test_lean_reader_sheet_names_and_dimension():
    book = open_workbook(workbook_bytes())

    assert book.sheetnames == ["Khen thưởng", "Danh mục"]
    assert book.sheet("khen thưởng", str.lower).max_row == 5
    assert open_workbook(workbook_bytes(write_only=True)).sheets[0].max_row in (0, 5)


def test_lean_reader_refuses_a_zip_bomb(settings):
    settings.IMPORT_MAX_BYTES = 10_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 10_000 * 21)

    with pytest.raises(XlsxError, match="Tệp nén chứa dữ liệu quá lớn, không thể đọc."):
        open_workbook(buffer.getvalue())


def test_lean_reader_refuses_a_workbook_without_its_parts():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><broken")

    with pytest.raises(XlsxError, match="không phải là bảng tính Excel"):
        open_workbook(buffer.getvalue())
