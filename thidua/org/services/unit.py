import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import ValidationFailed
from thidua.core.text import fold
from thidua.org.enums import LineageKind, UnitKind
from thidua.org.models import LineageEvent, Province, Unit
from thidua.org.services._common import clean_text, delete, save

UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "parent",
    "active_from",
    "active_to",
    "is_illustrative",
)


def _check_parent(unit: Unit, parent: Unit | None) -> None:
    if parent is None:
        return
    if parent.province_id != unit.province_id:
        raise ValidationFailed(
            _("Đơn vị cấp trên phải thuộc cùng tỉnh."), code="parent_other_province"
        )
    seen = set()
    node: Unit | None = parent
    while node is not None:
        if node.pk is not None and node.pk == unit.pk:
            raise ValidationFailed(_("Đơn vị cấp trên tạo thành vòng lặp."), code="parent_cycle")
        if node.pk in seen:
            break
        seen.add(node.pk)
        node = node.parent


def _apply(unit: Unit, values: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in values.items():
        if field not in UNIT_FIELDS:
            raise ValidationFailed(_("Trường “%(field)s” không tồn tại.") % {"field": field})
        if field in ("code",):
            value = clean_text(value, field=_("mã đơn vị"), required=True, max_length=40)
        elif field == "name":
            value = clean_text(value, field=_("tên đầy đủ"), required=True)
        elif field == "short_name":
            value = clean_text(value, field=_("tên viết tắt"), max_length=80)
        elif field == "kind" and value not in UnitKind.values:
            raise ValidationFailed(_("Loại đơn vị “%(kind)s” không hợp lệ.") % {"kind": value})
        if getattr(unit, field) != value:
            setattr(unit, field, value)
            changed.append(field if field != "parent" else "parent")
    unit.search_key = fold(f"{unit.name} {unit.short_name} {unit.code}")
    return changed


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    province: Province,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    parent: Unit | None = None,
    active_from: datetime.date | None = None,
    active_to: datetime.date | None = None,
    is_illustrative: bool = False,
) -> Unit:
    """Create a unit in `province` (audited)."""
    require(actor, "org.add_unit", province)
    unit = Unit(province=province)
    _apply(
        unit,
        {
            "code": code,
            "name": name,
            "short_name": short_name,
            "kind": kind,
            "parent": parent,
            "active_from": active_from,
            "active_to": active_to,
            "is_illustrative": is_illustrative,
        },
    )
    _check_parent(unit, parent)
    save(unit, actor=actor, reason="unit_create")
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, **values: Any) -> Unit:
    """Change a unit's fields; only changed fields are written and kept in history."""
    require(actor, "org.change_unit", unit)
    changed = _apply(unit, values)
    if "parent" in values:
        _check_parent(unit, values["parent"])
    if changed:
        save(unit, actor=actor, reason="unit_update", update_fields=[*changed, "search_key"])
    if "name" in changed:
        from thidua.awards.services.registry import subject_renamed  # noqa: PLC0415 - awards builds on org

        subject_renamed(unit)
    return unit


@transaction.atomic
def unit_delete(*, actor: Any, unit: Unit) -> None:
    """Delete a unit that nothing refers to; otherwise refuse with `in_use`."""
    require(actor, "org.delete_unit", unit)
    delete(unit, actor=actor, reason="unit_delete")


_SHAPES = {
    LineageKind.RENAME: (1, 1, 1, 1),
    LineageKind.MERGE: (1, None, 1, 1),
    LineageKind.SPLIT: (1, 1, 1, None),
    LineageKind.TRANSFER: (1, None, 1, None),
}


def _check_shape(kind: str, predecessors: Sequence[Unit], successors: Sequence[Unit]) -> None:
    if kind not in _SHAPES:
        raise ValidationFailed(_("Loại sự kiện “%(kind)s” không hợp lệ.") % {"kind": kind})
    pmin, pmax, smin, smax = _SHAPES[LineageKind(kind)]
    if len(predecessors) < pmin or (pmax is not None and len(predecessors) > pmax):
        raise ValidationFailed(
            _("Số đơn vị trước không phù hợp với loại sự kiện “%(kind)s”.")
            % {"kind": LineageKind(kind).label},
            code="lineage_shape",
        )
    if len(successors) < smin or (smax is not None and len(successors) > smax):
        raise ValidationFailed(
            _("Số đơn vị sau không phù hợp với loại sự kiện “%(kind)s”.")
            % {"kind": LineageKind(kind).label},
            code="lineage_shape",
        )
    if kind == LineageKind.SPLIT and len(successors) < 2:
        raise ValidationFailed(_("Chia tách phải tạo ra ít nhất hai đơn vị."), code="lineage_shape")
    if {u.pk for u in predecessors} & {u.pk for u in successors}:
        raise ValidationFailed(
            _("Một đơn vị không thể vừa là đơn vị trước vừa là đơn vị sau."), code="lineage_shape"
        )


@transaction.atomic
def lineage_event_record(
    *,
    actor: Any,
    province: Province,
    kind: str,
    date: datetime.date,
    predecessors: Sequence[Unit],
    successors: Sequence[Unit],
    legal_basis: str = "",
    note: str = "",
    is_illustrative: bool = False,
) -> LineageEvent:
    """Record a rename, merger, split or transfer.

    Side effects: predecessors that no longer exist after the event get `active_to` = the day before
    (unless already set). A successor may be a new unit or an existing one that absorbs the
    predecessors; its own dates are left as they are. Successors then inherit the predecessors' history through the lineage selectors.
    """
    require(actor, "org.add_lineage_event", province)
    _check_shape(kind, predecessors, successors)
    for unit in [*predecessors, *successors]:
        require(actor, "org.change_unit", unit)
    event = LineageEvent(
        kind=kind,
        date=date,
        legal_basis=clean_text(legal_basis, field=_("căn cứ")),
        note=clean_text(note, field=_("ghi chú"), max_length=4000),
        is_illustrative=is_illustrative,
    )
    save(event, actor=actor, reason="lineage_event_record")
    event.predecessors.set(predecessors)
    event.successors.set(successors)
    continuing = {u.pk for u in successors}
    for unit in predecessors:
        if unit.pk not in continuing and unit.active_to is None:
            unit.active_to = date - datetime.timedelta(days=1)
            save(unit, actor=actor, reason="lineage_event_record", update_fields=["active_to"])
    return event
