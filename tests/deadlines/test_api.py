"""The calendar's API: reads, writes, the permission matrix of every write, bad input."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.api.conftest import ApiClient, schema_writes
from tests.deadlines.world import make_world
from tests.factories.covenants import CovenantFactory
from thidua.deadlines.models import CalendarSetting, DeadlineOverride, DeadlineTemplate, FeedToken

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return make_world()


def api(user: Any) -> ApiClient:
    return ApiClient().login(user) if user is not None else ApiClient()


def test_list_deadlines_of_a_province_year(world):
    response = api(world.viewer).get("/deadlines", {"province_id": world.province.pk, "year": 2023})

    body = response.json()
    assert response.status_code == 200
    kinds = [i["kind"] for i in body["items"]]
    assert "dossier" in kinds and "discipline" in kinds
    dossier = next(i for i in body["items"] if i["kind"] == "dossier")
    assert dossier["due"] == "2023-12-10"
    assert dossier["source"] == "default"
    assert dossier["key"] == f"season-{world.season.pk}-dossier"
    assert dossier["citation"].startswith("QĐ 86/2025")
    assert body["count"] == len(body["items"])


def test_list_filters_by_unit(world):
    body = (
        api(world.board)
        .get(
            "/deadlines",
            {"province_id": world.province.pk, "year": 2023, "unit_id": world.units[1].pk},
        )
        .json()
    )

    assert {i["scope"] for i in body["items"]} == {"season"}


def test_list_outside_scope_is_404(world):
    response = api(world.other_board).get(
        "/deadlines", {"province_id": world.province.pk, "year": 2023}
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_template_read_and_patch(world):
    client = api(world.board)
    read = client.get(f"/provinces/{world.province.pk}/deadline-template").json()
    assert read["reminder_days"] == [7, 1]
    assert {r["kind"] for r in read["rows"]} >= {"dossier", "gov_flag"}
    assert all(not r["from_province"] for r in read["rows"])

    response = client.patch(
        f"/provinces/{world.province.pk}/deadline-template/scoring",
        {"anchor": "before_meeting", "days_before": 7, "working_days": True},
    )

    assert response.status_code == 200, response.content
    row = next(r for r in response.json()["rows"] if r["kind"] == "scoring")
    assert (row["anchor"], row["days_before"], row["from_province"]) == ("before_meeting", 7, True)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"title": "a\x00b"}, 422, "validation_error"),
        ({"month": 2, "day": 31}, 422, "invalid"),
        ({"month": "12"}, 422, "validation_error"),
        ({"title": None}, 422, "validation_error"),
        ({"anchor": "before_event"}, 422, "invalid"),
    ],
)
def test_template_patch_bad_input_changes_nothing(world, body, status, code):
    response = api(world.board).patch(
        f"/provinces/{world.province.pk}/deadline-template/dossier", body
    )

    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert not DeadlineTemplate.objects.exists()


def test_template_patch_unknown_kind_is_404(world):
    response = api(world.board).patch(
        f"/provinces/{world.province.pk}/deadline-template/khong_co", {"day": 1}
    )

    assert response.status_code == 404


def test_malformed_json_is_400(world):
    response = api(world.board).patch(
        f"/provinces/{world.province.pk}/deadline-template/dossier", raw=b"{khong"
    )

    assert response.status_code == 400


def test_season_override_and_conflict(world):
    client = api(world.leader_officer)
    ok = client.request(
        "put",
        f"/seasons/{world.season.pk}/deadlines/dossier",
        {"due_on": "2023-12-08", "reason": "Họp Hội đồng sớm"},
    )
    CovenantFactory(season=world.season, objection_deadline="2023-11-28")
    conflict = client.request(
        "put",
        f"/seasons/{world.season.pk}/deadlines/objections",
        {"due_on": "2023-11-29", "reason": "x"},
    )
    bad = client.request(
        "put",
        f"/seasons/{world.season.pk}/deadlines/dossier",
        {"due_on": "2023-02-30", "reason": "x"},
    )

    assert ok.status_code == 200 and ok.json()["due_on"] == "2023-12-08"
    assert conflict.status_code == 409 and conflict.json()["code"] == "set_elsewhere"
    assert bad.status_code == 422
    assert DeadlineOverride.objects.count() == 1


def test_feed_rotate_and_read(world):
    unit = world.units[1]
    client = api(world.member_officer)
    assert client.get(f"/units/{unit.pk}/calendar-feed").json()["url"] is None

    first = client.post(f"/units/{unit.pk}/calendar-feed/rotate").json()["url"]
    second = client.post(f"/units/{unit.pk}/calendar-feed/rotate").json()["url"]

    assert first != second
    assert client.get(f"/units/{unit.pk}/calendar-feed").json()["url"] == second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert api(world.leader_officer).get(f"/units/{unit.pk}/calendar-feed").status_code == 403


# --- the permission matrix of every write ------------------------------------------------


@dataclass(frozen=True)
class Write:
    method: str
    template: str
    path: Any
    body: Any = None
    setup: Any = None
    # Roles allowed besides the board.
    also: tuple[str, ...] = ()


def _override(world):
    DeadlineOverride.objects.create(
        province=world.province,
        year=2023,
        season=world.season,
        kind="launch",
        due_on="2023-03-20",
        reason="x",
    )


def _province_override(world):
    DeadlineOverride.objects.create(
        province=world.province, year=2023, kind="discipline", due_on="2023-12-05", reason="x"
    )


WRITES = {
    "template": Write(
        "patch",
        "/provinces/{province_id}/deadline-template/{kind}",
        lambda w: f"/provinces/{w.province.pk}/deadline-template/dossier",
        {"day": 8},
    ),
    "reminders": Write(
        "put",
        "/provinces/{province_id}/deadline-reminders",
        lambda w: f"/provinces/{w.province.pk}/deadline-reminders",
        {"days": [5, 1]},
    ),
    "season_put": Write(
        "put",
        "/seasons/{season_id}/deadlines/{kind}",
        lambda w: f"/seasons/{w.season.pk}/deadlines/dossier",
        {"due_on": "2023-12-08", "reason": "Lý do"},
        also=("leader",),
    ),
    "season_delete": Write(
        "delete",
        "/seasons/{season_id}/deadlines/{kind}",
        lambda w: f"/seasons/{w.season.pk}/deadlines/launch",
        setup=_override,
        also=("leader",),
    ),
    "province_put": Write(
        "put",
        "/provinces/{province_id}/deadlines/{year}/{kind}",
        lambda w: f"/provinces/{w.province.pk}/deadlines/2023/discipline",
        {"due_on": "2023-12-05", "reason": "Lý do"},
    ),
    "province_delete": Write(
        "delete",
        "/provinces/{province_id}/deadlines/{year}/{kind}",
        lambda w: f"/provinces/{w.province.pk}/deadlines/2023/discipline",
        setup=_province_override,
    ),
    "unit_feed": Write(
        "post",
        "/units/{unit_id}/calendar-feed/rotate",
        lambda w: f"/units/{w.units[1].pk}/calendar-feed/rotate",
        also=("member",),
    ),
    "province_feed": Write(
        "post",
        "/provinces/{province_id}/calendar-feed/rotate",
        lambda w: f"/provinces/{w.province.pk}/calendar-feed/rotate",
    ),
}
ROLES = ("board", "leader", "member", "viewer", "other_board", "anonymous")


def _user(world, role):
    return {
        "board": world.board,
        "leader": world.leader_officer,
        "member": world.member_officer,
        "viewer": world.viewer,
        "other_board": world.other_board,
        "anonymous": None,
    }[role]


def _changed() -> int:
    return sum(
        m.objects.count() for m in (DeadlineTemplate, DeadlineOverride, CalendarSetting, FeedToken)
    )


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_deadline_write_permission_matrix(world, role, name):
    case = WRITES[name]
    if case.setup:
        case.setup(world)
    before = _changed()

    response = api(_user(world, role)).request(case.method, case.path(world), case.body)

    if role == "board" or role in case.also:
        assert 200 <= response.status_code < 300, response.content
    else:
        expected = {"anonymous": 401, "other_board": 404}.get(role, 403)
        assert response.status_code == expected, response.content
        assert response.json()["code"] in ("not_authenticated", "permission_denied", "not_found")
        assert _changed() == before


COVERED_WRITES = {(c.method, c.template) for c in WRITES.values()}


def test_deadline_writes_are_all_in_the_matrix():
    assert schema_writes("deadlines") == COVERED_WRITES
