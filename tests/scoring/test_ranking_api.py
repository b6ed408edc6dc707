"""GET /api/v1/seasons/{id}/ranking and /leniency: content, roles, scoping, bad ids, queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient
from tests.factories import UserFactory
from tests.scoring.test_ranking_setup import big_table, card, cross, exclude, season_table
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()


@pytest.fixture
def board_api(board_admin):
    return ApiClient().login(board_admin)


@pytest.fixture
def api_client(db):
    return ApiClient()


@pytest.fixture
def world(province):
    season, covenant, units = season_table(3, province=province)
    a, b, c = units
    card(season, a, {"I.1": 30, "I.2": 30, "II.1": 30, "B.1": 5, "D.1": 2}, status="final")
    card(season, b, {"I.1": 30, "I.2": 30, "II.1": 28})
    exclude(season, c)
    return {"season": season, "covenant": covenant, "units": units}


@pytest.mark.parametrize("role", ["board_admin", "officer", "viewer"])
def test_ranking_api_rows_and_excluded(request, world, role):
    api = ApiClient().login(request.getfixturevalue(role))
    a, b, c = world["units"]

    response = api.get(f"/seasons/{world['season'].pk}/ranking")

    assert response.status_code == 200
    body = response.json()
    assert [r["unit"]["id"] for r in body["rows"]] == [a.pk, b.pk]
    first = body["rows"][0]
    assert (first["rank"], first["base"], first["bonus"], first["deduction"], first["total"]) == (
        1,
        90,
        5,
        2,
        93,
    )
    assert first["band"] == {"code": "excellent", "label": "Xuất sắc"}
    assert first["card_status"] == "final"
    assert first["group_points"] == [60, 30]
    assert body["rows"][1]["unreviewed"] is True
    assert body["excluded"] == [
        {
            "unit": {"id": c.pk, "name": c.name},
            "rule": "GEN-03",
            "reason": "Đang bị thanh tra có dấu hiệu vi phạm",
            "total": 0,
        }
    ]
    assert [t["code"] for t in body["tie_breaks"]] == [
        "fewer_deductions",
        "higher_first_group",
        "more_bonus",
    ]
    assert body["table_total"] == 100


def test_ranking_api_tie_note(board_api, world):
    a, b, _c = world["units"]
    season = world["season"]
    b.scorecards.get().scores.filter(criterion__code="II.1").update(review_score=33)

    body = board_api.get(f"/seasons/{season.pk}/ranking").json()

    first, second = body["rows"]
    assert (first["unit"]["id"], second["unit"]["id"]) == (b.pk, a.pk)
    assert (first["total"], second["total"]) == (93, 93)
    assert second["decided_by"] == "fewer_deductions"
    assert b.name in second["tie_note"]


def test_ranking_api_other_province_not_found(world, other_province):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=other_province)
    api = ApiClient().login(stranger)

    for path in ("ranking", "leniency"):
        response = api.get(f"/seasons/{world['season'].pk}/{path}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "99999999999999999999", "9223372036854775807"])
def test_ranking_api_bad_ids(board_api, bad):
    for path in ("ranking", "leniency"):
        response = board_api.get(f"/seasons/{bad}/{path}")
        expected = 404 if bad == "9223372036854775807" else 422
        assert response.status_code == expected, (bad, path, response.content)
        assert response.json()["code"] in ("not_found", "validation_error")


def test_ranking_api_anonymous_401(api_client, world):
    for path in ("ranking", "leniency"):
        response = api_client.get(f"/seasons/{world['season'].pk}/{path}")
        assert response.status_code == 401


def test_leniency_api_cross_scoring(board_api, world):
    world["covenant"].scoring_mode = "cross_scoring"
    world["covenant"].save()
    a, b, c = world["units"]
    for score in a.scorecards.get().scores.all():
        cross(score, b, 2)
        cross(score, c, 4)

    body = board_api.get(f"/seasons/{world['season'].pk}/leniency").json()

    assert body["scoring_mode"] == "cross_scoring"
    rows = {r["unit"]["id"]: r for r in body["rows"]}
    assert rows[c.pk]["mean_deviation"] == 2
    assert rows[b.pk]["mean_deviation"] == -2
    assert rows[b.pk]["items"] == 5
    assert body["mad"] == 2


def test_leniency_api_leader_review_empty(board_api, world):
    body = board_api.get(f"/seasons/{world['season'].pk}/leniency").json()

    assert (body["scoring_mode"], body["rows"]) == ("leader_review", [])


def test_ranking_api_queries_constant(board_admin, province):
    counts = []
    for n_units, n_extra in ((2, 0), (6, 7)):
        season, covenant, units = season_table(n_units, province=province)
        big_table(season, covenant, n_extra)
        codes = [c.code for c in covenant.criteria.exclude(kind="group")]
        for unit in units:
            card(season, unit, dict.fromkeys(codes, 1))
        exclude(season, units[-1])
        api = ApiClient().login(board_admin)  # a fresh token: the same bookkeeping each time
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(f"/seasons/{season.pk}/ranking").status_code == 200
        counts.append(len(ctx.captured_queries))

    assert counts[0] == counts[1]


def test_ranking_api_in_openapi_schema(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)

    for path in ("/api/v1/seasons/{season_id}/ranking", "/api/v1/seasons/{season_id}/leniency"):
        codes = set(schema["paths"][path]["get"]["responses"])
        assert codes == {"200", "401", "404", "422"}
