"""The calendar of deadlines: a province's template, the dates a season or province overrides,
the reminder offsets, the secret feed tokens, and the reminders already sent."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.deadlines.enums import Anchor, Confidence, DeadlineKind


def default_reminder_days() -> list[int]:
    return [7, 1]


class DeadlineTemplate(models.Model):
    """A province's own row of the yearly calendar for one kind of deadline (domain-rules §3.2).

    A kind the province has not set falls back to thidua/deadlines/defaults.toml; the first edit
    of the board copies every default into the province's rows.
    """

    province = models.ForeignKey(
        "org.Province",
        verbose_name=_("tỉnh"),
        on_delete=models.CASCADE,
        related_name="deadline_templates",
    )
    kind = models.CharField(_("loại mốc"), max_length=30, choices=DeadlineKind.choices)
    title = models.CharField(_("tên mốc"), max_length=255)
    anchor = models.CharField(
        _("cách tính"), max_length=20, choices=Anchor.choices, default=Anchor.DATE
    )
    month = models.PositiveSmallIntegerField(
        _("tháng"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("ngày"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    year_offset = models.PositiveSmallIntegerField(
        _("năm"), default=0, validators=[MaxValueValidator(1)]
    )
    days_before = models.PositiveSmallIntegerField(
        _("số ngày trước sự kiện"), null=True, blank=True, validators=[MaxValueValidator(366)]
    )
    working_days = models.BooleanField(_("tính theo ngày làm việc"), default=False)
    description = models.TextField(_("mô tả"), blank=True)
    citation = models.CharField(_("căn cứ"), max_length=255)
    confidence = models.CharField(
        _("mức tin cậy"), max_length=1, choices=Confidence.choices, default=Confidence.UNCERTAIN
    )
    active = models.BooleanField(_("áp dụng"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["province", "kind"]
        verbose_name = _("mốc trong lịch thi đua của tỉnh")
        verbose_name_plural = _("lịch thi đua của tỉnh")
        constraints = [
            models.UniqueConstraint(fields=["province", "kind"], name="deadlines_template_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.province})"


class DeadlineOverride(models.Model):
    """A date set for one season (or, for the province's own steps, one province and year),
    instead of the template's. The covenant's deadlines and the meeting's date are not
    overridden here: they are edited where they live."""

    province = models.ForeignKey(
        "org.Province", on_delete=models.CASCADE, related_name="deadline_overrides"
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"))
    season = models.ForeignKey(
        "org.Season",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_overrides",
    )
    kind = models.CharField(_("loại mốc"), max_length=30, choices=DeadlineKind.choices)
    due_on = models.DateField(_("hạn"))
    reason = models.TextField(_("lý do điều chỉnh"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["province_id", "year", "season_id", "kind"]
        verbose_name = _("điều chỉnh mốc thời hạn")
        verbose_name_plural = _("điều chỉnh mốc thời hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["season", "kind"],
                condition=models.Q(season__isnull=False),
                name="deadlines_override_season_unique",
            ),
            models.UniqueConstraint(
                fields=["province", "year", "kind"],
                condition=models.Q(season__isnull=True),
                name="deadlines_override_province_unique",
            ),
        ]
        indexes = [models.Index(fields=["province", "year"], name="deadlines_override_py")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%d/%m/%Y}"


class CalendarSetting(models.Model):
    """A province's reminder offsets (days before a deadline; default 7 and 1)."""

    province = models.OneToOneField(
        "org.Province", on_delete=models.CASCADE, related_name="calendar_setting"
    )
    reminder_days = models.JSONField(_("nhắc trước (ngày)"), default=default_reminder_days)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thiết lập nhắc hạn của tỉnh")
        verbose_name_plural = _("thiết lập nhắc hạn của tỉnh")

    def __str__(self) -> str:
        return str(self.province)


class FeedToken(models.Model):
    """The secret of a calendar feed URL (no sign-in, so calendar apps can subscribe): one per
    unit, or one per province for the board. Rotating replaces the secret; the old URL is gone."""

    unit = models.OneToOneField(
        "org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    province = models.OneToOneField(
        "org.Province",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("đường dẫn đăng ký lịch")
        verbose_name_plural = _("đường dẫn đăng ký lịch")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, province__isnull=False)
                | models.Q(unit__isnull=False, province__isnull=True),
                name="deadlines_feed_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit or self.province)


class ReminderSent(models.Model):
    """One reminder e-mail of one deadline to one recipient at one offset: running the reminder
    command again sends nothing already recorded here. A moved deadline (another due date) is
    reminded again."""

    key = models.CharField(max_length=80)
    due_on = models.DateField()
    offset = models.PositiveSmallIntegerField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_reminders"
    )
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "id"]
        verbose_name = _("nhắc hạn đã gửi")
        verbose_name_plural = _("nhắc hạn đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "due_on", "recipient", "offset"], name="deadlines_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient_id} ({self.offset})"
