"""The public honour board (bảng vàng): a province's opt-in and the lines it keeps off the board.

Nothing is public until the province's board publishes its honour board; then the page shows the
province's decided awards (a decision number, not revoked) of the chosen levels from a year on:
names, units, award, year and decision, nothing else about a person.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Award levels of the catalogue (awards/rulebook.toml) a province may show.
LEVEL_CHOICES = (
    ("unit", _("cấp cơ sở")),
    ("province", _("cấp tỉnh")),
    ("national", _("cấp Nhà nước")),
)
DEFAULT_LEVELS = ["province", "national"]


def default_levels() -> list[str]:
    return list(DEFAULT_LEVELS)


class HonourBoard(models.Model):
    province = models.OneToOneField(
        "org.Province",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.CASCADE,
        related_name="honour_board",
    )
    published = models.BooleanField(_("công khai bảng vàng"), default=False)
    title = models.CharField(_("tiêu đề"), max_length=200, blank=True)
    intro = models.TextField(_("lời giới thiệu"), blank=True)
    levels = models.JSONField(_("các cấp khen thưởng hiển thị"), default=default_levels)
    from_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    show_people = models.BooleanField(_("hiển thị khen thưởng cá nhân"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bảng vàng")
        verbose_name_plural = _("bảng vàng")

    def __str__(self) -> str:
        return self.title or str(self.province)


class HonourBoardHidden(models.Model):
    """A registry line kept off the public board (a person asked, a name under correction…)."""

    record = models.OneToOneField(
        "awards.AwardRecord",
        verbose_name=_("dòng khen thưởng"),
        on_delete=models.CASCADE,
        related_name="honour_hidden",
    )
    reason = models.TextField(_("lý do không công khai"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng không công khai trên bảng vàng")
        verbose_name_plural = _("dòng không công khai trên bảng vàng")

    def __str__(self) -> str:
        return f"{self.record_id}"
