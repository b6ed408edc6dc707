from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "thidua.deadlines"
    label = "deadlines"
    verbose_name = _("Lịch thi đua: các mốc thời hạn")
