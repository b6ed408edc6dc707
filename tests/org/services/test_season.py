import pytest

from tests.factories import BlocFactory, ProvinceFactory, UnitFactory, season_with_members
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.org.models import Season, SeasonMembership
from thidua.org.services import (
    province_update_settings,
    season_add_member,
    season_create,
    season_delete,
    season_remove_member,
    season_set_members,
    season_update,
    season_update_note,
)

pytestmark = pytest.mark.integration


def test_season_create_sets_members_leader_deputy(board_admin, province):
    bloc = BlocFactory(province=province)
    units = [UnitFactory(province=province) for _ in range(3)]

    season = season_create(
        actor=board_admin, bloc=bloc, year=2022, members=units, leader=units[0], deputy=units[1]
    )

    assert sorted(season.memberships.values_list("unit_id", flat=True)) == sorted(
        u.pk for u in units
    )
    assert (season.leader, season.deputy) == (units[0], units[1])
    assert season.history.first().history_user == board_admin


def test_season_create_leader_not_member_refused(board_admin, province):
    bloc = BlocFactory(province=province)
    members = [UnitFactory(province=province) for _ in range(2)]
    outsider = UnitFactory(province=province)

    with pytest.raises(ValidationFailed) as exc:
        season_create(actor=board_admin, bloc=bloc, year=2022, members=members, leader=outsider)

    assert exc.value.message == "Trưởng khối phải là thành viên của khối trong năm 2022."
    assert Season.objects.count() == 0


def test_season_create_leader_equals_deputy_refused(board_admin, province):
    bloc = BlocFactory(province=province)
    unit = UnitFactory(province=province)

    with pytest.raises(ValidationFailed) as exc:
        season_create(
            actor=board_admin, bloc=bloc, year=2022, members=[unit], leader=unit, deputy=unit
        )

    assert exc.value.code == "leader_is_deputy"
    assert Season.objects.count() == 0


def test_season_create_duplicate_year_refused(board_admin, province):
    season = season_with_members(2, province=province)

    with pytest.raises(Conflict) as exc:
        season_create(actor=board_admin, bloc=season.bloc, year=season.year)

    assert exc.value.code == "season_exists"


def test_season_add_member_in_other_bloc_same_year_refused(board_admin, province):
    first = season_with_members(2, province=province, year=2021)
    second = season_with_members(2, province=province, year=2021)
    unit = first.memberships.first().unit

    with pytest.raises(Conflict) as exc:
        season_add_member(actor=board_admin, season=second, unit=unit)

    assert exc.value.code == "unit_in_other_bloc"
    assert "BLK-03" in exc.value.message


def test_season_add_member_other_bloc_allowed_when_province_relaxes(board_admin, province):
    first = season_with_members(2, province=province, year=2021)
    second = season_with_members(2, province=province, year=2021)
    unit = first.memberships.first().unit
    province_update_settings(actor=board_admin, province=province, allow_multi_bloc_membership=True)
    second.bloc.province.refresh_from_db()

    season_add_member(actor=board_admin, season=second, unit=unit)

    assert SeasonMembership.objects.filter(unit=unit).count() == 2


def test_season_add_member_other_year_allowed(board_admin, province):
    first = season_with_members(2, province=province, year=2021)
    second = season_with_members(2, province=province, year=2022)
    unit = first.memberships.first().unit

    season_add_member(actor=board_admin, season=second, unit=unit)

    assert second.memberships.filter(unit=unit).exists()


def test_season_add_member_other_province_refused(board_admin, province):
    season = season_with_members(2, province=province)
    stranger = UnitFactory()

    with pytest.raises((ValidationFailed, NotFound)):
        season_add_member(actor=board_admin, season=season, unit=stranger)


def test_season_add_member_inactive_unit_refused(board_admin, province):
    import datetime

    season = season_with_members(2, province=province, year=2026)
    closed = UnitFactory(province=province, active_to=datetime.date(2025, 6, 30))

    with pytest.raises(ValidationFailed) as exc:
        season_add_member(actor=board_admin, season=season, unit=closed)

    assert exc.value.code == "unit_inactive"


def test_season_remove_member_leader_refused(board_admin, province):
    season = season_with_members(3, province=province)

    with pytest.raises(ValidationFailed) as exc:
        season_remove_member(actor=board_admin, season=season, unit=season.leader)

    assert exc.value.code == "member_is_officer"


def test_season_remove_member_plain_member(board_admin, province):
    season = season_with_members(3, province=province)
    third = season.memberships.exclude(unit__in=[season.leader, season.deputy]).get().unit

    season_remove_member(actor=board_admin, season=season, unit=third)

    assert season.memberships.count() == 2


def test_season_set_members_adds_and_removes(board_admin, province):
    season = season_with_members(3, province=province)
    newcomer = UnitFactory(province=province)

    season_set_members(
        actor=board_admin, season=season, units=[season.leader, season.deputy, newcomer]
    )

    assert set(season.memberships.values_list("unit_id", flat=True)) == {
        season.leader_id,
        season.deputy_id,
        newcomer.pk,
    }


def test_season_update_swaps_leader_and_deputy(board_admin, province):
    season = season_with_members(3, province=province)
    leader, deputy = season.leader, season.deputy

    season_update(actor=board_admin, season=season, leader=deputy, deputy=leader)

    season.refresh_from_db()
    assert (season.leader, season.deputy) == (deputy, leader)
    latest = season.history.first()
    changed = {c.field for c in latest.diff_against(latest.prev_record).changes}
    assert changed == {"leader", "deputy"}


def test_season_update_note_by_leader_officer(province):
    from tests.factories import UserFactory
    from thidua.accounts.enums import Role

    season = season_with_members(3, province=province)
    leader_officer = UserFactory(role=Role.UNIT_OFFICER, unit=season.leader, province=province)

    season_update_note(actor=leader_officer, season=season, note="Hội nghị tổng kết ngày 01/12")

    season.refresh_from_db()
    assert season.note == "Hội nghị tổng kết ngày 01/12"


def test_season_update_note_by_deputy_officer_denied(province):
    from tests.factories import UserFactory
    from thidua.accounts.enums import Role

    season = season_with_members(3, province=province)
    deputy_officer = UserFactory(role=Role.UNIT_OFFICER, unit=season.deputy, province=province)

    with pytest.raises(PermissionDeniedError):
        season_update_note(actor=deputy_officer, season=season, note="x")


def test_season_delete_removes_memberships(board_admin, province):
    season = season_with_members(3, province=province)

    season_delete(actor=board_admin, season=season)

    assert Season.objects.count() == 0
    assert SeasonMembership.objects.count() == 0


def test_season_create_other_province_admin_gets_not_found(province):
    from tests.factories import UserFactory
    from thidua.accounts.enums import Role

    stranger_admin = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    bloc = BlocFactory(province=province)

    with pytest.raises(NotFound):
        season_create(actor=stranger_admin, bloc=bloc, year=2023)
