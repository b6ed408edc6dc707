"""Reads of a season's ranking: scores gathered in a constant number of queries, ranked by the pure
engine in `thidua.scoring.ranking`.

Queries, whatever the number of units and criteria: the covenant, its criteria, the scorecards,
the score rows (one `values()` query), the exclusions and, in cross-scoring mode, the cross-scores.
The members come from the season's prefetched memberships when the caller used
`season_get_for_user` (one more query otherwise).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.covenants.enums import CriterionKind, ScoringMode
from thidua.covenants.models import Covenant, Criterion
from thidua.org.models import Season
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import CrossScore, Exclusion, Score, Scorecard
from thidua.scoring.ranking import (
    TIE_BREAK_LABELS,
    Band,
    CrossScoreValue,
    Ranking,
    RankingEntry,
    leniency_outliers,
    rank_season,
    scorer_leniency,
)

ZERO = Decimal(0)
UNREVIEWED_STATUSES = frozenset({ScorecardStatus.DRAFT.value, ScorecardStatus.SUBMITTED.value})


@dataclass(frozen=True)
class CriterionRow:
    """A row of the criteria table, with the top-level group it falls under (None for a top row)."""

    id: int
    parent_id: int | None
    code: str
    title: str
    kind: str
    max_points: Decimal
    order: int
    top_group_id: int | None = None
    depth: int = 0
    is_leaf: bool = True

    @property
    def scored(self) -> bool:
        return self.is_leaf and self.kind != CriterionKind.GROUP


@dataclass(frozen=True)
class ScoreCell:
    self_score: Decimal | None
    review_score: Decimal | None

    @property
    def agreed(self) -> Decimal | None:
        """The reviewed points when set, else the self-score (the contract with the scoring app)."""
        return self.review_score if self.review_score is not None else self.self_score


@dataclass(frozen=True)
class LeniencyRow:
    unit_id: int
    unit_name: str
    mean_deviation: Decimal
    items: int
    outlier: bool


@dataclass(frozen=True)
class Leniency:
    scoring_mode: str
    rows: list[LeniencyRow] = field(default_factory=list)
    median: Decimal = ZERO
    mad: Decimal = ZERO


@dataclass
class RankingReport:
    """Everything the ranking page and the export show for one season."""

    season: Season
    covenant: Covenant | None
    ranking: Ranking
    criteria: list[CriterionRow]
    members: list[tuple[int, str]]
    scores: dict[tuple[int, int], ScoreCell]
    leniency: Leniency | None = None

    @property
    def groups(self) -> list[CriterionRow]:
        return [c for c in self.criteria if c.parent_id is None and c.kind == CriterionKind.GROUP]

    @property
    def scored_criteria(self) -> list[CriterionRow]:
        return [c for c in self.criteria if c.scored]

    @property
    def is_cross_scoring(self) -> bool:
        return self.covenant is not None and self.covenant.scoring_mode == ScoringMode.CROSS_SCORING


# --- building blocks (one query each) ----------------------------------------------------------


def _covenant(season: Season) -> Covenant | None:
    return Covenant.objects.filter(season=season).first()


def _criteria(covenant: Covenant | None) -> list[CriterionRow]:
    """The table in display order (depth first, by order then id), each row with its top group."""
    if covenant is None:
        return []
    raw = list(
        Criterion.objects.filter(covenant=covenant)
        .order_by("order", "id")
        .values("id", "parent_id", "code", "title", "kind", "max_points", "order")
    )
    children: dict[int | None, list[Mapping[str, Any]]] = defaultdict(list)
    known = {r["id"] for r in raw}
    for r in raw:
        # A parent outside the covenant cannot happen through the services; treat it as top level.
        children[r["parent_id"] if r["parent_id"] in known else None].append(r)
    rows: list[CriterionRow] = []

    def walk(parent_id: int | None, top: int | None, depth: int) -> None:
        for r in children.get(parent_id, []):
            is_top_group = depth == 0 and r["kind"] == CriterionKind.GROUP
            rows.append(
                CriterionRow(
                    id=r["id"],
                    parent_id=r["parent_id"] if depth else None,
                    code=r["code"],
                    title=r["title"],
                    kind=r["kind"],
                    max_points=r["max_points"],
                    order=r["order"],
                    top_group_id=r["id"] if is_top_group else top,
                    depth=depth,
                    is_leaf=r["id"] not in children,
                )
            )
            walk(r["id"], r["id"] if is_top_group else top, depth + 1)

    walk(None, None, 0)
    return rows


def _members(season: Season) -> list[tuple[int, str]]:
    # Uses the memberships prefetched by `season_get_for_user` (with their units) when present.
    return sorted(
        ((m.unit_id, m.unit.name) for m in season.memberships.all()),
        key=lambda m: (m[1], m[0]),
    )


def _scores(season: Season) -> dict[tuple[int, int], ScoreCell]:
    rows = Score.objects.filter(scorecard__season=season).values_list(
        "scorecard__unit_id", "criterion_id", "self_score", "review_score"
    )
    return {(unit, crit): ScoreCell(s, r) for unit, crit, s, r in rows}


def _capped(points: Decimal | None, cap: Decimal) -> Decimal:
    """Bonus and deduction points are positive and never above the rule's cap."""
    return min(max(points or ZERO, ZERO), cap)


def _entry(
    unit_id: int,
    name: str,
    *,
    criteria: list[CriterionRow],
    scores: dict[tuple[int, int], ScoreCell],
    card: Mapping[str, Any] | None,
    exclusion: Mapping[str, Any] | None,
) -> RankingEntry:
    base = bonus = deduction = ZERO
    groups = [c.id for c in criteria if c.parent_id is None and c.kind == CriterionKind.GROUP]
    group_points = dict.fromkeys(groups, ZERO)
    shares: list[Decimal] = []
    has_criteria = False
    for row in criteria:
        if not row.scored:
            continue
        has_criteria = has_criteria or row.kind == CriterionKind.CRITERION
        cell = scores.get((unit_id, row.id))
        agreed = cell.agreed if cell else None
        if row.kind == CriterionKind.BONUS:
            bonus += _capped(agreed, row.max_points)
        elif row.kind == CriterionKind.DEDUCTION:
            deduction += _capped(agreed, row.max_points)
        elif agreed is not None:
            base += agreed
            if row.top_group_id in group_points:
                group_points[row.top_group_id] += agreed
            if row.max_points:
                shares.append(agreed / row.max_points)
    # Nothing scored yet: no floor is met (unless the table has no criterion rows at all).
    fallback = ZERO if has_criteria else Decimal(1)
    min_share = min(shares) if shares else fallback
    return RankingEntry(
        unit_id=unit_id,
        unit_name=name,
        base=base,
        bonus=bonus,
        deduction=deduction,
        group_points=tuple(group_points[g] for g in groups),
        min_criterion_share=min_share,
        submitted_at=card["submitted_at"] if card else None,
        excluded_rule=exclusion["rule_id"] if exclusion else "",
        excluded_reason=exclusion["reason"] if exclusion else "",
        card_status=card["status"] if card else "",
        unreviewed=card is not None and card["status"] in UNREVIEWED_STATUSES,
    )


def _bands(covenant: Covenant | None) -> list[Band]:
    bands = []
    for data in (covenant.bands if covenant else None) or []:
        try:
            bands.append(Band.from_dict(data))
        except (KeyError, TypeError, ArithmeticError, ValueError):
            # A malformed band (hand-edited JSON) is skipped rather than breaking the ranking.
            continue
    return bands


def _tie_breaks(covenant: Covenant | None) -> list[str]:
    declared = (covenant.tie_breaks if covenant else None) or []
    return [r for r in declared if isinstance(r, str) and r in TIE_BREAK_LABELS]


def _rank(
    season: Season,
    covenant: Covenant | None,
    criteria: list[CriterionRow],
    members: list[tuple[int, str]],
    scores: dict[tuple[int, int], ScoreCell],
) -> Ranking:
    cards = {
        c["unit_id"]: c
        for c in Scorecard.objects.filter(season=season).values("unit_id", "status", "submitted_at")
    }
    exclusions = {
        e["unit_id"]: e
        for e in Exclusion.objects.filter(season=season).values("unit_id", "rule_id", "reason")
    }
    entries = [
        _entry(
            unit_id,
            name,
            criteria=criteria,
            scores=scores,
            card=cards.get(unit_id),
            exclusion=exclusions.get(unit_id),
        )
        for unit_id, name in members
    ]
    return rank_season(
        entries,
        table_total=covenant.total_points if covenant else ZERO,
        tie_breaks=_tie_breaks(covenant),
        bands=_bands(covenant),
    )


def _leniency(season: Season, covenant: Covenant | None) -> Leniency:
    mode = covenant.scoring_mode if covenant else ScoringMode.LEADER_REVIEW
    if mode != ScoringMode.CROSS_SCORING:
        return Leniency(scoring_mode=str(mode))
    raw = list(
        CrossScore.objects.filter(score__scorecard__season=season).values_list(
            "scorer_unit_id",
            "scorer_unit__name",
            "score__scorecard__unit_id",
            "score__criterion_id",
            "points",
        )
    )
    values = [CrossScoreValue(s, t, c, p) for s, _n, t, c, p in raw]
    names = {s: n for s, n, *_rest in raw}
    leniency = scorer_leniency(values)
    items = _compared_items(values)
    spread = leniency_outliers(leniency)
    rows = [
        LeniencyRow(
            unit_id=scorer,
            unit_name=names[scorer],
            mean_deviation=value,
            items=items[scorer],
            outlier=scorer in spread.outliers,
        )
        for scorer, value in leniency.items()
    ]
    rows.sort(key=lambda r: (-r.mean_deviation, r.unit_name, r.unit_id))
    return Leniency(scoring_mode=str(mode), rows=rows, median=spread.median, mad=spread.mad)


def _compared_items(values: Iterable[CrossScoreValue]) -> dict[int, int]:
    """How many of each scorer's scores had another scorer's to compare with."""
    by_item: dict[tuple[int, int], list[int]] = defaultdict(list)
    for v in values:
        by_item[(v.target_id, v.criterion_id)].append(v.scorer_id)
    counts: dict[int, int] = defaultdict(int)
    for scorers in by_item.values():
        if len(scorers) > 1:
            for scorer in scorers:
                counts[scorer] += 1
    return counts


# --- public selectors --------------------------------------------------------------------------


def ranking_for_season(*, user: Any, season: Season) -> Ranking:
    """The season's ranking; "not found" outside the user's scope, like every guarded read."""
    require(user, "scoring.view_ranking", season)
    covenant = _covenant(season)
    criteria = _criteria(covenant)
    return _rank(season, covenant, criteria, _members(season), _scores(season))


def leniency_for_season(*, user: Any, season: Season) -> Leniency:
    """Each cross-scorer's mean deviation from the others (cross-scoring mode; empty otherwise)."""
    require(user, "scoring.view_ranking", season)
    return _leniency(season, _covenant(season))


def ranking_report_for_season(*, user: Any, season: Season, perm: str) -> RankingReport:
    """The ranking with the table, every score cell and the leniency (page and export)."""
    require(user, perm, season)
    covenant = _covenant(season)
    criteria = _criteria(covenant)
    members = _members(season)
    scores = _scores(season)
    return RankingReport(
        season=season,
        covenant=covenant,
        ranking=_rank(season, covenant, criteria, members, scores),
        criteria=criteria,
        members=members,
        scores=scores,
        leniency=_leniency(season, covenant),
    )


def card_status_label(status: str) -> str:
    if not status:
        return _("Chưa có bảng chấm điểm")
    return str(ScorecardStatus(status).label)
