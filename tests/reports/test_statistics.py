"""The statistics' figures on a small hand-made registry: every table, revoked lines left out,
people without a recorded gender, a unit's bloc by year, national and provincial levels, the
filters, the provinces a user may see, and the queries that do not grow with the registry.

`statistics_world()` is shared with the page and API tests (tests/reports/test_statistics_*.py).
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
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
from thidua.awards.models import AwardRecord
from thidua.core.exceptions import NotFound, PermissionDeniedError, ValidationFailed
from thidua.org.enums import UnitKind
from thidua.org.models import Bloc, Person, Province, Unit
from thidua.reports.selectors.statistics import (
    StatisticsReport,
    statistics_filters,
    statistics_report,
)

pytestmark = pytest.mark.integration

TODAY = datetime.date(2025, 3, 1)


@dataclass
class World:
    province: Province
    other: Province
    bloc_a: Bloc
    bloc_b: Bloc
    u1: Unit
    u2: Unit
    u3: Unit
    w1: Person
    w2: Person
    m1: Person
    nobody: Person
    board: object
    national: object


def record(award_type, year, *, unit=None, person=None, revoked=False):
    return AwardRecord.objects.create(
        award_type=award_type, year=year, unit=unit, person=person, revoked=revoked
    )


def statistics_world() -> World:
    """Province P: blocs A and B; U1 (department) in A in 2023 and in B in 2024, U2 (commune) in
    A both years, U3 (enterprise) in no bloc. Lines of 2023–2024 (with one of 2022 for the
    trend), one revoked, one of a person without gender, one in another province."""
    province = ProvinceFactory(name="Tỉnh Hà Nam Thử")
    other = ProvinceFactory(name="Tỉnh Khác")
    bloc_a = BlocFactory(province=province, name="Khối các cơ quan Đảng")
    bloc_b = BlocFactory(province=province, name="Khối kinh tế tổng hợp")
    u1 = UnitFactory(province=province, kind=UnitKind.DEPARTMENT, name="Sở Nội vụ")
    u2 = UnitFactory(province=province, kind=UnitKind.COMMUNE, name="Phường Lam Hạ")
    u3 = UnitFactory(province=province, kind=UnitKind.ENTERPRISE, name="Công ty Đồng Văn")
    for bloc, year, units in ((bloc_a, 2023, [u1, u2]), (bloc_a, 2024, [u2]), (bloc_b, 2024, [u1])):
        season = SeasonFactory(bloc=bloc, year=year)
        for unit in units:
            SeasonMembershipFactory(season=season, unit=unit)
    w1 = PersonFactory(unit=u1, full_name="Trần Thị Hoà", gender="female")
    w2 = PersonFactory(unit=u2, full_name="Lê Thị Đào", gender="female")
    m1 = PersonFactory(unit=u2, full_name="Phạm Văn Đức", gender="male")
    nobody = PersonFactory(unit=u3, full_name="Ngô Minh", gender="")
    record("co_thi_dua_ubnd_tinh", 2023, unit=u1)  # province level, bloc A
    record("co_thi_dua_chinh_phu", 2024, unit=u1)  # national, bloc B (U1 moved)
    record("tap_the_lao_dong_xuat_sac", 2024, unit=u2)  # province level, bloc A
    record("chien_si_thi_dua_co_so", 2023, person=w1)  # unit level, bloc A
    record("chien_si_thi_dua_co_so", 2024, person=w2)
    record("chien_si_thi_dua_co_so", 2024, person=m1)
    record("bang_khen_thu_tuong_ca_nhan", 2024, person=nobody)  # national, no bloc, no gender
    record("lao_dong_tien_tien", 2024, person=w1, revoked=True)  # never counted
    record("tap_the_lao_dong_xuat_sac", 2022, unit=u3)  # before the range: the trend's base
    record("co_thi_dua_ubnd_tinh", 2024, unit=UnitFactory(province=other))
    board = UserFactory(role=Role.BOARD_ADMIN, province=province)
    national = UserFactory(role=Role.BOARD_ADMIN, province=None)
    return World(province, other, bloc_a, bloc_b, u1, u2, u3, w1, w2, m1, nobody, board, national)


def report_for(user, **filters) -> StatisticsReport:
    filters.setdefault("year_from", 2023)
    filters.setdefault("year_to", 2024)
    checked = statistics_filters(user=user, today=TODAY, **filters)
    return statistics_report(user=user, filters=checked)


def cells(report: StatisticsReport, slug: str) -> dict[str, tuple]:
    return {row.key: row.cells for row in report.table(slug).rows}


def totals(report: StatisticsReport, slug: str) -> tuple:
    return report.table(slug).totals


@pytest.fixture
def world(db) -> World:
    return statistics_world()


# ── Every table ──────────────────────────────────────────────────────────────────────────────


def test_trend_counts_collective_and_individual_with_change_from_previous_year(world):
    report = report_for(world.board)

    assert cells(report, "xu-huong") == {
        "2023": (2023, 1, 1, 2, 1, 1.0),
        "2024": (2024, 2, 3, 5, 3, 1.5),
    }
    assert totals(report, "xu-huong") == ("Tổng cộng", 3, 4, 7, None, None)
    assert report.total == 7


def test_trend_change_share_empty_when_previous_year_had_nothing(world):
    report = report_for(world.board, year_from=2022, year_to=2023)

    assert cells(report, "xu-huong")["2022"] == (2022, 1, 0, 1, 1, None)


def test_by_award_type_in_catalogue_order_without_revoked_lines(world):
    report = report_for(world.board)

    assert cells(report, "theo-hinh-thuc") == {
        "co_thi_dua_chinh_phu": ("Cờ thi đua của Chính phủ", "Nhà nước", 0, 1, 1),
        "co_thi_dua_ubnd_tinh": ("Cờ thi đua của UBND tỉnh", "Cấp tỉnh", 1, 0, 1),
        "tap_the_lao_dong_xuat_sac": ("Tập thể lao động xuất sắc", "Cấp tỉnh", 0, 1, 1),
        "bang_khen_thu_tuong_ca_nhan": (
            "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
            "Nhà nước",
            0,
            1,
            1,
        ),
        "chien_si_thi_dua_co_so": ("Chiến sĩ thi đua cơ sở", "Cơ sở", 1, 2, 3),
    }
    assert list(cells(report, "theo-hinh-thuc"))[0] == "co_thi_dua_chinh_phu"
    assert "lao_dong_tien_tien" not in cells(report, "theo-hinh-thuc")
    assert totals(report, "theo-hinh-thuc") == ("Tổng cộng", "", 2, 5, 7)
    assert [c.label for c in report.table("theo-hinh-thuc").columns][2:] == [
        "2023",
        "2024",
        "Tổng số",
    ]


def test_by_level_separates_national_and_provincial(world):
    report = report_for(world.board)

    assert cells(report, "theo-cap") == {
        "national": ("Nhà nước", 0, 2, 2, 2 / 7),
        "province": ("Cấp tỉnh", 1, 1, 2, 2 / 7),
        "unit": ("Cơ sở", 1, 2, 3, 3 / 7),
    }
    assert totals(report, "theo-cap") == ("Tổng cộng", 2, 5, 7, 1.0)


def test_by_level_lists_codes_outside_the_catalogue_apart(world):
    record("huy_hieu_cu", 2023, unit=world.u3)

    report = report_for(world.board)

    assert cells(report, "theo-cap")["other"] == ("Ngoài danh mục", 1, 0, 1, 1 / 8)
    assert cells(report, "theo-hinh-thuc")["huy_hieu_cu"] == (
        "huy_hieu_cu",
        "Ngoài danh mục",
        1,
        0,
        1,
    )


def test_by_bloc_follows_the_units_bloc_in_each_year(world):
    report = report_for(world.board)

    rows = cells(report, "theo-khoi")
    # bloc, kind, collective, individual, national, province, unit, total
    assert rows == {
        str(world.bloc_a.pk): ("Khối các cơ quan Đảng", "Khối thi đua", 2, 3, 0, 2, 3, 5),
        str(world.bloc_b.pk): ("Khối kinh tế tổng hợp", "Khối thi đua", 1, 0, 1, 0, 0, 1),
        "none": ("Không thuộc khối, cụm nào", "", 0, 1, 1, 0, 0, 1),
    }
    assert totals(report, "theo-khoi") == ("Tổng cộng", "", 3, 4, 2, 2, 3, 7)
    assert len(report.table("theo-khoi").notes) == 1


def test_by_bloc_for_one_year(world):
    report = report_for(world.board, year_from=2023, year_to=2023)

    rows = cells(report, "theo-khoi")
    assert rows[str(world.bloc_a.pk)][-1] == 2
    assert str(world.bloc_b.pk) not in rows  # B has no season in 2023 and no line
    assert rows["none"][-1] == 0


def test_by_bloc_counts_a_unit_in_two_blocs_in_each_and_says_so(world):
    SeasonMembershipFactory(season=world.bloc_b.seasons.get(year=2024), unit=world.u2)

    report = report_for(world.board)

    rows = cells(report, "theo-khoi")
    assert rows[str(world.bloc_a.pk)][-1] == 5
    assert rows[str(world.bloc_b.pk)][-1] == 4  # U1's flag, U2's title and its two people
    assert totals(report, "theo-khoi")[-1] == 10
    assert len(report.table("theo-khoi").notes) == 2


def test_by_unit_kind_counts_people_under_their_units_kind(world):
    report = report_for(world.board)

    rows = cells(report, "theo-loai-don-vi")
    assert rows["department"] == ("Sở, ban, ngành cấp tỉnh", 2, 1, 3, 3 / 7)
    assert rows["commune"] == ("Xã, phường, đặc khu (từ 2025)", 1, 2, 3, 3 / 7)
    assert rows["enterprise"] == ("Doanh nghiệp", 0, 1, 1, 1 / 7)
    assert rows["party"] == ("Cơ quan Đảng", 0, 0, 0, 0.0)
    assert totals(report, "theo-loai-don-vi") == ("Tổng cộng", 3, 4, 7, 1.0)


def test_women_by_year_with_people_without_gender_apart(world):
    report = report_for(world.board)

    # female, male, no gender, total, women's share
    assert cells(report, "nu-theo-nam") == {
        "2023": (2023, 1, 0, 0, 1, 1.0),
        "2024": (2024, 1, 1, 1, 3, 1 / 3),
    }
    assert totals(report, "nu-theo-nam") == ("Tổng cộng", 2, 1, 1, 4, 0.5)


def test_women_by_award_type(world):
    report = report_for(world.board)

    assert cells(report, "nu-theo-hinh-thuc") == {
        "bang_khen_thu_tuong_ca_nhan": (
            "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
            "Nhà nước",
            0,
            0,
            1,
            1,
            0.0,
        ),
        "chien_si_thi_dua_co_so": ("Chiến sĩ thi đua cơ sở", "Cơ sở", 2, 1, 0, 3, 2 / 3),
    }
    assert totals(report, "nu-theo-hinh-thuc") == ("Tổng cộng", "", 2, 1, 1, 4, 0.5)


def test_women_share_empty_for_a_year_without_individual_awards(world):
    report = report_for(world.board, year_from=2021, year_to=2021)

    assert cells(report, "nu-theo-nam") == {"2021": (2021, 0, 0, 0, 0, None)}
    assert cells(report, "nu-theo-hinh-thuc") == {}
    assert totals(report, "nu-theo-hinh-thuc") == ("Tổng cộng", "", 0, 0, 0, 0, None)


def test_the_report_says_revoked_lines_are_not_counted(world):
    report = report_for(world.board)

    assert "Chỉ tính khen thưởng chưa bị huỷ" in report.scope


def test_the_report_names_the_province_it_covers(world):
    ProvinceFactory(name="Tỉnh Cũ", merged_into=world.province)
    viewer = UserFactory(role=Role.VIEWER, province=world.province)

    assert report_for(world.board).place == "Tỉnh Hà Nam Thử"
    assert report_for(viewer).scope[0] == "Phạm vi: Tỉnh Hà Nam Thử"
    assert report_for(world.national).place == "Mọi tỉnh, thành phố"
    assert report_for(world.national, province_id=world.other.pk).place == "Tỉnh Khác"


# ── Filters ──────────────────────────────────────────────────────────────────────────────────


def test_filter_by_level_national(world):
    report = report_for(world.board, level="national")

    assert list(cells(report, "theo-hinh-thuc")) == [
        "co_thi_dua_chinh_phu",
        "bang_khen_thu_tuong_ca_nhan",
    ]
    assert report.total == 2
    assert cells(report, "theo-cap")["province"][-2] == 0


def test_filter_by_subject_kind(world):
    individual = report_for(world.board, subject_kind="individual")
    collective = report_for(world.board, subject_kind="collective")

    assert totals(individual, "xu-huong")[1:4] == (0, 4, 4)
    assert totals(collective, "xu-huong")[1:4] == (3, 0, 3)
    assert totals(collective, "nu-theo-nam")[-2] == 0
    assert len(collective.table("nu-theo-nam").notes) == 2


def test_filter_by_bloc_keeps_the_lines_of_its_members_in_each_year(world):
    report = report_for(world.board, bloc_id=world.bloc_a.pk)

    assert report.total == 5
    assert list(cells(report, "theo-khoi")) == [str(world.bloc_a.pk)]
    assert "co_thi_dua_chinh_phu" not in cells(report, "theo-hinh-thuc")  # U1 was in B then


def test_province_board_sees_only_its_province(world):
    report = report_for(world.board)

    assert report.total == 7
    assert cells(report, "theo-hinh-thuc")["co_thi_dua_ubnd_tinh"][-1] == 1


def test_national_board_sees_every_province_or_one(world):
    everything = report_for(world.national)
    one = report_for(world.national, province_id=world.province.pk)
    other = report_for(world.national, province_id=world.other.pk)

    assert (everything.total, one.total, other.total) == (8, 7, 1)


def test_a_province_includes_the_provinces_merged_into_it(world):
    old = ProvinceFactory(name="Tỉnh Cũ", merged_into=world.province)
    record("co_thi_dua_ubnd_tinh", 2024, unit=UnitFactory(province=old))

    assert report_for(world.national, province_id=world.province.pk).total == 8
    assert report_for(world.board).total == 8


@pytest.mark.parametrize("role", [Role.VIEWER, Role.UNIT_OFFICER])
def test_viewers_and_unit_officers_read_their_province(world, role):
    user = UserFactory(role=role, province=world.province, unit=world.u1)

    assert report_for(user).total == 7


def test_another_provinces_board_cannot_name_this_province(world):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=world.other)

    with pytest.raises(NotFound):
        report_for(stranger, province_id=world.province.pk)
    with pytest.raises(NotFound):
        report_for(stranger, bloc_id=world.bloc_a.pk)
    assert report_for(stranger).total == 1


def test_anonymous_and_inactive_users_are_refused(world):
    inactive = UserFactory(role=Role.BOARD_ADMIN, province=world.province, is_active=False)
    anonymous = AnonymousUser()

    for user in (inactive, anonymous):
        with pytest.raises(PermissionDeniedError):
            statistics_filters(user=user, today=TODAY)


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        ({"year_from": 2025, "year_to": 2024}, "year_range_reversed"),
        ({"year_from": 1900, "year_to": 2024}, "year_out_of_range"),
        ({"year_from": 2020, "year_to": 2101}, "year_out_of_range"),
        ({"year_from": 1990, "year_to": 2024}, "year_range_too_long"),
        ({"level": "commune"}, "invalid_level"),
        ({"subject_kind": "household"}, "invalid_subject_kind"),
    ],
)
def test_bad_filters_are_refused_with_a_code(world, filters, code):
    with pytest.raises(ValidationFailed) as caught:
        statistics_filters(user=world.board, today=TODAY, **filters)

    assert caught.value.code == code
    assert caught.value.status == 422


def test_a_bloc_of_another_province_than_the_one_chosen_is_refused(world):
    foreign = BlocFactory(province=world.other)

    with pytest.raises(ValidationFailed) as caught:
        statistics_filters(
            user=world.national, province_id=world.province.pk, bloc_id=foreign.pk, today=TODAY
        )

    assert caught.value.code == "bloc_not_in_province"


def test_default_years_are_the_last_six_up_to_this_year(world):
    filters = statistics_filters(user=world.board, today=TODAY)
    from_only = statistics_filters(user=world.board, year_from=1990, today=TODAY)
    to_only = statistics_filters(user=world.board, year_to=2020, today=TODAY)

    assert (filters.year_from, filters.year_to) == (2020, 2025)
    assert (from_only.year_from, from_only.year_to) == (1990, 2019)
    assert (to_only.year_from, to_only.year_to) == (2015, 2020)


# ── Queries ──────────────────────────────────────────────────────────────────────────────────


def _queries(user, **filters) -> int:
    with CaptureQueriesContext(connection) as captured:
        report_for(user, **filters)
    return len(captured.captured_queries)


@pytest.mark.parametrize("filters", [{}, {"level": "province"}, {"bloc_id": "a"}])
def test_queries_do_not_grow_with_the_registry(db, django_assert_num_queries, filters):
    province = ProvinceFactory()
    bloc = BlocFactory(province=province)
    season = SeasonFactory(bloc=bloc, year=2024)
    board = UserFactory(role=Role.BOARD_ADMIN, province=province)
    if filters.get("bloc_id") == "a":
        filters = {"bloc_id": bloc.pk}
    unit = UnitFactory(province=province)
    SeasonMembershipFactory(season=season, unit=unit)
    record("co_thi_dua_ubnd_tinh", 2024, unit=unit)
    one = _queries(board, **filters)
    for index in range(12):
        other = UnitFactory(province=province, kind=UnitKind.values[index % 7])
        SeasonMembershipFactory(
            season=SeasonFactory(bloc=BlocFactory(province=province), year=2023 + index % 2),
            unit=other,
        )
        record("tap_the_lao_dong_xuat_sac", 2023 + index % 2, unit=other)
        person = PersonFactory(unit=other, gender=["female", "male", ""][index % 3])
        record("chien_si_thi_dua_co_so", 2023 + index % 2, person=person)
    board = type(board).objects.get(pk=board.pk)  # a fresh user: the scope is looked up again

    with django_assert_num_queries(one):
        report_for(board, **filters)
    assert one <= 12
