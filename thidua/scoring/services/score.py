"""Points of one row: the unit's self-score, the leader's review score, a member's cross-score."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.covenants.enums import ScoringMode
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import CrossScore, Score
from thidua.scoring.services._common import (
    clean_text,
    covenant_of,
    delete,
    refuse_own_card,
    require_editable,
    require_mode,
    require_reason,
    save,
)
from thidua.scoring.validators import check_points

S = ScorecardStatus


def _locked(score: Score) -> Score:
    return (
        Score.objects.select_for_update(of=("self",))
        .select_related("scorecard__season", "criterion")
        .get(pk=score.pk)
    )


@transaction.atomic
def score_set_self(*, actor: Any, score: Score, points: Any, comment: str | None = None) -> Score:
    """The unit's own points and comment for one row, while its card is a draft.

    `comment=None` leaves the comment unchanged. Side effect: the score is saved (audited).
    """
    row = _locked(score)
    require(actor, "scoring.self_score", row)
    require_editable(row.scorecard, [S.DRAFT])
    row.self_score = check_points(row.criterion, points)
    fields = ["self_score"]
    if comment is not None:
        row.self_comment = clean_text(comment, field=_("giải trình"), max_length=4000)
        fields.append("self_comment")
    save(row, actor=actor, reason="score_set_self", update_fields=fields)
    return row


def apply_review(row: Score, *, actor: Any, points: Any, reason: str, why: str) -> Score:
    """Set the review score of a row; any difference from the self-score needs a reason."""
    value = check_points(row.criterion, points)
    text = clean_text(reason, field=_("lý do điều chỉnh"), max_length=4000)
    if value is not None and value != row.self_score:
        text = require_reason(text, field=_("lý do điều chỉnh"))
    row.review_score, row.review_reason, row.reviewed_by = value, text, actor
    save(
        row,
        actor=actor,
        reason=why,
        update_fields=["review_score", "review_reason", "reviewed_by"],
    )
    return row


@transaction.atomic
def score_set_review(*, actor: Any, score: Score, points: Any, reason: str = "") -> Score:
    """The leader's (or, for the leader's own card, the board's) review score of one row.

    Leader-review mode only, on a submitted or reviewed card. `points=None` clears the review
    (the self-score then stands). Side effect: the score is saved (audited).
    """
    row = _locked(score)
    refuse_own_card(actor, row.scorecard, code="cannot_review_self")
    require(actor, "scoring.review_scorecard", row)
    require_mode(covenant_of(row.scorecard.season), ScoringMode.LEADER_REVIEW)
    require_editable(row.scorecard, [S.SUBMITTED, S.REVIEWED])
    return apply_review(row, actor=actor, points=points, reason=reason, why="score_set_review")


@transaction.atomic
def cross_score_set(
    *, actor: Any, score: Score, points: Any, reason: str = ""
) -> CrossScore | None:
    """A member's cross-score of another member's submitted row (never its own card).

    `points=None` withdraws the actor unit's cross-score. Side effect: the cross-score is
    created, changed or deleted (audited).
    """
    row = _locked(score)
    refuse_own_card(actor, row.scorecard, code="cannot_score_self")
    require(actor, "scoring.cross_score", row)
    require_mode(covenant_of(row.scorecard.season), ScoringMode.CROSS_SCORING)
    require_editable(row.scorecard, [S.SUBMITTED])
    value = check_points(row.criterion, points)
    existing = CrossScore.objects.filter(score=row, scorer_unit_id=actor.unit_id).first()
    if value is None:
        if existing is not None:
            delete(existing, actor=actor, reason="cross_score_withdraw")
        return None
    cross = existing or CrossScore(score=row, scorer_unit_id=actor.unit_id)
    cross.points = Decimal(value)
    cross.reason = clean_text(reason, field=_("lý do"), max_length=4000)
    cross.scored_by = actor
    save(cross, actor=actor, reason="cross_score_set")
    return cross
