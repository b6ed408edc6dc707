"""Tables of figures and the files written from them.

A `Table` is a plain structure (caption, columns, rows, totals, notes): a page, an .xlsx workbook,
a CSV file and the JSON API are all written from the same object, so they never disagree. The
writers here know nothing of awards; any report may hand them its tables.

Values are plain: an int (a count or a signed change), a float (a share, 0.25 = 25 %), a str
(a label) or None (nothing to show: a share of zero cases). The column's `kind` says which.
"""

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core import downloads
from thidua.core.text import fold

CellValue = int | float | str | None
# text: a label; count: a whole number; share: a fraction shown as a percentage; change: a
# signed whole number (+3, -2); change_share: a signed fraction (+12.5 %).
ColumnKind = Literal["text", "count", "share", "change", "change_share"]
NUMBER_KINDS = frozenset({"count", "share", "change", "change_share"})
SHARE_KINDS = frozenset({"share", "change_share"})

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
SHEET_NAME_MAX = 31  # Excel refuses longer sheet names
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Text that a spreadsheet would read as a formula (CSV or formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XLSX_FORMATS = {
    "count": "#,##0",
    "share": "0.0%",
    "change": "+#,##0;-#,##0;0",
    "change_share": "+0.0%;-0.0%;0.0%",
}
_MIN_WIDTH, _MAX_WIDTH = 8, 60


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "count"
    # A row header (the row's name): <th scope="row"> on a page, bold in a workbook.
    header: bool = False


@dataclass(frozen=True)
class Row:
    key: str  # machine key of the row: an award code, a year, a bloc id…
    cells: tuple[CellValue, ...]


@dataclass(frozen=True)
class Table:
    key: str  # machine key (API)
    slug: str  # ASCII, for file names and addresses
    title: str  # the caption
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    totals: tuple[CellValue, ...] | None = None  # one value per column; the first is its label
    notes: tuple[str, ...] = ()
    sheet: str = ""  # the sheet's name in a workbook (≤ 31 characters); "" = from the title

    def __post_init__(self) -> None:
        width = len(self.columns)
        if any(len(row.cells) != width for row in self.rows):
            raise ValueError(f"{self.key}: every row needs {width} cells")
        if self.totals is not None and len(self.totals) != width:
            raise ValueError(f"{self.key}: the totals need {width} cells")

    @property
    def header_count(self) -> int:
        """Leading columns that name the row."""
        count = 0
        for column in self.columns:
            if not column.header:
                break
            count += 1
        return count


# ── CSV ──────────────────────────────────────────────────────────────────────────────────────


def table_csv(table: Table) -> bytes:
    """The table as CSV: UTF-8 with a byte order mark (Excel then reads Vietnamese right),
    commas, standard quoting, a header line, the rows and the totals line. Shares are written as
    percentages (25.0 for a quarter) with a dot, as the column labels say "(%)"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_safe_text(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow(_csv_cells(table.columns, row.cells))
    if table.totals is not None:
        writer.writerow(_csv_cells(table.columns, table.totals))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cells(columns: Sequence[Column], cells: Sequence[CellValue]) -> list[str]:
    return [_csv_value(column, value) for column, value in zip(columns, cells, strict=True)]


def _csv_value(column: Column, value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _safe_text(value)
    if column.kind in SHARE_KINDS:
        return f"{value * 100:.1f}"
    return str(int(value))


def _safe_text(value: str) -> str:
    """A leading apostrophe keeps text such as "=SUM(…)" or "-Khối" from running as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


# ── xlsx ─────────────────────────────────────────────────────────────────────────────────────


def tables_workbook(tables: Sequence[Table], *, subtitle: str = "") -> bytes:
    """An .xlsx workbook with each table on its own sheet: a title row (the caption), the
    subtitle (what the figures cover), a bold header row, the rows, a bold totals row and the
    notes. Numbers are numbers (shares as fractions in a percent format)."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    names: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(sheet_name(table.sheet or table.title, taken=names))
        names.add(sheet.title.casefold())
        _write_sheet(sheet, table, subtitle)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(title: str, *, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, not taken (case-folded)."""
    base = _SHEET_FORBIDDEN.sub("-", title).strip().strip("'") or "Bang"
    name = base[:SHEET_NAME_MAX].rstrip()
    number = 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    return name


def _write_sheet(sheet: Worksheet, table: Table, subtitle: str) -> None:
    bold = Font(bold=True)
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subtitle] if subtitle else [])
    header_row = 3
    sheet.append([column.label for column in table.columns])
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    lines = [row.cells for row in table.rows]
    if table.totals is not None:
        lines.append(table.totals)
    for values in lines:
        sheet.append([_xlsx_value(value) for value in values])
        _format_row(sheet, table, sheet.max_row)
    if table.totals is not None:
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    for note in table.notes:
        sheet.append([note])
    sheet.freeze_panes = f"{get_column_letter(table.header_count + 1)}{header_row + 1}"
    _set_widths(sheet, table, lines)


def _xlsx_value(value: CellValue) -> CellValue:
    return _safe_text(value) if isinstance(value, str) else value


def _format_row(sheet: Worksheet, table: Table, row_number: int) -> None:
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=row_number, column=index)
        if isinstance(cell, Cell) and column.kind in _XLSX_FORMATS:
            cell.number_format = _XLSX_FORMATS[column.kind]
        if column.header and isinstance(cell, Cell):
            cell.font = Font(bold=True)


def _set_widths(sheet: Worksheet, table: Table, lines: Sequence[Sequence[CellValue]]) -> None:
    for index, column in enumerate(table.columns):
        longest = max(
            [len(_width_text(column, line[index])) for line in lines] + [_label_width(column)]
        )
        width = min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _label_width(column: Column) -> int:
    """Labels wrap in the header row: a number column needs only its longest word."""
    if column.kind == "text":
        return len(column.label)
    return max(len(word) for word in column.label.split()) if column.label.strip() else 0


def _width_text(column: Column, value: CellValue) -> str:
    if value is None:
        return ""
    if column.kind in SHARE_KINDS and not isinstance(value, str):
        return f"+{value * 100:.1f}%"
    if column.kind in NUMBER_KINDS and not isinstance(value, str):
        return f"+{int(value):,}"
    return str(value)


# ── Downloads ────────────────────────────────────────────────────────────────────────────────


def attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A download named `filename` (Vietnamese allowed), with its ASCII name for every client."""
    return downloads.attachment(
        content, filename=filename, ascii_name=ascii_filename(filename), content_type=content_type
    )


def ascii_filename(filename: str) -> str:
    """thong-ke-khen-thuong-2024.xlsx for "Thống kê khen thưởng 2024.xlsx" (đ → d)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    ascii_stem = slugify(fold(stem))[:150].strip("-") or "bang-so-lieu"
    ascii_ext = slugify(ext)
    return f"{ascii_stem}.{ascii_ext}" if ascii_ext else ascii_stem


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    content_type: str

    def response(self) -> HttpResponse:
        return attachment(self.content, filename=self.filename, content_type=self.content_type)


def table_download(
    table: Table, *, fmt: Literal["csv", "xlsx"], stem: str, subtitle: str = ""
) -> Download:
    """One table as a CSV or an .xlsx file named `<stem>.<fmt>`."""
    if fmt == "csv":
        return Download(table_csv(table), f"{stem}.csv", CSV_CONTENT_TYPE)
    return Download(tables_workbook([table], subtitle=subtitle), f"{stem}.xlsx", XLSX_CONTENT_TYPE)
