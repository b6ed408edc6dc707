"""Writes of the public honour board: a province's settings and the lines kept off the board.

Only the province's board (`reports.manage_honour_board` on the Province) changes them; each write
runs in a transaction and leaves a history row with the acting user.
"""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.awards.models import AwardRecord
from thidua.core.audit import save_audited, stamp
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import Province
from thidua.org.services._common import clean_text, require_reason
from thidua.reports.models import LEVEL_CHOICES, HonourBoard, HonourBoardHidden

MANAGE = "reports.manage_honour_board"
MIN_YEAR, MAX_YEAR = 1945, 2100
LEVELS = tuple(code for code, _label in LEVEL_CHOICES)


def honour_board_of(province: Province) -> HonourBoard:
    """The province's settings, unsaved defaults (not published) when it has none yet."""
    try:
        return HonourBoard.objects.get(province=province)
    except HonourBoard.DoesNotExist:
        return HonourBoard(province=province)


def _levels(levels: Sequence[str]) -> list[str]:
    chosen = [level for level in LEVELS if level in set(levels)]
    unknown = sorted(set(levels) - set(LEVELS))
    if unknown:
        raise ValidationFailed(
            _("Cấp khen thưởng không hợp lệ: %(levels)s.") % {"levels": ", ".join(unknown)},
            code="invalid_level",
        )
    if not chosen:
        raise ValidationFailed(
            _("Chọn ít nhất một cấp khen thưởng để hiển thị."), code="levels_required"
        )
    return chosen


@transaction.atomic
def honour_board_update(
    *,
    actor: Any,
    province: Province,
    published: bool,
    title: str = "",
    intro: str = "",
    levels: Sequence[str] = ("province", "national"),
    from_year: int | None = None,
    show_people: bool = True,
) -> HonourBoard:
    """Publish or withdraw the province's honour board and set what it shows."""
    require(actor, MANAGE, province)
    if from_year is not None and not MIN_YEAR <= from_year <= MAX_YEAR:
        raise ValidationFailed(
            _("Năm bắt đầu phải trong khoảng %(min)s–%(max)s.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
            code="invalid_year",
        )
    board = HonourBoard.objects.select_for_update().filter(
        province=province
    ).first() or HonourBoard(province=province)
    board.published = bool(published)
    board.title = clean_text(title, field=_("tiêu đề"), max_length=200)
    board.intro = clean_text(intro, field=_("lời giới thiệu"), max_length=4000)
    board.levels = _levels(levels)
    board.from_year = from_year
    board.show_people = bool(show_people)
    reason = (
        _("Công khai bảng vàng") if board.published else _("Cập nhật bảng vàng (không công khai)")
    )
    save_audited(board, actor=actor, reason=reason)
    return board


@transaction.atomic
def honour_record_hide(*, actor: Any, record: AwardRecord, reason: str) -> HonourBoardHidden:
    """Keep a registry line off the public board, with the reason."""
    require(actor, MANAGE, record.province)
    text = require_reason(reason, field=_("lý do không công khai"))
    if HonourBoardHidden.objects.filter(record=record).exists():
        raise Conflict(
            _("Dòng khen thưởng này đã không công khai trên bảng vàng."), code="already_hidden"
        )
    hidden = HonourBoardHidden(record=record, reason=text, created_by=actor)
    save_audited(hidden, actor=actor, reason=_("Không công khai trên bảng vàng"))
    return hidden


@transaction.atomic
def honour_record_show(*, actor: Any, record: AwardRecord) -> None:
    """Put a line kept off the board back on it."""
    require(actor, MANAGE, record.province)
    hidden = HonourBoardHidden.objects.filter(record=record).first()
    if hidden is None:
        raise Conflict(
            _("Dòng khen thưởng này đang được công khai trên bảng vàng."), code="not_hidden"
        )
    stamp(hidden, actor=actor, reason=_("Công khai lại trên bảng vàng"))
    hidden.delete()
