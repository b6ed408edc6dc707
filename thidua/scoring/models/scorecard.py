from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.scoring.enums import ObjectionStatus, ScorecardStatus


class Scorecard(models.Model):
    """A member unit's scorecard for a season: self-scores, then review, objections, final."""

    season = models.ForeignKey("org.Season", on_delete=models.PROTECT, related_name="scorecards")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="scorecards")
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ScorecardStatus.choices,
        default=ScorecardStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)
    # The board's reason for the last reopening; the history keeps every earlier one.
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["season", "unit__name"]
        verbose_name = _("bảng chấm điểm")
        verbose_name_plural = _("bảng chấm điểm")
        constraints = [
            models.UniqueConstraint(fields=["season", "unit"], name="scoring_scorecard_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.season}"


class Score(models.Model):
    """One criterion of a scorecard: self-score with comment, and the reviewed score with its reason.

    For bonus/deduction rules the points are the (positive) points added or removed, within the cap.
    """

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "covenants.Criterion", on_delete=models.PROTECT, related_name="scores"
    )
    self_score = models.DecimalField(
        _("điểm tự chấm"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    self_comment = models.TextField(_("giải trình"), blank=True)
    review_score = models.DecimalField(
        _("điểm thẩm định"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    review_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["scorecard", "criterion__order", "criterion_id"]
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="scoring_score_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scorecard} / {self.criterion.code}"


class CrossScore(models.Model):
    """A cross-scorer's points for another member's criterion (never its own scorecard)."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="cross_scores")
    scorer_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="cross_scores_given"
    )
    points = models.DecimalField(_("điểm chấm chéo"), max_digits=8, decimal_places=2)
    reason = models.TextField(_("lý do"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm chấm chéo")
        verbose_name_plural = _("điểm chấm chéo")
        constraints = [
            models.UniqueConstraint(
                fields=["score", "scorer_unit"], name="scoring_crossscore_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scorer_unit} → {self.score}"


class Evidence(models.Model):
    """An evidence file (minh chứng) attached to a score; type and size are checked by content."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["score", "uploaded_at", "id"]
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.original_name


class Objection(models.Model):
    """A unit's objection (ý kiến) to its reviewed scores, answered by the leader."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="objections")
    criterion = models.ForeignKey(
        "covenants.Criterion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="objections",
    )
    text = models.TextField(_("nội dung ý kiến"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("gửi lúc"))
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ObjectionStatus.choices,
        default=ObjectionStatus.OPEN,
    )
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scorecard", "filed_at", "id"]
        verbose_name = _("ý kiến về điểm")
        verbose_name_plural = _("ý kiến về điểm")

    def __str__(self) -> str:
        return f"{self.scorecard}: {self.text[:40]}"


class Exclusion(models.Model):
    """A unit excluded from a season's ranking by a hard rule (e.g. GEN-03: under discipline review)."""

    season = models.ForeignKey("org.Season", on_delete=models.PROTECT, related_name="exclusions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="exclusions")
    rule_id = models.CharField(_("quy tắc"), max_length=20, default="GEN-03")
    reason = models.TextField(_("lý do"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị không xét")
        verbose_name_plural = _("đơn vị không xét")
        constraints = [
            models.UniqueConstraint(fields=["season", "unit"], name="scoring_exclusion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.rule_id})"
