from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.org.enums import Gender, LineageKind, UnitKind
from thidua.org.validators import validate_birth_year, validate_code


class Unit(models.Model):
    """An agency, locality or enterprise taking part in emulation (đơn vị, cơ quan)."""

    province = models.ForeignKey(
        "org.Province", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="units"
    )
    code = models.CharField(_("mã đơn vị"), max_length=40, validators=[validate_code])
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    active_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    active_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    is_illustrative = models.BooleanField(
        _("dữ liệu minh hoạ"),
        default=False,
        help_text=_("Không có trong nguồn tin, do hệ thống tạo."),
    )
    search_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        ordering = ["province", "name"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="org_unit_code_unique"),
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="org_unit_active_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class LineageEvent(models.Model):
    """A rename, merger, split or transfer: successors keep the history of their predecessors."""

    kind = models.CharField(_("loại sự kiện"), max_length=20, choices=LineageKind.choices)
    date = models.DateField(_("ngày hiệu lực"))
    predecessors = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị trước"), related_name="lineage_as_predecessor"
    )
    successors = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị sau"), related_name="lineage_as_successor"
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    history = HistoricalRecords(m2m_fields=[predecessors, successors])

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("sự kiện sắp xếp đơn vị")
        verbose_name_plural = _("sự kiện sắp xếp đơn vị")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Person(models.Model):
    """A cadre, civil servant or employee (cán bộ, công chức, viên chức, người lao động)."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("năm sinh"), null=True, blank=True, validators=[validate_birth_year]
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField(_("chức vụ"), max_length=160, blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    search_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")

    def __str__(self) -> str:
        return self.full_name
