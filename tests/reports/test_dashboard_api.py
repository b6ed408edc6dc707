"""`GET /api/v1/dashboard`: the dashboard's data as JSON, who may read it, bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient
from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from tests.reports.test_dashboard_world import YEAR, board_of, full_bloc
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration


@pytest.fixture
def province(db):
    return ProvinceFactory()


@pytest.fixture
def world(province):
    return full_bloc(province)


def _api(user=None):
    api = ApiClient()
    return api.login(user) if user is not None else api


def _user(role, province):
    return UserFactory(role=role, province=province, unit=UnitFactory(province=province))


@pytest.mark.parametrize("role", [Role.BOARD_ADMIN, Role.VIEWER, Role.UNIT_OFFICER])
def test_dashboard_api_allowed_for_every_role_of_the_province(province, world, role):
    response = _api(_user(role, province)).get("/dashboard", {"year": YEAR})

    body = response.json()
    assert response.status_code == 200, body
    assert body["province"] == {"id": province.pk, "name": province.name}
    assert body["year"] == YEAR
    (row,) = body["blocs"]
    assert row["bloc_id"] == world.season.bloc.pk
    assert row["season_id"] == world.season.pk
    assert [s["key"] for s in row["steps"]] == [
        "covenant",
        "registration",
        "scoring",
        "meeting",
        "dossiers",
        "decisions",
    ]
    covenant = row["steps"][0]
    assert covenant == {
        "key": "covenant",
        "label": "Ký giao ước",
        "state": "overdue",
        "state_label": "Quá hạn",
        "text": "2/3 đơn vị đã ký",
        "done": 2,
        "total": 3,
        "due": f"{YEAR}-02-01",
        "url": f"/giao-uoc/{world.covenant.pk}/",
    }


def test_dashboard_api_same_data_as_the_page(client, province, world):
    board = board_of(province)
    client.force_login(board)
    page = client.get("/", {"year": YEAR}).context["dashboard"]

    body = _api(board).get("/dashboard", {"province": province.pk, "year": YEAR}).json()

    assert [o["kind"] for o in body["overdue"]] == [o.kind for o in page.overdue]
    assert body["step_states"] == page.step_states
    assert body["awards"]["years"] == list(page.awards.years)
    assert {r["award_type"]: r["counts"] for r in body["awards"]["by_type"]} == {
        r.code: list(r.counts) for r in page.awards.by_type
    }
    assert body["awards"]["by_bloc"] == [
        {
            "bloc_id": world.season.bloc.pk,
            "name": world.season.bloc.name,
            "counts": [1, 3, 3],
            "total": 7,
        }
    ]
    assert body["awards"]["bloc_columns"][0] == {
        "award_type": "co_thi_dua_ubnd_tinh",
        "name": "Cờ thi đua của UBND tỉnh",
    }


def test_dashboard_api_defaults_to_the_users_province_and_latest_year(province, world):
    body = _api(board_of(province)).get("/dashboard").json()

    assert body["province"]["id"] == province.pk
    assert body["year"] in body["years"]
    assert YEAR in body["years"]


def test_dashboard_api_other_provinces_board_not_found(province, world):
    response = _api(board_of(ProvinceFactory())).get("/dashboard", {"province": province.pk})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_dashboard_api_user_without_province_not_found(db):
    officer = UserFactory(role=Role.UNIT_OFFICER)

    response = _api(officer).get("/dashboard")

    assert response.status_code == 404


def test_dashboard_api_anonymous_unauthorized(province, world):
    response = _api().get("/dashboard", {"province": province.pk})

    assert response.status_code == 401
    assert set(response.json()) >= {"code", "message"}


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1800"},
        {"year": "3000"},
        {"province": "0"},
        {"province": "x"},
        {"province": "99999999999999999999999"},
    ],
)
def test_dashboard_api_bad_input_is_422(province, world, params):
    response = _api(board_of(province)).get("/dashboard", params)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_dashboard_api_nul_byte_refused(province, world):
    response = _api(board_of(province)).get("/dashboard", {"year": "20\x0024"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


def _queries(api):
    with CaptureQueriesContext(connection) as ctx:
        assert api.get("/dashboard", {"year": YEAR}).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_api_queries_same_for_one_and_three_blocs(province):
    api = _api(board_of(province))
    full_bloc(province, 2)
    _queries(api)  # the token's first use is recorded once
    one = _queries(api)
    full_bloc(province, 4)
    full_bloc(province, 4)

    three = _queries(api)

    assert (one, three) == (16, 16)
