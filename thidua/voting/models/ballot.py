"""Who has voted, and the anonymous ballots, kept apart.

`Voter` says that a unit has voted (and by which channel); `Ballot` holds what was voted, with a
random id, a random receipt, no timestamp, no author and no history table. Nothing on a ballot
points back to a voter; closing a poll rewrites its ballots in random order under new ids so that
not even the physical row order or transaction ids follow the order of voting.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.voting.enums import BallotStatus, Channel, SheetStatus


class Voter(models.Model):
    """A member unit's right to one ballot in a poll, created when the poll opens."""

    poll = models.ForeignKey("voting.Poll", on_delete=models.CASCADE, related_name="voters")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    has_voted = models.BooleanField(_("đã bỏ phiếu"), default=False)
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["poll", "unit__name"]
        verbose_name = _("cử tri")
        verbose_name_plural = _("danh sách cử tri")
        constraints = [
            models.UniqueConstraint(fields=["poll", "unit"], name="voting_voter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.poll}"


def _new_id() -> uuid.UUID:
    return uuid.uuid4()


class Ballot(models.Model):
    """An anonymous ballot: the candidates kept on it, or blank, or spoiled. No link to a voter."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    poll = models.ForeignKey("voting.Poll", on_delete=models.CASCADE, related_name="ballots")
    # Online: a random code shown once to the voter. Paper: "P-<sheet number>".
    receipt = models.CharField(_("mã phiếu"), max_length=20)
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel.choices)
    # Candidate ids, sorted; the status is derived by voting.tally.classify at counting time,
    # except a paper ballot the committee marks spoiled (unstamped, written on, …).
    choices = models.JSONField(_("lựa chọn"), default=list, blank=True)
    marked_spoiled = models.BooleanField(_("ban kiểm phiếu đánh dấu không hợp lệ"), default=False)

    class Meta:
        ordering = ["poll", "receipt"]
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "receipt"], name="voting_ballot_receipt_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.receipt


class PaperSheet(models.Model):
    """A numbered paper ballot the counting committee keys; stored as a Ballot once entries agree."""

    poll = models.ForeignKey("voting.Poll", on_delete=models.CASCADE, related_name="sheets")
    number = models.PositiveIntegerField(_("số phiếu"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.PENDING
    )
    # How the committee head settled a conflict between entries, when one was needed.
    resolution_note = models.TextField(_("ghi chú xử lý"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["poll", "number"]
        verbose_name = _("phiếu giấy")
        verbose_name_plural = _("phiếu giấy")
        constraints = [
            models.UniqueConstraint(fields=["poll", "number"], name="voting_sheet_unique"),
        ]

    def __str__(self) -> str:
        return f"P-{self.number:03d}"


class PaperEntry(models.Model):
    """One committee member's independent keying of a paper ballot (double / triple entry)."""

    sheet = models.ForeignKey(PaperSheet, on_delete=models.CASCADE, related_name="entries")
    keyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField(_("lựa chọn"), default=list, blank=True)
    marked_spoiled = models.BooleanField(_("đánh dấu không hợp lệ"), default=False)
    entered_at = models.DateTimeField(_("nhập lúc"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["sheet", "entered_at", "id"]
        verbose_name = _("lần nhập phiếu giấy")
        verbose_name_plural = _("lần nhập phiếu giấy")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "keyer"], name="voting_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.sheet} – {self.keyer}"


__all__ = ["Ballot", "BallotStatus", "PaperEntry", "PaperSheet", "Voter"]
