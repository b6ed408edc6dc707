"""The legal rulebook as data (rulebook.toml), read by pure functions.

CONTRACT (implemented by the rulebook helper; signatures are fixed, other modules rely on them).

Each rule has an id from domain-rules.md (VOT-03, BLK-09, …), a citation, a confidence tag
(C confirmed, R recalled, U uncertain), effective dates and default parameters. A province may
override a rule's parameters from a year on (awards.RuleSetting → `Override`). Rules tagged U are
never binding on their own: checks against them warn; a province's own value binds.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

Confidence = Literal["C", "R", "U"]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # Vietnamese, one line
    citation: str  # e.g. "NĐ 98/2023/NĐ-CP, Điều 30 khoản 7"
    confidence: Confidence
    effective_from: datetime.date | None
    effective_to: datetime.date | None  # inclusive; None = still in force
    params: Mapping[str, Any] = field(default_factory=dict)
    applies_to: tuple[str, ...] = ()  # award type codes
    note: str = ""
    # "rulebook" for the national default, "province" when a RuleSetting supplied the params.
    source: Literal["rulebook", "province"] = "rulebook"
    province_citation: str = ""

    @property
    def binding(self) -> bool:
        """A rule blocks when confirmed or recalled, or when the province set it; U only warns."""
        return self.source == "province" or self.confidence != "U"


@dataclass(frozen=True)
class AwardType:
    code: str  # e.g. "co_thi_dua_chinh_phu"
    name: str  # "Cờ thi đua của Chính phủ"
    category: Literal["title", "commendation"]
    subject: Literal["collective", "individual"]
    level: Literal["unit", "province", "national"]
    decided_by: str  # "Thủ tướng Chính phủ"
    rule_ids: tuple[str, ...] = ()
    bloc_vote: bool = False  # proposed by a bloc's nomination poll
    order: int = 0


@dataclass(frozen=True)
class Override:
    rule_id: str
    params: Mapping[str, Any]
    from_year: int
    citation: str = ""


@dataclass(frozen=True)
class PollRules:
    """The rules in force for one poll, resolved from the rulebook and the province's settings."""

    threshold_share: Fraction
    threshold_strict: bool  # True: more than the share; False: at least the share (ceil)
    threshold_base: Literal["members", "cast", "valid"]
    quorum_share: Fraction
    tie_policy: Literal["runoff", "gen05"]
    seats_quota: int | None  # max seats per bloc for the award type; None = no quota
    # Which rule gave each value: {"threshold": "VOT-13", "quorum": "VOT-05", "seats": "BLK-09",
    # "tie": "VOT-11", "max_choices": "BAL-01"}
    rule_ids: Mapping[str, str]
    rules: Mapping[str, Rule]  # the same keys, the resolved Rule objects (citation, binding)


@dataclass(frozen=True)
class Finding:
    """A rule's objection to a setup: blocking, or a warning the user may pass with a reason."""

    rule_id: str
    citation: str
    message: str  # Vietnamese, names the rule id
    blocking: bool
    code: str  # machine code, e.g. "quota_exceeded", "quorum_not_met"


class Rulebook:
    """Loaded rulebook: rule versions by id and the award catalogue."""

    def rule(self, rule_id: str, *, year: int, overrides: Sequence[Override] = ()) -> Rule:
        """The version of `rule_id` in force on 31/12 of `year`, with the province's overrides."""
        raise NotImplementedError

    def rules(self) -> list[Rule]:
        raise NotImplementedError

    def award_type(self, code: str) -> AwardType:
        """KeyError when unknown."""
        raise NotImplementedError

    def award_types(self, *, bloc_vote: bool | None = None) -> list[AwardType]:
        raise NotImplementedError


def load_rulebook() -> Rulebook:
    """The rulebook of thidua/awards/rulebook.toml (parsed once, cached)."""
    raise NotImplementedError


def poll_rules(
    book: Rulebook,
    *,
    kind: Literal["nomination", "leader", "deputy"],
    award_type: str,
    year: int,
    overrides: Sequence[Override] = (),
) -> PollRules:
    raise NotImplementedError


def check_poll_setup(
    rules: PollRules,
    *,
    kind: Literal["nomination", "leader", "deputy"],
    award_type: str,
    seats: int,
    members: int,
    seats_by_award: Mapping[str, int],
) -> list[Finding]:
    """Quota and size checks of a poll's setup. `seats_by_award`: seats of the meeting's other
    (not cancelled) nomination polls by award type, this poll excluded."""
    raise NotImplementedError


def check_quorum(rules: PollRules, *, members: int, present: int) -> list[Finding]:
    raise NotImplementedError
