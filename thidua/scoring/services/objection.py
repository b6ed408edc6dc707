"""Objections (ý kiến) of a unit to its reviewed scores, and the leader's answers."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.covenants.models import Criterion
from thidua.scoring.enums import ObjectionStatus, ScorecardStatus
from thidua.scoring.models import Objection, Score, Scorecard
from thidua.scoring.services._common import (
    clean_text,
    covenant_of,
    refuse_own_card,
    require_editable,
    require_reason,
    save,
    today,
)
from thidua.scoring.services.score import apply_review
from thidua.scoring.validators import check_points


def _required_text(text: str, *, field: str) -> str:
    value = clean_text(text, field=field, max_length=4000)
    if not value:
        raise ValidationFailed(
            _("Trường “%(field)s” là bắt buộc.") % {"field": field}, code="required"
        )
    return value


@transaction.atomic
def objection_file(
    *, actor: Any, scorecard: Scorecard, text: str, criterion: Criterion | None = None
) -> Objection:
    """The unit's objection to a row (or the whole card) within the objection window.

    Side effect: the objection is created (audited).
    """
    card = Scorecard.objects.select_related("season").get(pk=scorecard.pk)
    require(actor, "scoring.file_objection", card)
    require_editable(card, [ScorecardStatus.OBJECTION])
    deadline = covenant_of(card.season).objection_deadline
    if deadline is not None and today() > deadline:
        raise Conflict(
            _("Đã quá hạn gửi ý kiến về điểm (%(date)s).")
            % {"date": deadline.strftime("%d/%m/%Y")},
            code="deadline_passed",
        )
    if criterion is not None and not card.scores.filter(criterion=criterion).exists():
        raise ValidationFailed(
            _("Tiêu chí không thuộc bảng điểm này."), code="criterion_not_in_scorecard"
        )
    objection = Objection(
        scorecard=card,
        criterion=criterion,
        text=_required_text(text, field=_("nội dung ý kiến")),
        filed_by=actor,
        filed_at=timezone.now(),
    )
    save(objection, actor=actor, reason="objection_file")
    return objection


@transaction.atomic
def objection_answer(
    *,
    actor: Any,
    objection: Objection,
    answer: str,
    points: Any = None,
    reason: str = "",
) -> Objection:
    """The leader (or board) answers an open objection; may change the row's review score.

    A changed score (`points` given, objection on a row) needs a reason unless it equals the
    self-score. Side effects: the objection and the score are saved (audited).
    """
    item = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("scorecard__season", "criterion")
        .get(pk=objection.pk)
    )
    refuse_own_card(actor, item.scorecard, code="cannot_review_self")
    require(actor, "scoring.answer_objection", item)
    require_editable(item.scorecard, [ScorecardStatus.OBJECTION])
    if item.status != ObjectionStatus.OPEN:
        raise Conflict(_("Ý kiến này đã được trả lời."), code="already_answered")
    text = _required_text(answer, field=_("trả lời"))
    if points is not None and points != "":
        if item.criterion is None:
            raise ValidationFailed(
                _("Ý kiến về cả bảng điểm không gắn với tiêu chí nào để sửa điểm."),
                code="no_criterion",
            )
        row = Score.objects.select_related("criterion").get(
            scorecard=item.scorecard, criterion=item.criterion
        )
        if check_points(row.criterion, points) != row.review_score:
            require_reason(reason, field=_("lý do điều chỉnh"))
        apply_review(row, actor=actor, points=points, reason=reason, why="objection_answer")
    item.status, item.answer = ObjectionStatus.ANSWERED, text
    item.answered_by, item.answered_at = actor, timezone.now()
    save(
        item,
        actor=actor,
        reason="objection_answer",
        update_fields=["status", "answer", "answered_by", "answered_at"],
    )
    return item
