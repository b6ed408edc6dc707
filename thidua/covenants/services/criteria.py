"""The criteria table of a covenant: rows of a tree (group → criterion → sub-criterion) and rules.

The services keep the tree's shape (a parent is a group of the same covenant, no cycles, rule rows
at the top level, unique codes); whether the points add up is `table.validate_table`'s business,
checked before the covenant opens for signing and before it is locked.
"""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.covenants.enums import CriterionKind
from thidua.covenants.models import Covenant, Criterion
from thidua.covenants.services._common import clean_text, delete, ensure_editable, save
from thidua.covenants.table import RULE_KINDS, table_rows, validate_table
from thidua.covenants.validators import clean_code, clean_long_text, clean_points

CRITERION_FIELDS = (
    "code",
    "title",
    "kind",
    "max_points",
    "parent",
    "points_per_item",
    "guidance",
    "evidence_required",
    "order",
)


def table_problems(covenant: Covenant) -> list[str]:
    return validate_table(
        table_rows(covenant.criteria.order_by("order", "id")), total_points=covenant.total_points
    )


def _clean(field: str, value: Any) -> Any:
    if field == "code":
        return clean_code(value)
    if field == "title":
        return clean_text(value, field=_("nội dung tiêu chí"), required=True, max_length=500)
    if field == "kind" and value not in CriterionKind.values:
        raise ValidationFailed(
            _("Loại tiêu chí “%(kind)s” không hợp lệ.") % {"kind": value}, code="invalid_kind"
        )
    if field == "max_points":
        return clean_points(value, field=_("điểm tối đa"))
    if field == "points_per_item" and value is not None:
        return clean_points(value, field=_("điểm mỗi lần"), allow_zero=False)
    if field == "guidance":
        return clean_long_text(value, field=_("hướng dẫn chấm"), max_length=10000)
    if field == "evidence_required":
        return bool(value)
    if field == "order" and (not isinstance(value, int) or not 0 <= value <= 32767):
        raise ValidationFailed(_("Thứ tự phải là số nguyên từ 0 đến 32767."), code="invalid_order")
    return value


def _check_shape(criterion: Criterion) -> None:
    parent = criterion.parent
    if parent is not None:
        if parent.covenant_id != criterion.covenant_id:
            raise ValidationFailed(_("Nhóm cha không thuộc bảng điểm này."), code="invalid_parent")
        if parent.kind != CriterionKind.GROUP:
            raise ValidationFailed(
                _("Dòng “%(parent)s” không phải nhóm tiêu chí nên không có dòng con.")
                % {"parent": parent.code},
                code="invalid_parent",
            )
        node: Criterion | None = parent
        while node is not None:
            if criterion.pk is not None and node.pk == criterion.pk:
                raise ValidationFailed(
                    _("Không thể đặt một dòng vào nhóm con của chính nó."), code="invalid_parent"
                )
            node = node.parent
    if criterion.kind in RULE_KINDS and parent is not None:
        raise ValidationFailed(
            _("Điểm cộng, điểm trừ phải ở cấp ngoài cùng, không thuộc nhóm."),
            code="invalid_parent",
        )
    if criterion.kind not in RULE_KINDS and criterion.points_per_item is not None:
        raise ValidationFailed(
            _("Chỉ điểm cộng, điểm trừ mới có điểm mỗi lần."), code="invalid_points"
        )
    if (
        criterion.pk is not None
        and criterion.kind != CriterionKind.GROUP
        and criterion.children.exists()
    ):
        raise ValidationFailed(
            _("Dòng “%(code)s” đang có dòng con nên phải là nhóm tiêu chí.")
            % {"code": criterion.code},
            code="invalid_kind",
        )
    duplicate = Criterion.objects.filter(covenant_id=criterion.covenant_id, code=criterion.code)
    if criterion.pk is not None:
        duplicate = duplicate.exclude(pk=criterion.pk)
    if duplicate.exists():
        raise Conflict(
            _("Mã “%(code)s” đã có trong bảng điểm.") % {"code": criterion.code},
            code="duplicate_code",
        )


def _apply(criterion: Criterion, values: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in values.items():
        if field not in CRITERION_FIELDS:
            raise ValidationFailed(_("Trường “%(field)s” không tồn tại.") % {"field": field})
        value = _clean(field, value)
        current = criterion.parent if field == "parent" else getattr(criterion, field)
        if current != value:
            setattr(criterion, field, value)
            changed.append(field)
    _check_shape(criterion)
    return changed


@transaction.atomic
def criterion_create(
    *,
    actor: Any,
    covenant: Covenant,
    code: str,
    title: str,
    kind: str = CriterionKind.CRITERION,
    max_points: Decimal | int | str = Decimal(0),
    parent: Criterion | None = None,
    points_per_item: Decimal | int | str | None = None,
    guidance: str = "",
    evidence_required: bool = False,
    order: int | None = None,
) -> Criterion:
    """Add a row to the table (after its siblings unless `order` is given)."""
    require(actor, "covenants.change_covenant", covenant)
    ensure_editable(covenant)
    if order is None:
        siblings = Criterion.objects.filter(covenant=covenant, parent=parent)
        order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    criterion = Criterion(covenant=covenant)
    _apply(
        criterion,
        {
            "code": code,
            "title": title,
            "kind": kind,
            "max_points": max_points,
            "parent": parent,
            "points_per_item": points_per_item,
            "guidance": guidance,
            "evidence_required": evidence_required,
            "order": order,
        },
    )
    save(criterion, actor=actor, reason="criterion_create")
    return criterion


@transaction.atomic
def criterion_update(*, actor: Any, criterion: Criterion, **values: Any) -> Criterion:
    require(actor, "covenants.change_covenant", criterion)
    ensure_editable(criterion.covenant)
    changed = _apply(criterion, values)
    if changed:
        save(criterion, actor=actor, reason="criterion_update", update_fields=changed)
    return criterion


def _subtree_leaves_first(criterion: Criterion) -> list[Criterion]:
    rows = list(Criterion.objects.filter(covenant_id=criterion.covenant_id))
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    ordered: list[Criterion] = []

    def walk(node: Criterion) -> None:
        for child in children.get(node.pk, []):
            walk(child)
        ordered.append(node)

    walk(criterion)
    return ordered


@transaction.atomic
def criterion_delete(*, actor: Any, criterion: Criterion) -> None:
    """Delete a row and its sub-rows (each audited); refused once scores refer to them."""
    require(actor, "covenants.change_covenant", criterion)
    ensure_editable(criterion.covenant)
    for node in _subtree_leaves_first(criterion):
        delete(node, actor=actor, reason="criterion_delete")


def copy_criteria(source: list[Criterion], covenant: Covenant, *, actor: Any) -> int:
    """Copy a whole criteria tree into `covenant` (parents before children). Returns the count."""
    by_parent: dict[int | None, list[Criterion]] = defaultdict(list)
    for row in source:
        by_parent[row.parent_id].append(row)
    created: dict[int, Criterion] = {}
    frontier: list[int | None] = [None]
    while frontier:
        parent_id = frontier.pop(0)
        for row in sorted(by_parent.get(parent_id, []), key=lambda r: (r.order, r.pk)):
            copy = Criterion(
                covenant=covenant,
                parent=created[parent_id] if parent_id is not None else None,
                order=row.order,
                code=row.code,
                title=row.title,
                kind=row.kind,
                max_points=row.max_points,
                points_per_item=row.points_per_item,
                guidance=row.guidance,
                evidence_required=row.evidence_required,
            )
            save(copy, actor=actor, reason="criterion_copy")
            created[row.pk] = copy
            frontier.append(row.pk)
    return len(created)
