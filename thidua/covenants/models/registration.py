from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.covenants.enums import RegistrationStatus


class Registration(models.Model):
    """A member unit's emulation registration (đăng ký thi đua): its targets and aimed titles."""

    season = models.ForeignKey("org.Season", on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="registrations")
    targets = models.TextField(_("chỉ tiêu đăng ký"))
    aimed_titles = models.JSONField(
        _("danh hiệu, hình thức khen thưởng đăng ký"), default=list, blank=True
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["season", "unit__name"]
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(
                fields=["season", "unit"], name="covenants_registration_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.season}"
