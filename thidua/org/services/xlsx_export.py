"""Export units and bloc memberships in the import format, so that export → import changes nothing."""

from collections.abc import Sequence
from typing import Any

from django.utils import translation

from thidua.accounts.permissions import require
from thidua.org.models import Province, Season
from thidua.org.selectors import season_list_for_user, unit_list_for_user
from thidua.org.xlsx.format import BLOC_KIND_LABELS, MemberRole
from thidua.org.xlsx.workbook import build_workbook, template_rows


def _unit_rows(*, actor: Any, province: Province) -> list[list[Any]]:
    units = unit_list_for_user(user=actor, province_id=province.pk)
    return [
        [
            province.code,
            unit.code,
            unit.name,
            unit.short_name,
            str(unit.get_kind_display()),
            unit.parent.code if unit.parent else "",
            unit.active_from,
            unit.active_to,
        ]
        for unit in units
    ]


def _role(season: Season, unit_id: int) -> MemberRole:
    if unit_id == season.leader_id:
        return MemberRole.LEADER
    if unit_id == season.deputy_id:
        return MemberRole.DEPUTY
    return MemberRole.MEMBER


def _member_rows(*, actor: Any, province: Province, year: int | None) -> list[list[Any]]:
    order = [MemberRole.LEADER, MemberRole.DEPUTY, MemberRole.MEMBER]
    rows: list[list[Any]] = []
    for season in season_list_for_user(user=actor, province_id=province.pk, year=year):
        members = sorted(
            season.memberships.all(),
            key=lambda m: (order.index(_role(season, m.unit_id)), m.unit.name, m.unit.code),
        )
        rows.extend(
            [
                province.code,
                season.bloc.name,
                BLOC_KIND_LABELS[season.bloc.kind],
                season.year,
                m.unit.code,
                str(_role(season, m.unit_id).label),
            ]
            for m in members
        )
    return rows


def workbook_export(*, actor: Any, provinces: Sequence[Province], year: int | None = None) -> bytes:
    """The units and memberships of `provinces` (all years, or `year` for memberships) as .xlsx.

    Every province needs "org.export_data"; rows come from the user-scoped selectors.
    """
    for province in provinces:
        require(actor, "org.export_data", province)
    unit_rows: list[list[Any]] = []
    member_rows: list[list[Any]] = []
    with translation.override("vi"):
        for province in provinces:
            unit_rows.extend(_unit_rows(actor=actor, province=province))
            member_rows.extend(_member_rows(actor=actor, province=province, year=year))
    return build_workbook(unit_rows=unit_rows, member_rows=member_rows)


def workbook_template() -> bytes:
    """An empty workbook with one example row per sheet, drop-down lists and the help sheet."""
    units, members = template_rows()
    return build_workbook(unit_rows=units, member_rows=members)
