from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.covenants.enums import MovementKind


class Movement(models.Model):
    """An emulation movement (phong trào thi đua): yearly, thematic (chuyên đề) or ad hoc (đột xuất).

    Thematic and ad hoc achievements never count toward multi-year title chains (GEN-02),
    which `counts_toward_chains` makes explicit for the awards engine.
    """

    province = models.ForeignKey(
        "org.Province", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="movements"
    )
    name = models.CharField(_("tên phong trào"), max_length=255)
    kind = models.CharField(_("loại phong trào"), max_length=20, choices=MovementKind.choices)
    launched_by = models.CharField(_("cấp phát động"), max_length=255, blank=True)
    launched_by_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị phát động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements_launched",
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    goals = models.TextField(_("mục tiêu"), blank=True)
    blocs = models.ManyToManyField("org.Bloc", verbose_name=_("khối, cụm tham gia"), blank=True)
    units = models.ManyToManyField("org.Unit", verbose_name=_("đơn vị tham gia"), blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    history = HistoricalRecords(m2m_fields=[blocs, units])

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")

    def __str__(self) -> str:
        return self.name

    @property
    def counts_toward_chains(self) -> bool:
        return self.kind == MovementKind.REGULAR
