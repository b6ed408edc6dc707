from typing import Any

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


# Statuses after which a proposal no longer counts as the subject's live proposal for an award
# and year (a new one may be made).
CLOSED_STATUSES = (
    ProposalStatus.WITHDRAWN,
    ProposalStatus.REJECTED,
    ProposalStatus.NOT_APPROVED,
)


class Dossier(models.Model):
    """A dossier (hồ sơ đề nghị khen thưởng): one submission to the province's board by a
    submitting unit (a bloc's leader unit, or a unit for its own staff) for a year, with its
    submission letter (tờ trình) number, symbol and date. It groups one or more proposals."""

    province = models.ForeignKey(
        "org.Province", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="dossiers"
    )
    season = models.ForeignKey(
        "org.Season",
        verbose_name=_("năm thi đua của khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    submitting_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị trình"),
        on_delete=models.PROTECT,
        related_name="submitted_dossiers",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("trích yếu"), max_length=255, blank=True)
    letter_number = models.CharField(_("số tờ trình"), max_length=20, blank=True)
    letter_symbol = models.CharField(_("ký hiệu tờ trình"), max_length=40, blank=True)
    letter_date = models.DateField(_("ngày tờ trình"), null=True, blank=True)
    simplified = models.BooleanField(_("thủ tục đơn giản"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-created_at", "id"]
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["submitting_unit", "year", "letter_number", "letter_symbol"],
                condition=~models.Q(letter_number=""),
                name="dossiers_dossier_letter_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"{self.submitting_unit} – {self.year}"

    @property
    def reference(self) -> str:
        """The letter's number and symbol as printed after "Số:", e.g. "12/TTr-KTĐ"."""
        if not self.letter_number:
            return ""
        return (
            f"{self.letter_number}/{self.letter_symbol}"
            if self.letter_symbol
            else self.letter_number
        )


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
    # Denormalised from the subject (the unit, or the person's unit) for scoping and the inbox.
    province = models.ForeignKey(
        "org.Province",
        verbose_name=_("tỉnh"),
        blank=True,  # filled by save() from the subject
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    # The unit that acts for the proposal: the bloc's leader unit for a bloc's nomination, the
    # unit itself, or the person's unit.
    submitting_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submitted_proposals",
    )
    scorecard = models.ForeignKey(
        "scoring.Scorecard",
        verbose_name=_("bảng chấm điểm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    # Taken at submission: {"status", "reasons": [{"rule_id", "message", "binding", …}],
    # "missing_documents", "quotas", "checked_on"}.
    eligibility = models.JSONField(_("kết quả kiểm tra điều kiện"), default=dict, blank=True)
    override_reason = models.TextField(_("lý do vẫn trình khi chưa đủ điều kiện"), blank=True)
    return_reason = models.TextField(_("lý do trả lại gần nhất"), blank=True)
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    appraised_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    due_at = models.DateField(_("hạn xử lý"), null=True, blank=True)
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
            models.UniqueConstraint(
                fields=["unit", "award_type", "year"],
                condition=models.Q(person__isnull=True) & ~models.Q(status__in=CLOSED_STATUSES),
                name="dossiers_proposal_live_unit_once",
            ),
            models.UniqueConstraint(
                fields=["person", "award_type", "year"],
                condition=models.Q(person__isnull=False) & ~models.Q(status__in=CLOSED_STATUSES),
                name="dossiers_proposal_live_person_once",
            ),
        ]
        indexes = [
            models.Index(fields=["province", "status", "due_at"], name="dossiers_prop_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} {self.year} – {self.unit or self.person}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The province follows the subject when a caller did not give it.
        if self.province_id is None:
            unit = self.unit if self.unit_id is not None else None
            if unit is None and self.person_id is not None:
                unit = self.person.unit
            if unit is not None:
                self.province_id = unit.province_id
        super().save(*args, **kwargs)

    @property
    def subject_unit_id(self) -> int | None:
        """The unit of the subject: the unit itself, or the person's unit."""
        if self.unit_id is not None:
            return self.unit_id
        person = self.person if self.person_id is not None else None
        return person.unit_id if person is not None else None


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


class DossierFile(models.Model):
    """An uploaded document of a dossier or of one of its proposals: its kind (a document kind
    of the rulebook, DOCUMENT_KINDS), checked by content, extension and size."""

    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("loại giấy tờ"), max_length=40)
    file = models.FileField(_("tệp"), upload_to="dossiers/%Y/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    # Papers of the board (appraisal report, opinions), which it may attach at any step.
    by_board = models.BooleanField(_("giấy tờ của Ban"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dossier__isnull=False) | models.Q(proposal__isnull=False),
                name="dossiers_file_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name
