"""awards.selectors.registry: the scoped, filtered list; one record; the timelines of a unit
(with the records inherited through its lineage) and of a person; constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    PersonFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from thidua.accounts.enums import Role
from thidua.awards import services
from thidua.awards.selectors.registry import (
    person_timeline,
    record_get_for_user,
    registry_list,
    unit_timeline,
)
from thidua.core.exceptions import NotFound
from thidua.org.enums import LineageKind
from thidua.org.services import lineage_event_record

pytestmark = pytest.mark.integration

COLLECTIVE = "tap_the_lao_dong_xuat_sac"  # province level
FLAG = "co_thi_dua_ubnd_tinh"  # province level
ADVANCED = "tap_the_lao_dong_tien_tien"  # unit level
INDIVIDUAL = "chien_si_thi_dua_co_so"  # unit level


@pytest.fixture
def home(db):
    return ProvinceFactory()


@pytest.fixture
def board(home):
    return UserFactory(role=Role.BOARD_ADMIN, province=home)


@pytest.fixture
def viewer(home):
    return UserFactory(role=Role.VIEWER, province=home)


def _record(actor, *, unit=None, person=None, award_type=None, year=2023, number="1/QĐ"):
    award_type = award_type or (INDIVIDUAL if person is not None else COLLECTIVE)
    return services.award_record_create(
        actor=actor,
        unit=unit,
        person=person,
        award_type=award_type,
        year=year,
        decision_number=number,
    )


def _ids(qs):
    return sorted(r.pk for r in qs)


# ── registry_list ────────────────────────────────────────────────────────────────────────────


def test_list_is_scoped_to_the_users_provinces(home, board, viewer):
    away = ProvinceFactory()
    away_board = UserFactory(role=Role.BOARD_ADMIN, province=away)
    mine = _record(board, unit=UnitFactory(province=home))
    mine_person = _record(board, person=PersonFactory(unit=UnitFactory(province=home)))
    _record(away_board, unit=UnitFactory(province=away))

    assert _ids(registry_list(user=viewer)) == sorted([mine.pk, mine_person.pk])


def test_list_of_a_national_user_holds_every_province(home, board):
    away = ProvinceFactory()
    _record(board, unit=UnitFactory(province=home))
    _record(UserFactory(role=Role.BOARD_ADMIN, province=away), unit=UnitFactory(province=away))

    assert registry_list(user=UserFactory(role=Role.VIEWER, province=None)).count() == 2


def test_list_hides_revoked_records_unless_asked(home, board):
    kept = _record(board, unit=UnitFactory(province=home))
    gone = _record(board, unit=UnitFactory(province=home))
    services.award_record_revoke(actor=board, record=gone, reason="Sai")

    assert _ids(registry_list(user=board)) == [kept.pk]
    assert _ids(registry_list(user=board, include_revoked=True)) == sorted([kept.pk, gone.pk])


def test_list_filters(home, board):
    unit, other = UnitFactory(province=home), UnitFactory(province=home)
    person = PersonFactory(unit=unit, full_name="Lê Văn Đông")
    flag = _record(board, unit=unit, award_type=FLAG, year=2022)
    advanced = _record(board, unit=other, award_type=ADVANCED, year=2023)
    individual = _record(board, person=person, year=2023, number="77/QĐ-SYT")

    assert _ids(registry_list(user=board, award_type=FLAG)) == [flag.pk]
    assert _ids(registry_list(user=board, year=2023)) == sorted([advanced.pk, individual.pk])
    assert _ids(registry_list(user=board, level="province")) == [flag.pk]
    assert _ids(registry_list(user=board, level="unit")) == sorted([advanced.pk, individual.pk])
    assert _ids(registry_list(user=board, subject_kind="individual")) == [individual.pk]
    assert _ids(registry_list(user=board, subject_kind="collective")) == sorted(
        [flag.pk, advanced.pk]
    )
    assert _ids(registry_list(user=board, unit=unit)) == sorted([flag.pk, individual.pk])
    assert _ids(registry_list(user=board, unit=other.pk)) == [advanced.pk]
    assert _ids(registry_list(user=board, q="le van DONG")) == [individual.pk]
    assert _ids(registry_list(user=board, q="77/qđ")) == [individual.pk]


def test_list_filters_by_bloc_membership(home, board):
    member, outsider = UnitFactory(province=home), UnitFactory(province=home)
    season = SeasonFactory(bloc__province=home, year=2023)
    SeasonMembershipFactory(season=season, unit=member)
    on_unit = _record(board, unit=member)
    on_person = _record(board, person=PersonFactory(unit=member))
    _record(board, unit=outsider)

    assert _ids(registry_list(user=board, bloc=season.bloc)) == sorted([on_unit.pk, on_person.pk])
    assert _ids(registry_list(user=board, bloc=season.bloc_id, year=2024)) == []


def test_list_is_newest_year_first(home, board):
    unit = UnitFactory(province=home)
    old = _record(board, unit=unit, year=2019)
    new = _record(board, unit=unit, year=2024)

    assert [r.pk for r in registry_list(user=board)] == [new.pk, old.pk]


def _list_queries(user) -> int:
    with CaptureQueriesContext(connection) as ctx:
        for record in registry_list(user=user, include_revoked=True):
            str(record.unit or record.person.unit.province)
    return len(ctx.captured_queries)


def test_list_query_count_is_constant(home, board, viewer):
    _record(board, unit=UnitFactory(province=home))
    _list_queries(viewer)  # the user's scope is cached on the user
    one = _list_queries(viewer)
    for year in (2020, 2021):
        _record(board, person=PersonFactory(unit=UnitFactory(province=home)), year=year)

    assert _list_queries(viewer) == one == 1


# ── record_get_for_user ──────────────────────────────────────────────────────────────────────


def test_record_get_answers_not_found_outside_the_scope(home, board):
    away = ProvinceFactory()
    record = _record(board, unit=UnitFactory(province=home))
    stranger = UserFactory(role=Role.VIEWER, province=away)

    assert record_get_for_user(user=board, pk=record.pk) == record
    with pytest.raises(NotFound):
        record_get_for_user(user=stranger, pk=record.pk)
    with pytest.raises(NotFound):
        record_get_for_user(user=board, pk=record.pk + 1000)


# ── Timelines ────────────────────────────────────────────────────────────────────────────────


def _merge(board, home, predecessors, successor):
    lineage_event_record(
        actor=board,
        province=home,
        kind=LineageKind.MERGE,
        date=datetime.date(2025, 7, 1),
        predecessors=predecessors,
        successors=[successor],
    )


def test_unit_timeline_inherits_the_predecessors_records(home, board, viewer):
    old_a = UnitFactory(province=home, name="Xã An Bình")
    old_b = UnitFactory(province=home, name="Xã Đông Hoà")
    new = UnitFactory(province=home, name="Xã An Hoà")
    _merge(board, home, [old_a, old_b], new)
    own = _record(board, unit=new, year=2025, award_type=ADVANCED)
    from_a = _record(board, unit=old_a, year=2024, award_type=FLAG)
    from_b = _record(board, unit=old_b, year=2024, award_type=COLLECTIVE)
    _record(board, person=PersonFactory(unit=new))  # a person's record is not the unit's

    entries = unit_timeline(user=viewer, unit=new)

    assert [(e.record.pk, e.via) for e in entries] == [
        (own.pk, None),
        (from_a.pk, old_a),  # the catalogue's order within a year: the flag first
        (from_b.pk, old_b),
    ]
    assert [e.inherited for e in entries] == [False, True, True]


def test_unit_timeline_of_a_predecessor_does_not_hold_the_successors(home, board):
    old, new = UnitFactory(province=home), UnitFactory(province=home)
    _merge(board, home, [old], new)
    _record(board, unit=new, year=2025)

    assert unit_timeline(user=board, unit=old) == []


def test_unit_timeline_keeps_revoked_records(home, board):
    unit = UnitFactory(province=home)
    record = _record(board, unit=unit)
    services.award_record_revoke(actor=board, record=record, reason="Sai")

    entries = unit_timeline(user=board, unit=unit)

    assert [e.record.revoked for e in entries] == [True]


def test_unit_timeline_outside_the_scope_is_not_found(home, board):
    stranger = UserFactory(role=Role.VIEWER, province=ProvinceFactory())

    with pytest.raises(NotFound):
        unit_timeline(user=stranger, unit=UnitFactory(province=home))


def test_person_timeline(home, board):
    person, other = PersonFactory(unit=UnitFactory(province=home)), PersonFactory()
    old = _record(board, person=person, year=2021)
    new = _record(board, person=person, year=2022)
    _record(UserFactory(role=Role.BOARD_ADMIN, province=None), person=other)

    assert [e.record.pk for e in person_timeline(user=board, person=person)] == [new.pk, old.pk]
    with pytest.raises(NotFound):
        person_timeline(user=board, person=other)


def _timeline_queries(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        for entry in call():
            str(entry.record.unit or entry.record.person.unit.province)
            str(entry.via)
    return len(ctx.captured_queries)


def test_unit_timeline_query_count_is_constant(home, board, viewer):
    old, new = UnitFactory(province=home), UnitFactory(province=home)
    _merge(board, home, [old], new)
    _record(board, unit=new, year=2025)
    call = lambda: unit_timeline(user=viewer, unit=new)  # noqa: E731
    _timeline_queries(call)
    one = _timeline_queries(call)
    _record(board, unit=old, year=2023)
    _record(board, unit=old, year=2024)

    assert len(call()) == 3
    assert _timeline_queries(call) == one


def test_person_timeline_query_count_is_constant(home, board, viewer):
    person = PersonFactory(unit=UnitFactory(province=home))
    _record(board, person=person, year=2020)
    call = lambda: person_timeline(user=viewer, person=person)  # noqa: E731
    _timeline_queries(call)
    one = _timeline_queries(call)
    _record(board, person=person, year=2021)
    _record(board, person=person, year=2022)

    assert len(call()) == 3
    assert _timeline_queries(call) == one == 1
