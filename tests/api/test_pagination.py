import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient
from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
    season_with_members,
)
from thidua.accounts.enums import Role
from thidua.org.models import Unit

pytestmark = pytest.mark.integration


@pytest.fixture
def units(province):
    return UnitFactory.create_batch(5, province=province)


def test_pagination_default_returns_count_and_items(board_api, units):
    body = board_api.get("/units").json()

    assert body["count"] == 5
    assert len(body["items"]) == 5


def test_pagination_limit_and_offset_select_a_page(board_api, units):
    expected = list(Unit.objects.order_by("name").values_list("pk", flat=True))

    first = board_api.get("/units", {"limit": 2}).json()
    last = board_api.get("/units", {"limit": 2, "offset": 4}).json()
    beyond = board_api.get("/units", {"offset": 10}).json()

    assert first["count"] == 5
    assert [u["id"] for u in first["items"]] == expected[:2]
    assert [u["id"] for u in last["items"]] == expected[4:]
    assert beyond == {"count": 5, "items": []}


def test_pagination_default_limit_is_50_and_max_is_200(board_api, province):
    UnitFactory.create_batch(205, province=province)

    default = board_api.get("/units").json()
    capped = board_api.get("/units", {"limit": 1000}).json()

    assert default["count"] == 205
    assert len(default["items"]) == 50
    assert len(capped["items"]) == 200


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": -1},
        {"offset": -1},
        {"limit": "nhiều"},
        {"offset": 10**10},
        {"limit": "1.5"},
    ],
)
def test_pagination_bad_params_answer_validation_error(board_api, units, params):
    response = board_api.get("/units", params)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def _make(kind: str, n: int, province) -> None:
    for _ in range(n):
        if kind == "provinces":
            ProvinceFactory()
        elif kind == "units":
            UnitFactory(province=province)
        elif kind == "people":
            PersonFactory(unit=UnitFactory(province=province))
        elif kind == "blocs":
            BlocFactory(province=province)
        elif kind == "seasons":
            season_with_members(3, province=province)


def _queries(kind: str, n: int) -> int:
    province = ProvinceFactory()
    _make(kind, n, province)
    client = ApiClient().login(UserFactory(role=Role.BOARD_ADMIN, province=None))
    client.get("/me")  # the first use records last_used_at
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/{kind}")
    assert response.status_code == 200
    assert len(response.json()["items"]) >= n
    return len(ctx.captured_queries)


@pytest.mark.parametrize("kind", ["provinces", "units", "people", "blocs", "seasons"])
def test_list_query_count_does_not_grow_with_items(db, kind):
    one = _queries(kind, 1)
    three = _queries(kind, 3)

    assert one == three
