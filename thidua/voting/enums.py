from django.db import models
from django.utils.translation import pgettext_lazy


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "Chuẩn bị")
    IN_PROGRESS = "in_progress", pgettext_lazy("meeting status", "Đang họp")
    CLOSED = "closed", pgettext_lazy("meeting status", "Đã kết thúc")


class PollKind(models.TextChoices):
    """A nomination vote per award type (suy tôn), or the election of next year's leader / deputy."""

    NOMINATION = "nomination", pgettext_lazy("poll kind", "Bình xét, suy tôn")
    LEADER = "leader", pgettext_lazy("poll kind", "Bầu trưởng khối")
    DEPUTY = "deputy", pgettext_lazy("poll kind", "Bầu phó trưởng khối")


class PollStatus(models.TextChoices):
    """draft → open → closed; a draft may be cancelled; a closed poll with a tie needs a run-off."""

    DRAFT = "draft", pgettext_lazy("poll status", "Chuẩn bị")
    OPEN = "open", pgettext_lazy("poll status", "Đang bỏ phiếu")
    CLOSED = "closed", pgettext_lazy("poll status", "Đã kết thúc")
    CANCELLED = "cancelled", pgettext_lazy("poll status", "Đã huỷ")


class ThresholdBase(models.TextChoices):
    """What the approval share is taken of (VOT-02/03: of the total membership, never attendees)."""

    MEMBERS = "members", pgettext_lazy("threshold base", "Tổng số thành viên")
    CAST = "cast", pgettext_lazy("threshold base", "Số phiếu thu vào")
    VALID = "valid", pgettext_lazy("threshold base", "Số phiếu hợp lệ")


class TiePolicy(models.TextChoices):
    """VOT-11: no legal tie rule; a run-off among the tied, or GEN-05 (women) when configured."""

    RUNOFF = "runoff", pgettext_lazy("tie policy", "Bỏ phiếu lại giữa các đơn vị bằng phiếu")
    GEN05 = (
        "gen05",
        pgettext_lazy("tie policy", "Ưu tiên nữ / tập thể có từ 70% nữ (GEN-05), rồi bỏ phiếu lại"),
    )


class Channel(models.TextChoices):
    ONLINE = "online", pgettext_lazy("ballot channel", "Trực tuyến")
    PAPER = "paper", pgettext_lazy("ballot channel", "Phiếu giấy")


class BallotStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("ballot status", "Hợp lệ")
    BLANK = "blank", pgettext_lazy("ballot status", "Phiếu trắng")
    SPOILED = "spoiled", pgettext_lazy("ballot status", "Không hợp lệ")


class CommitteeRole(models.TextChoices):
    HEAD = "head", pgettext_lazy("committee role", "Trưởng ban kiểm phiếu")
    MEMBER = "member", pgettext_lazy("committee role", "Thành viên")


class SheetStatus(models.TextChoices):
    """A paper ballot being keyed: waiting for entries, agreed (ballot stored), or entries differ."""

    PENDING = "pending", pgettext_lazy("sheet status", "Chờ nhập đủ")
    AGREED = "agreed", pgettext_lazy("sheet status", "Đã khớp")
    CONFLICT = "conflict", pgettext_lazy("sheet status", "Các lần nhập không khớp")
