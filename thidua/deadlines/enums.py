"""Kinds of deadlines of the yearly calendar (domain-rules §3.2), their anchors and states."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DeadlineKind(models.TextChoices):
    LAUNCH = "launch", _("Phát động thi đua, ký kết giao ước")
    REGISTRATION = "registration", _("Đăng ký thi đua")
    MIDYEAR_REVIEW = "midyear_review", _("Sơ kết 6 tháng")
    SCORING = "scoring", _("Nộp bảng tự chấm điểm")
    OBJECTIONS = "objections", _("Gửi ý kiến về kết quả chấm điểm")
    MEETING = "meeting", _("Hội nghị tổng kết khối")
    DOSSIER = "dossier", _("Nộp hồ sơ đề nghị khen thưởng về Sở Nội vụ")
    DISCIPLINE = "discipline", _("Báo cáo các trường hợp vi phạm trong năm")
    EDUCATION = "education", _("Ngành giáo dục nộp hồ sơ (năm học)")
    THEMATIC = "thematic", _("Hồ sơ khen thưởng tổng kết chuyên đề")
    GOV_FLAG = "gov_flag", _("Hồ sơ Cờ thi đua của Chính phủ gửi Bộ Nội vụ")
    NATIONAL_FIGHTER = "national_fighter", _("Hồ sơ Chiến sĩ thi đua toàn quốc gửi Bộ Nội vụ")


class Anchor(models.TextChoices):
    """How a template row gives its date: a day of the year, or N days before an event."""

    DATE = "date", pgettext_lazy("deadline anchor", "Ngày cố định trong năm")
    BEFORE_MEETING = (
        "before_meeting",
        pgettext_lazy("deadline anchor", "Trước hội nghị tổng kết khối"),
    )
    BEFORE_EVENT = (
        "before_event",
        pgettext_lazy("deadline anchor", "Trước ngày tổng kết phong trào chuyên đề"),
    )


class Scope(models.TextChoices):
    SEASON = "season", pgettext_lazy("deadline scope", "Từng khối, cụm")
    PROVINCE = "province", pgettext_lazy("deadline scope", "Toàn tỉnh")
    MOVEMENT = "movement", pgettext_lazy("deadline scope", "Từng phong trào chuyên đề")


class Audience(models.TextChoices):
    """Who takes the step, so who is reminded."""

    MEMBERS = "members", pgettext_lazy("deadline audience", "Các đơn vị thành viên")
    LEADER = "leader", pgettext_lazy("deadline audience", "Đơn vị trưởng khối")
    BOARD = "board", pgettext_lazy("deadline audience", "Ban Thi đua – Khen thưởng")


class Confidence(models.TextChoices):
    CONFIRMED = "C", pgettext_lazy("confidence", "[C] đã đối chiếu văn bản")
    RECALLED = "R", pgettext_lazy("confidence", "[R] theo thực tiễn, chưa đối chiếu lại")
    UNCERTAIN = "U", pgettext_lazy("confidence", "[U] chưa chắc chắn, cần tỉnh xác định")


class Source(models.TextChoices):
    """Where a season's date comes from (the first that has one wins, in this order)."""

    COVENANT = "covenant", pgettext_lazy("deadline source", "Giao ước thi đua")
    MEETING = "meeting", pgettext_lazy("deadline source", "Hội nghị tổng kết")
    OVERRIDE = "override", pgettext_lazy("deadline source", "Điều chỉnh riêng")
    TEMPLATE = "template", pgettext_lazy("deadline source", "Lịch của tỉnh")
    DEFAULT = "default", pgettext_lazy("deadline source", "Lịch mặc định")
    MOVEMENT = "movement", pgettext_lazy("deadline source", "Phong trào")


class State(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("deadline state", "Sắp tới")
    DUE_SOON = "due_soon", pgettext_lazy("deadline state", "Sắp đến hạn")
    OVERDUE = "overdue", pgettext_lazy("deadline state", "Quá hạn")
    PASSED = "passed", pgettext_lazy("deadline state", "Đã qua")
    DONE = "done", pgettext_lazy("deadline state", "Đã hoàn thành")
