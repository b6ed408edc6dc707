"""The workbook format: sheets, columns, roles, and the result of an import.

Headers and sheet names are part of the format, so they are not translated; they are matched
ignoring case and diacritics ("Don vi" and "Đơn vị" are the same sheet).
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.org.enums import BlocKind

SHEET_UNITS = "Don vi"
SHEET_MEMBERS = "Thanh vien khoi"
SHEET_HELP = "Huong dan"
SHEET_LISTS = "Danh muc"

MAX_ROWS = 50_000
MAX_ERRORS = 500
# A zip may expand a lot; refuse workbooks whose parts add up to more than this (zip bombs).
MAX_UNCOMPRESSED_FACTOR = 20


class MemberRole(models.TextChoices):
    LEADER = "leader", gettext_lazy("Trưởng khối")
    DEPUTY = "deputy", gettext_lazy("Phó trưởng khối")
    MEMBER = "member", gettext_lazy("Thành viên")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = False
    max_length: int = 255


UNIT_COLUMNS = (
    Column("province", "Mã tỉnh", 12, required=True, max_length=40),
    Column("code", "Mã đơn vị", 16, required=True, max_length=40),
    Column("name", "Tên đầy đủ", 48, required=True),
    Column("short_name", "Tên viết tắt", 20, max_length=80),
    Column("kind", "Loại đơn vị", 32, required=True),
    Column("parent", "Mã đơn vị cấp trên", 20, max_length=40),
    Column("active_from", "Hoạt động từ", 14),
    Column("active_to", "Hoạt động đến", 14),
)
MEMBER_COLUMNS = (
    Column("province", "Mã tỉnh", 12, required=True, max_length=40),
    Column("bloc", "Tên khối", 44, required=True),
    Column("bloc_kind", "Loại khối", 12, required=True),
    Column("year", "Năm", 8, required=True),
    Column("unit", "Mã đơn vị", 16, required=True, max_length=40),
    Column("role", "Vai trò", 18, required=True),
)
BLOC_KIND_LABELS: dict[str, str] = {BlocKind.BLOC.value: "Khối", BlocKind.CLUSTER.value: "Cụm"}


@dataclass(frozen=True)
class RowError:
    """One problem found in the file; `row` is the Excel row number (None for the whole file)."""

    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportResult:
    units: Tally = field(default_factory=Tally)
    blocs: Tally = field(default_factory=Tally)
    seasons: Tally = field(default_factory=Tally)
    memberships: Tally = field(default_factory=Tally)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated for t in self.tallies().values())

    def tallies(self) -> dict[str, Tally]:
        return {
            _("Đơn vị"): self.units,
            _("Khối, cụm"): self.blocs,
            _("Năm thi đua"): self.seasons,
            _("Thành viên khối"): self.memberships,
        }

    def add_error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(sheet, row, column, message))


@dataclass
class UnitRow:
    row: int
    province: str
    code: str
    name: str
    short_name: str
    kind: str
    parent: str
    active_from: datetime.date | None
    active_to: datetime.date | None


@dataclass
class MemberRow:
    row: int
    province: str
    bloc: str
    bloc_kind: str
    year: int
    unit: str
    role: str
