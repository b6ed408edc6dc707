"""Factories for covenants, criteria tables and scorecards (shared by the covenants and scoring tests)."""

from decimal import Decimal

import factory

from tests.factories import SeasonFactory
from thidua.covenants.models import Covenant, Criterion, Registration
from thidua.scoring.models import Score, Scorecard


class CovenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Covenant

    season = factory.SubFactory(SeasonFactory)
    title = factory.LazyAttribute(lambda o: f"Giao ước thi đua năm {o.season.year}")
    total_points = Decimal("100")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    covenant = factory.SubFactory(CovenantFactory)
    code = factory.Sequence(lambda n: f"C{n}")
    title = factory.Sequence(lambda n: f"Tiêu chí số {n}")
    kind = "criterion"
    max_points = Decimal("10")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    season = factory.SubFactory(SeasonFactory)
    unit = factory.SubFactory("tests.factories.UnitFactory")
    targets = "Hoàn thành xuất sắc nhiệm vụ năm"


class ScorecardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scorecard

    season = factory.SubFactory(SeasonFactory)
    unit = factory.SubFactory("tests.factories.UnitFactory")


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    scorecard = factory.SubFactory(ScorecardFactory)
    criterion = factory.SubFactory(CriterionFactory)


def covenant_with_table(season, *, total=Decimal("100")) -> Covenant:
    """A covenant with two groups adding up to `total` (60 % / 40 %), one bonus and one deduction rule.

    Group I: I.1 (30 %), I.2 (30 %); group II: II.1 (40 %); bonus B.1 cap 10 %; deduction D.1 cap 10 %.
    """
    covenant = CovenantFactory(season=season, total_points=total)
    pct = total / 100
    g1 = CriterionFactory(
        covenant=covenant,
        code="I",
        title="Thực hiện nhiệm vụ chính trị",
        kind="group",
        max_points=60 * pct,
        order=1,
    )
    CriterionFactory(
        covenant=covenant,
        parent=g1,
        code="I.1",
        title="Kết quả nhiệm vụ chuyên môn",
        max_points=30 * pct,
        order=1,
    )
    CriterionFactory(
        covenant=covenant,
        parent=g1,
        code="I.2",
        title="Cải cách hành chính",
        max_points=30 * pct,
        order=2,
        evidence_required=True,
    )
    g2 = CriterionFactory(
        covenant=covenant,
        code="II",
        title="Công tác thi đua, khen thưởng",
        kind="group",
        max_points=40 * pct,
        order=2,
    )
    CriterionFactory(
        covenant=covenant,
        parent=g2,
        code="II.1",
        title="Tổ chức phong trào thi đua",
        max_points=40 * pct,
        order=1,
    )
    CriterionFactory(
        covenant=covenant,
        code="B.1",
        title="Cờ thi đua của Chính phủ",
        kind="bonus",
        max_points=10 * pct,
        points_per_item=10 * pct,
        order=3,
    )
    CriterionFactory(
        covenant=covenant,
        code="D.1",
        title="Báo cáo chậm",
        kind="deduction",
        max_points=10 * pct,
        points_per_item=2 * pct,
        order=4,
    )
    return covenant
