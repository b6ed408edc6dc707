"""The generic table writers: CSV (BOM, quoting, shares, formula guard), .xlsx (title, bold
header, number formats, widths, sheet names) and download names."""

import csv
import io
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from thidua.reports.exports import (
    Column,
    Row,
    Table,
    ascii_filename,
    attachment,
    sheet_name,
    table_csv,
    table_download,
    tables_workbook,
)

pytestmark = pytest.mark.unit

COLUMNS = (
    Column("name", "Đơn vị", "text", header=True),
    Column("count", "Số lượng"),
    Column("share", "Tỷ lệ (%)", "share"),
    Column("change", "Tăng, giảm", "change"),
    Column("change_share", "Tăng, giảm (%)", "change_share"),
)


def _table(**kw):
    values = {
        "key": "demo",
        "slug": "bang-thu",
        "title": "Bảng thử: đơn vị, số lượng",
        "columns": COLUMNS,
        "rows": (
            Row("a", ("Sở Nội vụ, tỉnh Hà Nam", 1234, 0.125, -3, -0.5)),
            Row("b", ('=HYPERLINK("x")', 0, None, 2, None)),
            Row("c", ('-Khối "Đảng"', 7, 1.0, 0, 0.0)),
        ),
        "totals": ("Tổng cộng", 1241, 1.0, None, None),
        "notes": ("Ghi chú: chỉ tính khen thưởng chưa bị huỷ.",),
        "sheet": "Thử",
    }
    values.update(kw)
    return Table(**values)


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


# ── CSV ──────────────────────────────────────────────────────────────────────────────────────


def test_csv_starts_with_a_bom_and_reads_back():
    content = table_csv(_table())

    assert content[:3] == b"\xef\xbb\xbf"
    assert _csv_rows(content) == [
        ["Đơn vị", "Số lượng", "Tỷ lệ (%)", "Tăng, giảm", "Tăng, giảm (%)"],
        ["Sở Nội vụ, tỉnh Hà Nam", "1234", "12.5", "-3", "-50.0"],
        ['\'=HYPERLINK("x")', "0", "", "2", ""],
        ['\'-Khối "Đảng"', "7", "100.0", "0", "0.0"],
        ["Tổng cộng", "1241", "100.0", "", ""],
    ]


def test_csv_uses_commas_standard_quoting_and_crlf():
    text = table_csv(_table()).decode("utf-8-sig")

    assert text.splitlines()[0] == 'Đơn vị,Số lượng,Tỷ lệ (%),"Tăng, giảm","Tăng, giảm (%)"'
    assert '"Sở Nội vụ, tỉnh Hà Nam",1234,12.5,-3,-50.0\r\n' in text
    assert ";" not in text


def test_csv_of_a_table_without_totals():
    rows = _csv_rows(table_csv(_table(totals=None)))

    assert len(rows) == 4


# ── xlsx ─────────────────────────────────────────────────────────────────────────────────────


def test_xlsx_has_title_subtitle_bold_header_numbers_and_notes():
    content = tables_workbook([_table()], subtitle="Tỉnh Hà Nam · Năm 2023–2024")

    sheet = load_workbook(io.BytesIO(content))["Thử"]
    assert sheet["A1"].value == "Bảng thử: đơn vị, số lượng"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "Tỉnh Hà Nam · Năm 2023–2024"
    assert [c.value for c in sheet[3]] == [c.label for c in COLUMNS]
    assert all(c.font.bold for c in sheet[3])
    assert [c.value for c in sheet[4]] == ["Sở Nội vụ, tỉnh Hà Nam", 1234, 0.125, -3, -0.5]
    assert [c.number_format for c in sheet[4]][1:] == [
        "#,##0",
        "0.0%",
        "+#,##0;-#,##0;0",
        "+0.0%;-0.0%;0.0%",
    ]
    assert sheet["A4"].font.bold  # the row's name
    assert sheet["A5"].value == '\'=HYPERLINK("x")'
    assert sheet["A5"].data_type == "s"
    assert sheet["C5"].value is None
    assert [c.value for c in sheet[7]] == ["Tổng cộng", 1241, 1, None, None]
    assert all(c.font.bold for c in sheet[7])
    assert sheet["A8"].value == "Ghi chú: chỉ tính khen thưởng chưa bị huỷ."
    assert sheet.freeze_panes == "B4"


def test_xlsx_column_widths_follow_the_content():
    sheet = load_workbook(io.BytesIO(tables_workbook([_table()])))["Thử"]

    assert sheet.column_dimensions["A"].width == len("Sở Nội vụ, tỉnh Hà Nam") + 2
    assert 8 <= sheet.column_dimensions["B"].width <= 12


def test_xlsx_one_sheet_per_table_with_valid_unique_names():
    tables = [
        _table(sheet="Theo khối/cụm: [2024]?"),
        _table(sheet=""),
        _table(sheet="Một tên rất dài của bảng thống kê khen thưởng theo năm"),
        _table(sheet="Một tên rất dài của bảng thống kê khen thưởng theo năm"),
    ]

    names = load_workbook(io.BytesIO(tables_workbook(tables))).sheetnames

    assert names == [
        "Theo khối-cụm- -2024--",
        "Bảng thử- đơn vị, số lượng",
        "Một tên rất dài của bảng thống",
        "Một tên rất dài của bảng th (2)",
    ]
    assert all(len(name) <= 31 for name in names)


def test_sheet_name_is_never_empty_and_dedupes_case_insensitively():
    assert sheet_name("???") == "---"
    assert sheet_name("") == "Bang"
    assert sheet_name("Xu hướng", taken={"xu hướng"}) == "Xu hướng (2)"


def test_a_table_with_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="every row"):
        _table(rows=(Row("a", ("x", 1)),))
    with pytest.raises(ValueError, match="totals"):
        _table(totals=("Tổng cộng",))


def test_header_count_counts_the_leading_header_columns():
    assert _table().header_count == 1


# ── Downloads ────────────────────────────────────────────────────────────────────────────────


def test_ascii_filename_folds_vietnamese():
    assert ascii_filename("Đơn vị – Tỉnh Hà Nam 2024.xlsx") == "don-vi-tinh-ha-nam-2024.xlsx"
    assert ascii_filename("“”.csv") == "bang-so-lieu.csv"
    assert ascii_filename("tên không đuôi") == "ten-khong-duoi"


def test_attachment_carries_ascii_and_utf8_names():
    response = attachment(b"x", filename='Thống kê: "Đảng"/2024.csv', content_type="text/csv")

    disposition = response["Content-Disposition"]
    ascii_part, utf8_part = disposition.split("; filename*=UTF-8''")
    assert ascii_part == 'attachment; filename="thong-ke-dang2024.csv"'
    assert unquote(utf8_part) == 'Thống kê: "Đảng"/2024.csv'
    assert disposition.isascii()
    assert response["X-Content-Type-Options"] == "nosniff"


def test_table_download_picks_the_writer():
    csv_file = table_download(_table(), fmt="csv", stem="Bảng")
    xlsx_file = table_download(_table(), fmt="xlsx", stem="Bảng", subtitle="Phạm vi")

    assert (csv_file.filename, csv_file.content_type) == ("Bảng.csv", "text/csv; charset=utf-8")
    assert csv_file.content.startswith(b"\xef\xbb\xbf")
    assert xlsx_file.filename == "Bảng.xlsx"
    assert load_workbook(io.BytesIO(xlsx_file.content))["Thử"]["A2"].value == "Phạm vi"
