import io

import pytest
from django.core.management import call_command
from django.db import transaction

from thidua.accounts.models import User
from thidua.org.demo import data
from thidua.org.models import Bloc, Person, Season, Unit
from thidua.org.selectors import unit_lineage, unit_seasons

pytestmark = pytest.mark.integration

SEED_002_UNITS = {
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Báo Nam Định",
    "Văn phòng Tỉnh ủy",
    "Trường Chính trị Trường Chinh",
    "Đảng ủy Khối Các cơ quan tỉnh",
    "Đảng ủy Khối Doanh nghiệp tỉnh",
    "Ban Bảo vệ chăm sóc sức khỏe cán bộ tỉnh",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Up to the meetings: the award history stage has its own module (test_demo_awards).
        call_command("create_demo_data", "--once", "--stage", "meeting", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _season(bloc_name, year):
    return Season.objects.select_related("leader", "deputy").get(bloc__name=bloc_name, year=year)


def test_demo_party_bloc_has_the_eleven_units_of_seed_002(demo, db):
    season = _season("Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy", 2020)

    assert {m.unit.name for m in season.memberships.select_related("unit")} == SEED_002_UNITS
    assert season.bloc.province.name == "Nam Định"


def test_demo_party_bloc_leaders_follow_seed_001(demo, db):
    assert (
        _season("Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy", 2022).leader.name
        == "Ban Tuyên giáo Tỉnh ủy"
    )
    assert (
        _season("Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy", 2023).leader.name
        == "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh"
    )


def test_demo_yen_bai_2022_leader_and_deputy_follow_seed_003(demo, db):
    season = _season("Khối thi đua các cơ quan tổng hợp", 2022)

    assert (season.leader.name, season.deputy.name) == (
        "Sở Tài chính tỉnh Yên Bái",
        "Văn phòng UBND tỉnh Yên Bái",
    )
    assert (
        _season("Khối thi đua các cơ quan tổng hợp", 2021).leader.name
        == "Sở Kế hoạch và Đầu tư tỉnh Yên Bái"
    )
    assert season.is_illustrative is False


def test_demo_ha_nam_bloc_has_six_localities(demo, db):
    season = _season("Khối thi đua các huyện, thị xã, thành phố", 2021)

    assert season.memberships.count() == 6
    assert season.bloc.province.name == "Hà Nam"


def test_demo_every_bloc_has_seasons_2019_to_2023(demo, db):
    for bloc in Bloc.objects.all():
        assert sorted(bloc.seasons.values_list("year", flat=True)) == [2019, 2020, 2021, 2022, 2023]
    assert Bloc.objects.count() == 4


def test_demo_every_season_is_valid(demo, db):
    for season in Season.objects.all():
        members = set(season.memberships.values_list("unit_id", flat=True))
        assert season.leader_id in members
        assert season.deputy_id in members
        assert season.leader_id != season.deputy_id


def test_demo_merged_units_keep_predecessors_history(demo, db):
    successor = Unit.objects.get(code="nb-dukcqdn")

    lineage = unit_lineage(unit=successor)
    years = {s.year for s in unit_seasons(unit=successor, lineage=lineage)}

    assert {"nd-dukcqdn", "nd-dukcq", "nd-dukdn"} <= {u.code for u in lineage.ancestors}
    assert years == {2019, 2020, 2021, 2022, 2023}


def test_demo_provinces_merge_in_2025(demo, db):
    assert {
        u.province.merged_into.name for u in Unit.objects.filter(code__in=["nd-btc", "hn-phuly"])
    } == {"Ninh Bình"}
    assert Unit.objects.get(code="yb-stc").province.merged_into.name == "Lào Cai"


def test_demo_accounts_one_officer_per_unit(demo, db):
    assert User.objects.filter(role="unit_officer").count() == Unit.objects.count()
    admin = User.objects.get(username=data.BOARD_ADMIN[0])
    assert admin.check_password(data.DEMO_PASSWORD)
    assert Person.objects.filter(full_name="Ngô Văn Liên").exists()


def test_demo_once_is_idempotent(demo, db):
    before = (Unit.objects.count(), Season.objects.count(), User.objects.count())

    call_command("create_demo_data", "--once", stdout=io.StringIO())

    assert (Unit.objects.count(), Season.objects.count(), User.objects.count()) == before


def test_demo_seasons_have_locked_covenants_with_a_1000_point_table(demo, db):
    from thidua.covenants.models import Covenant
    from thidua.covenants.services import table_problems

    assert Covenant.objects.count() == Season.objects.count()
    for covenant in Covenant.objects.all():
        assert covenant.status == "locked"
        assert covenant.total_points == 1000
        assert covenant.signatures.count() == covenant.season.memberships.count()
        assert table_problems(covenant) == []


def test_demo_scored_seasons_rank_their_leader_first(demo, db):
    from thidua.scoring.models import Scorecard
    from thidua.scoring.selectors.ranking import ranking_for_season

    admin = User.objects.get(username=data.BOARD_ADMIN[0])
    for season in Season.objects.filter(year__in=[2022, 2023]):
        assert set(Scorecard.objects.filter(season=season).values_list("status", flat=True)) == {
            "final"
        }
        ranking = ranking_for_season(user=admin, season=season)
        assert ranking.ranked[0].entry.unit_id == season.leader_id
        assert len(ranking.ranked) == season.memberships.count()
