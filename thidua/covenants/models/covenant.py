from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.covenants.enums import CovenantStatus, CriterionKind, ScoringMode


def default_tie_breaks() -> list[str]:
    return ["fewer_deductions", "higher_first_group", "more_bonus"]


def default_bands() -> list[dict[str, object]]:
    """Classification bands by share of the table total; a per-criterion floor is optional."""
    return [
        {"code": "excellent", "label": "Xuất sắc", "min_share": 0.9, "min_criterion_share": 0.0},
        {"code": "good", "label": "Tốt", "min_share": 0.8, "min_criterion_share": 0.0},
        {"code": "fair", "label": "Khá", "min_share": 0.7, "min_criterion_share": 0.0},
        {"code": "average", "label": "Trung bình", "min_share": 0.0, "min_criterion_share": 0.0},
    ]


class Covenant(models.Model):
    """A season's emulation covenant (giao ước thi đua) and its criteria table (bảng điểm).

    The scoring rules (mode, tie-breaks, bands, deadlines) are declared here at the start of the
    year, before any score is known.
    """

    season = models.OneToOneField(
        "org.Season",
        verbose_name=_("năm thi đua"),
        on_delete=models.PROTECT,
        related_name="covenant",
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung giao ước"), blank=True)
    signing_date = models.DateField(_("ngày ký kết"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CovenantStatus.choices, default=CovenantStatus.DRAFT
    )
    total_points = models.DecimalField(
        _("tổng điểm bảng điểm"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("1000"),
        validators=[MinValueValidator(Decimal("1"))],
    )
    scoring_mode = models.CharField(
        _("hình thức thẩm định"),
        max_length=20,
        choices=ScoringMode.choices,
        default=ScoringMode.LEADER_REVIEW,
    )
    tie_breaks = models.JSONField(
        _("quy tắc xếp hạng khi bằng điểm"), default=default_tie_breaks, blank=True
    )
    bands = models.JSONField(_("mức xếp loại"), default=default_bands, blank=True)
    registration_deadline = models.DateField(_("hạn đăng ký thi đua"), null=True, blank=True)
    scoring_deadline = models.DateField(_("hạn nộp bảng tự chấm"), null=True, blank=True)
    objection_deadline = models.DateField(_("hạn gửi ý kiến về điểm"), null=True, blank=True)
    locked_at = models.DateTimeField(_("khoá bảng điểm lúc"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unlock_reason = models.TextField(_("lý do mở khoá gần nhất"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")

    def __str__(self) -> str:
        return self.title


class CovenantItem(models.Model):
    """One commitment of the covenant text (nội dung giao ước)."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["covenant", "order", "id"]
        verbose_name = _("nội dung giao ước")
        verbose_name_plural = _("nội dung giao ước")

    def __str__(self) -> str:
        return self.text[:60]


class CovenantSignature(models.Model):
    """A member unit's online signature of the covenant (who signed for it, and when)."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="covenant_signatures"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("ký lúc"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = _("chữ ký giao ước")
        constraints = [
            models.UniqueConstraint(fields=["covenant", "unit"], name="covenants_signature_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.covenant}"


class Criterion(models.Model):
    """A row of the criteria table: group → criterion → sub-criterion, or a bonus/deduction rule.

    Scored rows are the leaves of kind `criterion`; a group's maximum is the sum of its children.
    For bonus and deduction rules `max_points` is the cap and `points_per_item` the step.
    """

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=20)
    title = models.CharField(_("nội dung tiêu chí"), max_length=500)
    kind = models.CharField(
        _("loại"), max_length=20, choices=CriterionKind.choices, default=CriterionKind.CRITERION
    )
    max_points = models.DecimalField(
        _("điểm tối đa"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    points_per_item = models.DecimalField(
        _("điểm mỗi lần"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    evidence_required = models.BooleanField(_("bắt buộc minh chứng"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["covenant", "order", "id"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "code"], name="covenants_criterion_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"
