"""Shared setup of the ranking tests (no tests here): a season, the standard table, scorecards."""

import datetime
from decimal import Decimal

from tests.factories import UserFactory, season_with_members
from tests.factories.covenants import (
    CriterionFactory,
    ScorecardFactory,
    ScoreFactory,
    covenant_with_table,
)
from thidua.accounts.enums import Role
from thidua.covenants.models import Criterion
from thidua.scoring.models import CrossScore, Exclusion

D = Decimal
T0 = datetime.datetime(2023, 11, 1, 8, 0, tzinfo=datetime.UTC)


def card(season, unit, points, *, status="submitted", submitted_at=T0):
    """A scorecard with `points` = {criterion code: self | (self, review)}."""
    scorecard = ScorecardFactory(season=season, unit=unit, status=status, submitted_at=submitted_at)
    criteria = {c.code: c for c in Criterion.objects.filter(covenant__season=season)}
    for code, value in points.items():
        self_score, review = value if isinstance(value, tuple) else (value, None)
        ScoreFactory(
            scorecard=scorecard,
            criterion=criteria[code],
            self_score=None if self_score is None else D(str(self_score)),
            review_score=None if review is None else D(str(review)),
        )
    return scorecard


def exclude(season, unit, *, rule="GEN-03", reason="Đang bị thanh tra có dấu hiệu vi phạm"):
    return Exclusion.objects.create(
        season=season, unit=unit, rule_id=rule, reason=reason, recorded_by=UserFactory()
    )


def cross(score, scorer_unit, points):
    return CrossScore.objects.create(
        score=score,
        scorer_unit=scorer_unit,
        points=D(str(points)),
        scored_by=UserFactory(role=Role.VIEWER),
    )


def season_table(n_units=3, *, province=None, total=None):
    season = season_with_members(n_units, province=province)
    covenant = covenant_with_table(season, total=total or D("100"))
    units = sorted((m.unit for m in season.memberships.all()), key=lambda u: u.name)
    return season, covenant, units


def big_table(season, covenant, n_criteria):
    """Add `n_criteria` more criterion rows (in groups of 4) to a covenant."""
    group = None
    for i in range(n_criteria):
        if i % 4 == 0:
            group = CriterionFactory(
                covenant=covenant, code=f"G{i}", kind="group", max_points=D(40), order=10 + i
            )
        CriterionFactory(covenant=covenant, parent=group, code=f"G{i}.{i}", max_points=D(10))
