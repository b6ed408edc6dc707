"""The emulation council (Hội đồng Thi đua – Khen thưởng), its sessions and votes on proposals,
and the award decisions (quyết định khen thưởng) whose lines become registry records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.decisions.enums import CouncilRole, ReviewOutcome, SessionStatus


class Council(models.Model):
    """A province's emulation council; one active council per province."""

    province = models.ForeignKey("org.Province", on_delete=models.PROTECT, related_name="councils")
    name = models.CharField(_("tên Hội đồng"), max_length=255)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["province", "-active", "id"]
        verbose_name = _("Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua – Khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["province"],
                condition=models.Q(active=True),
                name="decisions_council_one_active",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A member of the council from `active_from` to `active_to` (inclusive; None = still a
    member). The council's total membership on a day is what the thresholds are taken of."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_memberships",
        verbose_name=_("tài khoản"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(_("chức vụ"), max_length=255, blank=True)
    role = models.CharField(
        _("vai trò trong Hội đồng"),
        max_length=20,
        choices=CouncilRole.choices,
        default=CouncilRole.MEMBER,
    )
    active_from = models.DateField(_("từ ngày"))
    active_to = models.DateField(_("đến ngày"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "active_from", "id"]
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="decisions_member_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"


class CouncilSession(models.Model):
    """A session (phiên họp) of the council that reviews proposals; the total membership and the
    quorum findings are frozen when the session is closed."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    present = models.ManyToManyField(
        CouncilMember, blank=True, related_name="sessions_present", verbose_name=_("có mặt")
    )
    members_total = models.PositiveSmallIntegerField(_("tổng số thành viên"), null=True, blank=True)
    present_count = models.PositiveSmallIntegerField(_("số có mặt"), null=True, blank=True)
    # Quorum findings of rules that only warn, passed with a recorded reason.
    warnings = models.JSONField(_("cảnh báo"), default=list, blank=True)
    override_reason = models.TextField(_("lý do tiếp tục"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[present])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")

    def __str__(self) -> str:
        return f"{self.council} – {self.date:%d/%m/%Y}"


class SessionProposal(models.Model):
    """A proposal put before a session, and once the session is closed its outcome: the counts,
    the total membership, the votes required and the rule that set them."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    proposal = models.ForeignKey(
        "dossiers.Proposal", on_delete=models.PROTECT, related_name="council_reviews"
    )
    approvals = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    disapprovals = models.PositiveSmallIntegerField(
        _("số phiếu không đồng ý"), null=True, blank=True
    )
    members_total = models.PositiveSmallIntegerField(_("tổng số thành viên"), null=True, blank=True)
    required = models.PositiveSmallIntegerField(_("số phiếu cần đạt"), null=True, blank=True)
    share = models.CharField(_("tỷ lệ quy định"), max_length=20, blank=True)
    rule_id = models.CharField(_("quy tắc áp dụng"), max_length=20, blank=True)
    rule_citation = models.CharField(_("căn cứ"), max_length=255, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=20, choices=ReviewOutcome.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("đề nghị đưa ra phiên họp")
        verbose_name_plural = _("đề nghị đưa ra phiên họp")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "proposal"], name="decisions_item_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.proposal}"


class CouncilVote(models.Model):
    """One member's vote on one proposal in one session; an absent member votes in writing
    (VOT-04), and the written opinion counts like the others."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="votes")
    proposal = models.ForeignKey(
        "dossiers.Proposal", on_delete=models.PROTECT, related_name="council_votes"
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="votes")
    approve = models.BooleanField(_("đồng ý"))
    in_writing = models.BooleanField(_("ý kiến bằng văn bản"), default=False)
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "proposal", "member"]
        verbose_name = _("phiếu của thành viên Hội đồng")
        verbose_name_plural = _("phiếu của thành viên Hội đồng")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "proposal", "member"], name="decisions_vote_once"
            ),
        ]
        indexes = [models.Index(fields=["session", "proposal"], name="decisions_vote_item")]

    def __str__(self) -> str:
        return f"{self.member} → {self.proposal_id}: {self.approve}"


class Decision(models.Model):
    """An award decision (quyết định khen thưởng) recorded by the province's board."""

    province = models.ForeignKey(
        "org.Province", on_delete=models.PROTECT, related_name="award_decisions"
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    date = models.DateField(_("ngày ký"))
    signer_name = models.CharField(_("người ký"), max_length=120)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    authority = models.CharField(_("cấp quyết định"), max_length=255)
    file = models.FileField(_("tệp quyết định"), upload_to="decisions/%Y/", blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    file_size = models.PositiveIntegerField(_("dung lượng"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number", "date"], name="decisions_decision_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"


class DecisionLine(models.Model):
    """A proposal decided by a decision, and the registry record it created. Both are unique: a
    proposal is decided once, a record comes from one line."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="lines")
    proposal = models.OneToOneField(
        "dossiers.Proposal", on_delete=models.PROTECT, related_name="decision_line"
    )
    award_record = models.OneToOneField(
        "awards.AwardRecord", on_delete=models.PROTECT, related_name="decision_line"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "id"]
        verbose_name = _("dòng quyết định khen thưởng")
        verbose_name_plural = _("dòng quyết định khen thưởng")

    def __str__(self) -> str:
        return f"{self.decision}: {self.proposal}"
