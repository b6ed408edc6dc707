from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from thidua.org.models import Person, Unit


class RuleSetting(models.Model):
    """A province's own value for a rule of the rulebook (quota, threshold, quorum, tie policy…).

    `params` overrides the rule's default parameters from `from_year` on. A value the board set
    is the province's regulation: it binds (blocks), unlike a default of a rule tagged [U].
    """

    province = models.ForeignKey(
        "org.Province", on_delete=models.CASCADE, related_name="rule_settings"
    )
    rule_id = models.CharField(_("mã quy tắc"), max_length=20)
    params = models.JSONField(_("tham số"), default=dict)
    from_year = models.PositiveSmallIntegerField(_("áp dụng từ năm"), default=2000)
    citation = models.CharField(_("văn bản của tỉnh"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["province", "rule_id", "from_year"]
        verbose_name = _("thiết lập quy tắc của tỉnh")
        verbose_name_plural = _("thiết lập quy tắc của tỉnh")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "rule_id", "from_year"], name="awards_rulesetting_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} ({self.province}, {self.from_year})"


class AwardBasis(models.TextChoices):
    """What an award was given for. GEN-02: thematic and sudden awards never count in a chain."""

    MERIT = "merit", pgettext_lazy("award basis", "Thành tích thường xuyên (công trạng)")
    THEMATIC = "thematic", pgettext_lazy("award basis", "Thi đua theo chuyên đề")
    AD_HOC = "ad_hoc", pgettext_lazy("award basis", "Đột xuất")
    LONG_SERVICE = "long_service", pgettext_lazy("award basis", "Quá trình cống hiến")


class RecordSource(models.TextChoices):
    IMPORTED = "imported", pgettext_lazy("record source", "Nhập từ sổ theo dõi")
    DECIDED = "decided", pgettext_lazy("record source", "Theo quyết định trên hệ thống")
    MANUAL = "manual", pgettext_lazy("record source", "Nhập tay")


class Rating(models.TextChoices):
    """The year's task-completion rating (GEN-09): individuals' official rating, collectives'
    Party-organisation rating or the superior's assessment."""

    HTXS = "htxs", pgettext_lazy("rating", "Hoàn thành xuất sắc nhiệm vụ")
    HTT = "htt", pgettext_lazy("rating", "Hoàn thành tốt nhiệm vụ")
    HT = "ht", pgettext_lazy("rating", "Hoàn thành nhiệm vụ")
    KHT = "kht", pgettext_lazy("rating", "Không hoàn thành nhiệm vụ")


class InitiativeScope(models.TextChoices):
    GRASSROOTS = "grassroots", pgettext_lazy("initiative scope", "Cấp cơ sở")
    PROVINCE = "province", pgettext_lazy("initiative scope", "Cấp tỉnh")
    NATIONAL = "national", pgettext_lazy("initiative scope", "Toàn quốc")


_SUBJECT = models.Q(unit__isnull=False, person__isnull=True) | models.Q(
    unit__isnull=True, person__isnull=False
)


class AwardRecord(models.Model):
    """A line of the registry (sổ theo dõi khen thưởng): a title or commendation a unit or a
    person received. Later eligibility rests on it; a merged unit's successors inherit it."""

    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    # The province whose registry holds the line: the unit's, or the person's unit's (kept in
    # step when a person moves to another province). Scoping and the list's order use it
    # without joining the subject: a national registry holds ten million lines.
    province = models.ForeignKey(
        "org.Province", on_delete=models.PROTECT, related_name="award_records", editable=False
    )
    award_type = models.CharField(_("hình thức khen thưởng"), max_length=60)
    year = models.PositiveSmallIntegerField(_("năm"))
    basis = models.CharField(
        _("loại thành tích"), max_length=20, choices=AwardBasis.choices, default=AwardBasis.MERIT
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan, người quyết định"), max_length=255, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=20, choices=RecordSource.choices, default=RecordSource.MANUAL
    )
    revoked = models.BooleanField(_("đã huỷ"), default=False)
    revoked_reason = models.TextField(_("lý do huỷ"), blank=True)
    revoked_at = models.DateTimeField(_("huỷ lúc"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # The natural key of an imported line (subject, award, year, decision): a re-import adds nothing.
    import_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # Folded subject name, award name and decision number (core.text.fold): search.
    search_key = models.CharField(max_length=400, db_index=True, editable=False, default="")
    is_illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_key", "province"])

    class Meta:
        ordering = ["-year", "award_type", "id"]
        verbose_name = _("bản ghi khen thưởng")
        verbose_name_plural = _("sổ theo dõi khen thưởng")
        constraints = [
            models.CheckConstraint(condition=_SUBJECT, name="awards_record_one_subject"),
            models.UniqueConstraint(
                fields=["import_key"],
                condition=~models.Q(import_key=""),
                name="awards_record_import_key_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["award_type", "year"], name="awards_rec_type_year"),
            models.Index(fields=["unit", "year"], name="awards_rec_unit_year"),
            models.Index(fields=["person", "year"], name="awards_rec_person_year"),
            # The registry list of a province, and of every province, in its order.
            models.Index(
                fields=["province", "-year", "award_type", "id"], name="awards_rec_province_list"
            ),
            models.Index(fields=["-year", "award_type", "id"], name="awards_rec_list"),
            # A subject's lines newest first, with what search tests on them (award, province,
            # decision number), without reading the table (search by subject, PostgreSQL;
            # SQLite has no covering indexes and skips them).
            models.Index(
                fields=["person", "id"],
                include=["award_type", "province", "decision_number"],
                name="awards_rec_person_lines",
            ),
            models.Index(
                fields=["unit", "id"],
                include=["award_type", "province", "decision_number"],
                name="awards_rec_unit_lines",
            ),
            # A decision's lines newest first (search by decision number, PostgreSQL).
            models.Index(
                fields=["decision_number", "id"],
                include=["province"],
                name="awards_rec_decision_ids",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} {self.year} – {self.unit or self.person}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The province follows the subject when not given (services and imports give it)."""
        if self.province_id is None:
            self.province_id = subject_province_id(self.unit_id, self.person_id)
        super().save(*args, **kwargs)


def subject_province_id(unit_id: int | None, person_id: int | None) -> int:
    """The province of a registry line's subject: the unit's, or the person's unit's."""
    if unit_id is not None:
        return int(Unit.objects.values_list("province_id", flat=True).get(pk=unit_id))
    people = Person.objects.filter(pk__in=[person_id])
    return int(people.values_list("unit__province_id", flat=True).get())


class AnnualAssessment(models.Model):
    """A subject's facts of a year that chains rest on: the rating, a recognised initiative or
    accepted science work, and discipline (GEN-03)."""

    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=10, choices=Rating.choices, blank=True)
    initiative_scope = models.CharField(
        _("sáng kiến được công nhận"), max_length=20, choices=InitiativeScope.choices, blank=True
    )
    science_accepted = models.BooleanField(_("đề tài khoa học đã nghiệm thu"), default=False)
    disciplined = models.BooleanField(_("bị kỷ luật từ khiển trách trở lên"), default=False)
    source = models.CharField(
        _("nguồn"), max_length=20, choices=RecordSource.choices, default=RecordSource.MANUAL
    )
    note = models.TextField(_("ghi chú"), blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("đánh giá, xếp loại năm")
        verbose_name_plural = _("đánh giá, xếp loại năm")
        constraints = [
            models.CheckConstraint(condition=_SUBJECT, name="awards_assessment_one_subject"),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=models.Q(unit__isnull=False),
                name="awards_assessment_unit_year",
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=models.Q(person__isnull=False),
                name="awards_assessment_person_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.person} {self.year}"
