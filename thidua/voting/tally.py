"""The count of a poll as a pure function: ballots in, result out. No ORM, no request.

CONTRACT (implemented by the tally helper; signatures are fixed, services rely on them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

BallotState = Literal["valid", "blank", "spoiled"]


@dataclass(frozen=True)
class BallotIn:
    choices: tuple[int, ...]  # candidate ids as keyed / cast (may be unsorted, may repeat)
    marked_spoiled: bool = False  # the counting committee marked a paper ballot invalid


@dataclass(frozen=True)
class CandidateIn:
    id: int
    selectable: bool = True
    female_share: Fraction | None = None  # GEN-05: ≥ 70 % women preferred on a tie


@dataclass(frozen=True)
class TallyRules:
    seats: int
    members: int  # all member units with a right to vote (the base of VOT-02/03)
    threshold_share: Fraction
    threshold_strict: bool = False
    threshold_base: Literal["members", "cast", "valid"] = "members"
    tie_policy: Literal["runoff", "gen05"] = "runoff"
    max_choices: int | None = None  # defaults to seats


@dataclass(frozen=True)
class CandidateResult:
    id: int
    votes: int
    share: Fraction  # votes / base (0 when base is 0)
    passes_threshold: bool
    elected: bool
    tied: bool  # in a tie at the last seat that the tie policy could not settle
    decided_by: str  # rule id that decided this line: "VOT-13" threshold, "GEN-05", "VOT-11", ""


@dataclass(frozen=True)
class TallyResult:
    cast: int
    valid: int
    blank: int
    spoiled: int
    base: int  # the count the threshold is taken of
    required: int  # votes needed: ceil(base × share) or floor(base × share) + 1 when strict
    candidates: tuple[CandidateResult, ...]  # by votes desc, then candidate order given
    elected: tuple[int, ...]
    tied: tuple[int, ...]  # candidates of an unsettled tie at the last seat (run-off needed)
    seats_left: int  # seats a run-off still has to fill
    notes: tuple[str, ...] = field(default=())  # Vietnamese explanations, rule ids named

    @property
    def needs_runoff(self) -> bool:
        return bool(self.tied)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready:
        {"cast", "valid", "blank", "spoiled", "base", "required", "seats_left": int,
         "elected": [id], "tied": [id], "notes": [str],
         "candidates": [{"id": int, "votes": int, "share": "num/den", "share_pct": float
                         (percent, 2 places, e.g. 86.67), "passes_threshold": bool,
                         "elected": bool, "tied": bool, "decided_by": str}]}
        poll_close adds "members", "present", "issued" (ballots handed out: online voters and
        paper ballots issued) and "rules" (the rule ids and citations in force)."""
        raise NotImplementedError


def required_votes(base: int, share: Fraction, *, strict: bool) -> int:
    """ceil(base × share), never rounding down; strict ("more than"): floor(base × share) + 1."""
    raise NotImplementedError


def classify(ballot: BallotIn, candidates: Mapping[int, CandidateIn], max_choices: int) -> BallotState:
    """blank: no choice; spoiled: marked, more choices than max, a repeated, unknown or
    non-selectable candidate; else valid."""
    raise NotImplementedError


def tally(
    ballots: Iterable[BallotIn], candidates: Sequence[CandidateIn], rules: TallyRules
) -> TallyResult:
    """Count, apply the threshold, fill the seats by votes, settle or report a tie at the last
    seat. Independent of ballot order."""
    raise NotImplementedError


def ballot_list_hash(rows: Sequence[Mapping[str, Any]]) -> str:
    """SHA-256 hex of the canonical JSON (sorted keys, no spaces, UTF-8) of the published ballot
    list, rows sorted by receipt."""
    raise NotImplementedError
