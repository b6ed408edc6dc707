"""Movement services: the board launches, edits and deletes movements of its province."""

import datetime

import pytest

from tests.covenants.world import build_world
from tests.factories import BlocFactory, ProvinceFactory, UnitFactory
from thidua.core.exceptions import ValidationFailed
from thidua.covenants import services
from thidua.covenants.enums import MovementKind
from thidua.covenants.models import Movement

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


def test_movement_create_with_participants(world):
    bloc = world.season.bloc
    movement = services.movement_create(
        actor=world.user("board"),
        province=world.province,
        name="Văn hoá công sở 2019-2025",
        kind=MovementKind.THEMATIC,
        launched_by="UBND tỉnh",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2025, 12, 31),
        goals="Dòng 1\nDòng 2",
        blocs=[bloc],
        units=[world.member],
    )

    assert (movement.kind, movement.goals, movement.counts_toward_chains) == (
        "thematic",
        "Dòng 1\nDòng 2",
        False,
    )
    assert list(movement.blocs.all()) == [bloc]


def test_movement_create_other_province_participant_is_refused(world):
    with pytest.raises(ValidationFailed) as exc:
        services.movement_create(
            actor=world.user("board"),
            province=world.province,
            name="X",
            kind=MovementKind.AD_HOC,
            start_date=datetime.date(2024, 1, 1),
            blocs=[BlocFactory(province=ProvinceFactory())],
        )

    assert exc.value.code == "other_province"


def test_movement_update_period_backwards_is_refused(world):
    movement = services.movement_create(
        actor=world.user("board"),
        province=world.province,
        name="X",
        kind=MovementKind.REGULAR,
        start_date=datetime.date(2024, 1, 1),
    )

    with pytest.raises(ValidationFailed) as exc:
        services.movement_update(
            actor=world.user("board"), movement=movement, end_date=datetime.date(2023, 1, 1)
        )

    assert exc.value.code == "invalid_period"


def test_movement_update_replaces_units_and_delete(world):
    board = world.user("board")
    movement = services.movement_create(
        actor=board,
        province=world.province,
        name="X",
        kind=MovementKind.REGULAR,
        start_date=datetime.date(2024, 1, 1),
        units=[world.member],
    )
    other = UnitFactory(province=world.province)

    services.movement_update(actor=board, movement=movement, name="Y", units=[other])
    assert (movement.name, list(movement.units.all())) == ("Y", [other])
    services.movement_delete(actor=board, movement=movement)

    assert not Movement.objects.exists()
