"""Records of another province do not exist for the caller: reads answer 404, lists leave them out."""

import pytest

from tests.api.conftest import ApiClient
from tests.api.world import build_world
from tests.factories import UserFactory
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


AWAY_READS = {
    "province": lambda w: f"/provinces/{w.away.pk}",
    "province_history": lambda w: f"/provinces/{w.away.pk}/history",
    "unit": lambda w: f"/units/{w.away_unit.pk}",
    "unit_lineage": lambda w: f"/units/{w.away_unit.pk}/lineage",
    "unit_history": lambda w: f"/units/{w.away_unit.pk}/history",
    "person": lambda w: f"/people/{w.away_person.pk}",
    "person_history": lambda w: f"/people/{w.away_person.pk}/history",
    "bloc": lambda w: f"/blocs/{w.away_bloc.pk}",
    "bloc_history": lambda w: f"/blocs/{w.away_bloc.pk}/history",
    "season": lambda w: f"/seasons/{w.away_season.pk}",
    "season_history": lambda w: f"/seasons/{w.away_season.pk}/history",
}


@pytest.mark.parametrize("role", ["board", "officer", "viewer"])
@pytest.mark.parametrize("name", sorted(AWAY_READS))
def test_read_other_province_answers_not_found(world, role, name):
    client = world.client(role)

    response = client.get(AWAY_READS[name](world))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("role", ["board", "officer", "viewer"])
@pytest.mark.parametrize(
    ("path", "away_id"),
    [
        ("/provinces", lambda w: w.away.pk),
        ("/units", lambda w: w.away_unit.pk),
        ("/people", lambda w: w.away_person.pk),
        ("/blocs", lambda w: w.away_bloc.pk),
        ("/seasons", lambda w: w.away_season.pk),
    ],
)
def test_list_leaves_out_other_province(world, role, path, away_id):
    client = world.client(role)

    items = client.get(path, {"limit": 200}).json()["items"]
    filtered = (
        client.get(path, {"province_id": world.away.pk}).json() if path != "/provinces" else None
    )

    assert away_id(world) not in [item["id"] for item in items]
    assert items
    if filtered is not None:
        assert filtered == {"count": 0, "items": []}


def test_write_naming_other_province_unit_answers_not_found(world):
    client = world.client("board")

    responses = [
        client.post(f"/seasons/{world.season.pk}/members", {"unit_id": world.away_unit.pk}),
        client.post(
            "/people", {"unit_id": world.away_unit.pk, "full_name": "Ngô Văn An", "gender": "male"}
        ),
        client.patch(f"/units/{world.spare.pk}", {"parent_id": world.away_unit.pk}),
        client.patch(f"/seasons/{world.season.pk}", {"leader_id": world.away_unit.pk}),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404]


def test_national_board_sees_every_province(world):
    client = ApiClient().login(UserFactory(role=Role.BOARD_ADMIN, province=None))

    body = client.get("/provinces").json()

    assert body["count"] == 2
