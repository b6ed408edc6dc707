"""The count of a poll as a pure function: ballots in, result out. No ORM, no request.

CONTRACT (implemented by the tally helper; signatures are fixed, services rely on them).

Exact arithmetic (Fraction): a share of the members is never rounded down (VOT-02/03: 15 members
at 80 % need 12, at 90 % need 14). Notes are Vietnamese and not wrapped in gettext: this module is
importable without Django settings.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import groupby
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
    # Written into decided_by of the lines the threshold decided (the caller's rule id: "VOT-13"
    # for a nomination, "BLK-04" for a leader / deputy election).
    threshold_rule: str = "threshold"
    # GEN-05: from this share of women a collective is preferred on a tie.
    female_share_min: Fraction = Fraction(7, 10)


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
        return {
            "cast": self.cast,
            "valid": self.valid,
            "blank": self.blank,
            "spoiled": self.spoiled,
            "base": self.base,
            "required": self.required,
            "seats_left": self.seats_left,
            "elected": list(self.elected),
            "tied": list(self.tied),
            "notes": list(self.notes),
            "candidates": [
                {
                    "id": line.id,
                    "votes": line.votes,
                    "share": f"{line.share.numerator}/{line.share.denominator}",
                    "share_pct": percent(line.share),
                    "passes_threshold": line.passes_threshold,
                    "elected": line.elected,
                    "tied": line.tied,
                    "decided_by": line.decided_by,
                }
                for line in self.candidates
            ],
        }


GEN05 = "GEN-05"
TIE_RULE = "VOT-11"
# decided_by of a line that passed the threshold but ranked below the seats.
OUTRANKED = "seats"
_BASE_LABELS = {
    "members": "tổng số thành viên",
    "cast": "số phiếu thu vào",
    "valid": "số phiếu hợp lệ",
}


def percent(share: Fraction) -> float:
    """share × 100, rounded half up to 2 places (86.666… → 86.67), as minutes print it."""
    return math.floor(share * 10000 + Fraction(1, 2)) / 100


def required_votes(base: int, share: Fraction, *, strict: bool) -> int:
    """ceil(base × share), never rounding down; strict ("more than"): floor(base × share) + 1.

    At least 1: with a base of 0 (or a share of 0) nobody passes on no votes.
    """
    share = Fraction(share)
    if base < 0 or share < 0:
        raise ValueError("base and share must not be negative")
    product = base * share
    needed = math.floor(product) + 1 if strict else math.ceil(product)
    return max(needed, 1)


def classify(
    ballot: BallotIn, candidates: Mapping[int, CandidateIn], max_choices: int
) -> BallotState:
    """blank: no choice; spoiled: marked, more choices than max, a repeated, unknown or
    non-selectable candidate; else valid."""
    # The committee's mark wins over everything, a blank paper included.
    if ballot.marked_spoiled:
        return "spoiled"
    choices = ballot.choices
    if not choices:
        return "blank"
    if len(choices) > max_choices or len(set(choices)) != len(choices):
        return "spoiled"
    for choice in choices:
        candidate = candidates.get(choice)
        if candidate is None or not candidate.selectable:
            return "spoiled"
    return "valid"


def tally(
    ballots: Iterable[BallotIn], candidates: Sequence[CandidateIn], rules: TallyRules
) -> TallyResult:
    """Count, apply the threshold, fill the seats by votes, settle or report a tie at the last
    seat. Independent of ballot order."""
    if rules.seats < 1:
        raise ValueError("seats must be at least 1")
    by_id = {c.id: c for c in candidates}
    if len(by_id) != len(candidates):
        raise ValueError("candidate ids must be unique")
    max_choices = rules.seats if rules.max_choices is None else rules.max_choices
    votes = dict.fromkeys(by_id, 0)
    counts = {"valid": 0, "blank": 0, "spoiled": 0}
    # Identical ballots are classified once: a poll has few distinct ballots.
    states: dict[tuple[tuple[int, ...], bool], BallotState] = {}
    for ballot in ballots:
        key = (ballot.choices, ballot.marked_spoiled)
        state = states.get(key)
        if state is None:
            state = states[key] = classify(ballot, by_id, max_choices)
        counts[state] += 1
        if state == "valid":
            for choice in ballot.choices:
                votes[choice] += 1
    cast = sum(counts.values())
    base = {"members": rules.members, "cast": cast, "valid": counts["valid"]}[rules.threshold_base]
    required = required_votes(base, rules.threshold_share, strict=rules.threshold_strict)
    position = {c.id: i for i, c in enumerate(candidates)}
    ranked = sorted(candidates, key=lambda c: (-votes[c.id], position[c.id]))
    passing = [c for c in ranked if c.selectable and votes[c.id] >= required]
    seats = _fill_seats(passing, votes, rules)
    lines = tuple(
        CandidateResult(
            id=c.id,
            votes=votes[c.id],
            share=Fraction(votes[c.id], base) if base else Fraction(0),
            passes_threshold=c.selectable and votes[c.id] >= required,
            elected=c.id in seats.elected,
            tied=c.id in seats.tied,
            decided_by=_decided_by(c, votes[c.id] >= required, seats, rules),
        )
        for c in ranked
    )
    return TallyResult(
        cast=cast,
        valid=counts["valid"],
        blank=counts["blank"],
        spoiled=counts["spoiled"],
        base=base,
        required=required,
        candidates=lines,
        elected=tuple(c.id for c in ranked if c.id in seats.elected),
        tied=tuple(c.id for c in ranked if c.id in seats.tied),
        seats_left=seats.left if seats.tied else 0,
        notes=_notes(rules, base=base, required=required, passing=len(passing), seats=seats),
    )


@dataclass
class _Seats:
    elected: set[int] = field(default_factory=set)
    tied: set[int] = field(default_factory=set)
    left: int = 0
    gen05: bool = False  # GEN-05 settled the last seat(s), wholly or in part
    by_gen05: set[int] = field(default_factory=set)  # lines GEN-05 decided (elected or not)
    tie_votes: int = 0
    tie_size: int = 0  # size of the equal-votes group at the last seat


def _fill_seats(passing: list[CandidateIn], votes: Mapping[int, int], rules: TallyRules) -> _Seats:
    """Seats to the passing candidates by votes; a group of equal votes that does not fit in the
    seats left is settled by GEN-05 (when the policy says so) or reported as tied."""
    result = _Seats(left=rules.seats)
    for count, members in groupby(passing, key=lambda c: votes[c.id]):
        group = list(members)
        if len(group) <= result.left:
            result.elected.update(c.id for c in group)
            result.left -= len(group)
            if result.left == 0:
                break
            continue
        result.tie_votes, result.tie_size = count, len(group)
        still_tied = {c.id for c in group}
        preferred = {c.id for c in group if _preferred(c, rules)}
        if rules.tie_policy == "gen05" and 0 < len(preferred) < len(group):
            result.gen05 = True
            if len(preferred) <= result.left:
                result.elected.update(preferred)
                result.left -= len(preferred)
                still_tied -= preferred
            else:
                still_tied = preferred
            result.by_gen05 = {c.id for c in group} - (still_tied if result.left else set())
        if result.left:
            result.tied = still_tied
        break
    return result


def _preferred(candidate: CandidateIn, rules: TallyRules) -> bool:
    share = candidate.female_share
    return share is not None and share >= rules.female_share_min


def _decided_by(candidate: CandidateIn, passes: bool, seats: _Seats, rules: TallyRules) -> str:
    if not candidate.selectable:
        return ""
    if candidate.id in seats.tied:
        return TIE_RULE
    if candidate.id in seats.by_gen05:
        return GEN05
    if candidate.id in seats.elected or not passes:
        return rules.threshold_rule
    return OUTRANKED


def _notes(
    rules: TallyRules, *, base: int, required: int, passing: int, seats: _Seats
) -> tuple[str, ...]:
    rule = "" if rules.threshold_rule == "threshold" else f" ({rules.threshold_rule})"
    label = _BASE_LABELS[rules.threshold_base]
    if rules.threshold_strict:
        threshold = f"quá {rules.threshold_share} {label} ({base}), cần {required} phiếu."
    else:
        threshold = (
            f"ít nhất {rules.threshold_share} {label} ({base}), cần {required} phiếu "
            "(làm tròn lên, không làm tròn xuống)."
        )
    notes = [f"Ngưỡng đạt{rule}: {threshold}"]
    if passing == 0:
        notes.append("Không đơn vị nào đạt ngưỡng.")
    elif passing < rules.seats:
        notes.append(f"Chỉ {passing} đơn vị đạt ngưỡng cho {rules.seats} suất.")
    if seats.gen05:
        notes.append(
            f"{seats.tie_size} đơn vị cùng {seats.tie_votes} phiếu ở suất cuối: ưu tiên tập thể "
            f"có từ {percent(rules.female_share_min):g}% nữ trở lên ({GEN05})."
        )
    if seats.tied:
        notes.append(
            f"{len(seats.tied)} đơn vị cùng {seats.tie_votes} phiếu tranh {seats.left} suất "
            f"cuối: cần bỏ phiếu lại giữa các đơn vị này ({TIE_RULE})."
        )
    return tuple(notes)


def ballot_list_hash(rows: Sequence[Mapping[str, Any]]) -> str:
    """SHA-256 hex of the canonical JSON (sorted keys, no spaces, UTF-8) of the published ballot
    list, rows sorted by receipt."""
    ordered = sorted(rows, key=lambda row: str(row["receipt"]))
    text = json.dumps(ordered, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
