"""The registry list as an .xlsx workbook (the filters of the list page, all rows).

The sheet name and the first twelve headers are those of the registry import, so an exported
file can be read back; the columns after them (unit name, province, level, source, revocation)
are for the reader. Headers are part of the file's format: they stay in Vietnamese.
"""

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from thidua.accounts.permissions import require
from thidua.awards.models import AwardBasis, AwardRecord, RecordSource
from thidua.awards.rulebook import load_rulebook
from thidua.awards.selectors.registry import registry_list

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Khen thưởng"
HEADERS = (
    ("Loại", 12),
    ("Mã đơn vị", 16),
    ("Họ và tên", 28),
    ("Năm sinh", 10),
    ("Giới tính", 10),
    ("Hình thức khen thưởng", 40),
    ("Năm", 8),
    ("Loại thành tích", 16),
    ("Số quyết định", 18),
    ("Ngày quyết định", 16),
    ("Cơ quan quyết định", 30),
    ("Ghi chú", 40),
    ("Tên đơn vị", 36),
    ("Tỉnh", 20),
    ("Cấp khen thưởng", 14),
    ("Nguồn", 24),
    ("Đã huỷ", 8),
    ("Lý do huỷ", 40),
)
# The import's spellings of the kind, the basis and the gender.
KIND_LABELS = {"unit": "Tập thể", "person": "Cá nhân"}
BASIS_LABELS: dict[str, str] = {
    AwardBasis.MERIT.value: "Thường xuyên",
    AwardBasis.THEMATIC.value: "Chuyên đề",
    AwardBasis.AD_HOC.value: "Đột xuất",
    AwardBasis.LONG_SERVICE.value: "Cống hiến",
}
GENDER_LABELS = {"male": "Nam", "female": "Nữ"}
LEVEL_LABELS = {"unit": "Cơ sở", "province": "Cấp tỉnh", "national": "Nhà nước"}
SOURCE_LABELS: dict[str, str] = {
    RecordSource.IMPORTED.value: "Nhập từ sổ theo dõi",
    RecordSource.DECIDED.value: "Theo quyết định trên hệ thống",
    RecordSource.MANUAL.value: "Nhập tay",
}


def registry_workbook(*, user: Any, **filters: Any) -> bytes:
    """The rows of registry_list(user=user, **filters) as an .xlsx file (streamed, any size)."""
    require(user, "awards.view_registry")
    records = registry_list(user=user, **filters).iterator(chunk_size=2000)
    return workbook_of(records)


def workbook_of(records: Iterable[AwardRecord]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(SHEET)  # write-only: column_dimensions exist
    for index, (_label, width) in enumerate(HEADERS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, label) for label, _width in HEADERS])
    awards = {a.code: a for a in load_rulebook().award_types()}
    for record in records:
        sheet.append([_cell(sheet, value) for value in _row(record, awards)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(record: AwardRecord, awards: dict[str, Any]) -> list[Any]:
    award = awards.get(record.award_type)
    person = record.person
    unit = record.unit if record.unit is not None else person.unit if person else None
    return [
        KIND_LABELS["unit" if record.unit_id else "person"],
        unit.code if unit else "",
        person.full_name if person else "",
        person.birth_year if person else None,
        GENDER_LABELS.get(person.gender, "") if person else "",
        award.name if award else record.award_type,
        record.year,
        BASIS_LABELS.get(record.basis, record.basis),
        record.decision_number,
        record.decision_date,
        record.issuer,
        record.note,
        unit.name if unit else "",
        unit.province.name if unit else "",
        LEVEL_LABELS.get(award.level, "") if award else "",
        SOURCE_LABELS.get(record.source, record.source),
        "Có" if record.revoked else "",
        record.revoked_reason,
    ]


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """Text starting with "=" stays text (openpyxl would write it as a formula)."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _header_cell(sheet: WriteOnlyWorksheet, label: str) -> Any:
    cell = WriteOnlyCell(sheet, value=label)
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", fgColor="9C1C1C")
    return cell
