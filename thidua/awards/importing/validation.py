"""Check read rows against the province's units and people and the award catalogue.

Nothing is written here: the result is a plan (each row's unit, existing or new person and award
type) and row errors in the report.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from thidua.awards.importing.format import (
    GENDER_LABELS,
    KIND_INDIVIDUAL,
    RECORD_COLUMNS,
    SHEET_RECORDS,
    ImportReport,
    RecordRow,
)
from thidua.awards.rulebook import AwardType, load_rulebook
from thidua.core.text import fold
from thidua.org.models import Person, Province, Unit

HEADERS = {c.key: c.header for c in RECORD_COLUMNS}
# (unit id, folded full name, birth year) of a person the import creates.
NewPersonKey = tuple[int, str, int | None]


@dataclass(frozen=True)
class UnitInfo:
    pk: int
    code: str
    name: str


@dataclass
class NewPerson:
    unit_id: int
    full_name: str
    birth_year: int | None
    gender: str
    row: int


@dataclass
class PlannedRecord:
    row: RecordRow
    unit: UnitInfo
    award: AwardType
    person_id: int | None = None
    new_person: NewPersonKey | None = None


@dataclass
class Plan:
    province: Province
    records: list[PlannedRecord] = field(default_factory=list)
    new_people: dict[NewPersonKey, NewPerson] = field(default_factory=dict)
    people_matched: set[int] = field(default_factory=set)


def award_lookup() -> dict[str, AwardType]:
    """Folded code or Vietnamese name -> award type of the catalogue."""
    table: dict[str, AwardType] = {}
    for award in load_rulebook().award_types():
        table[fold(award.code)] = award
        table.setdefault(fold(award.name), award)
    return table


class _People:
    """The province's people, looked up by (unit, folded name, birth year)."""

    def __init__(self, province: Province) -> None:
        self.exact: dict[tuple[int, str, int | None], int] = {}
        self.by_name: dict[tuple[int, str], list[tuple[int, int | None]]] = {}
        rows = Person.objects.filter(unit__province=province).order_by("pk")
        for pk, unit_id, key, birth_year in rows.values_list(
            "pk", "unit_id", "search_key", "birth_year"
        ):
            self.exact.setdefault((unit_id, key, birth_year), pk)
            self.by_name.setdefault((unit_id, key), []).append((pk, birth_year))

    def find(self, unit_id: int, key: str, birth_year: int | None) -> int | list[int] | None:
        """The person's id; a list of ids when the name alone is ambiguous; None when unknown.

        A row without a birth year matches the one person of that name in the unit; a row with
        one also matches a person recorded without a birth year.
        """
        found = self.exact.get((unit_id, key, birth_year))
        if found is not None:
            return found
        candidates = self.by_name.get((unit_id, key), [])
        if birth_year is not None:
            candidates = [c for c in candidates if c[1] is None]
        if len(candidates) == 1:
            return candidates[0][0]
        return [pk for pk, _year in candidates] or None


class _Checker:
    def __init__(self, province: Province, report: ImportReport) -> None:
        self.plan = Plan(province=province)
        self.report = report
        self.units = {
            code: UnitInfo(pk, code, name)
            for pk, code, name in Unit.objects.filter(province=province).values_list(
                "pk", "code", "name"
            )
        }
        self.awards = award_lookup()
        self.people = _People(province)
        self.seen: dict[tuple[Any, ...], int] = {}

    def error(self, row: RecordRow, key: str, message: str) -> None:
        self.report.add_error(SHEET_RECORDS, row.row, HEADERS[key], message)

    def award(self, r: RecordRow) -> AwardType | None:
        award = self.awards.get(fold(r.award))
        if award is None:
            self.error(r, "award", _(
                "Không có hình thức khen thưởng “%(value)s” trong danh mục; ghi mã hoặc tên như "
                "ở trang “Danh mục” của tệp mẫu."
            ) % {"value": r.award})  # fmt: skip
            return None
        if (award.subject == "individual") != (r.kind == KIND_INDIVIDUAL):
            message = (
                _("“%(award)s” là hình thức khen thưởng cá nhân, không dùng cho tập thể.")
                if award.subject == "individual"
                else _("“%(award)s” là hình thức khen thưởng tập thể, không dùng cho cá nhân.")
            )
            self.error(r, "award", message % {"award": award.name})
            return None
        return award

    def person(self, r: RecordRow, unit: UnitInfo) -> tuple[int | None, NewPersonKey | None]:
        key = fold(r.full_name)
        found = self.people.find(unit.pk, key, r.birth_year)
        if isinstance(found, int):
            self.plan.people_matched.add(found)
            return found, None
        if found:
            self.error(r, "birth_year", _(
                "Đơn vị “%(unit)s” có %(count)s cá nhân tên “%(name)s”; ghi năm sinh để phân biệt."
            ) % {"unit": unit.code, "count": len(found), "name": r.full_name})  # fmt: skip
            return None, None
        new_key = (unit.pk, key, r.birth_year)
        first = self.plan.new_people.get(new_key)
        if first is None and not r.gender:
            self.error(r, "gender", _(
                "Cá nhân “%(name)s” chưa có trong đơn vị “%(unit)s”: ghi giới tính (%(choices)s) "
                "để tạo mới."
            ) % {"name": r.full_name, "unit": unit.code,
                 "choices": "/".join(GENDER_LABELS.values())})  # fmt: skip
            return None, None
        if first is None:
            self.plan.new_people[new_key] = NewPerson(
                unit.pk, r.full_name, r.birth_year, r.gender, r.row
            )
        elif r.gender and r.gender != first.gender:
            self.error(r, "gender", _(
                "Giới tính khác với dòng %(row)s của cùng cá nhân “%(name)s”."
            ) % {"row": first.row, "name": r.full_name})  # fmt: skip
            return None, None
        return None, new_key

    def row(self, r: RecordRow) -> None:
        unit = self.units.get(r.unit)
        if unit is None:
            self.error(r, "unit", _(
                "Không tìm thấy đơn vị mã “%(code)s” trong tỉnh “%(province)s”."
            ) % {"code": r.unit, "province": self.plan.province.name})  # fmt: skip
            return
        award = self.award(r)
        if award is None:
            return
        person_id, new_key = (None, None)
        if r.kind == KIND_INDIVIDUAL:
            person_id, new_key = self.person(r, unit)
            if person_id is None and new_key is None:
                return
        subject: tuple[Any, ...] = ("unit", unit.pk)
        if person_id is not None or new_key is not None:
            subject = ("person", person_id, new_key)
        identity = (subject, award.code, r.year, fold(r.decision_number))
        if identity in self.seen:
            self.error(r, "decision_number", _(
                "Dòng này trùng với dòng %(row)s (cùng đối tượng, hình thức khen thưởng, năm và "
                "số quyết định)."
            ) % {"row": self.seen[identity]})  # fmt: skip
            return
        self.seen[identity] = r.row
        self.plan.records.append(PlannedRecord(r, unit, award, person_id, new_key))


def plan_rows(province: Province, rows: list[RecordRow], report: ImportReport) -> Plan:
    """Each row's unit, person and award type; problems go to `report.errors`."""
    checker = _Checker(province, report)
    for r in rows:
        checker.row(r)
    return checker.plan
