"""The pure tally: exact thresholds, ballot validity, seats, ties (VOT-11, GEN-05), the hash."""

import hashlib
import json
import random
import time
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.voting.tally import (
    BallotIn,
    CandidateIn,
    TallyRules,
    ballot_list_hash,
    classify,
    percent,
    required_votes,
    tally,
)

pytestmark = pytest.mark.unit
F = Fraction
EIGHTY, NINETY, HALF = F(4, 5), F(9, 10), F(1, 2)


def _candidates(n: int, **kwargs) -> list[CandidateIn]:
    return [CandidateIn(id=i, **kwargs) for i in range(1, n + 1)]


def _ballots(*choices: tuple[int, ...]) -> list[BallotIn]:
    return [BallotIn(c) for c in choices]


def _votes_for(first: int, count: int, total: int, other: int = 2) -> list[BallotIn]:
    """`count` ballots for candidate `first` and the rest of `total` for `other`."""
    return _ballots(*[(first,)] * count, *[(other,)] * (total - count))


# ── required_votes ───────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("base", "share", "strict", "expected"),
    [
        (15, EIGHTY, False, 12),  # VOT-03: 15 × 80 % = 12
        (15, NINETY, False, 14),  # VOT-02: 15 × 90 % = 13.5 → 14, never 13
        (15, HALF, True, 8),  # more than half of 15
        (14, HALF, True, 8),  # more than half of 14: 7 is only half
        (10, F(2, 3), False, 7),
        (9, F(2, 3), False, 6),
        (1, HALF, True, 1),
        (0, HALF, True, 1),  # nobody passes on an empty base
        (0, EIGHTY, False, 1),
    ],
)
def test_required_votes_exact(base, share, strict, expected):
    assert required_votes(base, share, strict=strict) == expected


def test_required_votes_negative_refused():
    with pytest.raises(ValueError):
        required_votes(-1, HALF, strict=True)


shares = st.fractions(min_value=F(1, 1000), max_value=1, max_denominator=1000)


@settings(max_examples=300, deadline=None)
@given(base=st.integers(1, 5000), share=shares)
def test_required_votes_never_rounds_down(base, share):
    required = required_votes(base, share, strict=False)

    assert F(required, base) >= share
    assert required - 1 < share * base


@settings(max_examples=300, deadline=None)
@given(base=st.integers(1, 5000), share=shares)
def test_required_votes_strict_is_more_than_the_share(base, share):
    required = required_votes(base, share, strict=True)

    assert F(required, base) > share
    assert F(required - 1, base) <= share


# ── thresholds at 15 members ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("share", "votes", "passes"),
    [(EIGHTY, 11, False), (EIGHTY, 12, True), (NINETY, 13, False), (NINETY, 14, True)],
)
def test_tally_threshold_boundary_of_15_members(share, votes, passes):
    rules = TallyRules(seats=1, members=15, threshold_share=share)

    result = tally(_votes_for(1, votes, 15), _candidates(2), rules)

    line = result.candidates[0]
    assert (line.id, line.votes) == (1, votes)
    assert line.passes_threshold is passes
    assert result.elected == ((1,) if passes else ())


def test_tally_threshold_base_is_members_not_present():
    # 12 of 15 members vote, all for candidate 1: 12 ≥ 12 (80 % of 15), not 80 % of 12.
    rules = TallyRules(seats=1, members=15, threshold_share=EIGHTY)

    result = tally(_ballots(*[(1,)] * 12), _candidates(2), rules)

    assert (result.base, result.required, result.elected) == (15, 12, (1,))


@pytest.mark.parametrize(("base", "expected_base"), [("cast", 10), ("valid", 8)])
def test_tally_threshold_base_cast_or_valid(base, expected_base):
    ballots = [*_votes_for(1, 5, 8), BallotIn(()), BallotIn((1, 1))]
    rules = TallyRules(
        seats=1, members=20, threshold_share=HALF, threshold_strict=True, threshold_base=base
    )

    result = tally(ballots, _candidates(2), rules)

    assert result.base == expected_base
    assert result.required == expected_base // 2 + 1


def test_tally_share_and_percent_in_dict():
    rules = TallyRules(seats=1, members=15, threshold_share=EIGHTY, threshold_rule="VOT-13")

    data = tally(_votes_for(1, 13, 15), _candidates(2), rules).as_dict()

    first = data["candidates"][0]
    assert first == {
        "id": 1,
        "votes": 13,
        "share": "13/15",
        "share_pct": 86.67,
        "passes_threshold": True,
        "elected": True,
        "tied": False,
        "decided_by": "VOT-13",
    }
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {
        "cast",
        "valid",
        "blank",
        "spoiled",
        "base",
        "required",
        "seats_left",
        "elected",
        "tied",
        "notes",
        "candidates",
    }


@pytest.mark.parametrize(
    ("share", "expected"), [(F(13, 15), 86.67), (F(1, 8), 12.5), (F(1, 32), 3.13), (F(0), 0.0)]
)
def test_percent_rounds_half_up(share, expected):
    assert percent(share) == expected


# ── classify ─────────────────────────────────────────────────────────────────────────────────

CANDS = {1: CandidateIn(1), 2: CandidateIn(2), 3: CandidateIn(3, selectable=False)}


@pytest.mark.parametrize(
    ("ballot", "expected"),
    [
        (BallotIn((1,)), "valid"),
        (BallotIn((2, 1)), "valid"),
        (BallotIn(()), "blank"),
        (BallotIn((), marked_spoiled=True), "spoiled"),
        (BallotIn((1,), marked_spoiled=True), "spoiled"),
        (BallotIn((1, 2, 1)), "spoiled"),  # repeated (and too many)
        (BallotIn((1, 1)), "spoiled"),  # repeated
        (BallotIn((1, 2, 4)), "spoiled"),  # more than max
        (BallotIn((9,)), "spoiled"),  # unknown
        (BallotIn((3,)), "spoiled"),  # not selectable
    ],
)
def test_classify(ballot, expected):
    assert classify(ballot, CANDS, 2) == expected


# ── counting properties ──────────────────────────────────────────────────────────────────────

N_CANDIDATES = 6
ids = st.integers(1, N_CANDIDATES + 2)  # 7 and 8 are unknown
ballot_st = st.builds(
    BallotIn,
    choices=st.lists(ids, max_size=4).map(tuple),
    marked_spoiled=st.sampled_from([False, False, False, False, True]),
)
invalid_st = st.one_of(
    st.builds(BallotIn, choices=st.lists(ids, min_size=4, max_size=6).map(tuple)),  # too many
    st.integers(1, N_CANDIDATES).map(lambda i: BallotIn((i, i))),  # repeated
    st.integers(N_CANDIDATES + 1, 99).map(lambda i: BallotIn((i,))),  # unknown
    st.just(BallotIn((6,))),  # candidate 6 is not selectable
    st.lists(ids, max_size=3).map(lambda c: BallotIn(tuple(c), marked_spoiled=True)),
)
candidate_list = [
    *[CandidateIn(i, female_share=F(i, 8)) for i in range(1, N_CANDIDATES)],
    CandidateIn(N_CANDIDATES, selectable=False),
]
rules_st = st.builds(
    TallyRules,
    seats=st.integers(1, 3),
    members=st.integers(1, 40),
    threshold_share=st.sampled_from([F(1, 10), F(1, 3), HALF, EIGHTY]),
    threshold_strict=st.booleans(),
    threshold_base=st.sampled_from(["members", "cast", "valid"]),
    tie_policy=st.sampled_from(["runoff", "gen05"]),
    max_choices=st.just(3),
)


@settings(max_examples=200, deadline=None)
@given(ballots=st.lists(ballot_st, max_size=40), rules=rules_st, seed=st.integers())
def test_tally_independent_of_ballot_order(ballots, rules, seed):
    shuffled = list(ballots)
    random.Random(seed).shuffle(shuffled)

    assert tally(shuffled, candidate_list, rules) == tally(ballots, candidate_list, rules)


@settings(max_examples=200, deadline=None)
@given(
    ballots=st.lists(ballot_st, max_size=40),
    invalid=st.lists(invalid_st, min_size=1, max_size=10),
    seats=st.integers(1, 3),
)
def test_tally_invalid_ballots_count_for_nobody(ballots, invalid, seats):
    rules = TallyRules(seats=seats, members=50, threshold_share=F(1, 10), max_choices=3)

    clean = tally(ballots, candidate_list, rules)
    dirty = tally([*ballots, *invalid], candidate_list, rules)

    assert [(c.id, c.votes) for c in dirty.candidates] == [
        (c.id, c.votes) for c in clean.candidates
    ]
    assert dirty.valid == clean.valid
    assert dirty.spoiled == clean.spoiled + len(invalid)


@settings(max_examples=200, deadline=None)
@given(ballots=st.lists(ballot_st, max_size=60), rules=rules_st)
def test_tally_counts_and_seats_are_consistent(ballots, rules):
    result = tally(ballots, candidate_list, rules)
    by_id = {c.id: c for c in candidate_list}
    valid = [b for b in ballots if classify(b, by_id, 3) == "valid"]

    assert result.cast == len(ballots) == result.valid + result.blank + result.spoiled
    assert result.blank == sum(1 for b in ballots if not b.choices and not b.marked_spoiled)
    assert result.valid == len(valid)
    assert sum(c.votes for c in result.candidates) == sum(len(b.choices) for b in valid)
    assert len(result.elected) + result.seats_left <= rules.seats
    assert len(result.elected) <= rules.seats
    lines = {c.id: c for c in result.candidates}
    assert all(
        lines[i].passes_threshold and lines[i].votes >= result.required for i in result.elected
    )
    assert lines[N_CANDIDATES].votes == 0
    assert not lines[N_CANDIDATES].elected
    assert not set(result.elected) & set(result.tied)
    if result.tied:
        assert len(result.tied) > result.seats_left > 0
        assert len({lines[i].votes for i in result.tied}) == 1
    losers = [c for c in result.candidates if c.passes_threshold and not c.elected]
    if result.elected and losers and not result.tied:
        assert min(lines[i].votes for i in result.elected) >= max(c.votes for c in losers)
    order = [(-c.votes, c.id) for c in result.candidates]
    assert order == sorted(order)


# ── seats and ties ───────────────────────────────────────────────────────────────────────────


def test_tally_fills_seats_by_votes():
    ballots = _ballots(*[(1, 2)] * 6, *[(1, 3)] * 3, (4,))
    rules = TallyRules(seats=2, members=10, threshold_share=HALF, threshold_strict=True)

    result = tally(ballots, _candidates(4), rules)

    assert result.elected == (1, 2)
    assert [c.decided_by for c in result.candidates] == ["threshold"] * 4
    assert (result.tied, result.seats_left) == ((), 0)


def test_tally_passing_but_outranked_is_not_elected():
    ballots = _ballots(*[(1,)] * 6, *[(2,)] * 4)
    rules = TallyRules(seats=1, members=10, threshold_share=F(1, 5))

    result = tally(ballots, _candidates(2), rules)

    assert result.elected == (1,)
    assert (result.candidates[1].passes_threshold, result.candidates[1].decided_by) == (
        True,
        "seats",
    )


def test_tally_tie_at_last_seat_is_reported():
    ballots = _ballots(*[(1, 2)] * 5, *[(1, 3)] * 5)
    rules = TallyRules(seats=2, members=10, threshold_share=F(2, 5))

    result = tally(ballots, _candidates(3), rules)

    assert result.elected == (1,)
    assert result.tied == (2, 3)
    assert result.seats_left == 1
    assert result.needs_runoff is True
    assert [c.decided_by for c in result.candidates] == ["threshold", "VOT-11", "VOT-11"]
    assert result.notes[-1] == (
        "2 đơn vị cùng 5 phiếu tranh 1 suất cuối: cần bỏ phiếu lại giữa các đơn vị này (VOT-11)."
    )


def test_tally_tie_below_threshold_is_not_a_tie():
    ballots = _ballots(*[(1,)] * 6, (2,), (3,))
    rules = TallyRules(seats=2, members=10, threshold_share=HALF)

    result = tally(ballots, _candidates(3), rules)

    assert (result.elected, result.tied, result.seats_left) == ((1,), (), 0)
    assert result.notes[1] == "Chỉ 1 đơn vị đạt ngưỡng cho 2 suất."


def _tie_of_three(shares):
    candidates = [CandidateIn(i + 1, female_share=s) for i, s in enumerate(shares)]
    ballots = _ballots(*[(1,)] * 3, *[(2,)] * 3, *[(3,)] * 3)
    return ballots, candidates


def test_tally_gen05_settles_tie():
    ballots, candidates = _tie_of_three([F(1, 2), F(7, 10), None])
    rules = TallyRules(seats=1, members=9, threshold_share=F(1, 3), tie_policy="gen05")

    result = tally(ballots, candidates, rules)

    assert (result.elected, result.tied, result.seats_left) == ((2,), (), 0)
    assert [c.decided_by for c in result.candidates] == ["GEN-05"] * 3
    assert "ưu tiên tập thể có từ 70% nữ trở lên (GEN-05)" in result.notes[-1]


def test_tally_gen05_off_by_default():
    ballots, candidates = _tie_of_three([F(1, 2), F(7, 10), None])
    rules = TallyRules(seats=1, members=9, threshold_share=F(1, 3))

    result = tally(ballots, candidates, rules)

    assert (result.elected, result.tied, result.seats_left) == ((), (1, 2, 3), 1)


def test_tally_gen05_narrows_tie_to_preferred():
    ballots, candidates = _tie_of_three([F(4, 5), F(7, 10), F(1, 10)])
    rules = TallyRules(seats=1, members=9, threshold_share=F(1, 3), tie_policy="gen05")

    result = tally(ballots, candidates, rules)

    assert (result.elected, result.tied, result.seats_left) == ((), (1, 2), 1)
    assert [c.decided_by for c in result.candidates] == ["VOT-11", "VOT-11", "GEN-05"]


def test_tally_gen05_elects_preferred_then_ties_the_rest():
    ballots, candidates = _tie_of_three([F(4, 5), F(1, 2), F(1, 10)])
    rules = TallyRules(seats=2, members=9, threshold_share=F(1, 3), tie_policy="gen05")

    result = tally(ballots, candidates, rules)

    assert (result.elected, result.tied, result.seats_left) == ((1,), (2, 3), 1)
    assert [c.decided_by for c in result.candidates] == ["GEN-05", "VOT-11", "VOT-11"]


def test_tally_gen05_cannot_separate_all_preferred():
    ballots, candidates = _tie_of_three([F(4, 5), F(7, 10), F(1)])
    rules = TallyRules(seats=1, members=9, threshold_share=F(1, 3), tie_policy="gen05")

    result = tally(ballots, candidates, rules)

    assert (result.elected, result.tied) == ((), (1, 2, 3))


def test_tally_not_selectable_never_elected():
    candidates = [CandidateIn(1, selectable=False), CandidateIn(2)]
    ballots = _ballots(*[(1,)] * 9, (2,))
    rules = TallyRules(seats=1, members=10, threshold_share=F(1, 10))

    result = tally(ballots, candidates, rules)

    assert result.spoiled == 9
    assert result.elected == (2,)
    lines = {c.id: c for c in result.candidates}
    assert (lines[1].votes, lines[1].elected, lines[1].decided_by) == (0, False, "")


def test_tally_candidate_order_breaks_display_ties():
    candidates = [CandidateIn(5), CandidateIn(2), CandidateIn(9)]
    rules = TallyRules(seats=3, members=3, threshold_share=F(1, 3))

    result = tally(_ballots((9, 5, 2)), candidates, rules)

    assert [c.id for c in result.candidates] == [5, 2, 9]
    assert result.elected == (5, 2, 9)


def test_tally_refuses_bad_setup():
    rules = TallyRules(seats=0, members=3, threshold_share=HALF)
    with pytest.raises(ValueError):
        tally([], _candidates(2), rules)
    with pytest.raises(ValueError):
        tally([], [CandidateIn(1), CandidateIn(1)], TallyRules(1, 3, HALF))


def test_tally_no_ballots():
    rules = TallyRules(seats=1, members=5, threshold_share=HALF, threshold_base="valid")

    result = tally([], _candidates(2), rules)

    assert (result.cast, result.base, result.required, result.elected) == (0, 0, 1, ())
    assert all(c.share == 0 for c in result.candidates)


def test_tally_10000_ballots_20_candidates_is_fast():
    rng = random.Random(7)
    candidates = _candidates(20)
    ballots = [BallotIn(tuple(rng.sample(range(1, 21), rng.randint(0, 3)))) for _ in range(10_000)]
    rules = TallyRules(seats=3, members=10_000, threshold_share=F(1, 10))

    started = time.perf_counter()
    result = tally(ballots, candidates, rules)
    elapsed = time.perf_counter() - started

    assert result.cast == 10_000
    assert elapsed < 1.0


# ── ballot list hash ─────────────────────────────────────────────────────────────────────────

ROWS = [
    {"receipt": "P-002", "channel": "paper", "choices": [3], "status": "valid"},
    {"receipt": "A7Q", "channel": "online", "choices": [], "status": "blank"},
    {"receipt": "P-001", "channel": "paper", "choices": [1, 2], "status": "Không hợp lệ"},
]


def test_ballot_list_hash_canonical():
    ordered = sorted(ROWS, key=lambda r: r["receipt"])
    text = json.dumps(ordered, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    assert ballot_list_hash(ROWS) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert "Không" in text


def test_ballot_list_hash_ignores_row_and_key_order():
    shuffled = [dict(reversed(list(r.items()))) for r in reversed(ROWS)]

    assert ballot_list_hash(shuffled) == ballot_list_hash(ROWS)


def test_ballot_list_hash_changes_with_a_choice():
    changed = [dict(ROWS[0], choices=[2]), *ROWS[1:]]

    assert ballot_list_hash(changed) != ballot_list_hash(ROWS)
