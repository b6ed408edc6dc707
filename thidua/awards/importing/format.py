"""The registry workbook: sheet, columns, accepted values, and the import report.

Headers and sheet names are part of the format, so they are not translated; they are matched
ignoring case and diacritics ("Khen thuong" and "Khen thưởng" are the same sheet). The column
definition is the org import's (`thidua.org.xlsx.format.Column`), so cells read alike.
"""

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from thidua.awards.models import AwardBasis
from thidua.org.enums import Gender
from thidua.org.xlsx.format import Column, RowError

SHEET_RECORDS = "Khen thưởng"
SHEET_CATALOGUE = "Danh mục"
SHEET_HELP = "Hướng dẫn"

# A province's registry since 1945 fits; the file size limit (IMPORT_MAX_BYTES) binds first.
MAX_ROWS = 200_000
MAX_ERRORS = 500
MAX_NOTE_LENGTH = 2000

KIND_COLLECTIVE = "collective"
KIND_INDIVIDUAL = "individual"

RECORD_COLUMNS = (
    Column("kind", "Loại", 12, required=True),
    Column("unit", "Mã đơn vị", 16, required=True, max_length=40),
    Column("full_name", "Họ và tên", 28, max_length=120),
    Column("birth_year", "Năm sinh", 10),
    Column("gender", "Giới tính", 10),
    Column("award", "Hình thức khen thưởng", 40, required=True),
    Column("year", "Năm", 8, required=True),
    Column("basis", "Loại thành tích", 16),
    Column("decision_number", "Số quyết định", 18, max_length=60),
    Column("decision_date", "Ngày quyết định", 16),
    Column("issuer", "Cơ quan quyết định", 30),
    Column("note", "Ghi chú", 40, max_length=MAX_NOTE_LENGTH),
)
# Columns a file may have: the registry list exported to .xlsx has them, so a revoked line
# (GEN-08) reads back revoked, with its reason.
OPTIONAL_COLUMNS = (
    Column("revoked", "Đã huỷ", 8),
    Column("revoked_reason", "Lý do huỷ", 40, max_length=MAX_NOTE_LENGTH),
)
# Other spellings of a header that the file may use (folded when compared).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "kind": ("Tập thể/Cá nhân", "Đối tượng"),
    "full_name": ("Họ và tên (cá nhân)", "Họ tên"),
    "award": ("Hình thức", "Mã hình thức khen thưởng"),
    "issuer": ("Cơ quan, người quyết định", "Cấp quyết định"),
    "revoked": ("Huỷ", "Đã hủy"),
}
# "Đã huỷ": a mark means yes (folded when compared); empty or one of these means no.
NOT_REVOKED = ("không", "khong", "no", "0", "false")

# Spellings of the registry books (short labels first: those are the template's lists).
KIND_LABELS: dict[str, str] = {KIND_COLLECTIVE: "Tập thể", KIND_INDIVIDUAL: "Cá nhân"}
KIND_SPELLINGS: dict[str, str] = {
    "Tập thể": KIND_COLLECTIVE,
    "Cá nhân": KIND_INDIVIDUAL,
    "collective": KIND_COLLECTIVE,
    "individual": KIND_INDIVIDUAL,
    "unit": KIND_COLLECTIVE,
    "person": KIND_INDIVIDUAL,
}
BASIS_LABELS: dict[str, str] = {
    AwardBasis.MERIT.value: "Thường xuyên",
    AwardBasis.THEMATIC.value: "Chuyên đề",
    AwardBasis.AD_HOC.value: "Đột xuất",
    AwardBasis.LONG_SERVICE.value: "Cống hiến",
}
GENDER_LABELS: dict[str, str] = {Gender.MALE.value: "Nam", Gender.FEMALE.value: "Nữ"}


@dataclass
class RecordRow:
    """One line of the sheet, its cells converted (unit and award still as written)."""

    row: int
    kind: str
    unit: str
    full_name: str
    birth_year: int | None
    gender: str
    award: str
    year: int
    basis: str
    decision_number: str
    decision_date: datetime.date | None
    issuer: str
    note: str
    revoked: bool = False
    revoked_reason: str = ""


@dataclass
class ImportReport:
    """What an import found and did; `errors` keeps the first MAX_ERRORS problems."""

    rows: int = 0
    records_created: int = 0
    records_unchanged: int = 0
    people_created: int = 0
    people_matched: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(sheet, row, column, message))

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the progress file (JSON)."""
        return {**asdict(self), "ok": self.ok}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ImportReport":
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["errors"] = [RowError(**e) for e in data.get("errors", [])]
        return cls(**values)
