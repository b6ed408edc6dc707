from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.org.enums import BlocKind
from thidua.org.validators import validate_year

if TYPE_CHECKING:
    from thidua.org.models.unit import Unit


class Bloc(models.Model):
    """An emulation bloc (khối) or cluster (cụm) organised by a province."""

    province = models.ForeignKey(
        "org.Province", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="blocs"
    )
    name = models.CharField(_("tên khối, cụm"), max_length=255)
    kind = models.CharField(
        _("loại"), max_length=10, choices=BlocKind.choices, default=BlocKind.BLOC
    )
    description = models.TextField(_("mô tả"), blank=True)
    search_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        ordering = ["province", "name"]
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="org_bloc_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Season(models.Model):
    """A bloc's emulation year: its members, leader unit (trưởng khối) and deputy (phó trưởng khối)."""

    bloc = models.ForeignKey(
        Bloc, verbose_name=_("khối, cụm"), on_delete=models.PROTECT, related_name="seasons"
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=[validate_year])
    leader = models.ForeignKey(
        "org.Unit",
        verbose_name=_("trưởng khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seasons_led",
    )
    deputy = models.ForeignKey(
        "org.Unit",
        verbose_name=_("phó trưởng khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seasons_deputised",
    )
    members: "models.ManyToManyField[Unit, SeasonMembership]" = models.ManyToManyField(
        "org.Unit", through="SeasonMembership", related_name="seasons", verbose_name=_("thành viên")
    )
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bloc", "-year"]
        verbose_name = _("năm thi đua của khối")
        verbose_name_plural = _("năm thi đua của khối")
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="org_season_bloc_year_unique"),
            models.CheckConstraint(
                condition=models.Q(leader__isnull=True)
                | models.Q(deputy__isnull=True)
                | ~models.Q(leader=models.F("deputy")),
                name="org_season_leader_not_deputy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bloc.name} – {self.year}"


class SeasonMembership(models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="memberships")
    history = HistoricalRecords()

    class Meta:
        ordering = ["season", "unit__name"]
        verbose_name = _("thành viên khối")
        verbose_name_plural = _("thành viên khối")
        constraints = [
            models.UniqueConstraint(fields=["season", "unit"], name="org_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} @ {self.season}"
