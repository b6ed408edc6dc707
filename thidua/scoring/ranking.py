"""The ranking of a season: a pure function of the scores and the covenant's declared rules.

No ORM, no request: selectors build `RankingEntry` values, this module decides, and every
decision it takes (rank, band, tie-break, exclusion) says which rule decided it.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

TIE_BREAK_LABELS = {
    "fewer_deductions": "Ít điểm trừ hơn",
    "more_bonus": "Nhiều điểm cộng hơn",
    "higher_first_group": "Điểm nhóm tiêu chí thứ nhất cao hơn",
    "higher_base": "Điểm chấm (chưa cộng, trừ) cao hơn",
    "earlier_submission": "Nộp bảng tự chấm sớm hơn",
}
_FAR_FUTURE = datetime.datetime.max.replace(tzinfo=datetime.UTC)


@dataclass(frozen=True)
class RankingEntry:
    unit_id: int
    unit_name: str
    base: Decimal
    bonus: Decimal = Decimal(0)
    deduction: Decimal = Decimal(0)
    group_points: tuple[Decimal, ...] = ()
    min_criterion_share: Decimal = Decimal(1)
    submitted_at: datetime.datetime | None = None
    excluded_rule: str = ""
    excluded_reason: str = ""
    # Carried through for display only (never used to rank): the scorecard's status ("" when the
    # unit has no scorecard) and whether the points are still self-scores awaiting review.
    card_status: str = ""
    unreviewed: bool = False

    @property
    def total(self) -> Decimal:
        return self.base + self.bonus - self.deduction


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    min_share: Decimal
    min_criterion_share: Decimal = Decimal(0)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Band":
        return cls(
            code=str(data["code"]),
            label=str(data.get("label", data["code"])),
            min_share=Decimal(str(data.get("min_share", 0))),
            min_criterion_share=Decimal(str(data.get("min_criterion_share", 0))),
        )


@dataclass(frozen=True)
class RankedRow:
    entry: RankingEntry
    rank: int | None
    total: Decimal
    band: Band | None
    tie_note: str = ""
    decided_by: str = ""
    # The unit listed just above that this one tied with on total ("" when there was no tie).
    tied_with: str = ""

    @property
    def excluded(self) -> bool:
        return self.rank is None


@dataclass
class Ranking:
    rows: list[RankedRow] = field(default_factory=list)
    tie_breaks: tuple[str, ...] = ()
    table_total: Decimal = Decimal(0)
    bands: tuple[Band, ...] = ()

    @property
    def ranked(self) -> list[RankedRow]:
        return [r for r in self.rows if not r.excluded]

    @property
    def excluded(self) -> list[RankedRow]:
        return [r for r in self.rows if r.excluded]


def _tie_key(entry: RankingEntry, rule: str) -> Any:
    """Smaller is better for every rule, so keys sort ascending."""
    if rule == "fewer_deductions":
        return entry.deduction
    if rule == "more_bonus":
        return -entry.bonus
    if rule == "higher_first_group":
        return -(entry.group_points[0] if entry.group_points else Decimal(0))
    if rule == "higher_base":
        return -entry.base
    if rule == "earlier_submission":
        return entry.submitted_at or _FAR_FUTURE
    raise ValueError(f"unknown tie-break rule {rule!r}")


def _band_for(
    entry: RankingEntry, total: Decimal, table_total: Decimal, bands: Sequence[Band]
) -> Band | None:
    # A negative total (deductions above the points) falls in the lowest band, as zero would.
    share = max(total / table_total, Decimal(0)) if table_total else Decimal(0)
    # Of two bands with the same threshold, the one with the stricter floor is tried first.
    for band in sorted(bands, key=lambda b: (b.min_share, b.min_criterion_share), reverse=True):
        if share >= band.min_share and entry.min_criterion_share >= band.min_criterion_share:
            return band
    return None


def rank_season(
    entries: Iterable[RankingEntry],
    *,
    table_total: Decimal,
    tie_breaks: Sequence[str] = (),
    bands: Sequence[Band] = (),
) -> Ranking:
    """Rank the units: total descending, then the declared tie-breaks in order.

    Units still equal after every tie-break share a rank (competition ranking 1, 2, 2, 4) and are
    listed by name then id, so the result never depends on the order of the input. Excluded
    units (a hard rule such as GEN-03) get no rank and are listed last with the rule and reason.
    """
    for rule in tie_breaks:
        if rule not in TIE_BREAK_LABELS:
            raise ValueError(f"unknown tie-break rule {rule!r}")
    all_entries = list(entries)
    included = [e for e in all_entries if not e.excluded_rule]
    excluded = sorted(
        (e for e in all_entries if e.excluded_rule), key=lambda e: (e.unit_name, e.unit_id)
    )

    def strength(e: RankingEntry) -> tuple[Any, ...]:
        return (-e.total, *(_tie_key(e, rule) for rule in tie_breaks))

    ordered = sorted(included, key=lambda e: (strength(e), e.unit_name, e.unit_id))
    rows: list[RankedRow] = []
    for position, entry in enumerate(ordered):
        previous = ordered[position - 1] if position else None
        tied_with = previous.unit_name if previous and previous.total == entry.total else ""
        if previous is not None and strength(previous) == strength(entry):
            rank = rows[-1].rank
            note = "Bằng điểm và bằng mọi tiêu chí phụ với đơn vị xếp trên: đồng hạng."
            decided = "tie"
        else:
            rank = position + 1
            note, decided = "", "total"
            if previous is not None and tied_with:
                for rule in tie_breaks:
                    if _tie_key(previous, rule) != _tie_key(entry, rule):
                        note = f"Bằng tổng điểm với {previous.unit_name}; xếp sau theo quy tắc: {TIE_BREAK_LABELS[rule]}."
                        decided = rule
                        break
        rows.append(
            RankedRow(
                entry=entry,
                rank=rank,
                total=entry.total,
                band=_band_for(entry, entry.total, table_total, bands),
                tie_note=note,
                decided_by=decided,
                tied_with=tied_with,
            )
        )
    for entry in excluded:
        rows.append(
            RankedRow(
                entry=entry,
                rank=None,
                total=entry.total,
                band=None,
                tie_note=entry.excluded_reason,
                decided_by=entry.excluded_rule,
            )
        )
    return Ranking(
        rows=rows, tie_breaks=tuple(tie_breaks), table_total=table_total, bands=tuple(bands)
    )


def tie_value(entry: RankingEntry, rule: str) -> Decimal | datetime.datetime | None:
    """The value a tie-break rule compares, as shown to people (points, or the submission time)."""
    if rule == "fewer_deductions":
        return entry.deduction
    if rule == "more_bonus":
        return entry.bonus
    if rule == "higher_first_group":
        return entry.group_points[0] if entry.group_points else Decimal(0)
    if rule == "higher_base":
        return entry.base
    if rule == "earlier_submission":
        return entry.submitted_at
    raise ValueError(f"unknown tie-break rule {rule!r}")


@dataclass(frozen=True)
class TieStep:
    """One declared rule applied to the units still tied: their values, then the groups it left."""

    rule: str
    values: tuple[tuple[RankedRow, Decimal | datetime.datetime | None], ...]
    outcome: tuple[tuple[RankedRow, ...], ...]

    @property
    def separated(self) -> bool:
        return len(self.outcome) > 1


@dataclass(frozen=True)
class TieReplay:
    """A set of ranked units with the same total and how the declared rules ordered them."""

    total: Decimal
    rows: tuple[RankedRow, ...]
    steps: tuple[TieStep, ...]
    shared: tuple[tuple[RankedRow, ...], ...]


def tie_replays(ranking: Ranking) -> list[TieReplay]:
    """Replay every tie on total: each declared rule in order, on the units it still had to split.

    `shared` lists the units no rule could split (they share a rank, listed by name).
    """
    by_total: dict[Decimal, list[RankedRow]] = defaultdict(list)
    for row in ranking.ranked:
        by_total[row.total].append(row)
    replays = []
    for total, rows in by_total.items():
        if len(rows) < 2:
            continue
        pending: list[list[RankedRow]] = [rows]
        steps: list[TieStep] = []
        for rule in ranking.tie_breaks:
            still_tied: list[list[RankedRow]] = []
            for group in pending:
                split: dict[Any, list[RankedRow]] = defaultdict(list)
                for row in group:
                    split[_tie_key(row.entry, rule)].append(row)
                outcome = tuple(tuple(split[key]) for key in sorted(split))
                values = tuple((row, tie_value(row.entry, rule)) for row in group)
                steps.append(TieStep(rule=rule, values=values, outcome=outcome))
                still_tied.extend(list(g) for g in outcome if len(g) > 1)
            pending = still_tied
            if not pending:
                break
        replays.append(
            TieReplay(
                total=total,
                rows=tuple(rows),
                steps=tuple(steps),
                shared=tuple(tuple(g) for g in pending),
            )
        )
    return replays


@dataclass(frozen=True)
class CrossScoreValue:
    scorer_id: int
    target_id: int
    criterion_id: int
    points: Decimal


def scorer_leniency(values: Iterable[CrossScoreValue]) -> dict[int, Decimal]:
    """Each cross-scorer's mean deviation from the other scorers of the same target and criterion.

    Positive means more lenient than the others; a scorer with no comparable score is left out.
    """
    by_item: dict[tuple[int, int], list[CrossScoreValue]] = defaultdict(list)
    for value in values:
        by_item[(value.target_id, value.criterion_id)].append(value)
    deviations: dict[int, list[Decimal]] = defaultdict(list)
    for item_values in by_item.values():
        if len(item_values) < 2:
            continue
        total = sum((v.points for v in item_values), Decimal(0))
        for value in item_values:
            others_mean = (total - value.points) / (len(item_values) - 1)
            deviations[value.scorer_id].append(value.points - others_mean)
    return {
        scorer: (sum(devs, Decimal(0)) / len(devs)).quantize(Decimal("0.01"))
        for scorer, devs in deviations.items()
    }


def _median(values: Sequence[Decimal]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class LeniencySpread:
    """The scorers' median leniency, the median absolute deviation (MAD) and the outliers."""

    median: Decimal
    mad: Decimal
    outliers: frozenset[int]


def leniency_outliers(
    leniency: dict[int, Decimal], *, factor: Decimal = Decimal("1.5")
) -> LeniencySpread:
    """Scorers whose leniency lies more than `factor` × MAD away from the median of all scorers.

    With a MAD of zero (the others all agree exactly) any scorer off the median stands out.
    """
    if not leniency:
        return LeniencySpread(median=Decimal(0), mad=Decimal(0), outliers=frozenset())
    median = _median(list(leniency.values()))
    mad = _median([abs(v - median) for v in leniency.values()])
    outliers = frozenset(
        scorer for scorer, value in leniency.items() if abs(value - median) > factor * mad
    )
    return LeniencySpread(median=median, mad=mad, outliers=outliers)
