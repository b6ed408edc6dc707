from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.voting.enums import CommitteeRole, MeetingStatus


class Meeting(models.Model):
    """The season's year-end meeting (hội nghị tổng kết): attendance, counting committee, polls."""

    season = models.OneToOneField("org.Season", on_delete=models.PROTECT, related_name="meeting")
    title = models.CharField(_("tên hội nghị"), max_length=255)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    # The administrative place name for the date line of documents ("Nam Định, ngày …").
    place_name = models.CharField(_("địa danh ghi trên văn bản"), max_length=120, blank=True)
    chair_name = models.CharField(_("chủ trì"), max_length=160, blank=True)
    chair_title = models.CharField(_("chức vụ người chủ trì"), max_length=255, blank=True)
    secretary_name = models.CharField(_("thư ký"), max_length=160, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    note = models.TextField(_("ghi chú"), blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name = _("hội nghị tổng kết")
        verbose_name_plural = _("hội nghị tổng kết")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Whether a member unit is present, and its delegate (quorum is the share present)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("có mặt"), default=False)
    delegate_name = models.CharField(_("đại biểu"), max_length=160, blank=True)
    delegate_title = models.CharField(_("chức vụ đại biểu"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "unit__name"]
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "unit"], name="voting_attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.meeting}"


class CommitteeMember(models.Model):
    """A member of the counting committee (ban kiểm phiếu); with a user account, may key ballots."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="committee")
    full_name = models.CharField(_("họ và tên"), max_length=160)
    title = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)
    role = models.CharField(
        _("nhiệm vụ"), max_length=20, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counting_committees",
        verbose_name=_("tài khoản nhập phiếu"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("thành viên ban kiểm phiếu")
        verbose_name_plural = _("ban kiểm phiếu")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="voting_committee_user_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name
