"""Emulation movements (phong trào thi đua): the board launches and keeps them."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import ValidationFailed
from thidua.covenants.enums import MovementKind
from thidua.covenants.models import Movement
from thidua.covenants.services._common import clean_text, delete, save
from thidua.covenants.validators import check_period, clean_long_text
from thidua.org.models import Bloc, Province, Unit

MOVEMENT_FIELDS = (
    "name",
    "kind",
    "launched_by",
    "launched_by_unit",
    "start_date",
    "end_date",
    "goals",
    "is_illustrative",
)


def _same_province(movement: Movement, records: Iterable[Bloc | Unit], label: str) -> None:
    for record in records:
        if record.province_id != movement.province_id:
            raise ValidationFailed(
                _("“%(name)s” (%(label)s) không thuộc tỉnh của phong trào.")
                % {"name": record, "label": label},
                code="other_province",
            )


def _clean(field: str, value: Any) -> Any:
    if field == "name":
        return clean_text(value, field=_("tên phong trào"), required=True)
    if field == "launched_by":
        return clean_text(value, field=_("cấp phát động"))
    if field == "goals":
        return clean_long_text(value, field=_("mục tiêu"), max_length=10000)
    if field == "kind" and value not in MovementKind.values:
        raise ValidationFailed(
            _("Loại phong trào “%(kind)s” không hợp lệ.") % {"kind": value}, code="invalid_kind"
        )
    if field == "start_date" and not isinstance(value, datetime.date):
        raise ValidationFailed(_("Trường “ngày bắt đầu” là bắt buộc."))
    if field == "is_illustrative":
        return bool(value)
    return value


def _apply(movement: Movement, values: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in values.items():
        if field not in MOVEMENT_FIELDS:
            raise ValidationFailed(_("Trường “%(field)s” không tồn tại.") % {"field": field})
        value = _clean(field, value)
        if getattr(movement, field) != value:
            setattr(movement, field, value)
            changed.append(field)
    check_period(movement.start_date, movement.end_date)
    if movement.launched_by_unit is not None:
        _same_province(movement, [movement.launched_by_unit], _("đơn vị phát động"))
    return changed


def _set_participants(
    movement: Movement, blocs: Iterable[Bloc] | None, units: Iterable[Unit] | None
) -> None:
    if blocs is not None:
        blocs = list(blocs)
        _same_province(movement, blocs, _("khối, cụm tham gia"))
        movement.blocs.set(blocs)
    if units is not None:
        units = list(units)
        _same_province(movement, units, _("đơn vị tham gia"))
        movement.units.set(units)


@transaction.atomic
def movement_create(
    *,
    actor: Any,
    province: Province,
    blocs: Iterable[Bloc] = (),
    units: Iterable[Unit] = (),
    **values: Any,
) -> Movement:
    """Launch a movement in `province` (board only); blocs and units must be of that province."""
    require(actor, "covenants.add_movement", province)
    movement = Movement(province=province)
    _apply(movement, {"launched_by": "", "goals": "", **values})
    save(movement, actor=actor, reason="movement_create")
    _set_participants(movement, blocs, units)
    return movement


@transaction.atomic
def movement_update(
    *,
    actor: Any,
    movement: Movement,
    blocs: Iterable[Bloc] | None = None,
    units: Iterable[Unit] | None = None,
    **values: Any,
) -> Movement:
    """Change a movement's fields; `blocs` / `units`, when given, replace the participants."""
    require(actor, "covenants.change_movement", movement)
    changed = _apply(movement, values)
    if changed:
        save(movement, actor=actor, reason="movement_update", update_fields=changed)
    _set_participants(movement, blocs, units)
    return movement


@transaction.atomic
def movement_delete(*, actor: Any, movement: Movement) -> None:
    require(actor, "covenants.delete_movement", movement)
    delete(movement, actor=actor, reason="movement_delete")
