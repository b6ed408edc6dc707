"""Properties of the pure ranking engine (rank_season, tie replays) and of scorer leniency."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.scoring.ranking import (
    TIE_BREAK_LABELS,
    Band,
    CrossScoreValue,
    RankingEntry,
    leniency_outliers,
    rank_season,
    scorer_leniency,
    tie_replays,
)

pytestmark = pytest.mark.unit
D = Decimal
RULES = list(TIE_BREAK_LABELS)
BANDS = (
    Band("xs", "Xuất sắc", D("0.9")),
    Band("tot", "Tốt", D("0.8"), D("0.8")),
    Band("kha", "Khá", D("0.7")),
    Band("tb", "Trung bình", D(0)),
)
T0 = datetime.datetime(2023, 11, 1, tzinfo=datetime.UTC)

# Small value ranges so that ties on total and on the tie-break keys are frequent.
points = st.integers(min_value=0, max_value=6).map(D)
entries = st.lists(
    st.builds(
        RankingEntry,
        unit_id=st.integers(min_value=1, max_value=10_000),
        unit_name=st.sampled_from(["Sở A", "Sở B", "Sở Đ", "Huyện C"]),
        base=st.integers(min_value=0, max_value=12).map(D),
        bonus=points,
        deduction=points,
        group_points=st.tuples(points),
        min_criterion_share=st.sampled_from([D(0), D("0.5"), D("0.85"), D(1)]),
        submitted_at=st.none() | st.integers(0, 3).map(lambda h: T0 + datetime.timedelta(hours=h)),
        excluded_rule=st.sampled_from(["", "", "", "GEN-03"]),
    ),
    max_size=12,
    unique_by=lambda e: e.unit_id,
)
tie_breaks = st.lists(st.sampled_from(RULES), unique=True, max_size=5)


def _rank(items, rules=(), bands=BANDS):
    return rank_season(items, table_total=D(20), tie_breaks=rules, bands=bands)


def _summary(ranking):
    return [(r.entry.unit_id, r.rank, r.band, r.decided_by) for r in ranking.rows]


@settings(max_examples=200, deadline=None)
@given(entries, tie_breaks, st.randoms(use_true_random=False))
def test_rank_season_input_order_irrelevant(items, rules, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)

    assert _summary(_rank(shuffled, rules)) == _summary(_rank(items, rules))


@settings(max_examples=200, deadline=None)
@given(entries, tie_breaks)
def test_rank_season_competition_ranks(items, rules):
    ranked = _rank(items, rules).ranked

    for position, row in enumerate(ranked):
        if position == 0:
            assert row.rank == 1
        elif row.decided_by == "tie":
            assert row.rank == ranked[position - 1].rank
        else:
            assert row.rank == position + 1


@settings(max_examples=200, deadline=None)
@given(entries, tie_breaks)
def test_rank_season_equal_entries_share_rank_in_name_id_order(items, rules):
    ranked = _rank(items, rules).ranked

    def key(row):
        e = row.entry
        return (e.total, e.bonus, e.deduction, e.base, e.group_points, e.submitted_at)

    for before, after in zip(ranked, ranked[1:], strict=False):
        assert before.total >= after.total
        if key(before) == key(after):
            assert after.rank == before.rank
            assert (before.entry.unit_name, before.entry.unit_id) < (
                after.entry.unit_name,
                after.entry.unit_id,
            )


@settings(max_examples=200, deadline=None)
@given(entries, tie_breaks)
def test_rank_season_exclusions_never_ranked_always_listed(items, rules):
    ranking = _rank(items, rules)

    excluded_ids = {e.unit_id for e in items if e.excluded_rule}
    assert {r.entry.unit_id for r in ranking.excluded} == excluded_ids
    assert all(r.rank is None and r.band is None for r in ranking.excluded)
    assert not excluded_ids & {r.entry.unit_id for r in ranking.ranked}
    assert len(ranking.rows) == len(items)
    assert ranking.rows[len(ranking.ranked) :] == ranking.excluded


@settings(max_examples=200, deadline=None)
@given(entries, tie_breaks)
def test_rank_season_bands_monotone_in_total(items, rules):
    ranked = _rank(items, rules).ranked
    order = [b.code for b in BANDS]

    for first in ranked:
        for second in ranked:
            same_floor = first.entry.min_criterion_share == second.entry.min_criterion_share
            if same_floor and first.total >= second.total:
                assert order.index(first.band.code) <= order.index(second.band.code)


@settings(max_examples=200, deadline=None)
@given(entries, tie_breaks)
def test_rank_season_tie_decided_by_first_differing_declared_rule(items, rules):
    ranked = _rank(items, rules).ranked

    for before, after in zip(ranked, ranked[1:], strict=False):
        if before.total != after.total:
            assert after.decided_by == "total"
            continue
        values = lambda row: [_key(row.entry, r) for r in rules]  # noqa: E731
        differing = [r for r in rules if _key(before.entry, r) != _key(after.entry, r)]
        assert after.decided_by == (differing[0] if differing else "tie")
        assert values(before) <= values(after)


def _key(entry, rule):
    return {
        "fewer_deductions": entry.deduction,
        "more_bonus": -entry.bonus,
        "higher_first_group": -entry.group_points[0],
        "higher_base": -entry.base,
        "earlier_submission": entry.submitted_at
        or datetime.datetime.max.replace(tzinfo=datetime.UTC),
    }[rule]


@settings(max_examples=100, deadline=None)
@given(entries, tie_breaks)
def test_tie_replays_cover_every_tie_on_total(items, rules):
    ranking = _rank(items, rules)

    replays = tie_replays(ranking)

    totals = [r.total for r in ranking.ranked]
    assert sorted(r.total for r in replays) == sorted({t for t in totals if totals.count(t) > 1})
    for replay in replays:
        for group in replay.shared:
            assert len({row.rank for row in group}) == 1


def test_rank_season_declared_order_decides():
    a = RankingEntry(1, "A", base=D(90), bonus=D(10), deduction=D(5))
    b = RankingEntry(2, "B", base=D(95), bonus=D(0), deduction=D(0))

    bonus_first = _rank([a, b], ["more_bonus", "fewer_deductions"]).ranked
    deductions_first = _rank([a, b], ["fewer_deductions", "more_bonus"]).ranked

    assert [r.entry.unit_name for r in bonus_first] == ["A", "B"]
    assert bonus_first[1].decided_by == "more_bonus"
    assert bonus_first[1].tied_with == "A"
    assert [r.entry.unit_name for r in deductions_first] == ["B", "A"]
    assert deductions_first[1].decided_by == "fewer_deductions"


def test_rank_season_competition_ranking_1_2_2_4():
    items = [
        RankingEntry(1, "A", base=D(9)),
        RankingEntry(3, "C", base=D(8)),
        RankingEntry(2, "B", base=D(8)),
        RankingEntry(4, "D", base=D(7)),
    ]

    ranked = _rank(items).ranked

    assert [(r.entry.unit_name, r.rank) for r in ranked] == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]
    assert ranked[2].decided_by == "tie"


def test_rank_season_unknown_rule_refused():
    with pytest.raises(ValueError, match="unknown tie-break"):
        _rank([], ["coin_toss"])


def test_rank_season_criterion_floor_drops_a_band():
    strong = RankingEntry(1, "A", base=D(17), min_criterion_share=D("0.5"))

    row = _rank([strong]).ranked[0]

    assert row.band.code == "kha"  # 85 % would be "tốt", but one criterion is at 50 % (< 80 %)


def test_rank_season_same_threshold_tries_stricter_floor_first():
    bands = (Band("loose", "Loose", D("0.5")), Band("strict", "Strict", D("0.5"), D("0.9")))

    row = _rank([RankingEntry(1, "A", base=D(12))], bands=bands).ranked[0]

    assert row.band.code == "strict"


def test_tie_replay_steps_in_declared_order():
    items = [
        RankingEntry(1, "A", base=D(10), bonus=D(2), deduction=D(2)),
        RankingEntry(2, "B", base=D(10), bonus=D(0), deduction=D(0)),
        RankingEntry(3, "C", base=D(12), bonus=D(0), deduction=D(2)),
    ]

    (replay,) = tie_replays(_rank(items, ["higher_first_group", "fewer_deductions", "more_bonus"]))

    assert [s.rule for s in replay.steps] == [
        "higher_first_group",
        "fewer_deductions",
        "more_bonus",
    ]
    assert replay.steps[0].separated is False
    assert [[r.entry.unit_name for r in g] for g in replay.steps[1].outcome] == [["B"], ["A", "C"]]
    assert [[r.entry.unit_name for r in g] for g in replay.steps[2].outcome] == [["A"], ["C"]]
    assert replay.shared == ()


# --- scorer leniency --------------------------------------------------------------------------


def _cs(scorer, target, criterion, value):
    return CrossScoreValue(scorer, target, criterion, D(str(value)))


def test_scorer_leniency_mean_deviation_from_the_others():
    values = [_cs(1, 10, 100, 8), _cs(2, 10, 100, 6), _cs(3, 10, 100, 4)]

    assert scorer_leniency(values) == {1: D("3.00"), 2: D("0.00"), 3: D("-3.00")}


def test_scorer_leniency_skips_items_scored_once():
    values = [_cs(1, 10, 100, 8), _cs(2, 11, 100, 6)]

    assert scorer_leniency(values) == {}


def test_scorer_leniency_averages_over_items():
    values = [
        _cs(1, 10, 100, 5),
        _cs(2, 10, 100, 3),
        _cs(1, 11, 100, 4),
        _cs(2, 11, 100, 4),
    ]

    assert scorer_leniency(values) == {1: D("1.00"), 2: D("-1.00")}


def test_scorer_leniency_empty():
    assert scorer_leniency([]) == {}


def test_leniency_outliers_beyond_one_and_a_half_mad():
    spread = leniency_outliers({1: D(0), 2: D(1), 3: D(1), 4: D(2), 5: D(9)})

    assert spread.median == D(1)
    assert spread.mad == D("1")
    assert spread.outliers == frozenset({5})


def test_leniency_outliers_two_scorers_never_outliers():
    spread = leniency_outliers({1: D(2), 2: D(-2)})

    assert spread.outliers == frozenset()


def test_leniency_outliers_zero_mad_flags_any_deviation():
    spread = leniency_outliers({1: D(0), 2: D(0), 3: D(0), 4: D(3)})

    assert (spread.mad, spread.outliers) == (D(0), frozenset({4}))


def test_leniency_outliers_empty():
    assert leniency_outliers({}).outliers == frozenset()
