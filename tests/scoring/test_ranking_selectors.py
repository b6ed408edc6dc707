"""ranking_for_season and leniency_for_season on real rows (SQLite and PostgreSQL)."""

from decimal import Decimal

import pytest

from tests.factories import UnitFactory, UserFactory, season_with_members
from tests.scoring.test_ranking_setup import T0, card, cross, exclude, season_table
from thidua.accounts.enums import Role
from thidua.core.exceptions import NotFound
from thidua.covenants.models import Criterion
from thidua.org.selectors import season_get_for_user
from thidua.scoring.models import Score
from thidua.scoring.selectors.ranking import (
    leniency_for_season,
    ranking_for_season,
    ranking_report_for_season,
)

pytestmark = pytest.mark.integration
D = Decimal


@pytest.fixture
def world(province, board_admin):
    season, covenant, units = season_table(3, province=province)
    return season, covenant, units, board_admin


def _rank(user, season):
    return ranking_for_season(user=user, season=season_get_for_user(user=user, pk=season.pk))


def _by_unit(ranking):
    return {row.entry.unit_id: row for row in ranking.rows}


def test_ranking_sums_base_bonus_deduction_and_groups(world):
    season, _covenant, (a, b, _c), user = world
    card(season, a, {"I.1": 25, "I.2": 20, "II.1": 30, "B.1": 10, "D.1": 2})
    card(season, b, {"I.1": 30, "I.2": 30, "II.1": 40})

    rows = _by_unit(_rank(user, season))

    entry = rows[a.pk].entry
    assert (entry.base, entry.bonus, entry.deduction) == (D(75), D(10), D(2))
    assert entry.group_points == (D(45), D(30))
    assert rows[a.pk].total == D(83)
    assert entry.min_criterion_share == D("0.6666666666666666666666666667")
    assert entry.submitted_at == T0
    assert rows[b.pk].rank == 1
    assert rows[a.pk].rank == 2


def test_ranking_caps_bonus_and_deduction_at_rule_maximum(world):
    season, _covenant, (a, _b, _c), user = world
    card(season, a, {"I.1": 30, "B.1": 25, "D.1": 40})

    entry = _by_unit(_rank(user, season))[a.pk].entry

    assert (entry.bonus, entry.deduction) == (D(10), D(10))
    assert entry.base + entry.bonus - entry.deduction == D(30)


def test_ranking_agreed_points_fall_back_to_self_score(world):
    season, _covenant, (a, b, _c), user = world
    card(season, a, {"I.1": (30, 20), "I.2": (25, None), "II.1": (None, 10)}, status="reviewed")
    card(season, b, {"I.1": 5}, status="submitted")

    rows = _by_unit(_rank(user, season))

    assert rows[a.pk].entry.base == D(55)
    assert rows[a.pk].entry.unreviewed is False
    assert rows[a.pk].entry.card_status == "reviewed"
    assert rows[b.pk].entry.unreviewed is True


def test_ranking_member_without_scorecard_gets_zero_and_note(world):
    season, _covenant, (a, _b, c), user = world
    card(season, a, {"I.1": 10})

    row = _by_unit(_rank(user, season))[c.pk]

    assert row.total == D(0)
    assert row.entry.card_status == ""
    assert row.entry.min_criterion_share == D(0)
    assert row.rank == 2


def test_ranking_exclusion_listed_with_rule_and_reason(world):
    season, _covenant, (a, b, _c), user = world
    card(season, a, {"I.1": 30})
    exclude(season, a)

    ranking = _rank(user, season)

    assert [r.entry.unit_id for r in ranking.excluded] == [a.pk]
    assert ranking.excluded[0].entry.excluded_rule == "GEN-03"
    assert ranking.excluded[0].rank is None
    assert a.pk not in [r.entry.unit_id for r in ranking.ranked]


def test_ranking_uses_covenant_tie_breaks_and_bands(world):
    season, covenant, (a, b, _c), user = world
    covenant.tie_breaks = ["more_bonus", "fewer_deductions", "not_a_rule"]
    covenant.bands = [
        {"code": "xs", "label": "Xuất sắc", "min_share": 0.9},
        {"code": "k", "label": "Khá", "min_share": 0.5},
        {"broken": True},
    ]
    covenant.save()
    card(season, a, {"I.1": 30, "I.2": 30, "II.1": 30, "B.1": 0})
    card(season, b, {"I.1": 30, "I.2": 30, "II.1": 20, "B.1": 10})

    ranking = _rank(user, season)
    rows = _by_unit(ranking)

    assert ranking.tie_breaks == ("more_bonus", "fewer_deductions")
    assert [rows[b.pk].rank, rows[a.pk].rank] == [1, 2]
    assert rows[a.pk].decided_by == "more_bonus"
    assert rows[a.pk].band.code == "xs"


def test_ranking_ignores_scores_of_group_rows(world):
    season, covenant, (a, _b, _c), user = world
    scorecard = card(season, a, {"I.1": 10})
    Score.objects.create(
        scorecard=scorecard,
        criterion=Criterion.objects.get(covenant=covenant, code="I"),
        self_score=D(60),
    )

    assert _by_unit(_rank(user, season))[a.pk].entry.base == D(10)


def test_ranking_without_covenant_lists_members_with_zero(province, board_admin):
    season = season_with_members(2, province=province)

    ranking = _rank(board_admin, season)

    assert [r.rank for r in ranking.rows] == [1, 1]
    assert ranking.table_total == D(0)


def test_ranking_other_province_not_found(world, other_province):
    season, *_rest = world
    stranger = UserFactory(role=Role.VIEWER, province=other_province)

    with pytest.raises(NotFound):
        ranking_for_season(user=stranger, season=season)


def test_leniency_empty_in_leader_review_mode(world):
    season, _covenant, _units, user = world

    result = leniency_for_season(user=user, season=season)

    assert (result.scoring_mode, result.rows) == ("leader_review", [])


def test_leniency_cross_scoring_flags_outlier(world):
    season, covenant, (a, b, c), user = world
    covenant.scoring_mode = "cross_scoring"
    covenant.save()
    d, e = UnitFactory(province=season.bloc.province), UnitFactory(province=season.bloc.province)
    target = card(season, a, {"I.1": 20, "I.2": 20})
    for score in target.scores.all():
        cross(score, b, 20)
        cross(score, c, 21)
        cross(score, d, 19)
        cross(score, e, 29)

    result = leniency_for_season(user=user, season=season)

    rows = {r.unit_id: r for r in result.rows}
    assert rows[e.pk].outlier is True
    assert rows[e.pk].mean_deviation == D("9.00")
    assert rows[e.pk].items == 2
    assert [r.unit_id for r in result.rows][0] == e.pk
    assert rows[b.pk].outlier is False


def test_report_holds_every_score_cell(world):
    season, _covenant, (a, _b, _c), user = world
    card(season, a, {"I.1": (30, 25)})

    report = ranking_report_for_season(user=user, season=season, perm="scoring.export")

    i1 = next(c for c in report.criteria if c.code == "I.1")
    assert report.scores[(a.pk, i1.id)].agreed == D(25)
    assert [c.code for c in report.scored_criteria] == ["I.1", "I.2", "II.1", "B.1", "D.1"]
    assert [g.code for g in report.groups] == ["I", "II"]
