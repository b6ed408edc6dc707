from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
