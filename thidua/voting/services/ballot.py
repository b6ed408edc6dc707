"""Casting ballots: online (one per member unit, receipt code) and paper (double entry).

The voter roll (`Voter`) records that a unit has voted, with its audit history; the ballot is
stored apart with a random id and receipt, no timestamp and no author.
"""

import secrets
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import Unit
from thidua.voting.enums import Channel, PollStatus, SheetStatus
from thidua.voting.models import Ballot, Candidate, PaperEntry, PaperSheet, Poll, Voter
from thidua.voting.services._common import require_poll_status, require_reason, save

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_receipt() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _choice_ids(choices: Any) -> list[int]:
    if not isinstance(choices, list | tuple):
        raise ValidationFailed(_("Lựa chọn phải là một danh sách."), code="invalid_choice")
    ids = []
    for value in choices:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValidationFailed(_("Lựa chọn không hợp lệ."), code="invalid_choice")
        try:
            ids.append(int(value))
        except ValueError:
            raise ValidationFailed(_("Lựa chọn không hợp lệ."), code="invalid_choice") from None
    if len(set(ids)) != len(ids):
        raise ValidationFailed(_("Một đơn vị được chọn hai lần."), code="invalid_choice")
    return sorted(ids)


def _poll_shared(poll: Poll) -> Poll:
    """The poll row under a shared lock on PostgreSQL (ballots go in parallel; closing takes the
    exclusive lock, so a ballot lands before it or sees the poll closed). SQLite's immediate
    transactions already run one writer at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {Poll._meta.db_table} WHERE id = %s FOR SHARE",  # noqa: S608
                [poll.pk],
            )
        return Poll.objects.select_related("meeting__season__bloc").get(pk=poll.pk)
    return _locked_open_poll(poll)


def _locked_open_poll(poll: Poll) -> Poll:
    """The poll row locked: a ballot either lands before closing or sees the poll closed."""
    return (
        Poll.objects.select_for_update(of=("self",))
        .select_related("meeting__season__bloc")
        .get(pk=poll.pk)
    )


@transaction.atomic
def ballot_cast(*, actor: Any, poll: Poll, choices: Sequence[int]) -> str:
    """The actor's unit votes online; returns the receipt code (shown once, never stored with
    the voter). Refused: poll_not_open, online_not_allowed, already_voted, too_many_choices,
    invalid_choice (unknown or non-selectable candidate, repeated)."""
    ids = _choice_ids(choices)
    poll = _poll_shared(poll)
    require(actor, "voting.cast_ballot", poll)
    require_poll_status(poll, [PollStatus.OPEN])
    if not poll.allow_online:
        raise Conflict(
            _("Cuộc bỏ phiếu này chỉ dùng phiếu giấy tại hội nghị."), code="online_not_allowed"
        )
    if len(ids) > poll.seats:
        raise ValidationFailed(
            _("Chỉ được chọn tối đa %(n)s đơn vị (số lượng được bầu).") % {"n": poll.seats},
            code="too_many_choices",
        )
    selectable = set(
        Candidate.objects.filter(poll=poll, selectable=True).values_list("pk", flat=True)
    )
    if not set(ids) <= selectable:
        raise ValidationFailed(
            _("Có lựa chọn không thuộc danh sách bầu hoặc không được chọn."),
            code="invalid_choice",
        )
    voter = (
        Voter.objects.select_for_update(of=("self",))
        .filter(poll=poll, unit_id=actor.unit_id)
        .order_by("pk")
        .first()
    )
    if voter is None:
        raise Conflict(
            _("Đơn vị của bạn không có trong danh sách cử tri của cuộc bỏ phiếu này."),
            code="not_a_voter",
        )
    if voter.has_voted:
        raise Conflict(_("Đơn vị của bạn đã bỏ phiếu."), code="already_voted")
    voter.has_voted = True
    voter.channel = Channel.ONLINE
    save(voter, actor=actor, reason="ballot_cast")
    for _attempt in range(5):
        receipt = new_receipt()
        try:
            with transaction.atomic():
                Ballot.objects.create(
                    poll=poll, receipt=receipt, channel=Channel.ONLINE, choices=ids
                )
        except IntegrityError:  # pragma: no cover - a 1 in 10^18 receipt collision
            continue
        return receipt
    raise Conflict(_("Không tạo được mã phiếu, hãy thử lại."), code="retry")  # pragma: no cover


@transaction.atomic
def paper_issue(*, actor: Any, poll: Poll, units: Sequence[Unit]) -> int:
    """Paper ballots handed to present delegates: their units are marked as voting on paper."""
    poll = _locked_open_poll(poll)
    require(actor, "voting.issue_paper", poll)
    require_poll_status(poll, [PollStatus.OPEN])
    if not poll.allow_paper:
        raise Conflict(_("Cuộc bỏ phiếu này không dùng phiếu giấy."), code="paper_not_allowed")
    unit_ids = {u.pk for u in units}
    if not unit_ids:
        raise ValidationFailed(_("Chưa chọn đơn vị nào."), code="required")
    present = set(
        poll.meeting.attendances.filter(present=True, unit_id__in=unit_ids).values_list(
            "unit_id", flat=True
        )
    )
    absent = unit_ids - present
    if absent:
        raise ValidationFailed(
            _("Chỉ phát phiếu giấy cho đại biểu có mặt tại hội nghị."), code="not_present"
        )
    voters = list(
        Voter.objects.select_for_update(of=("self",))
        .filter(poll=poll, unit_id__in=unit_ids)
        .select_related("unit")
    )
    done = [v.unit.name for v in voters if v.has_voted]
    if done:
        raise Conflict(
            _("Đơn vị đã bỏ phiếu: %(units)s.") % {"units": ", ".join(sorted(done))},
            code="already_voted",
        )
    for voter in voters:
        voter.has_voted = True
        voter.channel = Channel.PAPER
        save(voter, actor=actor, reason="paper_issue")
    return len(voters)


def _paper_choices(poll: Poll, choices: Sequence[int]) -> list[int]:
    ids = _choice_ids(choices)
    known = set(Candidate.objects.filter(poll=poll).values_list("pk", flat=True))
    if not set(ids) <= known:
        raise ValidationFailed(_("Có lựa chọn không thuộc danh sách bầu."), code="invalid_choice")
    return ids


def _store_paper_ballot(sheet: PaperSheet, choices: list[int], marked: bool) -> None:
    Ballot.objects.create(
        poll_id=sheet.poll_id,
        receipt=f"P-{sheet.number:03d}",
        channel=Channel.PAPER,
        choices=choices,
        marked_spoiled=marked,
    )


@transaction.atomic
def paper_key(
    *,
    actor: Any,
    poll: Poll,
    number: int,
    choices: Sequence[int],
    marked_spoiled: bool = False,
) -> PaperSheet:
    """One committee member's keying of paper ballot `number`. When `entries_required` distinct
    keyers have keyed it: all agree → the ballot is stored (agreed); else conflict."""
    poll = _locked_open_poll(poll)
    require(actor, "voting.key_paper", poll)
    require_poll_status(poll, [PollStatus.OPEN])
    if not poll.allow_paper:
        raise Conflict(_("Cuộc bỏ phiếu này không dùng phiếu giấy."), code="paper_not_allowed")
    issued = Voter.objects.filter(poll=poll, channel=Channel.PAPER).count()
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= issued:
        raise ValidationFailed(
            _("Số phiếu phải từ 1 đến %(n)s (số phiếu giấy đã phát).") % {"n": issued},
            code="invalid_sheet_number",
        )
    ids = _paper_choices(poll, choices)
    sheet, _created = PaperSheet.objects.select_for_update(of=("self",)).get_or_create(
        poll=poll, number=number
    )
    if sheet.status == SheetStatus.AGREED:
        raise Conflict(_("Phiếu số %(n)s đã nhập xong.") % {"n": number}, code="sheet_complete")
    if sheet.status == SheetStatus.CONFLICT:
        raise Conflict(
            _("Phiếu số %(n)s có các lần nhập không khớp, chờ xử lý.") % {"n": number},
            code="sheet_conflict",
        )
    if sheet.entries.filter(keyer=actor).exists():
        raise Conflict(
            _("Bạn đã nhập phiếu số %(n)s; lần nhập sau phải do người khác thực hiện.")
            % {"n": number},
            code="already_keyed",
        )
    entry = PaperEntry(
        sheet=sheet,
        keyer=actor,
        choices=ids,
        marked_spoiled=bool(marked_spoiled),
        entered_at=timezone.now(),
    )
    save(entry, actor=actor, reason="paper_key")
    entries = list(sheet.entries.all())
    if len(entries) >= poll.entries_required:
        readings = {(tuple(e.choices), e.marked_spoiled) for e in entries}
        if len(readings) == 1:
            _store_paper_ballot(sheet, ids, bool(marked_spoiled))
            sheet.status = SheetStatus.AGREED
        else:
            sheet.status = SheetStatus.CONFLICT
    save(sheet, actor=actor, reason="paper_key")
    return sheet


@transaction.atomic
def paper_resolve(
    *,
    actor: Any,
    sheet: PaperSheet,
    choices: Sequence[int],
    marked_spoiled: bool = False,
    note: str,
) -> PaperSheet:
    """The leader or board settles a conflicting sheet from the paper ballot itself."""
    sheet = PaperSheet.objects.select_for_update(of=("self",)).get(pk=sheet.pk)
    poll = _locked_open_poll(sheet.poll)
    require(actor, "voting.resolve_paper", poll)
    require_poll_status(poll, [PollStatus.OPEN])
    if sheet.status != SheetStatus.CONFLICT:
        raise Conflict(
            _("Chỉ xử lý phiếu có các lần nhập không khớp."), code="sheet_not_in_conflict"
        )
    text = require_reason(note, field=_("ghi chú xử lý"))
    ids = _paper_choices(poll, choices)
    _store_paper_ballot(sheet, ids, bool(marked_spoiled))
    sheet.status = SheetStatus.AGREED
    sheet.resolution_note = text
    save(sheet, actor=actor, reason="paper_resolve")
    return sheet
