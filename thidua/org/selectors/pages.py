"""Reads that only the server-rendered pages need (history display, choices, lineage rows)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.enums import Role
from thidua.accounts.permissions import can
from thidua.core.audit import history_rows
from thidua.org.models import Province, Season, SeasonMembership, Unit
from thidua.org.selectors import (
    Lineage,
    province_list_for_user,
    season_years_for_user,
    unit_list_for_user,
)

# The labels of service change reasons (services pass them to the audit stamp).
REASON_LABELS = {
    "bloc_create": gettext_lazy("Tạo khối"),
    "bloc_update": gettext_lazy("Sửa khối"),
    "bloc_delete": gettext_lazy("Xoá khối"),
    "season_create": gettext_lazy("Tạo năm thi đua"),
    "season_update": gettext_lazy("Sửa năm thi đua"),
    "season_update_note": gettext_lazy("Sửa ghi chú"),
    "season_set_officers": gettext_lazy("Chọn trưởng, phó khối"),
    "season_add_member": gettext_lazy("Thêm thành viên"),
    "season_remove_member": gettext_lazy("Bỏ thành viên"),
    "season_delete": gettext_lazy("Xoá năm thi đua"),
    "unit_create": gettext_lazy("Tạo đơn vị"),
    "unit_update": gettext_lazy("Sửa đơn vị"),
    "unit_delete": gettext_lazy("Xoá đơn vị"),
    "lineage_event_record": gettext_lazy("Ghi nhận sắp xếp đơn vị"),
    "person_create": gettext_lazy("Thêm cá nhân"),
    "person_update": gettext_lazy("Sửa cá nhân"),
    "person_delete": gettext_lazy("Xoá cá nhân"),
    "province_update_settings": gettext_lazy("Sửa cấu hình tỉnh"),
}


def _type_label(code: str) -> str:
    labels = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xoá")}
    return labels.get(code, code)


def _reason_label(reason: str) -> str:
    label = REASON_LABELS.get(reason)
    return str(label) if label is not None else reason


def _display_value(
    field: "models.Field[Any, Any] | None", value: Any, names: dict[Any, str]
) -> str:
    if value is None or value == "":
        return "—"
    if field is None:
        return str(value)
    if field.is_relation:
        return names.get((field.related_model, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _field_or_none(model: type[models.Model], name: str) -> "models.Field[Any, Any] | None":
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the change was recorded
        return None
    return field if isinstance(field, models.Field) else None


def history_display(instance: models.Model, *, limit: int = 50) -> list[dict[str, Any]]:
    """history_rows of `instance` with field labels and related records shown by name.

    Related names are loaded with one query per related model, whatever the number of rows.
    """
    rows = history_rows(instance, limit=limit)
    model = type(instance)
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for row in rows:
        for change in row["changes"]:
            field = _field_or_none(model, change["field"])
            if field is not None and field.is_relation and field.related_model is not None:
                related = field.related_model
                assert isinstance(related, type)
                wanted[related].update(v for v in (change["old"], change["new"]) if v is not None)
    names: dict[Any, str] = {}
    for related, ids in wanted.items():
        for pk, obj in related._default_manager.in_bulk(list(ids)).items():
            names[(related, pk)] = str(obj)
    for row in rows:
        row["type"] = _type_label(row["type_code"])
        row["reason_label"] = _reason_label(row["reason"])
        for change in row["changes"]:
            field = _field_or_none(model, change["field"])
            change["label"] = str(field.verbose_name) if field is not None else change["field"]
            change["old_display"] = _display_value(field, change["old"], names)
            change["new_display"] = _display_value(field, change["new"], names)
    return rows


def season_membership_history(*, season: Season, limit: int = 100) -> list[dict[str, Any]]:
    """Additions and removals of the season's members, newest first (one query)."""
    records = (
        SeasonMembership.history.filter(season_id=season.pk)  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    unit_ids = {r.unit_id for r in records}
    units = Unit.objects.in_bulk(list(unit_ids))
    rows = []
    for record in records:
        unit = units.get(record.unit_id)
        rows.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type_code": record.history_type,
                "type": _("Thêm thành viên")
                if record.history_type == "+"
                else _("Bỏ thành viên")
                if record.history_type == "-"
                else _("Sửa"),
                "unit": unit,
                "unit_name": str(unit) if unit is not None else f"#{record.unit_id}",
                "reason_label": _reason_label(record.history_change_reason or ""),
            }
        )
    return rows


@dataclass
class UnitSeasonRow:
    """A season the unit (or, when `via` is set, one of its predecessors) belonged to."""

    season: Season
    via: Unit | None


def unit_season_rows(*, unit: Unit, lineage: Lineage | None = None) -> list[UnitSeasonRow]:
    """The seasons of the unit and its predecessors, newest first, marking inherited rows."""
    ancestor_ids = lineage.ancestor_ids if lineage else []
    memberships = (
        SeasonMembership.objects.filter(unit_id__in=[unit.pk, *ancestor_ids])
        .select_related("unit", "season", "season__bloc", "season__leader", "season__deputy")
        .order_by("-season__year", "season__bloc__name", "unit__name")
    )
    rows: dict[int, UnitSeasonRow] = {}
    for membership in memberships:
        via = None if membership.unit_id == unit.pk else membership.unit
        current = rows.get(membership.season_id)
        if current is None:
            rows[membership.season_id] = UnitSeasonRow(season=membership.season, via=via)
        elif via is None:
            current.via = None
    return list(rows.values())


def unit_children_for_user(*, user: Any, unit: Unit) -> QuerySet[Unit]:
    return unit_list_for_user(user=user).filter(parent=unit)


def season_candidate_units(*, season: Season) -> QuerySet[Unit]:
    """Units of the bloc's province, active in the season's year, that are not yet members."""
    year = season.year
    return (
        Unit.objects.filter(province_id=season.bloc.province_id)
        .exclude(memberships__season=season)
        .filter(
            models.Q(active_from__isnull=True) | models.Q(active_from__year__lte=year),
            models.Q(active_to__isnull=True) | models.Q(active_to__year__gte=year),
        )
        .order_by("name")
    )


def season_member_units(*, season: Season) -> list[Unit]:
    return [m.unit for m in season.memberships.all()]


def board_provinces_for_user(*, user: Any) -> list[Province]:
    """Provinces whose structure (units, blocs, lineage) the user may change."""
    return [p for p in province_list_for_user(user=user) if can(user, "org.add_unit", p)]


def person_unit_choices_for_user(*, user: Any) -> QuerySet[Unit]:
    """Units the user may add people to: the board's provinces, or an officer's own unit."""
    if user.is_superuser or user.role == Role.BOARD_ADMIN:
        provinces = [p.pk for p in board_provinces_for_user(user=user)]
        return unit_list_for_user(user=user).filter(province_id__in=provinces)
    if user.role == Role.UNIT_OFFICER and user.unit_id is not None:
        return unit_list_for_user(user=user).filter(pk=user.unit_id)
    return Unit.objects.none()


def default_province_for_user(*, user: Any, provinces: list[Province]) -> Province | None:
    """The user's own province when visible, else the first visible one."""
    own = user.province_id
    if user.role == Role.UNIT_OFFICER and user.unit_id is not None:
        own = user.unit.province_id
    for province in provinces:
        if province.pk == own:
            return province
    return provinces[0] if provinces else None


def default_year_for_user(*, user: Any, province_id: int | None) -> tuple[int, list[int]]:
    """The current year when it has seasons, else the latest season year; and the year choices."""
    current = timezone.localdate().year
    years = season_years_for_user(user=user, province_id=province_id)
    if not years or current in years:
        return current, sorted({current, *years}, reverse=True)
    return years[0], sorted({current, *years}, reverse=True)
