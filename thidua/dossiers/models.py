from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class ProposalStatus(models.TextChoices):
    """Where a proposal stands in the dossier workflow (see `dossiers.workflow.TRANSITIONS`)."""

    DRAFT = "draft", pgettext_lazy("proposal status", "Dự thảo")
    SUBMITTED = "submitted", pgettext_lazy("proposal status", "Đã trình")
    RECEIVED = "received", pgettext_lazy("proposal status", "Đã tiếp nhận")
    RETURNED = "returned", pgettext_lazy("proposal status", "Trả lại để bổ sung")
    REJECTED = "rejected", pgettext_lazy("proposal status", "Không đủ điều kiện")
    VALID = "valid", pgettext_lazy("proposal status", "Hợp lệ, chờ Hội đồng")
    APPROVED = "approved", pgettext_lazy("proposal status", "Hội đồng thông qua")
    NOT_APPROVED = "not_approved", pgettext_lazy("proposal status", "Hội đồng không thông qua")
    DECIDED = "decided", pgettext_lazy("proposal status", "Đã có quyết định")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Đã rút")


class Proposal(models.Model):
    """A proposal for an award (đề nghị khen thưởng) of a unit or a person.

    Created in draft from a closed nomination poll, one per unit that passed.
    """

    season = models.ForeignKey(
        "org.Season", null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    award_type = models.CharField(_("hình thức khen thưởng"), max_length=60)
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    source_poll = models.ForeignKey(
        "voting.Poll",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("theo kết quả bỏ phiếu"),
    )
    votes = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    vote_share = models.DecimalField(
        _("tỷ lệ phiếu"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "award_type", "id"]
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(person__isnull=False),
                name="dossiers_proposal_has_subject",
            ),
            models.UniqueConstraint(
                fields=["source_poll", "unit"],
                condition=models.Q(source_poll__isnull=False),
                name="dossiers_proposal_once_per_poll",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} {self.year} – {self.unit or self.person}"


class ProposalEvent(models.Model):
    """One step of a proposal through the workflow: from, to, who, when and why (the audit
    trail a board reads; the field-level history is in `Proposal.history`)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("từ trạng thái"), max_length=20, choices=ProposalStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=20, choices=ProposalStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    note = models.TextField(_("ghi chú, lý do"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("bước xử lý đề nghị")
        verbose_name_plural = _("các bước xử lý đề nghị")
        indexes = [models.Index(fields=["proposal", "at"], name="dossiers_event_proposal_at")]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"
