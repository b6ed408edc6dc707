"""Reads of the year-end meeting, scoped to the user. Results only after a poll closes.

CONTRACT: signatures and dataclass fields are fixed (pages and API rely on them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from thidua.org.models import Season
from thidua.voting.models import Attendance, Candidate, CommitteeMember, Meeting, Poll


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


def meeting_get_for_user(*, user: Any, pk: int) -> Meeting:
    raise NotImplementedError


def meeting_for_season(*, user: Any, season: Season) -> Meeting | None:
    raise NotImplementedError


def meeting_detail(*, user: Any, meeting: Meeting) -> MeetingView:
    raise NotImplementedError


def poll_get_for_user(*, user: Any, pk: int) -> Poll:
    raise NotImplementedError


def poll_candidates(*, user: Any, poll: Poll) -> list[Candidate]:
    raise NotImplementedError


def turnout(*, user: Any, poll: Poll) -> Turnout:
    raise NotImplementedError


def poll_result(*, user: Any, poll: Poll) -> PollResult:
    """Conflict(code="poll_not_closed") before closing: no partial result."""
    raise NotImplementedError


def ballot_list(*, user: Any, poll: Poll) -> BallotList:
    """The anonymous ballots of a closed poll, by receipt (perm voting.view_ballots)."""
    raise NotImplementedError


def voter_status(*, user: Any, poll: Poll) -> VoterStatus:
    raise NotImplementedError


def paper_sheets(*, user: Any, poll: Poll) -> list[SheetRow]:
    raise NotImplementedError


def award_choices(*, year: int) -> list[tuple[str, str]]:
    """(code, name) of the award types a bloc votes on, in catalogue order."""
    raise NotImplementedError
