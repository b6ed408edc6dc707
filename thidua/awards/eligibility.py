"""Eligibility as a pure function: a subject's history, an award type, a year, the rulebook in
force → eligible / not eligible / needs a person's check, every reason naming its rule.

CONTRACT (implemented by the eligibility helper; signatures and dataclass fields are fixed, the
selectors and pages rely on them). No ORM, no Django: importable without settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from thidua.awards.rulebook import Override, Rulebook

Status = Literal["eligible", "not_eligible", "needs_check"]


@dataclass(frozen=True)
class HeldAward:
    code: str  # award type code of the catalogue
    year: int
    basis: str = "merit"  # merit / thematic / ad_hoc / long_service (GEN-02)
    revoked: bool = False


@dataclass(frozen=True)
class YearFacts:
    year: int
    rating: str = ""  # htxs / htt / ht / kht / "" unknown
    initiative_scope: str = ""  # grassroots / province / national / ""
    science_accepted: bool = False
    disciplined: bool = False


@dataclass(frozen=True)
class SubjectHistory:
    kind: Literal["individual", "collective"]
    awards: tuple[HeldAward, ...] = ()
    facts: tuple[YearFacts, ...] = ()
    # Collectives: per year, the share of members holding LĐTT, whether every member completed
    # their tasks, the number of members with CSTĐ cơ sở, whether a member was disciplined at
    # "cảnh cáo" or above (COL-01/02).
    member_ldtt_share: Mapping[int, Fraction] = field(default_factory=dict)
    members_all_completed: Mapping[int, bool] = field(default_factory=dict)
    member_cstdcs: Mapping[int, int] = field(default_factory=dict)
    member_disciplined: Mapping[int, bool] = field(default_factory=dict)
    under_review: bool = False  # GEN-03 now: discipline review, investigation, complaint …
    is_bloc_leader: Mapping[int, bool] = field(default_factory=dict)  # COL-03
    female: bool | None = None  # individuals; GEN-05/06 information only


@dataclass(frozen=True)
class Reason:
    rule_id: str
    citation: str
    text: str  # Vietnamese: what was checked and what the history shows
    met: bool | None  # None: the system cannot know (a person must check)


@dataclass(frozen=True)
class Verdict:
    award_type: str
    year: int
    status: Status
    reasons: tuple[Reason, ...]
    decided_by: str  # the rule id that decided the status ("" when eligible on every rule)


def eligibility(
    history: SubjectHistory,
    award_type: str,
    year: int,
    book: Rulebook,
    *,
    overrides: Sequence[Override] = (),
) -> Verdict:
    """The verdict for `award_type` proposed for the achievements of `year`, under the rules in
    force that year (regimes NĐ 91/2017 → 98/2023 → 152/2025) with the province's overrides."""
    raise NotImplementedError


def counted_awards(history: SubjectHistory) -> tuple[HeldAward, ...]:
    """The awards a chain may count: not revoked, basis merit (GEN-02)."""
    raise NotImplementedError


def consecutive_years(years: set[int], ending: int) -> int:
    """How many consecutive years end at `ending` (a gap breaks the run)."""
    raise NotImplementedError
