import pytest

from tests.factories import BlocFactory, PersonFactory, UnitFactory, season_with_members
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.org.models import Bloc, Person
from thidua.org.services import (
    bloc_create,
    bloc_delete,
    bloc_update,
    person_create,
    person_delete,
    person_update,
)

pytestmark = pytest.mark.integration


def test_person_create_by_officer_of_unit(officer):
    person = person_create(
        actor=officer, unit=officer.unit, full_name="Trần Thị Hoà", gender="female", birth_year=1985
    )

    assert person.unit == officer.unit
    assert person.search_key == "tran thi hoa"
    assert person.history.first().history_user == officer


def test_person_create_by_officer_in_other_unit_denied(officer, province):
    other_unit = UnitFactory(province=province)

    with pytest.raises(PermissionDeniedError):
        person_create(actor=officer, unit=other_unit, full_name="Lê Văn A", gender="male")

    assert Person.objects.count() == 0


def test_person_update_move_to_other_unit_by_officer_denied(officer, province):
    person = PersonFactory(unit=officer.unit)

    with pytest.raises(PermissionDeniedError):
        person_update(actor=officer, person=person, unit=UnitFactory(province=province))


def test_person_update_by_board(board_admin, province):
    person = PersonFactory(unit=UnitFactory(province=province))

    person_update(actor=board_admin, person=person, position="Trưởng phòng", gender="female")

    person.refresh_from_db()
    assert (person.position, person.gender) == ("Trưởng phòng", "female")


def test_person_moving_province_takes_the_registry_lines(province):
    from tests.factories import ProvinceFactory, UserFactory
    from thidua.accounts.enums import Role
    from thidua.awards.models import AwardRecord
    from thidua.awards.services import award_record_create

    national = UserFactory(role=Role.BOARD_ADMIN, province=None)
    person = PersonFactory(unit=UnitFactory(province=province))
    line = award_record_create(
        actor=national, person=person, award_type="chien_si_thi_dua_co_so", year=2023
    )
    elsewhere = UnitFactory(province=ProvinceFactory())
    assert line.province == province

    person_update(actor=national, person=person, unit=elsewhere)

    assert AwardRecord.objects.get(pk=line.pk).province == elsewhere.province


@pytest.mark.parametrize("birth_year", [1800, 2025])
def test_person_create_bad_birth_year_refused(board_admin, province, birth_year):
    with pytest.raises(ValidationFailed):
        person_create(
            actor=board_admin,
            unit=UnitFactory(province=province),
            full_name="A",
            gender="male",
            birth_year=birth_year,
        )


def test_person_create_bad_gender_refused(board_admin, province):
    with pytest.raises(ValidationFailed):
        person_create(
            actor=board_admin, unit=UnitFactory(province=province), full_name="A", gender="x"
        )


def test_person_delete_by_officer(officer):
    person = PersonFactory(unit=officer.unit)

    person_delete(actor=officer, person=person)

    assert Person.objects.count() == 0


def test_bloc_create_and_update(board_admin, province):
    bloc = bloc_create(
        actor=board_admin, province=province, name="Khối thi đua các sở", kind="bloc"
    )

    bloc_update(actor=board_admin, bloc=bloc, kind="cluster", name="Cụm thi đua số 1")

    bloc.refresh_from_db()
    assert (bloc.kind, bloc.name, bloc.search_key) == (
        "cluster",
        "Cụm thi đua số 1",
        "cum thi dua so 1",
    )
    assert bloc.history.count() == 2


def test_bloc_create_duplicate_name_refused(board_admin, province):
    BlocFactory(province=province, name="Khối A")

    with pytest.raises(ValidationFailed):
        bloc_create(actor=board_admin, province=province, name="Khối A")


def test_bloc_delete_with_seasons_refused(board_admin, province):
    season = season_with_members(2, province=province)

    with pytest.raises(Conflict):
        bloc_delete(actor=board_admin, bloc=season.bloc)

    assert Bloc.objects.count() == 1


def test_bloc_create_by_officer_denied(officer, province):
    with pytest.raises(PermissionDeniedError):
        bloc_create(actor=officer, province=province, name="Khối B")


def test_bloc_update_other_province_viewer_not_found(viewer):
    bloc = BlocFactory()

    with pytest.raises(NotFound):
        bloc_update(actor=viewer, bloc=bloc, name="X")
