"""Helpers shared by the covenant services (the audit-stamped save/delete come from org)."""

from django.utils.translation import gettext as _

from thidua.core.exceptions import Conflict
from thidua.covenants.enums import CovenantStatus
from thidua.covenants.models import Covenant
from thidua.org.services._common import clean_text, delete, save

__all__ = ["clean_text", "delete", "ensure_editable", "save"]


def ensure_editable(covenant: Covenant) -> None:
    """Text, items, rules and criteria change only while the table is not locked."""
    if covenant.status == CovenantStatus.LOCKED:
        raise Conflict(
            _(
                "Bảng điểm của giao ước “%(title)s” đã khoá, không thể sửa. Ban Thi đua – Khen "
                "thưởng có thể mở khoá (kèm lý do) nếu cần điều chỉnh."
            )
            % {"title": covenant.title},
            code="covenant_locked",
        )
