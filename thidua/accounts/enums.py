from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BOARD_ADMIN = "board_admin", _("Quản trị Ban Thi đua – Khen thưởng")
    UNIT_OFFICER = "unit_officer", _("Cán bộ đơn vị")
    VIEWER = "viewer", _("Người xem")
