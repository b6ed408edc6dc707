from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.org.validators import validate_code


class Province(models.Model):
    """A province or centrally-run city; after the 2025 merger old provinces point to their successor."""

    code = models.CharField(_("mã"), max_length=40, unique=True, validators=[validate_code])
    name = models.CharField(_("tên"), max_length=120, unique=True)
    active_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    active_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("hợp nhất vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    allow_multi_bloc_membership = models.BooleanField(
        _("cho phép một đơn vị thuộc nhiều khối trong một năm"),
        default=False,
        help_text=_("Mặc định mỗi đơn vị chỉ thuộc một khối/cụm mỗi năm (BLK-03)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")

    def __str__(self) -> str:
        return self.name
