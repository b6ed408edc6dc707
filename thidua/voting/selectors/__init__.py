"""Reads of the year-end meeting, scoped to the user. Results only after a poll closes.

Signatures and dataclass fields are relied on by the pages and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from thidua.accounts.permissions import can, require
from thidua.awards.rulebook import check_quorum, load_rulebook, poll_rules
from thidua.awards.selectors import overrides_for
from thidua.core.exceptions import Conflict, NotFound
from thidua.org.models import Season, SeasonMembership
from thidua.voting.counting import compute_result, published_rows
from thidua.voting.enums import Channel, PollKind, PollStatus, SheetStatus, ThresholdBase
from thidua.voting.models import (
    Attendance,
    Ballot,
    Candidate,
    CommitteeMember,
    Meeting,
    PaperSheet,
    Poll,
    Voter,
)
from thidua.voting.tally import ballot_list_hash


@dataclass(frozen=True)
class PollSummary:
    poll: Poll
    award_name: str  # catalogue name, "" for elections
    candidates: int
    voted: int  # units that have voted (online or handed a paper ballot)
    members: int


@dataclass(frozen=True)
class MeetingView:
    meeting: Meeting
    season: Season
    attendances: list[Attendance]
    committee: list[CommitteeMember]
    polls: list[PollSummary]
    members: int
    present: int
    quorum_share: Decimal  # of the rule in force for the season's year (for display)
    quorum_met: bool


@dataclass(frozen=True)
class Turnout:
    """Live figures during voting: who has voted is public; what they voted is not."""

    poll: Poll
    members: int
    present: int
    voted_online: int
    paper_issued: int
    sheets_agreed: int
    sheets_pending: int
    sheets_conflict: int
    voted_units: list[str]  # unit names that have voted, by name
    waiting_units: list[str]

    @property
    def voted(self) -> int:
        return self.voted_online + self.paper_issued


@dataclass(frozen=True)
class ResultRow:
    candidate: Candidate
    unit_name: str
    votes: int
    share_pct: Decimal
    passes_threshold: bool
    elected: bool
    tied: bool
    decided_by: str


@dataclass(frozen=True)
class PollResult:
    poll: Poll
    rows: list[ResultRow]
    members: int
    present: int
    issued: int
    cast: int
    valid: int
    blank: int
    spoiled: int
    base: int
    required: int
    threshold_text: str  # "trên 50% tổng số thành viên (8/15 phiếu) – VOT-13, <citation>"
    rules: dict[str, dict[str, str]]  # result["rules"]
    elected_names: list[str]
    tied_names: list[str]
    ballot_list_hash: str
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BallotRow:
    receipt: str
    channel: str
    status: str  # valid / blank / spoiled
    choices: list[str]  # unit codes, sorted


@dataclass(frozen=True)
class BallotList:
    poll: Poll
    rows: list[BallotRow]
    hash: str  # recomputed now from rows; equals poll.ballot_list_hash unless tampered
    matches: bool  # recomputed hash == frozen hash and recomputed tally == frozen result


@dataclass(frozen=True)
class VoterStatus:
    can_vote: bool
    has_voted: bool
    channel: str
    reason: str  # Vietnamese, when can_vote is False


@dataclass(frozen=True)
class SheetRow:
    number: int
    status: str
    entries: int
    keyed_by_me: bool
    # The keyed choices are shown only once the sheet is complete (blind double entry).
    entry_choices: list[list[str]]


def _pct(value: Fraction) -> Decimal:
    return (Decimal(value.numerator * 100) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def meeting_get_for_user(*, user: Any, pk: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("season__bloc__province", "season__leader", "season__deputy")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise NotFound()
    require(user, "voting.view_meeting", meeting)
    return meeting


def meeting_for_season(*, user: Any, season: Season) -> Meeting | None:
    require(user, "voting.view_meeting", season)
    return Meeting.objects.select_related("season__bloc__province").filter(season=season).first()


def _award_names() -> dict[str, str]:
    return {a.code: a.name for a in load_rulebook().award_types()}


def meeting_detail(*, user: Any, meeting: Meeting) -> MeetingView:
    require(user, "voting.view_meeting", meeting)
    season = meeting.season
    attendances = list(
        Attendance.objects.filter(meeting=meeting).select_related("unit").order_by("unit__name")
    )
    committee = list(
        CommitteeMember.objects.filter(meeting=meeting)
        .select_related("user")
        .order_by("order", "id")
    )
    polls = list(
        Poll.objects.filter(meeting=meeting)
        .annotate(
            n_candidates=Count("candidates", distinct=True),
            n_voted=Count("voters", filter=Q(voters__has_voted=True), distinct=True),
        )
        .order_by("order", "id")
    )
    members = len(attendances)
    present = sum(1 for a in attendances if a.present)
    names = _award_names()
    summaries = [
        PollSummary(
            poll=p,
            award_name=names.get(p.award_type, p.award_type),
            candidates=p.n_candidates,  # type: ignore[attr-defined]
            voted=p.n_voted,  # type: ignore[attr-defined]
            members=p.members_count or members,
        )
        for p in polls
    ]
    rules = poll_rules(
        load_rulebook(),
        kind="nomination",
        award_type="",
        year=season.year,
        overrides=overrides_for(season),
    )
    quorum = Fraction(rules.quorum_share)
    return MeetingView(
        meeting=meeting,
        season=season,
        attendances=attendances,
        committee=committee,
        polls=summaries,
        members=members,
        present=present,
        quorum_share=_pct(quorum),
        quorum_met=not check_quorum(rules, members=members, present=present),
    )


def poll_get_for_user(*, user: Any, pk: int) -> Poll:
    poll = (
        Poll.objects.select_related(
            "meeting__season__bloc__province", "meeting__season__leader", "runoff_of"
        )
        .filter(pk=pk)
        .first()
    )
    if poll is None:
        raise NotFound()
    require(user, "voting.view_meeting", poll)
    return poll


def poll_candidates(*, user: Any, poll: Poll) -> list[Candidate]:
    require(user, "voting.view_meeting", poll)
    return list(Candidate.objects.filter(poll=poll).select_related("unit").order_by("order", "id"))


def turnout(*, user: Any, poll: Poll) -> Turnout:
    require(user, "voting.view_meeting", poll)
    voters = list(Voter.objects.filter(poll=poll).select_related("unit").order_by("unit__name"))
    sheets = dict(
        PaperSheet.objects.filter(poll=poll)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    present = (
        poll.present_count
        if poll.status != PollStatus.DRAFT
        else Attendance.objects.filter(meeting_id=poll.meeting_id, present=True).count()
    )
    members = (
        poll.members_count
        or SeasonMembership.objects.filter(season_id=poll.meeting.season_id).count()
    )
    return Turnout(
        poll=poll,
        members=members,
        present=present,
        voted_online=sum(1 for v in voters if v.has_voted and v.channel == Channel.ONLINE),
        paper_issued=sum(1 for v in voters if v.has_voted and v.channel == Channel.PAPER),
        sheets_agreed=sheets.get(SheetStatus.AGREED, 0),
        sheets_pending=sheets.get(SheetStatus.PENDING, 0),
        sheets_conflict=sheets.get(SheetStatus.CONFLICT, 0),
        voted_units=[v.unit.name for v in voters if v.has_voted],
        waiting_units=[v.unit.name for v in voters if not v.has_voted],
    )


def _require_closed(poll: Poll) -> None:
    if poll.status != PollStatus.CLOSED:
        raise Conflict(
            _("Cuộc bỏ phiếu chưa kết thúc: kết quả chỉ công bố sau khi kết thúc bỏ phiếu."),
            code="poll_not_closed",
        )


def _pct_text(value: Decimal) -> str:
    """50.00 → "50", 66.67 → "66,67" (Vietnamese decimal comma; English keeps the point)."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",") if get_language() in (None, "vi") else text


def threshold_text(poll: Poll, result: dict[str, Any]) -> str:
    share = _pct_text(_pct(poll.threshold))
    base = ThresholdBase(poll.threshold_base).label.lower()
    rule = (poll.rule_ids or {}).get("threshold", {})
    if poll.threshold_strict:
        text = _("trên %(share)s%% %(base)s") % {"share": share, "base": base}
    else:
        text = _("từ %(share)s%% %(base)s trở lên") % {"share": share, "base": base}
    text += " " + _("(cần %(required)s/%(count)s phiếu)") % {
        "required": result.get("required", 0),
        "count": result.get("base", 0),
    }
    if rule:
        text += f" – {rule.get('id', '')}, {rule.get('citation', '')}"
    return text


def poll_result(*, user: Any, poll: Poll) -> PollResult:
    """Conflict(code="poll_not_closed") before closing: no partial result."""
    require(user, "voting.view_meeting", poll)
    _require_closed(poll)
    result = poll.result or {}
    candidates = {c.pk: c for c in Candidate.objects.filter(poll=poll).select_related("unit")}
    rows = []
    for line in result.get("candidates", []):
        candidate = candidates.get(line["id"])
        if candidate is None:
            continue
        rows.append(
            ResultRow(
                candidate=candidate,
                unit_name=candidate.unit.name,
                votes=int(line["votes"]),
                share_pct=Decimal(str(line.get("share_pct", 0))).quantize(Decimal("0.01")),
                passes_threshold=bool(line["passes_threshold"]),
                elected=bool(line["elected"]),
                tied=bool(line["tied"]),
                decided_by=str(line.get("decided_by", "")),
            )
        )
    elected = [r.unit_name for r in rows if r.elected]
    tied = [r.unit_name for r in rows if r.tied]
    return PollResult(
        poll=poll,
        rows=rows,
        members=int(result.get("members", poll.members_count)),
        present=int(result.get("present", poll.present_count)),
        issued=int(result.get("issued", 0)),
        cast=int(result.get("cast", 0)),
        valid=int(result.get("valid", 0)),
        blank=int(result.get("blank", 0)),
        spoiled=int(result.get("spoiled", 0)),
        base=int(result.get("base", 0)),
        required=int(result.get("required", 0)),
        threshold_text=threshold_text(poll, result),
        rules=dict(result.get("rules", {})),
        elected_names=elected,
        tied_names=tied,
        ballot_list_hash=poll.ballot_list_hash,
        notes=list(result.get("notes", [])),
    )


def _frozen_counts(result: dict[str, Any]) -> tuple[Any, ...]:
    lines = tuple(
        (c["id"], c["votes"], c["elected"], c["tied"]) for c in result.get("candidates", [])
    )
    keys = ("cast", "valid", "blank", "spoiled", "required")
    return (*(result.get(k) for k in keys), lines)


def ballot_list(*, user: Any, poll: Poll) -> BallotList:
    """The anonymous ballots of a closed poll, by receipt (perm voting.view_ballots)."""
    require(user, "voting.view_ballots", poll)
    _require_closed(poll)
    rows = published_rows(poll)
    digest = ballot_list_hash(rows)
    matches = digest == poll.ballot_list_hash and _frozen_counts(
        compute_result(poll)
    ) == _frozen_counts(poll.result or {})
    return BallotList(
        poll=poll,
        rows=[BallotRow(**row) for row in rows],
        hash=digest,
        matches=matches,
    )


def voter_status(*, user: Any, poll: Poll) -> VoterStatus:
    require(user, "voting.view_meeting", poll)
    unit_id = getattr(user, "unit_id", None)
    voter = Voter.objects.filter(poll=poll, unit_id=unit_id).first() if unit_id else None
    has_voted = bool(voter and voter.has_voted)
    channel = voter.channel if voter else ""
    reason = ""
    if not user.has_perm("voting.cast_ballot", poll):
        reason = _("Chỉ đại biểu (cán bộ) của đơn vị thành viên được bỏ phiếu.")
    elif poll.status != PollStatus.OPEN:
        reason = _("Cuộc bỏ phiếu không mở.")
    elif not poll.allow_online:
        reason = _("Cuộc bỏ phiếu này chỉ dùng phiếu giấy tại hội nghị.")
    elif voter is None:
        reason = _("Đơn vị của bạn không có trong danh sách cử tri.")
    elif has_voted:
        reason = (
            _("Đơn vị của bạn đã nhận phiếu giấy tại hội nghị.")
            if channel == Channel.PAPER
            else _("Đơn vị của bạn đã bỏ phiếu.")
        )
    return VoterStatus(can_vote=not reason, has_voted=has_voted, channel=channel, reason=reason)


def paper_sheets(*, user: Any, poll: Poll) -> list[SheetRow]:
    # The keyers, and the leader or board who settle a conflict by looking at what was keyed.
    if not can(user, "voting.resolve_paper", poll):
        require(user, "voting.key_paper", poll)
    codes = dict(Candidate.objects.filter(poll=poll).values_list("pk", "unit__code"))
    sheets = PaperSheet.objects.filter(poll=poll).prefetch_related("entries").order_by("number")
    rows = []
    for sheet in sheets:
        entries = list(sheet.entries.all())
        complete = sheet.status != SheetStatus.PENDING
        rows.append(
            SheetRow(
                number=sheet.number,
                status=sheet.status,
                entries=len(entries),
                keyed_by_me=any(e.keyer_id == user.pk for e in entries),
                entry_choices=[
                    [
                        *sorted(codes.get(c, "?") for c in e.choices),
                        *(["✗"] if e.marked_spoiled else []),
                    ]
                    for e in entries
                ]
                if complete
                else [],
            )
        )
    return rows


def award_choices(*, year: int) -> list[tuple[str, str]]:
    """(code, name) of the award types a bloc votes on, in catalogue order."""
    return [(a.code, a.name) for a in load_rulebook().award_types(bloc_vote=True)]


def ballots_count(poll: Poll) -> int:
    return Ballot.objects.filter(poll=poll).count()


__all__ = [
    "BallotList",
    "BallotRow",
    "MeetingView",
    "PollKind",
    "PollResult",
    "PollSummary",
    "ResultRow",
    "SheetRow",
    "Turnout",
    "VoterStatus",
    "award_choices",
    "ballot_list",
    "meeting_detail",
    "meeting_for_season",
    "meeting_get_for_user",
    "paper_sheets",
    "poll_candidates",
    "poll_get_for_user",
    "poll_result",
    "threshold_text",
    "turnout",
    "voter_status",
]
