"""Histories built from the registry for the eligibility engine: people, units with their
predecessors (lineage), members' titles per year, bloc leadership, GEN-03 exclusions."""

import datetime
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
    season_with_members,
)
from thidua.accounts.enums import Role
from thidua.awards.models import AnnualAssessment, AwardRecord
from thidua.awards.selectors.history import person_histories, unit_histories
from thidua.org.enums import Gender, LineageKind
from thidua.org.models import LineageEvent
from thidua.scoring.models import Exclusion

pytestmark = pytest.mark.django_db


def record(*, unit=None, person=None, code, year, basis="merit", revoked=False):
    return AwardRecord.objects.create(
        unit=unit, person=person, award_type=code, year=year, basis=basis, revoked=revoked
    )


def test_person_history_has_awards_facts_and_gender():
    person = PersonFactory(gender=Gender.FEMALE)
    record(person=person, code="chien_si_thi_dua_co_so", year=2022)
    record(person=person, code="lao_dong_tien_tien", year=2021, basis="thematic")
    AnnualAssessment.objects.create(
        person=person, year=2022, rating="htxs", initiative_scope="grassroots"
    )
    history = person_histories([person.pk])[person.pk]
    assert history.kind == "individual" and history.female is True
    assert {(a.code, a.year, a.basis) for a in history.awards} == {
        ("chien_si_thi_dua_co_so", 2022, "merit"),
        ("lao_dong_tien_tien", 2021, "thematic"),
    }
    (facts,) = history.facts
    assert (facts.year, facts.rating, facts.initiative_scope) == (2022, "htxs", "grassroots")


def test_person_histories_take_constant_queries():
    people = [PersonFactory() for _ in range(3)]
    for p in people:
        record(person=p, code="lao_dong_tien_tien", year=2023)
    with CaptureQueriesContext(connection) as one:
        person_histories([people[0].pk])
    with CaptureQueriesContext(connection) as three:
        person_histories([p.pk for p in people])
    assert len(one) == len(three) == 3


def test_a_successor_unit_inherits_its_predecessors_history():
    province = ProvinceFactory()
    old_a, old_b, new = (UnitFactory(province=province) for _ in range(3))
    event = LineageEvent.objects.create(kind=LineageKind.MERGE, date=datetime.date(2025, 7, 1))
    event.predecessors.set([old_a, old_b])
    event.successors.set([new])
    record(unit=old_a, code="tap_the_lao_dong_xuat_sac", year=2023)
    record(unit=old_b, code="tap_the_lao_dong_xuat_sac", year=2024)
    record(unit=new, code="tap_the_lao_dong_xuat_sac", year=2025)
    AnnualAssessment.objects.create(unit=old_a, year=2024, rating="htt")
    AnnualAssessment.objects.create(unit=new, year=2024, rating="htxs")
    history = unit_histories([new.pk], year=2025)[new.pk]
    assert sorted(a.year for a in history.awards) == [2023, 2024, 2025]
    assert {f.year: f.rating for f in history.facts} == {2024: "htxs"}  # its own facts win
    assert unit_histories([old_a.pk], year=2025)[old_a.pk].awards[0].year == 2023


def test_members_shares_leadership_and_exclusions_of_a_unit():
    season = season_with_members(2, year=2023)
    unit = season.leader
    people = [PersonFactory(unit=unit) for _ in range(10)]
    for p in people[:7]:
        record(person=p, code="lao_dong_tien_tien", year=2023)
    record(person=people[0], code="chien_si_thi_dua_co_so", year=2023)
    record(person=people[8], code="lao_dong_tien_tien", year=2023, revoked=True)
    for p in people:
        AnnualAssessment.objects.create(person=p, year=2023, rating="htt")
    AnnualAssessment.objects.filter(person=people[9]).update(rating="kht", disciplined=True)
    board = UserFactory(role=Role.BOARD_ADMIN, province=season.bloc.province)
    Exclusion.objects.create(season=season, unit=unit, reason="Đang thanh tra", recorded_by=board)
    history = unit_histories([unit.pk], year=2023)[unit.pk]
    assert history.member_ldtt_share[2023] == Fraction(7, 10)
    assert history.member_cstdcs[2023] == 1
    assert history.members_all_completed[2023] is False
    assert history.member_disciplined[2023] is True
    assert history.is_bloc_leader == {2023: True}
    assert history.under_review is True
    assert unit_histories([unit.pk], year=2022)[unit.pk].under_review is False


def test_unit_histories_take_constant_queries():
    units = [UnitFactory() for _ in range(3)]
    for u in units:
        record(unit=u, code="tap_the_lao_dong_tien_tien", year=2023)
        PersonFactory(unit=u)
    with CaptureQueriesContext(connection) as one:
        unit_histories([units[0].pk], year=2023)
    with CaptureQueriesContext(connection) as three:
        unit_histories([u.pk for u in units], year=2023)
    assert len(one) == len(three)
