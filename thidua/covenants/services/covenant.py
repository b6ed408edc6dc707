"""The season's covenant: drafting, its items, signing online, locking and unlocking the table.

Status: draft → signing (only with a valid table) → locked (board) → signing again on unlock
(board, with a reason). Text, items, rules and criteria change only while the table is not locked.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.covenants.enums import CovenantStatus, ScoringMode
from thidua.covenants.models import Covenant, CovenantItem, CovenantSignature
from thidua.covenants.models.covenant import default_bands, default_tie_breaks
from thidua.covenants.services._common import clean_text, delete, ensure_editable, save
from thidua.covenants.services.criteria import copy_criteria, table_problems
from thidua.covenants.validators import (
    check_deadlines,
    clean_bands,
    clean_long_text,
    clean_points,
    clean_tie_breaks,
)
from thidua.org.models import Season

COVENANT_FIELDS = (
    "title",
    "body",
    "signing_date",
    "total_points",
    "scoring_mode",
    "tie_breaks",
    "bands",
    "registration_deadline",
    "scoring_deadline",
    "objection_deadline",
)
DATE_FIELDS = ("signing_date", "registration_deadline", "scoring_deadline", "objection_deadline")


def _clean(field: str, value: Any) -> Any:
    if field == "title":
        return clean_text(value, field=_("tiêu đề"), required=True)
    if field == "body":
        return clean_long_text(value, field=_("nội dung giao ước"))
    if field == "total_points":
        return clean_points(value, field=_("tổng điểm"), allow_zero=False)
    if field == "scoring_mode" and value not in ScoringMode.values:
        raise ValidationFailed(
            _("Hình thức thẩm định “%(mode)s” không hợp lệ.") % {"mode": value},
            code="invalid_scoring_mode",
        )
    if field == "tie_breaks":
        return clean_tie_breaks(value)
    if field == "bands":
        return clean_bands(value)
    if field in DATE_FIELDS and value is not None and not isinstance(value, datetime.date):
        raise ValidationFailed(_("Ngày “%(value)s” không hợp lệ.") % {"value": value})
    return value


def _apply(covenant: Covenant, values: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in values.items():
        if field not in COVENANT_FIELDS:
            raise ValidationFailed(_("Trường “%(field)s” không tồn tại.") % {"field": field})
        value = _clean(field, value)
        if getattr(covenant, field) != value:
            setattr(covenant, field, value)
            changed.append(field)
    check_deadlines(
        covenant.registration_deadline, covenant.scoring_deadline, covenant.objection_deadline
    )
    return changed


def previous_covenant(season: Season) -> Covenant | None:
    """Last year's covenant of the same bloc, if any."""
    return (
        Covenant.objects.filter(season__bloc_id=season.bloc_id, season__year=season.year - 1)
        .select_related("season")
        .first()
    )


def _copy_from(covenant: Covenant, previous: Covenant, *, actor: Any) -> None:
    for item in previous.items.all():
        save(
            CovenantItem(covenant=covenant, order=item.order, text=item.text),
            actor=actor,
            reason="covenant_copy",
        )
    copy_criteria(list(previous.criteria.all()), covenant, actor=actor)


@transaction.atomic
def covenant_create(
    *, actor: Any, season: Season, title: str, copy_previous: bool = False, **values: Any
) -> Covenant:
    """Draft the covenant of `season` (board or the season's leader unit).

    With `copy_previous`, last year's covenant of the bloc gives the rules, the items and the
    whole criteria tree (values given here win over the copied rules).
    """
    require(actor, "covenants.create_covenant", season)
    if Covenant.objects.filter(season=season).exists():
        raise Conflict(
            _("Năm thi đua %(year)s của khối đã có giao ước.") % {"year": season.year},
            code="covenant_exists",
        )
    previous = previous_covenant(season) if copy_previous else None
    if copy_previous and previous is None:
        raise ValidationFailed(
            _("Không có giao ước năm %(year)s của khối để sao chép.") % {"year": season.year - 1},
            code="no_previous_covenant",
        )
    covenant = Covenant(season=season, tie_breaks=default_tie_breaks(), bands=default_bands())
    if previous is not None:
        for field in ("total_points", "scoring_mode", "tie_breaks", "bands"):
            setattr(covenant, field, getattr(previous, field))
        covenant.body = previous.body
    _apply(covenant, {"title": title, **values})
    save(covenant, actor=actor, reason="covenant_create")
    if previous is not None:
        _copy_from(covenant, previous, actor=actor)
    return covenant


@transaction.atomic
def covenant_update(*, actor: Any, covenant: Covenant, **values: Any) -> Covenant:
    """Change the text, signing date, rules or deadlines while the table is not locked."""
    require(actor, "covenants.change_covenant", covenant)
    ensure_editable(covenant)
    changed = _apply(covenant, values)
    if changed:
        save(covenant, actor=actor, reason="covenant_update", update_fields=changed)
    return covenant


@transaction.atomic
def covenant_open_signing(*, actor: Any, covenant: Covenant) -> Covenant:
    """Open the draft for signatures; refused (`table_invalid`) while the table has problems."""
    require(actor, "covenants.change_covenant", covenant)
    if covenant.status != CovenantStatus.DRAFT:
        raise Conflict(
            _("Chỉ mở ký kết được khi giao ước đang là dự thảo."), code="invalid_transition"
        )
    _ensure_valid_table(covenant)
    covenant.status = CovenantStatus.SIGNING
    save(covenant, actor=actor, reason="covenant_open_signing", update_fields=["status"])
    return covenant


def _ensure_valid_table(covenant: Covenant) -> None:
    problems = table_problems(covenant)
    if problems:
        raise ValidationFailed(
            _("Bảng điểm còn %(count)s lỗi, cần sửa trước: %(first)s")
            % {"count": len(problems), "first": problems[0]},
            code="table_invalid",
            details=problems,
        )


@transaction.atomic
def covenant_sign(*, actor: Any, covenant: Covenant) -> CovenantSignature:
    """Record the signature of the officer's own unit (once per unit, while signing is open)."""
    require(actor, "covenants.sign_covenant", covenant)
    if covenant.status != CovenantStatus.SIGNING:
        raise Conflict(
            _("Giao ước chưa mở ký kết hoặc đã khoá, không thể ký."), code="covenant_not_signing"
        )
    existing = (
        CovenantSignature.objects.filter(covenant=covenant, unit_id=actor.unit_id)
        .select_related("signed_by")
        .first()
    )
    if existing is not None:
        raise Conflict(
            _("Đơn vị của bạn đã ký giao ước lúc %(when)s.")
            % {"when": timezone.localtime(existing.signed_at).strftime("%H:%M %d/%m/%Y")},
            code="already_signed",
        )
    signature = CovenantSignature(
        covenant=covenant, unit_id=actor.unit_id, signed_by=actor, signed_at=timezone.now()
    )
    save(signature, actor=actor, reason="covenant_sign")
    return signature


@transaction.atomic
def covenant_lock(*, actor: Any, covenant: Covenant) -> Covenant:
    """Freeze the table (board): no edit after this; records who locked it and when."""
    require(actor, "covenants.lock_covenant", covenant)
    if covenant.status != CovenantStatus.SIGNING:
        raise Conflict(_("Chỉ khoá được giao ước đang ký kết."), code="invalid_transition")
    _ensure_valid_table(covenant)
    covenant.status = CovenantStatus.LOCKED
    covenant.locked_at = timezone.now()
    covenant.locked_by = actor
    save(
        covenant,
        actor=actor,
        reason="covenant_lock",
        update_fields=["status", "locked_at", "locked_by"],
    )
    return covenant


@transaction.atomic
def covenant_unlock(*, actor: Any, covenant: Covenant, reason: str) -> Covenant:
    """Reopen a locked table (board) with a required reason, kept in the covenant's history."""
    require(actor, "covenants.unlock_covenant", covenant)
    reason = clean_long_text(reason, field=_("lý do mở khoá"), required=True, max_length=2000)
    if covenant.status != CovenantStatus.LOCKED:
        raise Conflict(_("Giao ước chưa khoá."), code="invalid_transition")
    covenant.status = CovenantStatus.SIGNING
    covenant.locked_at = None
    covenant.locked_by = None
    covenant.unlock_reason = reason
    save(
        covenant,
        actor=actor,
        reason="covenant_unlock",
        update_fields=["status", "locked_at", "locked_by", "unlock_reason"],
    )
    return covenant


# Items ----------------------------------------------------------------------------------------


def _item_text(text: str) -> str:
    return clean_long_text(text, field=_("nội dung"), required=True, max_length=4000)


@transaction.atomic
def covenant_item_add(
    *, actor: Any, covenant: Covenant, text: str, order: int | None = None
) -> CovenantItem:
    """Append an item (or put it at `order`)."""
    require(actor, "covenants.change_covenant", covenant)
    ensure_editable(covenant)
    if order is None:
        order = (covenant.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = CovenantItem(covenant=covenant, text=_item_text(text), order=order)
    save(item, actor=actor, reason="covenant_item_add")
    return item


@transaction.atomic
def covenant_item_update(
    *, actor: Any, item: CovenantItem, text: str | None = None, order: int | None = None
) -> CovenantItem:
    require(actor, "covenants.change_covenant", item.covenant)
    ensure_editable(item.covenant)
    fields = []
    if text is not None:
        item.text = _item_text(text)
        fields.append("text")
    if order is not None:
        item.order = order
        fields.append("order")
    if fields:
        save(item, actor=actor, reason="covenant_item_update", update_fields=fields)
    return item


@transaction.atomic
def covenant_item_delete(*, actor: Any, item: CovenantItem) -> None:
    require(actor, "covenants.change_covenant", item.covenant)
    ensure_editable(item.covenant)
    delete(item, actor=actor, reason="covenant_item_delete")


@transaction.atomic
def covenant_items_reorder(
    *, actor: Any, covenant: Covenant, item_ids: list[int]
) -> list[CovenantItem]:
    """Number the items 1, 2, 3… in the order of `item_ids`, which must list every item once."""
    require(actor, "covenants.change_covenant", covenant)
    ensure_editable(covenant)
    items = {i.pk: i for i in covenant.items.all()}
    if sorted(item_ids) != sorted(items) or len(set(item_ids)) != len(item_ids):
        raise ValidationFailed(
            _("Danh sách sắp xếp phải gồm đúng mọi nội dung của giao ước, mỗi nội dung một lần."),
            code="invalid_order",
        )
    for position, pk in enumerate(item_ids, start=1):
        item = items[pk]
        if item.order != position:
            item.order = position
            save(item, actor=actor, reason="covenant_item_reorder", update_fields=["order"])
    return [items[pk] for pk in item_ids]


def covenant_item_move(*, actor: Any, item: CovenantItem, offset: int) -> list[CovenantItem]:
    """Move an item up (-1) or down (+1) one place."""
    ids = list(item.covenant.items.values_list("pk", flat=True))
    index = ids.index(item.pk)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    return covenant_items_reorder(actor=actor, covenant=item.covenant, item_ids=ids)
