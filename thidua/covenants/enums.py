from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên (hằng năm)")
    THEMATIC = "thematic", _("Chuyên đề")
    AD_HOC = "ad_hoc", _("Đột xuất")


class CovenantStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("covenant status", "Dự thảo")
    SIGNING = "signing", pgettext_lazy("covenant status", "Đang ký kết")
    LOCKED = "locked", pgettext_lazy("covenant status", "Đã khoá bảng điểm")


class CriterionKind(models.TextChoices):
    GROUP = "group", _("Nhóm tiêu chí")
    CRITERION = "criterion", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm cộng")
    DEDUCTION = "deduction", _("Điểm trừ")


class ScoringMode(models.TextChoices):
    LEADER_REVIEW = "leader_review", _("Trưởng khối thẩm định")
    CROSS_SCORING = "cross_scoring", _("Chấm chéo giữa các thành viên")


class TieBreak(models.TextChoices):
    """Tie-break rules a covenant may declare, in order, before any score is known."""

    FEWER_DEDUCTIONS = "fewer_deductions", _("Ít điểm trừ hơn")
    MORE_BONUS = "more_bonus", _("Nhiều điểm cộng hơn")
    HIGHER_FIRST_GROUP = "higher_first_group", _("Điểm nhóm tiêu chí thứ nhất cao hơn")
    HIGHER_BASE = "higher_base", _("Điểm chấm (chưa cộng, trừ) cao hơn")
    EARLIER_SUBMISSION = "earlier_submission", _("Nộp bảng tự chấm sớm hơn")


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("registration status", "Dự thảo")
    SUBMITTED = "submitted", pgettext_lazy("registration status", "Đã gửi")
    APPROVED = "approved", pgettext_lazy("registration status", "Đã duyệt")
    RETURNED = "returned", pgettext_lazy("registration status", "Trả lại")
