from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("Sở, ban, ngành cấp tỉnh")
    PARTY = "party", _("Cơ quan Đảng")
    MASS_ORG = "mass_org", _("Mặt trận, đoàn thể")
    DISTRICT = "district", _("Huyện, thị xã, thành phố (trước 2025)")
    COMMUNE = "commune", _("Xã, phường, đặc khu (từ 2025)")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Khác")


class BlocKind(models.TextChoices):
    BLOC = "bloc", pgettext_lazy("bloc kind", "Khối thi đua")
    CLUSTER = "cluster", pgettext_lazy("bloc kind", "Cụm thi đua")


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")


class LineageKind(models.TextChoices):
    RENAME = "rename", _("Đổi tên")
    MERGE = "merge", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    TRANSFER = "transfer", _("Chuyển giao")
