"""Eligibility selectors: the list of a unit, a bloc's season or a province for an award and a
year (grouped verdicts with the province's overrides), a subject's verdicts, next year's
candidates of a chain; errors, scoping and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from thidua.accounts.enums import Role
from thidua.awards.models import AnnualAssessment, AwardRecord, RuleSetting
from thidua.awards.selectors.eligibility import (
    eligibility_list,
    histories_of,
    next_year_candidates,
    subject_verdicts,
)
from thidua.awards.selectors.history import person_histories
from thidua.core.exceptions import DomainError, NotFound, ValidationFailed
from thidua.org.enums import Gender

pytestmark = pytest.mark.integration

CSTDCS = "chien_si_thi_dua_co_so"
PROVINCIAL = "chien_si_thi_dua_cap_tinh"
YEAR = 2024


@pytest.fixture
def unit(province):
    return UnitFactory(province=province, name="Sở Tư pháp")


def _titles(person, years, *, code=CSTDCS, basis="merit", **facts):
    for year in years:
        AwardRecord.objects.create(person=person, award_type=code, year=year, basis=basis)
        if facts:
            AnnualAssessment.objects.create(person=person, year=year, **facts)


def _person(unit, years=(), name="Trần Thị Lan", **kwargs):
    person = PersonFactory(unit=unit, full_name=name)
    _titles(person, years, **kwargs)
    return person


def _status(result, person):
    (row,) = [r for r in result.rows() if r.subject.pk == person.pk]
    return row.verdict


def _reasons(verdict, rule_id):
    return [r for r in verdict.reasons if r.rule_id == rule_id]


# ── The list ─────────────────────────────────────────────────────────────────────────────────


def test_three_consecutive_cstdcs_eligible_except_the_initiative_check(board_admin, unit):
    person = _person(unit, (2022, 2023, 2024), rating="htxs")

    result = eligibility_list(user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit)

    verdict = _status(result, person)
    assert verdict.status == "needs_check"
    assert [r.met for r in verdict.reasons if r.met is not True] == [None]
    assert [r.met for r in _reasons(verdict, "IND-03")] == [True, None]
    assert result.counts == {"eligible": 0, "needs_check": 1, "not_eligible": 0}


def test_recorded_provincial_initiative_makes_the_chain_eligible(board_admin, unit):
    person = _person(unit, (2022, 2023, 2024), rating="htxs", initiative_scope="province")

    result = eligibility_list(user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit)

    assert _status(result, person).status == "eligible"
    assert [row.subject.pk for row in result.groups["eligible"]] == [person.pk]


def test_a_gap_in_the_chain_is_not_eligible_naming_ind03(board_admin, unit):
    person = _person(unit, (2021, 2023, 2024))

    verdict = _status(
        eligibility_list(user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit), person
    )

    assert (verdict.status, verdict.decided_by) == ("not_eligible", "IND-03")
    assert _reasons(verdict, "IND-03")[0].met is False


def test_a_thematic_title_does_not_count_in_the_chain(board_admin, unit):
    person = _person(unit, (2023, 2024))
    _titles(person, (2022,), basis="thematic")

    verdict = _status(
        eligibility_list(user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit), person
    )

    assert (verdict.status, verdict.decided_by) == ("not_eligible", "IND-03")
    assert [r.met for r in _reasons(verdict, "GEN-02")] == [True]


def test_a_province_override_changes_the_verdict(board_admin, province, unit):
    other = UnitFactory(province=ProvinceFactory())
    here, there = _person(unit, (2023, 2024)), _person(other, (2023, 2024))
    RuleSetting.objects.create(
        province=province,
        rule_id="IND-03",
        params={"consecutive": 2},
        from_year=2020,
        citation="QĐ 1/2024/QĐ-UBND",
    )
    admin = UserFactory(role=Role.BOARD_ADMIN)  # every province
    admin.is_superuser = True
    admin.save()

    at_home = eligibility_list(user=admin, award_type=PROVINCIAL, year=YEAR, unit=unit)
    abroad = eligibility_list(user=admin, award_type=PROVINCIAL, year=YEAR, unit=other)

    assert _status(at_home, here).status == "needs_check"
    assert "QĐ 1/2024/QĐ-UBND" in _reasons(_status(at_home, here), "IND-03")[0].text
    assert _status(abroad, there).status == "not_eligible"


def test_groups_are_ordered_by_unit_then_name(board_admin, province, unit):
    sub = UnitFactory(province=province, parent=unit, name="Phòng Hành chính")
    late = _person(unit, (2022, 2023, 2024), name="Vũ Văn Bình")
    early = _person(unit, (2022, 2023, 2024), name="Đào Thị An")
    child = _person(sub, (2022, 2023, 2024), name="Lê Văn Cường")
    _person(UnitFactory(province=province), (2022, 2023, 2024))  # outside the unit

    result = eligibility_list(user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit)

    assert [r.subject.pk for r in result.rows()] == [child.pk, early.pk, late.pk]
    assert result.unit == unit and result.province is None


def test_a_bloc_means_its_members_of_that_year(board_admin, province):
    bloc = BlocFactory(province=province)
    member, former = UnitFactory(province=province), UnitFactory(province=province)
    SeasonMembershipFactory(season=SeasonFactory(bloc=bloc, year=YEAR), unit=member)
    SeasonMembershipFactory(season=SeasonFactory(bloc=bloc, year=YEAR - 1), unit=former)
    person = _person(member, (2022, 2023, 2024))
    _person(former, (2022, 2023, 2024))

    people = eligibility_list(user=board_admin, award_type=PROVINCIAL, year=YEAR, bloc=bloc)
    units = eligibility_list(
        user=board_admin, award_type="tap_the_lao_dong_xuat_sac", year=YEAR, bloc=bloc.pk
    )

    assert [r.subject.pk for r in people.rows()] == [person.pk]
    assert [(r.subject.kind, r.subject.pk) for r in units.rows()] == [("collective", member.pk)]


def test_a_province_lists_the_units_for_a_collective_award(board_admin, province):
    first = UnitFactory(province=province, name="A Sở Công Thương")
    second = UnitFactory(province=province, name="B Sở Nội vụ")
    UnitFactory(province=ProvinceFactory())

    result = eligibility_list(
        user=board_admin, award_type="tap_the_lao_dong_xuat_sac", year=YEAR, province=province
    )

    assert [r.subject.pk for r in result.rows()] == [first.pk, second.pk]
    assert result.award.subject == "collective" and result.total == 2


def test_the_rows_of_one_status(board_admin, unit):
    yes = _person(unit, (2022, 2023, 2024), initiative_scope="province")
    no = _person(unit, (2024,))

    result = eligibility_list(user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit)

    assert [r.subject.pk for r in result.rows("eligible")] == [yes.pk]
    assert [r.subject.pk for r in result.rows("not_eligible")] == [no.pk]


# ── Errors and scope ─────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"award_type": "khong_co", "year": YEAR}, "unknown_award_type"),
        ({"award_type": PROVINCIAL, "year": 1900}, "invalid_year"),
        ({"award_type": PROVINCIAL, "year": 3000}, "invalid_year"),
        ({"award_type": PROVINCIAL, "year": YEAR, "unit": None}, "missing_scope"),
    ],
)
def test_bad_arguments_are_refused_with_a_code(board_admin, unit, values, code):
    scope = {"unit": unit} | values

    with pytest.raises(DomainError) as caught:
        eligibility_list(user=board_admin, **scope)

    assert caught.value.code == code


@pytest.mark.parametrize("scope", ["province", "bloc", "unit"])
def test_a_scope_outside_the_users_provinces_is_not_found(viewer, scope):
    away = ProvinceFactory()
    objects = {
        "province": away,
        "bloc": BlocFactory(province=away),
        "unit": UnitFactory(province=away),
    }

    with pytest.raises(NotFound):
        eligibility_list(user=viewer, award_type=PROVINCIAL, year=YEAR, **{scope: objects[scope]})


def test_a_missing_scope_is_not_found(viewer):
    with pytest.raises(NotFound):
        eligibility_list(user=viewer, award_type=PROVINCIAL, year=YEAR, unit=10**9)


@pytest.mark.parametrize("role", ["board_admin", "officer", "viewer"])
def test_every_role_reads_its_own_province(request, role, unit):
    person = _person(unit, (2022, 2023, 2024))

    result = eligibility_list(
        user=request.getfixturevalue(role), award_type=PROVINCIAL, year=YEAR, unit=unit
    )

    assert [r.subject.pk for r in result.rows()] == [person.pk]


def test_subject_verdicts_outside_scope_are_not_found(viewer):
    away = PersonFactory(unit=UnitFactory(province=ProvinceFactory()))

    with pytest.raises(NotFound):
        subject_verdicts(user=viewer, year=YEAR, person=away)
    with pytest.raises(NotFound):
        subject_verdicts(user=viewer, year=YEAR, unit=away.unit.pk)


# ── A subject's verdicts ─────────────────────────────────────────────────────────────────────


def test_a_persons_verdicts_cover_every_individual_award_in_catalogue_order(viewer, unit):
    person = _person(unit, (2022, 2023, 2024), initiative_scope="province")

    verdicts = subject_verdicts(user=viewer, year=YEAR, person=person.pk)

    assert {v.award.subject for v in verdicts} == {"individual"}
    assert [v.award.order for v in verdicts] == sorted(v.award.order for v in verdicts)
    by_code = {v.award.code: v.verdict.status for v in verdicts}
    assert by_code[PROVINCIAL] == "eligible"
    assert by_code["chien_si_thi_dua_toan_quoc"] == "not_eligible"


def test_a_units_verdicts_are_for_collective_awards_only(viewer, unit):
    verdicts = subject_verdicts(
        user=viewer, year=YEAR, unit=unit, award_types=["tap_the_lao_dong_xuat_sac", PROVINCIAL]
    )

    assert [v.award.code for v in verdicts] == ["tap_the_lao_dong_xuat_sac"]


# ── Next year's candidates ───────────────────────────────────────────────────────────────────


def test_next_year_candidates_are_one_title_short(board_admin, unit):
    two = _person(unit, (2023, 2024), name="A Hai năm")
    _person(unit, (2022, 2023, 2024), name="B Ba năm")  # this year's list
    _person(unit, (2024,), name="C Một năm")
    _person(unit, (2022, 2024), name="D Đứt quãng")
    early = _person(unit, (2022, 2023), name="E Kết thúc sớm")

    result = next_year_candidates(user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit)

    assert [r.subject.pk for r in result.rows()] == [two.pk]
    assert (result.rows()[0].chain, result.rows()[0].verdict.year) == (2, YEAR + 1)
    assert (result.target_year, result.consecutive, result.chain_rule.id) == (2025, 3, "IND-03")
    assert result.chain_award.code == CSTDCS
    assert early.pk not in [r.subject.pk for r in result.rows()]
    assert result.counts["not_eligible"] == 0


def test_next_year_candidates_follow_the_provinces_chain_length(board_admin, province, unit):
    RuleSetting.objects.create(
        province=province, rule_id="IND-03", params={"consecutive": 2}, from_year=2020
    )
    one = _person(unit, (2024,))
    _person(unit, (2023, 2024))

    result = next_year_candidates(user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit)

    assert [r.subject.pk for r in result.rows()] == [one.pk]


def test_next_year_candidates_of_a_collective_chain(board_admin, province):
    unit = UnitFactory(province=province)
    AwardRecord.objects.create(unit=unit, award_type="tap_the_lao_dong_xuat_sac", year=YEAR)

    result = next_year_candidates(
        user=board_admin, award_type="bang_khen_chu_tich_ubnd_tinh", year=YEAR, province=province
    )

    assert [r.subject.pk for r in result.rows()] == [unit.pk]
    assert result.chain_rule.id == "FRM-02c"


def test_an_award_without_a_chain_has_no_candidates(board_admin, unit):
    with pytest.raises(ValidationFailed) as caught:
        next_year_candidates(user=board_admin, award_type="giay_khen", year=YEAR, unit=unit)

    assert caught.value.code == "award_without_chain"


# ── Histories and queries ────────────────────────────────────────────────────────────────────


def test_batch_histories_equal_person_histories(board_admin, unit):
    woman = _person(unit, (2022, 2023), rating="htxs", initiative_scope="province")
    woman.gender = Gender.FEMALE
    woman.save()
    _titles(woman, (2021,), code="lao_dong_tien_tien", basis="ad_hoc")
    AwardRecord.objects.create(person=woman, award_type=CSTDCS, year=2024, revoked=True)
    AnnualAssessment.objects.create(
        person=woman, year=2024, disciplined=True, science_accepted=True
    )
    man = _person(unit, ())
    subjects = eligibility_list(
        user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=unit
    ).rows()
    expected = person_histories([woman.pk, man.pk])

    for whole_units in (True, False):
        got = histories_of([r.subject for r in subjects], year=YEAR, whole_units=whole_units)
        for pk in (woman.pk, man.pk):
            assert sorted(got[pk].awards, key=repr) == sorted(expected[pk].awards, key=repr)
            assert sorted(got[pk].facts, key=repr) == sorted(expected[pk].facts, key=repr)
            assert got[pk].female == expected[pk].female
            assert got[pk].kind == expected[pk].kind


def _queries(call):
    call()  # the user's visible provinces are read once per user object, then kept
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("award", [PROVINCIAL, "tap_the_lao_dong_xuat_sac"])
def test_the_list_takes_constant_queries_for_1_and_5_subjects(board_admin, province, award):
    small, large = UnitFactory(province=province), UnitFactory(province=province)
    for target, count in ((small, 1), (large, 5)):
        for _ in range(count):
            _person(target, (2022, 2023, 2024), rating="htt")
            child = UnitFactory(province=province, parent=target)
            AwardRecord.objects.create(
                unit=child, award_type="tap_the_lao_dong_tien_tien", year=2023
            )

    def run(target):
        return lambda: eligibility_list(user=board_admin, award_type=award, year=YEAR, unit=target)

    assert _queries(run(small)) == _queries(run(large))


def test_next_year_and_subject_verdicts_take_constant_queries(board_admin, province):
    small, large = UnitFactory(province=province), UnitFactory(province=province)
    _person(small, (2023, 2024))
    people = [_person(large, (2023, 2024)) for _ in range(5)]
    for person in people:
        _titles(person, (2019, 2020), code="lao_dong_tien_tien", rating="htt")

    def run(target):
        return lambda: next_year_candidates(
            user=board_admin, award_type=PROVINCIAL, year=YEAR, unit=target
        )

    assert _queries(run(small)) == _queries(run(large))
    single = _queries(lambda: subject_verdicts(user=board_admin, year=YEAR, person=people[0]))
    assert single == _queries(
        lambda: subject_verdicts(user=board_admin, year=YEAR, person=people[1])
    )
