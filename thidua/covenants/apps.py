from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CovenantsConfig(AppConfig):
    name = "thidua.covenants"
    label = "covenants"
    verbose_name = _("Phong trào, giao ước thi đua")
