from django.db import models
from django.utils.translation import pgettext_lazy


class CouncilRole(models.TextChoices):
    """A member's place in the council (VOT-08: the chair is the province's chairman, the head of
    the emulation division is the member-secretary). Every role votes (VOT-07)."""

    CHAIR = "chair", pgettext_lazy("council role", "Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", pgettext_lazy("council role", "Phó Chủ tịch Hội đồng")
    STANDING = "standing", pgettext_lazy("council role", "Ủy viên thường trực")
    MEMBER = "member", pgettext_lazy("council role", "Ủy viên")
    SECRETARY = "secretary", pgettext_lazy("council role", "Ủy viên, Thư ký")


class SessionStatus(models.TextChoices):
    """open (attendance and votes are entered) → closed (outcomes frozen, proposals moved)."""

    OPEN = "open", pgettext_lazy("council session status", "Đang họp")
    CLOSED = "closed", pgettext_lazy("council session status", "Đã kết thúc")


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("council outcome", "Thông qua")
    NOT_APPROVED = "not_approved", pgettext_lazy("council outcome", "Không thông qua")
