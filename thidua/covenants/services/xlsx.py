"""Export and import of a covenant's criteria table as an .xlsx workbook.

One sheet, one row per table row, in tree order. Rows are matched on their code: a row of the file
creates or updates the row with that code, and rows missing from the file are deleted, so that the
table ends up exactly as in the file. Cells are checked first (nothing is written while any row is
wrong); then the rows are written through the criteria services in one transaction, and any
refusal becomes a row error that rolls everything back. Importing the same file twice changes
nothing; exporting and importing back gives the same table.
"""

import datetime
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from thidua.accounts.permissions import require
from thidua.core.exceptions import DomainError
from thidua.core.text import fold, nfc
from thidua.covenants.enums import CriterionKind
from thidua.covenants.models import Covenant, Criterion
from thidua.covenants.services._common import ensure_editable
from thidua.covenants.services.criteria import (
    criterion_create,
    criterion_delete,
    criterion_update,
)
from thidua.covenants.table import tree_order
from thidua.covenants.validators import clean_code, clean_points

SHEET = "Bang diem"
HEADERS = (
    ("code", "Mã", 12),
    ("parent", "Mã nhóm cha", 14),
    ("title", "Nội dung", 60),
    ("kind", "Loại", 14),
    ("max_points", "Điểm tối đa", 12),
    ("points_per_item", "Điểm mỗi lần", 12),
    ("guidance", "Hướng dẫn chấm", 50),
    ("evidence_required", "Bắt buộc minh chứng", 12),
)
REQUIRED = frozenset({"code", "title", "kind", "max_points"})
# The labels are part of the file format (written and read in Vietnamese whatever the language).
KIND_LABELS = {
    CriterionKind.GROUP.value: "Nhóm",
    CriterionKind.CRITERION.value: "Tiêu chí",
    CriterionKind.BONUS.value: "Điểm cộng",
    CriterionKind.DEDUCTION.value: "Điểm trừ",
}
YES, NO = "Có", "Không"
MAX_ROWS = 2000
MAX_ERRORS = 200
MAX_UNCOMPRESSED_FACTOR = 20


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def add_error(self, row: int | None, column: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, message))


@dataclass
class _Row:
    row: int
    code: str
    parent: str
    values: dict[str, Any]


# Export ---------------------------------------------------------------------------------------


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def criteria_export(*, actor: Any, covenant: Covenant) -> bytes:
    """The criteria table as .xlsx bytes (anyone who may read the covenant)."""
    require(actor, "covenants.view", covenant)
    criteria = list(covenant.criteria.all())
    codes = {c.pk: c.code for c in criteria}
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append([header for _key, header, _width in HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (_key, _header, width) in enumerate(HEADERS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for c, _depth in tree_order(criteria):
        sheet.append(
            [
                c.code,
                codes.get(c.parent_id, "") if c.parent_id else "",
                c.title,
                KIND_LABELS[c.kind],
                _number(c.max_points),
                _number(c.points_per_item),
                c.guidance,
                YES if c.evidence_required else NO,
            ]
        )
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Reading --------------------------------------------------------------------------------------


class _CellError(Exception):
    pass


def _open(data: bytes, result: ImportResult) -> Any:
    limit = int(settings.IMPORT_MAX_BYTES)
    if len(data) > limit:
        result.add_error(
            None,
            "",
            _("Tệp quá lớn; dung lượng tối đa là %(max)s MB.")
            % {"max": round(limit / 1024 / 1024, 1)},
        )
        return None
    not_xlsx = _("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            expanded = sum(info.file_size for info in archive.infolist())
        if "xl/workbook.xml" not in names:
            result.add_error(None, "", not_xlsx)
            return None
        if expanded > limit * MAX_UNCOMPRESSED_FACTOR:
            result.add_error(None, "", _("Tệp nén chứa dữ liệu quá lớn, không thể đọc."))
            return None
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
            OSError, ParseError, EOFError):  # fmt: skip
        result.add_error(None, "", not_xlsx)
        return None


def _text(value: Any, *, required: bool, max_length: int, multiline: bool = False) -> str:
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime.date):
        raise _CellError(_("Ô chứa ngày tháng, không phải văn bản."))
    else:
        text = str(value)
    if "\x00" in text:
        raise _CellError(_("Ô chứa ký tự không hợp lệ."))
    text = "\n".join(nfc(line) for line in text.splitlines()).strip() if multiline else nfc(text)
    if required and not text:
        raise _CellError(_("Ô này là bắt buộc."))
    if len(text) > max_length:
        raise _CellError(_("Nội dung dài quá %(max)s ký tự.") % {"max": max_length})
    return text


def _kind(value: Any) -> str:
    text = _text(value, required=True, max_length=40)
    table = {fold(label): kind for kind, label in KIND_LABELS.items()}
    table.update({fold(kind): kind for kind in KIND_LABELS})
    kind = table.get(fold(text))
    if kind is None:
        raise _CellError(
            _("Loại “%(value)s” không hợp lệ; chọn một trong: %(choices)s.")
            % {"value": text, "choices": "; ".join(KIND_LABELS.values())}
        )
    return kind


def _points(value: Any, *, required: bool, positive: bool = False) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _CellError(_("Ô này là bắt buộc."))
        return None
    if isinstance(value, bool | datetime.date):
        raise _CellError(_("Ô phải là một số."))
    try:
        return clean_points(value, field=_("điểm"), allow_zero=not positive)
    except DomainError as exc:
        raise _CellError(exc.message) from exc


def _flag(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = fold(_text(value, required=False, max_length=20))
    if text in ("", "khong", "0", "no", "false", "sai"):
        return False
    if text in ("co", "x", "1", "yes", "true", "dung"):
        return True
    raise _CellError(
        _("Giá trị “%(value)s” không hợp lệ; ghi “Có” hoặc “Không”.") % {"value": value}
    )


def _columns(header: tuple[Any, ...], result: ImportResult) -> dict[str, int] | None:
    found = {fold(str(v or "")): i for i, v in enumerate(header)}
    columns: dict[str, int] = {}
    for key, label, _width in HEADERS:
        if fold(label) in found:
            columns[key] = found[fold(label)]
        elif key in REQUIRED or key == "parent":
            result.add_error(1, label, _("Thiếu cột “%(column)s”.") % {"column": label})
    return None if not result.ok else columns


def _read_cells(
    cells: tuple[Any, ...], columns: dict[str, int], number: int, result: ImportResult
) -> _Row | None:
    def cell(key: str) -> Any:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    readers: dict[str, Any] = {
        "code": lambda v: clean_code(_text(v, required=True, max_length=20)),
        "parent": lambda v: _text(v, required=False, max_length=20),
        "title": lambda v: _text(v, required=True, max_length=500),
        "kind": _kind,
        "max_points": lambda v: _points(v, required=True),
        "points_per_item": lambda v: _points(v, required=False, positive=True),
        "guidance": lambda v: _text(v, required=False, max_length=10000, multiline=True),
        "evidence_required": _flag,
    }
    labels = {key: label for key, label, _width in HEADERS}
    values: dict[str, Any] = {}
    ok = True
    for key, reader in readers.items():
        try:
            values[key] = reader(cell(key))
        except _CellError as exc:
            result.add_error(number, labels[key], str(exc))
            ok = False
        except DomainError as exc:
            result.add_error(number, labels[key], exc.message)
            ok = False
    if not ok:
        return None
    return _Row(row=number, code=values.pop("code"), parent=values.pop("parent"), values=values)


def _iter_rows(sheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > 1 and all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        yield number, tuple(cells)


def read_criteria_file(data: bytes, result: ImportResult) -> list[_Row]:
    """The rows of the file, checked cell by cell and against each other (no database access)."""
    workbook = _open(data, result)
    if workbook is None:
        return []
    try:
        names = {fold(n): n for n in workbook.sheetnames}
        sheet = workbook[names.get(fold(SHEET), workbook.sheetnames[0])]
        rows_iter = _iter_rows(sheet)
        first = next(rows_iter, None)
        if first is None:
            result.add_error(None, "", _("Bảng tính trống."))
            return []
        columns = _columns(first[1], result)
        if columns is None:
            return []
        rows: list[_Row] = []
        for number, cells in rows_iter:
            if number > MAX_ROWS + 1:
                result.add_error(number, "", _("Tệp có quá %(max)s dòng.") % {"max": MAX_ROWS})
                break
            row = _read_cells(cells, columns, number, result)
            if row is not None:
                rows.append(row)
    finally:
        workbook.close()
    _check_rows(rows, result)
    return rows


def _check_rows(rows: list[_Row], result: ImportResult) -> None:
    seen: dict[str, int] = {}
    for r in rows:
        if r.code in seen:
            result.add_error(
                r.row,
                "Mã",
                _("Mã “%(code)s” bị lặp lại (đã có ở dòng %(row)s).")
                % {"code": r.code, "row": seen[r.code]},
            )
        else:
            seen[r.code] = r.row
    kinds = {r.code: r.values["kind"] for r in rows}
    for r in rows:
        if not r.parent:
            continue
        if r.parent not in kinds:
            result.add_error(
                r.row,
                "Mã nhóm cha",
                _("Không tìm thấy nhóm cha mã “%(code)s” trong tệp.") % {"code": r.parent},
            )
        elif kinds[r.parent] != CriterionKind.GROUP:
            result.add_error(
                r.row,
                "Mã nhóm cha",
                _("Dòng mã “%(code)s” không phải nhóm nên không có dòng con.") % {"code": r.parent},
            )
    if not rows and result.ok:
        result.add_error(None, "", _("Tệp không có dòng tiêu chí nào."))


def _parents_first(rows: list[_Row], result: ImportResult) -> list[_Row]:
    by_code = {r.code: r for r in rows}
    ordered: list[_Row] = []
    done: set[str] = set()
    for r in rows:
        chain: list[_Row] = []
        node: _Row | None = r
        while node is not None and node.code not in done:
            if node in chain:
                result.add_error(r.row, "Mã nhóm cha", _("Nhóm cha tạo thành vòng lặp."))
                return []
            chain.append(node)
            node = by_code.get(node.parent) if node.parent else None
        for item in reversed(chain):
            done.add(item.code)
            ordered.append(item)
    return ordered


# Import ---------------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def _write(covenant: Covenant, rows: list[_Row], *, actor: Any, result: ImportResult) -> None:
    existing = {c.code: c for c in covenant.criteria.select_related("parent")}
    written: dict[str, Criterion] = {}
    positions: dict[str, int] = defaultdict(int)
    order_of: dict[str, int] = {}
    for r in rows:  # sibling positions follow the file's order
        positions[r.parent] += 1
        order_of[r.code] = positions[r.parent]
    for r in _parents_first(rows, result):
        values = {
            **r.values,
            "parent": written[r.parent] if r.parent else None,
            "order": order_of[r.code],
        }
        try:
            current = existing.get(r.code)
            if current is None:
                written[r.code] = criterion_create(
                    actor=actor, covenant=covenant, code=r.code, **values
                )
                result.created += 1
            else:
                before = _snapshot(current)
                written[r.code] = criterion_update(actor=actor, criterion=current, **values)
                if _snapshot(current) == before:
                    result.unchanged += 1
                else:
                    result.updated += 1
        except DomainError as exc:
            result.add_error(r.row, "", exc.message)
    for code, criterion in existing.items():
        if code in written or not Criterion.objects.filter(pk=criterion.pk).exists():
            continue
        try:
            criterion_delete(actor=actor, criterion=criterion)
            result.deleted += 1
        except DomainError as exc:
            result.add_error(
                None,
                "Mã",
                _("Không xoá được dòng “%(code)s”: %(reason)s")
                % {"code": code, "reason": exc.message},
            )


def _snapshot(c: Criterion) -> tuple[Any, ...]:
    return (
        c.title,
        c.kind,
        c.max_points,
        c.parent_id,
        c.points_per_item,
        c.guidance,
        c.evidence_required,
        c.order,
    )


def criteria_import(*, actor: Any, covenant: Covenant, data: bytes) -> ImportResult:
    """Make the covenant's table exactly the file's (all or nothing); see the module docstring."""
    require(actor, "covenants.change_covenant", covenant)
    ensure_editable(covenant)
    result = ImportResult()
    rows = read_criteria_file(data, result)
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            _write(covenant, rows, actor=actor, result=result)
            if not result.ok:
                raise _Rollback
    except _Rollback:
        result.created = result.updated = result.unchanged = result.deleted = 0
    return result
