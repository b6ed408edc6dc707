"""The scorecard's life: create, submit, review, objection window, final, reopen."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.covenants.enums import CriterionKind, ScoringMode
from thidua.org.models import Season, Unit
from thidua.scoring.enums import ObjectionStatus, ScorecardStatus
from thidua.scoring.models import Score, Scorecard
from thidua.scoring.selectors.scorecard import table_positions
from thidua.scoring.services._common import (
    covenant_of,
    refuse_own_card,
    require_reason,
    require_status,
    save,
    scored_criteria,
    today,
)
from thidua.scoring.validators import TWO_PLACES

S = ScorecardStatus


def _add_missing_scores(card: Scorecard, *, actor: Any) -> None:
    """One Score per scored row of the table (rows added while the table was being signed too)."""
    have = set(card.scores.values_list("criterion_id", flat=True))
    for criterion in scored_criteria(covenant_of(card.season)):
        if criterion.pk not in have:
            save(Score(scorecard=card, criterion=criterion), actor=actor, reason="score_create")


@transaction.atomic
def scorecard_get_or_create(*, actor: Any, season: Season, unit: Unit) -> tuple[Scorecard, bool]:
    """The unit's scorecard for the season, created with one empty score per scored row.

    Only for a member unit, and only once the covenant's table is being signed or locked.
    Side effects: the card and its scores are created (audited); a draft card gains rows added
    to the table since.
    """
    draft = Scorecard(season=season, unit=unit)
    require(actor, "scoring.self_score", draft)
    if not season.memberships.filter(unit=unit).exists():
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không phải thành viên của khối trong năm %(year)s.")
            % {"unit": unit, "year": season.year},
            code="not_member",
        )
    covenant_of(season)
    card = Scorecard.objects.select_for_update().filter(season=season, unit=unit).first()
    created = card is None
    if card is None:
        card = draft
        save(card, actor=actor, reason="scorecard_create")
    if card.status == S.DRAFT:
        _add_missing_scores(card, actor=actor)
    return card, created


def _missing(card: Scorecard) -> tuple[list[str], list[str]]:
    """Codes of criterion rows without a self-score, and of evidence-required rows without a file."""
    position = table_positions(covenant_of(card.season))
    scores = sorted(
        card.scores.select_related("criterion").annotate(files=Count("evidence")),
        key=lambda s: position.get(s.criterion_id, 0),
    )
    unscored = [
        s.criterion.code
        for s in scores
        if s.criterion.kind == CriterionKind.CRITERION and s.self_score is None
    ]
    no_file = [s.criterion.code for s in scores if s.criterion.evidence_required and not s.files]
    return unscored, no_file


@transaction.atomic
def scorecard_submit(*, actor: Any, scorecard: Scorecard) -> Scorecard:
    """Submit the self-scores (draft → submitted) before the covenant's scoring deadline.

    Every criterion row needs a self-score and every evidence-required row a file; blank bonus
    and deduction rows become 0. Side effects: scores and the card are saved (audited).
    """
    card = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    require(actor, "scoring.submit_scorecard", card)
    require_status(card, [S.DRAFT], target=S.SUBMITTED)
    covenant = covenant_of(card.season)
    if covenant.scoring_deadline is not None and today() > covenant.scoring_deadline:
        raise Conflict(
            _("Đã quá hạn nộp bảng tự chấm (%(date)s).")
            % {"date": covenant.scoring_deadline.strftime("%d/%m/%Y")},
            code="deadline_passed",
        )
    unscored, no_file = _missing(card)
    if unscored:
        raise ValidationFailed(
            _("Chưa tự chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(unscored)},
            code="incomplete",
            details={"criteria": unscored},
        )
    if no_file:
        raise ValidationFailed(
            _("Các tiêu chí bắt buộc minh chứng chưa có tệp: %(codes)s.")
            % {"codes": ", ".join(no_file)},
            code="evidence_missing",
            details={"criteria": no_file},
        )
    for score in card.scores.filter(self_score__isnull=True):
        score.self_score = Decimal(0)
        save(score, actor=actor, reason="scorecard_submit", update_fields=["self_score"])
    card.status, card.submitted_at = S.SUBMITTED, timezone.now()
    save(card, actor=actor, reason="scorecard_submit", update_fields=["status", "submitted_at"])
    scorecard.status, scorecard.submitted_at = card.status, card.submitted_at
    return card


def _agreed_points(score: Score, mode: str, cross_mean: Decimal | None) -> Decimal | None:
    if mode == ScoringMode.CROSS_SCORING:
        if cross_mean is None:
            return score.self_score
        return Decimal(cross_mean).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return score.review_score if score.review_score is not None else score.self_score


@transaction.atomic
def scorecard_mark_reviewed(*, actor: Any, scorecard: Scorecard) -> Scorecard:
    """Close the review (submitted → reviewed) and fill every row's review score.

    Leader review: the leader's score, or the self-score where it was left unchanged. Cross
    scoring: the mean of the cross-scores (2 decimals, half up), or the self-score where nobody
    cross-scored the row. Side effects: scores and the card are saved (audited).
    """
    card = Scorecard.objects.select_for_update().select_related("season").get(pk=scorecard.pk)
    refuse_own_card(actor, card, code="cannot_review_self")
    require(actor, "scoring.review_scorecard", card)
    require_status(card, [S.SUBMITTED], target=S.REVIEWED)
    mode = covenant_of(card.season).scoring_mode
    scores = card.scores.annotate(cross_mean=Avg("cross_scores__points")).order_by("pk")
    for score in scores:
        agreed = _agreed_points(score, mode, score.cross_mean)
        if agreed != score.review_score:
            score.review_score = agreed
            save(
                score, actor=actor, reason="scorecard_mark_reviewed", update_fields=["review_score"]
            )
    card.status, card.reviewed_at = S.REVIEWED, timezone.now()
    save(
        card, actor=actor, reason="scorecard_mark_reviewed", update_fields=["status", "reviewed_at"]
    )
    scorecard.status, scorecard.reviewed_at = card.status, card.reviewed_at
    return card


def _check_objection_window(card: Scorecard) -> None:
    deadline = covenant_of(card.season).objection_deadline
    if deadline is not None and today() > deadline:
        raise Conflict(
            _("Đã quá hạn gửi ý kiến về điểm (%(date)s).")
            % {"date": deadline.strftime("%d/%m/%Y")},
            code="deadline_passed",
        )


def _open(card: Scorecard, *, actor: Any) -> None:
    require_status(card, [S.REVIEWED], target=S.OBJECTION)
    _check_objection_window(card)
    card.status = S.OBJECTION
    save(card, actor=actor, reason="scorecard_open_objections", update_fields=["status"])


@transaction.atomic
def scorecard_open_objections(*, actor: Any, scorecard: Scorecard) -> Scorecard:
    """Open the objection window of one reviewed card (reviewed → objection), until the deadline."""
    card = Scorecard.objects.select_for_update().select_related("season").get(pk=scorecard.pk)
    require(actor, "scoring.open_objections", card)
    _open(card, actor=actor)
    scorecard.status = card.status
    return card


@transaction.atomic
def season_open_objections(*, actor: Any, season: Season) -> list[Scorecard]:
    """Open the objection window of every reviewed card of the season at once."""
    require(actor, "scoring.open_objections", season)
    cards = list(
        Scorecard.objects.select_for_update()
        .filter(season=season, status=S.REVIEWED)
        .select_related("season")
        .order_by("pk")
    )
    if not cards:
        raise Conflict(
            _("Không có bảng điểm nào đã thẩm định để mở nhận ý kiến."), code="nothing_to_open"
        )
    for card in cards:
        _open(card, actor=actor)
    return cards


@transaction.atomic
def scorecard_finalize(*, actor: Any, scorecard: Scorecard) -> Scorecard:
    """Make the scores final (objection → final); refused while an objection awaits its answer."""
    card = Scorecard.objects.select_for_update().select_related("season").get(pk=scorecard.pk)
    refuse_own_card(actor, card, code="cannot_review_self")
    require(actor, "scoring.finalize", card)
    require_status(card, [S.OBJECTION], target=S.FINAL)
    open_count = card.objections.filter(status=ObjectionStatus.OPEN).count()
    if open_count:
        raise Conflict(
            _("Còn %(count)s ý kiến chưa trả lời; hãy trả lời trước khi chốt điểm.")
            % {"count": open_count},
            code="objections_open",
        )
    card.status, card.finalized_at = S.FINAL, timezone.now()
    save(card, actor=actor, reason="scorecard_finalize", update_fields=["status", "finalized_at"])
    scorecard.status, scorecard.finalized_at = card.status, card.finalized_at
    return card


@transaction.atomic
def scorecard_reopen(*, actor: Any, scorecard: Scorecard, reason: str) -> Scorecard:
    """The board reopens final scores (final → reviewed); the reason is kept in the history."""
    card = Scorecard.objects.select_for_update().select_related("season").get(pk=scorecard.pk)
    require(actor, "scoring.reopen", card)
    text = require_reason(reason, field=_("lý do mở lại"))
    require_status(card, [S.FINAL], target=S.REVIEWED)
    card.status, card.finalized_at, card.reopen_reason = S.REVIEWED, None, text
    save(
        card,
        actor=actor,
        reason=f"scorecard_reopen: {text}",
        update_fields=["status", "finalized_at", "reopen_reason"],
    )
    scorecard.status, scorecard.finalized_at = card.status, None
    scorecard.reopen_reason = text
    return card
