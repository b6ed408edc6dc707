from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.voting.enums import PollKind, PollStatus, ThresholdBase, TiePolicy


class Poll(models.Model):
    """A vote at the meeting: a nomination per award type, or the leader / deputy election.

    The rules in force are copied onto the poll when it is set up (threshold, base, quorum, tie
    policy, with the ids of the rules that gave them), so a later change of rule data never
    changes a past result.
    """

    meeting = models.ForeignKey("voting.Meeting", on_delete=models.PROTECT, related_name="polls")
    kind = models.CharField(_("loại"), max_length=20, choices=PollKind.choices)
    award_type = models.CharField(_("hình thức khen thưởng"), max_length=60, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    seats = models.PositiveSmallIntegerField(_("số lượng được bầu"), default=1)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PollStatus.choices, default=PollStatus.DRAFT
    )
    allow_online = models.BooleanField(_("bỏ phiếu trực tuyến"), default=True)
    allow_paper = models.BooleanField(_("bỏ phiếu giấy"), default=True)
    # Double entry: how many members of the counting committee key each paper ballot (1 to 3).
    entries_required = models.PositiveSmallIntegerField(_("số lần nhập mỗi phiếu giấy"), default=2)
    # Exact fractions as text ("1/2", "4/5", "2/3"): 2/3 as a decimal would round the count.
    threshold_share = models.CharField(_("tỷ lệ đạt"), max_length=20, default="1/2")
    threshold_strict = models.BooleanField(_("phải vượt quá tỷ lệ"), default=True)
    threshold_base = models.CharField(
        _("tính trên"), max_length=20, choices=ThresholdBase.choices, default=ThresholdBase.MEMBERS
    )
    quorum_share = models.CharField(_("tỷ lệ có mặt tối thiểu"), max_length=20, default="0")
    tie_policy = models.CharField(
        _("khi bằng phiếu"), max_length=20, choices=TiePolicy.choices, default=TiePolicy.RUNOFF
    )
    # {"threshold": {"id": "VOT-13", "citation": …, "confidence": "U", "title": …, "source": …},
    #  "quorum": {…}, "seats": {…}, "tie": {…}, "max_choices": {…}}
    rule_ids = models.JSONField(_("quy tắc áp dụng"), default=dict, blank=True)
    # Warnings of rules tagged [U] the user went past, and the reason recorded for doing so.
    warnings = models.JSONField(_("cảnh báo"), default=list, blank=True)
    override_reason = models.TextField(_("lý do vượt cảnh báo"), blank=True)
    runoff_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="runoffs",
        verbose_name=_("bỏ phiếu lại của"),
    )
    members_count = models.PositiveSmallIntegerField(_("tổng số thành viên"), default=0)
    present_count = models.PositiveSmallIntegerField(_("số có mặt"), default=0)
    opened_at = models.DateTimeField(_("mở lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Frozen at closing: the tally (see voting.tally.TallyResult.as_dict) and the ballot list hash.
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    ballot_list_hash = models.CharField(_("mã băm danh sách phiếu"), max_length=64, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("cuộc bỏ phiếu")
        verbose_name_plural = _("cuộc bỏ phiếu")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats__gte=1), name="voting_poll_seats_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(entries_required__gte=1, entries_required__lte=3),
                name="voting_poll_entries_1_3",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def season(self):  # type: ignore[no-untyped-def]
        return self.meeting.season

    @property
    def threshold(self) -> Fraction:
        return Fraction(self.threshold_share)

    @property
    def quorum(self) -> Fraction:
        return Fraction(self.quorum_share)


class Candidate(models.Model):
    """A member unit on the poll's list, ordered by the season's ranking.

    A unit barred by a hard rule (GEN-03 exclusion) stays on the list, marked and not selectable;
    a [U] rule (e.g. BLK-05, leader two years running) only adds a warning.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="candidates")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)
    total = models.DecimalField(
        _("tổng điểm"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    # Share of women among the unit's people, for the GEN-05 preference on ties.
    female_share = models.DecimalField(
        _("tỷ lệ nữ"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    selectable = models.BooleanField(_("được chọn"), default=True)
    exclusion_rule = models.CharField(_("quy tắc loại trừ"), max_length=20, blank=True)
    exclusion_reason = models.TextField(_("lý do không được chọn"), blank=True)
    warning = models.TextField(_("cảnh báo"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["poll", "order", "id"]
        verbose_name = _("đơn vị trong danh sách")
        verbose_name_plural = _("danh sách bầu")
        constraints = [
            models.UniqueConstraint(fields=["poll", "unit"], name="voting_candidate_unique"),
        ]

    def __str__(self) -> str:
        return str(self.unit)
