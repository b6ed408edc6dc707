import datetime
import io
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction

from thidua.awards.models import AnnualAssessment, AwardBasis, AwardRecord, RecordSource
from thidua.awards.selectors.history import unit_histories
from thidua.decisions.models import DecisionLine
from thidua.dossiers.models import Proposal
from thidua.org.demo import awards, data
from thidua.org.models import Person, Unit

pytestmark = pytest.mark.integration

LDTT, CSTDCS = "lao_dong_tien_tien", "chien_si_thi_dua_co_so"
TTLDTT, TTLDXS = "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac"
BK_TINH, BK_TINH_CN = "bang_khen_chu_tich_ubnd_tinh", "bang_khen_chu_tich_ubnd_tinh_ca_nhan"
GOOD = ("htt", "htxs")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("create_demo_data", "--once", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _cstdcs_years():
    years = defaultdict(set)
    rows = AwardRecord.objects.filter(award_type=CSTDCS, basis=AwardBasis.MERIT, revoked=False)
    for name, year in rows.values_list("person__full_name", "year"):
        years[name].add(year)
    return years


def _run_ending(years, end):
    count = 0
    while end - count in years:
        count += 1
    return count


def _planned_cstdcs(profile):
    """Years of CSTĐ cơ sở a showcase profile plans (letters C, P, Q up to 2023)."""
    return {2019 + i for i, letter in enumerate(profile[:5]) if letter in "CPQ"}


def _assessments():
    return {(a.person_id, a.year): a for a in AnnualAssessment.objects.filter(person__isnull=False)}


def test_demo_awards_people_number_a_few_hundred(demo, db):
    count = Person.objects.count()

    assert count == awards.TARGET_PEOPLE
    assert 300 <= count <= 400


def test_demo_awards_lines_and_people_added_are_illustrative(demo, db):
    seed_names = {name for _unit, name, _gender, _position in data.SEED_PEOPLE}
    decided = set(DecisionLine.objects.values_list("award_record_id", flat=True))

    # The lines written by the demo's decisions (seed 001) are the decisions' own.
    assert set(AwardRecord.objects.filter(is_illustrative=False).values_list("pk", flat=True)) == (
        decided
    )
    assert len(decided) == 6
    assert AnnualAssessment.objects.filter(is_illustrative=False).count() == 0
    assert set(
        Person.objects.filter(is_illustrative=False).values_list("full_name", flat=True)
    ) == (seed_names)
    assert set(AwardRecord.objects.exclude(pk__in=decided).values_list("source", flat=True)) == {
        RecordSource.IMPORTED
    }


def test_demo_awards_counts_stay_a_few_thousand(demo, db):
    records = AwardRecord.objects.count()
    assessments = AnnualAssessment.objects.count()

    assert 1000 <= records <= 3000
    assert 1500 <= assessments <= 3000
    assert AnnualAssessment.objects.filter(unit__isnull=False).count() >= 150


def test_demo_awards_people_named_by_the_seeds_get_no_history(demo, db):
    seed_names = [name for _unit, name, _gender, _position in data.SEED_PEOPLE]

    assert AwardRecord.objects.filter(person__full_name__in=seed_names).count() == 0
    assert AnnualAssessment.objects.filter(person__full_name__in=seed_names).count() == 0


def test_demo_awards_seed_meeting_outcomes_only_seed_001_in_the_registry(demo, db):
    proposals = Proposal.objects.filter(source_poll__isnull=False).select_related("unit")

    by_year = defaultdict(list)
    for p in proposals:
        by_year[p.year] += AwardRecord.objects.filter(
            unit=p.unit, award_type=p.award_type, year=p.year
        )

    assert Counter((p.year, p.award_type) for p in proposals) == {
        (2022, "co_thi_dua_ubnd_tinh"): 2,
        (2022, "co_thi_dua_chinh_phu"): 1,
        (2022, "bang_khen_chu_tich_ubnd_tinh"): 3,
        (2021, "co_thi_dua_ubnd_tinh"): 1,
        (2021, "co_thi_dua_chinh_phu"): 1,
        (2021, "bang_khen_chu_tich_ubnd_tinh"): 2,
    }
    # Seed 001: one line each, from its decision; seed 003: still before the board.
    assert len(by_year[2022]) == 6 and by_year[2021] == []
    for line in by_year[2022]:
        assert line.source == RecordSource.DECIDED
        assert line.decision_date.year == line.year + 1


def test_demo_awards_seed_001_flag_is_decided_by_the_province_in_the_first_quarter(demo, db):
    proposal = Proposal.objects.filter(
        source_poll__isnull=False, year=2022, award_type="co_thi_dua_ubnd_tinh"
    ).first()

    line = AwardRecord.objects.get(unit=proposal.unit, award_type=proposal.award_type, year=2022)

    assert line.issuer == "Chủ tịch UBND tỉnh Nam Định"
    assert line.decision_number.endswith("/QĐ-UBND")
    assert datetime.date(2023, 1, 1) <= line.decision_date <= datetime.date(2023, 3, 31)


def test_demo_awards_seed_001_government_flag_is_decided_by_the_prime_minister(demo, db):
    proposal = Proposal.objects.get(
        source_poll__isnull=False, year=2022, award_type="co_thi_dua_chinh_phu"
    )

    line = AwardRecord.objects.get(unit=proposal.unit, award_type=proposal.award_type, year=2022)

    assert (line.issuer, line.decision_number.endswith("/QĐ-TTg")) == ("Thủ tướng Chính phủ", True)
    assert line.decision_date.year == 2023


def test_demo_awards_next_year_candidates_hold_two_consecutive_cstdcs_ending_2023(demo, db):
    planned = {name: _planned_cstdcs(profile) for _u, name, _g, _b, profile in awards.SHOWCASE}
    expected = {name for name, years in planned.items() if _run_ending(years, 2023) == 2}

    two = {name for name, years in _cstdcs_years().items() if _run_ending(years, 2023) == 2}

    assert two == expected
    assert len(two) == 16
    assert {"Nguyễn Thị Hoà", "Đinh Quang Đạt", "Đỗ Thị Hoà", "Phùng Văn Đoàn"} <= two


def test_demo_awards_some_people_hold_three_consecutive_cstdcs(demo, db):
    three = {name for name, years in _cstdcs_years().items() if _run_ending(years, 2023) >= 3}

    assert three == {
        "Đặng Thị Đào",
        "Đỗ Mạnh Đức",
        "Trần Thị Hòa",
        "Lê Minh Khoa",
        "Vũ Thị Thuỷ",
        "Nguyễn Đình Toàn",
        "Phạm Thị Thủy",
        "Đào Xuân Định",
    }


def test_demo_awards_chains_broken_by_a_gap_or_discipline(demo, db):
    years = _cstdcs_years()
    facts = {
        (a.person.full_name, a.year): a
        for a in AnnualAssessment.objects.filter(person__isnull=False).select_related("person")
    }

    assert years["Hoàng Văn Đạt"] == {2020, 2021, 2023}
    assert years["Ngô Thị Hồng Hạnh"] == {2021, 2023}
    assert years["Đinh Văn Dũng"] == {2020, 2021, 2023}
    assert facts[("Đinh Văn Dũng", 2022)].disciplined is True
    assert facts[("Lương Thị Tâm", 2020)].disciplined is True
    assert AnnualAssessment.objects.filter(disciplined=True).count() == 2


def test_demo_awards_provincial_cstd_follows_three_cstdcs(demo, db):
    rows = AwardRecord.objects.filter(award_type="chien_si_thi_dua_cap_tinh")

    holders = {r.person.full_name: r.year for r in rows.select_related("person")}

    assert holders == {"Đoàn Thị Ngọc Diệp": 2021, "Trương Đình Đông": 2021}
    for name in holders:
        assert _run_ending(_cstdcs_years()[name], 2021) == 3


def test_demo_awards_thematic_lines_sit_beside_equal_merit_lines(demo, db):
    rows = AwardRecord.objects.filter(basis=AwardBasis.THEMATIC).select_related("unit", "person")

    thematic = {(str(r.unit or r.person), r.award_type, r.year) for r in rows}
    merit = AwardRecord.objects.filter(
        basis=AwardBasis.MERIT, award_type__in=(BK_TINH, BK_TINH_CN), year__in=(2019, 2020)
    )

    assert thematic == {
        ("Huyện Kim Bảng", BK_TINH, 2019),
        ("Phùng Văn Đoàn", BK_TINH_CN, 2020),
    }
    assert merit.filter(unit__code="hn-duytien", year=2019, award_type=BK_TINH).count() == 1
    assert merit.filter(person__full_name="Nguyễn Thị Đoan Trang", year=2020).count() == 1


@pytest.mark.parametrize("code", ["hn-duytien", "hn-kimbang"])
def test_demo_awards_district_pair_has_five_good_years_with_two_ttldxs(demo, db, code):
    ratings = AnnualAssessment.objects.filter(unit__code=code, year__in=range(2020, 2025))
    ttldxs = AwardRecord.objects.filter(
        unit__code=code, award_type=TTLDXS, year__in=range(2020, 2025)
    )

    assert sorted(r.year for r in ratings if r.rating in GOOD) == [2020, 2021, 2022, 2023, 2024]
    assert ttldxs.count() >= 2


@pytest.mark.parametrize("name", ["Nguyễn Thị Đoan Trang", "Phùng Văn Đoàn"])
def test_demo_awards_person_pair_has_five_good_years_with_three_cstdcs(demo, db, name):
    ratings = AnnualAssessment.objects.filter(person__full_name=name, year__in=range(2020, 2025))

    assert sorted(r.year for r in ratings if r.rating in GOOD) == [2020, 2021, 2022, 2023, 2024]
    assert _cstdcs_years()[name] == {2019, 2020, 2022, 2023}


def test_demo_awards_ldtt_only_for_htt_or_better_and_not_disciplined(demo, db):
    facts = _assessments()

    lines = AwardRecord.objects.filter(award_type=LDTT).values_list("person_id", "year")

    assert all(facts[key].rating in GOOD and not facts[key].disciplined for key in lines)
    assert len(lines) > 0.8 * len(facts)


def test_demo_awards_cstdcs_rests_on_ldtt_htxs_and_an_initiative(demo, db):
    facts = _assessments()
    ldtt = set(AwardRecord.objects.filter(award_type=LDTT).values_list("person_id", "year"))

    lines = AwardRecord.objects.filter(award_type=CSTDCS).values_list("person_id", "year")

    for key in lines:
        assert key in ldtt
        assert (facts[key].rating, bool(facts[key].initiative_scope)) == ("htxs", True)


def test_demo_awards_ratings_mostly_htt_some_htxs_few_ht_rare_kht(demo, db):
    ratings = Counter(
        AnnualAssessment.objects.filter(person__isnull=False).values_list("rating", flat=True)
    )
    total = sum(ratings.values())

    assert ratings["htt"] > total / 2
    assert total / 10 < ratings["htxs"] < ratings["htt"]
    assert ratings["kht"] < ratings["ht"] < ratings["htxs"]
    assert ratings["kht"] >= 1


def test_demo_awards_2024_has_ratings_and_ldtt_only_the_year_to_propose(demo, db):
    codes = set(AwardRecord.objects.filter(year__gte=2024).values_list("award_type", flat=True))

    assert codes == {LDTT}
    assert AnnualAssessment.objects.filter(year=2024).count() > 250


def test_demo_awards_cstdcs_within_15_percent_of_ldtt_until_2023(demo, db):
    """IND-02q under NĐ 91/2017: counted per deciding head (the issuer of both titles)."""
    rows = AwardRecord.objects.filter(award_type__in=(LDTT, CSTDCS), year__lte=2023)
    counts = Counter(rows.values_list("issuer", "year", "award_type"))

    over = [
        (issuer, year)
        for (issuer, year, code), n in counts.items()
        if code == CSTDCS and n > 0.15 * counts[(issuer, year, LDTT)]
    ]

    assert over == []


def test_demo_awards_collective_titles_agree_with_members(demo, db):
    units = list(Unit.objects.values_list("pk", flat=True))
    lines = AwardRecord.objects.filter(award_type__in=(TTLDTT, TTLDXS))

    for year in range(2019, 2024):
        histories = unit_histories(units, year=year)
        for line in lines.filter(year=year):
            history = histories[line.unit_id]
            assert history.member_ldtt_share[year] >= 0.7
            assert not history.member_disciplined.get(year, False)
            if line.award_type == TTLDXS:
                assert history.members_all_completed[year] is True
                assert history.member_cstdcs[year] >= 1


def test_demo_awards_discipline_costs_the_collective_title(demo, db):
    units = {"nd-ttr": (2021, 2022), "yb-vphdnd": (2020, 2021)}

    missing = {
        (code, year)
        for code, years in units.items()
        for year in years
        if not AwardRecord.objects.filter(
            unit__code=code, year=year, award_type__in=(TTLDTT, TTLDXS)
        ).exists()
    }

    assert missing == {("nd-ttr", 2022), ("yb-vphdnd", 2020)}
    assert AwardRecord.objects.filter(award_type__in=(TTLDTT, TTLDXS)).count() > 100


def test_demo_awards_weak_unit_has_under_70_percent_ldtt_in_2024(demo, db):
    weak = Unit.objects.get(code="nd-ttr")
    units = list(Unit.objects.filter(code__in=("nd-ttr", "nd-stc", "yb-stc", "hn-binhluc")))

    histories = unit_histories([u.pk for u in units], year=2024)

    assert histories[weak.pk].member_ldtt_share[2024] < 0.7
    assert all(histories[u.pk].member_ldtt_share[2024] >= 0.7 for u in units if u != weak)


def test_demo_awards_names_carry_d_and_both_tone_placements(demo, db):
    names = set(Person.objects.values_list("full_name", flat=True))
    genders = Counter(Person.objects.values_list("gender", flat=True))

    assert {"Đặng Thị Đào", "Đỗ Mạnh Đức", "Trần Thị Hòa", "Nguyễn Thị Hoà"} <= names
    assert any(n.endswith(" Thuỷ") for n in names) and any(n.endswith(" Thủy") for n in names)
    assert min(genders.values()) > 100


def test_demo_awards_showcase_names_are_unique(demo, db):
    names = [name for _u, name, _g, _b, _p in awards.SHOWCASE]

    counts = Counter(Person.objects.filter(full_name__in=names).values_list("full_name", flat=True))

    assert set(counts.values()) == {1}
    assert len(counts) == len(names)


def test_demo_awards_written_through_the_services_as_the_board(demo, db):
    history = AwardRecord.history.filter(history_type="+")

    users = set(history.values_list("history_user__username", flat=True))

    assert users == {data.BOARD_ADMIN[0]}
    assert history.count() == AwardRecord.objects.count()


def test_demo_awards_once_adds_nothing(demo, db):
    before = (
        Person.objects.count(),
        AwardRecord.objects.count(),
        AnnualAssessment.objects.count(),
    )
    out = io.StringIO()

    call_command("create_demo_data", "--once", stdout=out)

    assert (
        Person.objects.count(),
        AwardRecord.objects.count(),
        AnnualAssessment.objects.count(),
    ) == before
    assert "bỏ qua" in out.getvalue()
