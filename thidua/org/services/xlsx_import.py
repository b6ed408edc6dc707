"""Import units and bloc memberships from an .xlsx workbook (the format `xlsx_export` writes).

The import runs in two phases. First every row is read and checked without writing anything
(file type and size, sheets, columns, required cells, codes, years, dates, enum values, duplicates,
references). Then, only if nothing is wrong, the rows are written through the org services in one
transaction; an error raised by a service (e.g. BLK-03) becomes a row error and rolls everything
back. Units are matched on (province code, unit code), blocs on (province, name), seasons on
(bloc, year) and memberships on (season, unit), so importing the same file twice changes nothing.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import can, require
from thidua.core.exceptions import DomainError
from thidua.org.models import Bloc, Province, Season, SeasonMembership, Unit
from thidua.org.services.bloc import bloc_create, bloc_update
from thidua.org.services.season import season_add_member, season_create, season_update
from thidua.org.services.unit import unit_create, unit_update
from thidua.org.xlsx.format import (
    SHEET_MEMBERS,
    SHEET_UNITS,
    ImportResult,
    MemberRole,
    MemberRow,
    UnitRow,
)
from thidua.org.xlsx.reader import read_workbook

# ---------------------------------------------------------------------------------------------
# Checking the rows against each other and the database


@dataclass
class _Plan:
    provinces: dict[str, Province]
    units: dict[tuple[int, str], Unit]
    unit_rows: list[UnitRow]
    member_rows: list[MemberRow]
    blocs: dict[tuple[int, str], Bloc]
    seasons: dict[tuple[int, int], Season]
    memberships: set[tuple[int, int]]


def _resolve_provinces(
    actor: Any,
    province: Province | None,
    unit_rows: list[UnitRow],
    member_rows: list[MemberRow],
    result: ImportResult,
) -> dict[str, Province]:
    codes = {r.province for r in unit_rows} | {r.province for r in member_rows}
    found = {p.code: p for p in Province.objects.filter(code__in=codes)}
    allowed: dict[str, Province] = {}
    for code, p in found.items():
        if province is not None and p.pk != province.pk:
            continue
        if can(actor, "org.view_record", p) and can(actor, "org.import_data", p):
            allowed[code] = p
    for sheet, rows in ((SHEET_UNITS, unit_rows), (SHEET_MEMBERS, member_rows)):
        for r in rows:
            if r.province in allowed:
                continue
            if province is not None and r.province in found:
                message = _(
                    "Mã tỉnh “%(code)s” khác với tỉnh đã chọn (“%(chosen)s”, mã “%(chosen_code)s”)."
                ) % {"code": r.province, "chosen": province.name, "chosen_code": province.code}
            else:
                message = _(
                    "Không tìm thấy tỉnh có mã “%(code)s”, hoặc bạn không có quyền nhập dữ liệu "
                    "cho tỉnh này."
                ) % {"code": r.province}
            result.add_error(sheet, r.row, "Mã tỉnh", message)
    return allowed


def _check_unit_rows(plan: _Plan, result: ImportResult) -> list[UnitRow]:
    """Duplicates, parents and parent cycles; returns the rows in creation order (parents first)."""
    by_key: dict[tuple[int, str], UnitRow] = {}
    for r in plan.unit_rows:
        key = (plan.provinces[r.province].pk, r.code)
        if key in by_key:
            result.add_error(
                SHEET_UNITS,
                r.row,
                "Mã đơn vị",
                _("Đơn vị mã “%(code)s” bị lặp lại (đã có ở dòng %(row)s).")
                % {"code": r.code, "row": by_key[key].row},
            )
            continue
        by_key[key] = r
    for (province_id, _unit_code), r in by_key.items():
        if not r.parent:
            continue
        if r.parent == r.code:
            result.add_error(
                SHEET_UNITS,
                r.row,
                "Mã đơn vị cấp trên",
                _("Đơn vị không thể là cấp trên của chính nó."),
            )
        elif (province_id, r.parent) not in by_key and (province_id, r.parent) not in plan.units:
            result.add_error(
                SHEET_UNITS,
                r.row,
                "Mã đơn vị cấp trên",
                _("Không tìm thấy đơn vị cấp trên mã “%(code)s” trong tỉnh “%(province)s”.")
                % {"code": r.parent, "province": r.province},
            )
    return _parents_first(by_key, result)


def _parents_first(by_key: dict[tuple[int, str], UnitRow], result: ImportResult) -> list[UnitRow]:
    ordered: list[UnitRow] = []
    done: set[tuple[int, str]] = set()
    for start in by_key:
        chain: list[tuple[int, str]] = []
        key: tuple[int, str] | None = start
        while key is not None and key in by_key and key not in done:
            if key in chain:
                for k in chain[chain.index(key) :]:
                    result.add_error(
                        SHEET_UNITS,
                        by_key[k].row,
                        "Mã đơn vị cấp trên",
                        _("Đơn vị cấp trên tạo thành vòng lặp (mã “%(code)s”).")
                        % {"code": by_key[k].code},
                    )
                done.update(chain)
                chain = []
                break
            chain.append(key)
            row = by_key[key]
            key = (key[0], row.parent) if row.parent and row.parent != row.code else None
        for k in reversed(chain):
            done.add(k)
            ordered.append(by_key[k])
    return ordered


def _check_member_rows(plan: _Plan, file_units: set[tuple[int, str]], result: ImportResult) -> None:
    seen: dict[tuple[int, str, int, str], MemberRow] = {}
    officers: dict[tuple[int, str, int, str], MemberRow] = {}
    kinds: dict[tuple[int, str], MemberRow] = {}
    for r in plan.member_rows:
        province_id = plan.provinces[r.province].pk
        key = (province_id, r.bloc, r.year, r.unit)
        if key in seen:
            result.add_error(
                SHEET_MEMBERS,
                r.row,
                "Mã đơn vị",
                _(
                    "Đơn vị “%(unit)s” bị lặp lại trong khối “%(bloc)s” năm %(year)s "
                    "(đã có ở dòng %(row)s)."
                )
                % {"unit": r.unit, "bloc": r.bloc, "year": r.year, "row": seen[key].row},
            )
            continue
        seen[key] = r
        if (province_id, r.unit) not in file_units and (province_id, r.unit) not in plan.units:
            result.add_error(
                SHEET_MEMBERS,
                r.row,
                "Mã đơn vị",
                _(
                    "Không tìm thấy đơn vị mã “%(code)s” trong tỉnh “%(province)s” "
                    "(trong tệp hoặc trong hệ thống)."
                )
                % {"code": r.unit, "province": r.province},
            )
        first = kinds.setdefault((province_id, r.bloc), r)
        if first.bloc_kind != r.bloc_kind:
            result.add_error(
                SHEET_MEMBERS,
                r.row,
                "Loại khối",
                _("Loại khối khác với dòng %(row)s của cùng khối “%(bloc)s”.")
                % {"row": first.row, "bloc": r.bloc},
            )
        if r.role != MemberRole.MEMBER:
            officer_key = (province_id, r.bloc, r.year, r.role)
            if officer_key in officers:
                result.add_error(
                    SHEET_MEMBERS,
                    r.row,
                    "Vai trò",
                    _(
                        "Khối “%(bloc)s” năm %(year)s có hai %(role)s "
                        "(dòng %(row)s và dòng này); mỗi năm chỉ có một."
                    )
                    % {
                        "bloc": r.bloc,
                        "year": r.year,
                        "role": MemberRole(r.role).label.lower(),
                        "row": officers[officer_key].row,
                    },
                )
            else:
                officers[officer_key] = r


def _plan(
    actor: Any,
    province: Province | None,
    unit_rows: list[UnitRow],
    member_rows: list[MemberRow],
    result: ImportResult,
) -> _Plan:
    provinces = _resolve_provinces(actor, province, unit_rows, member_rows, result)
    ids = [p.pk for p in provinces.values()]
    units = {(u.province_id, u.code): u for u in Unit.objects.filter(province_id__in=ids)}
    blocs = {
        (b.province_id, b.name): b
        for b in Bloc.objects.filter(province_id__in=ids).select_related("province")
    }
    seasons = {
        (s.bloc_id, s.year): s
        for s in Season.objects.filter(bloc__province_id__in=ids).select_related(
            "bloc__province", "leader", "deputy"
        )
    }
    memberships = set(
        SeasonMembership.objects.filter(season__bloc__province_id__in=ids).values_list(
            "season_id", "unit_id"
        )
    )
    plan = _Plan(
        provinces=provinces,
        units=units,
        unit_rows=[r for r in unit_rows if r.province in provinces],
        member_rows=[r for r in member_rows if r.province in provinces],
        blocs=blocs,
        seasons=seasons,
        memberships=memberships,
    )
    plan.unit_rows = _check_unit_rows(plan, result)
    file_units = {(plan.provinces[r.province].pk, r.code) for r in plan.unit_rows}
    _check_member_rows(plan, file_units, result)
    return plan


# ---------------------------------------------------------------------------------------------
# Writing


class _Writer:
    """Apply a checked plan through the services; a refused write becomes a row error."""

    def __init__(self, actor: Any, plan: _Plan, result: ImportResult) -> None:
        self.actor, self.plan, self.result = actor, plan, result
        self.new_seasons: set[int] = set()

    def _call(self, sheet: str, row: int, column: str, func: Any, **kwargs: Any) -> Any:
        try:
            return func(actor=self.actor, **kwargs)
        except DomainError as exc:
            self.result.add_error(sheet, row, column, exc.message)
        except IntegrityError:
            self.result.add_error(
                sheet, row, column, _("Dữ liệu mâu thuẫn với dữ liệu đã có trong hệ thống.")
            )
        return None

    def units(self) -> None:
        tally = self.result.units
        for r in self.plan.unit_rows:
            province = self.plan.provinces[r.province]
            parent = self.plan.units.get((province.pk, r.parent)) if r.parent else None
            if r.parent and parent is None:
                continue  # the parent failed: its error is already reported
            wanted: dict[str, Any] = {
                "name": r.name,
                "short_name": r.short_name,
                "kind": r.kind,
                "active_from": r.active_from,
                "active_to": r.active_to,
            }
            unit = self.plan.units.get((province.pk, r.code))
            if unit is None:
                unit = self._call(
                    SHEET_UNITS, r.row, "Mã đơn vị", unit_create,
                    province=province, code=r.code, parent=parent, **wanted,
                )  # fmt: skip
                if unit is not None:
                    self.plan.units[(province.pk, r.code)] = unit
                    tally.created += 1
                continue
            changes = {k: v for k, v in wanted.items() if getattr(unit, k) != v}
            if unit.parent_id != (parent.pk if parent else None):
                changes["parent"] = parent
            if not changes:
                tally.unchanged += 1
            elif self._call(SHEET_UNITS, r.row, "", unit_update, unit=unit, **changes):
                tally.updated += 1

    def blocs(self) -> None:
        done: set[tuple[int, str]] = set()
        for r in self.plan.member_rows:
            province = self.plan.provinces[r.province]
            key = (province.pk, r.bloc)
            if key in done:
                continue
            done.add(key)
            bloc = self.plan.blocs.get(key)
            if bloc is None:
                bloc = self._call(
                    SHEET_MEMBERS, r.row, "Tên khối", bloc_create,
                    province=province, name=r.bloc, kind=r.bloc_kind,
                )  # fmt: skip
                if bloc is not None:
                    self.plan.blocs[key] = bloc
                    self.result.blocs.created += 1
            elif bloc.kind != r.bloc_kind:
                if self._call(SHEET_MEMBERS, r.row, "Loại khối", bloc_update, bloc=bloc,
                              kind=r.bloc_kind):  # fmt: skip
                    self.result.blocs.updated += 1
            else:
                self.result.blocs.unchanged += 1

    def memberships(self) -> dict[Season, list[MemberRow]]:
        by_season: dict[Season, list[MemberRow]] = defaultdict(list)
        for r in self.plan.member_rows:
            province = self.plan.provinces[r.province]
            bloc = self.plan.blocs.get((province.pk, r.bloc))
            unit = self.plan.units.get((province.pk, r.unit))
            if bloc is None or unit is None:
                continue
            season = self.plan.seasons.get((bloc.pk, r.year))
            if season is None:
                season = self._call(
                    SHEET_MEMBERS, r.row, "Năm", season_create, bloc=bloc, year=r.year
                )
                if season is None:
                    continue
                self.plan.seasons[(bloc.pk, r.year)] = season
                self.result.seasons.created += 1
                self.new_seasons.add(season.pk)
            if (season.pk, unit.pk) in self.plan.memberships:
                self.result.memberships.unchanged += 1
            elif self._call(
                SHEET_MEMBERS, r.row, "Mã đơn vị", season_add_member, season=season, unit=unit
            ):
                self.plan.memberships.add((season.pk, unit.pk))
                self.result.memberships.created += 1
            else:
                continue
            by_season[season].append(r)
        return by_season

    def officers(self, by_season: dict[Season, list[MemberRow]]) -> None:
        """The Vai trò column decides the leader and deputy of every unit it lists.

        A current leader (or deputy) that the file does not list keeps the post; one listed
        with another role loses it.
        """
        for season, rows in by_season.items():
            province_id = season.bloc.province_id
            listed = {r.role: self.plan.units[(province_id, r.unit)] for r in rows}
            listed_ids = {self.plan.units[(province_id, r.unit)].pk for r in rows}
            leader = self._officer(listed.get(MemberRole.LEADER), season.leader, listed_ids)
            deputy = self._officer(listed.get(MemberRole.DEPUTY), season.deputy, listed_ids)
            changed = (leader, deputy) != (season.leader, season.deputy)
            if season.pk not in self.new_seasons:
                if not changed:
                    self.result.seasons.unchanged += 1
                    continue
                self.result.seasons.updated += 1
            if changed:
                row = next((r for r in rows if r.role != MemberRole.MEMBER), rows[0])
                self._call(
                    SHEET_MEMBERS, row.row, "Vai trò", season_update,
                    season=season, leader=leader, deputy=deputy,
                )  # fmt: skip

    @staticmethod
    def _officer(chosen: Unit | None, current: Unit | None, listed_ids: set[int]) -> Unit | None:
        if chosen is not None:
            return chosen
        if current is not None and current.pk in listed_ids:
            return None  # listed with another role: loses the post
        return current


def workbook_import(
    *, actor: Any, data: bytes, province: Province | None = None, dry_run: bool = False
) -> ImportResult:
    """Import units and bloc memberships from an .xlsx workbook.

    With `province`, every row must belong to it; otherwise each row's province must be one
    the actor may import into ("org.import_data").

    Side effects: creates or updates units, blocs, seasons and memberships through the org
    services (each audited), all in one transaction. Nothing is written if any row has an error,
    or with `dry_run`.
    """
    if province is not None:
        require(actor, "org.import_data", province)
    result = ImportResult(dry_run=dry_run)
    unit_rows, member_rows = read_workbook(data, result)
    if not result.ok:
        return result
    plan = _plan(actor, province, unit_rows, member_rows, result)
    if not result.ok:
        return result
    with transaction.atomic():
        writer = _Writer(actor, plan, result)
        writer.units()
        writer.blocs()
        writer.officers(writer.memberships())
        if dry_run or not result.ok:
            transaction.set_rollback(True)
    result.errors.sort(key=lambda e: (e.sheet != SHEET_UNITS, e.row or 0))
    return result
