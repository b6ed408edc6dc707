"""Happy paths of every endpoint, through the board administrator of the home province."""

import unicodedata

import pytest

from tests.api.world import build_world
from thidua.org.models import Bloc, LineageEvent, Person, Season, SeasonMembership, Unit

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def board(world):
    return world.client("board")


def test_me_returns_board_admin(world, board):
    body = board.get("/me").json()

    assert body["role"] == "board_admin"
    assert body["province"]["id"] == world.home.pk
    assert body["unit"] is None


def test_province_list_shows_own_province(world, board):
    body = board.get("/provinces").json()

    assert body["count"] == 1
    assert body["items"][0]["id"] == world.home.pk


def test_province_get_returns_settings(world, board):
    body = board.get(f"/provinces/{world.home.pk}").json()

    assert body["code"] == world.home.code
    assert body["allow_multi_bloc_membership"] is False


def test_province_patch_changes_setting(world, board):
    response = board.patch(f"/provinces/{world.home.pk}", {"allow_multi_bloc_membership": True})

    assert response.status_code == 200
    assert response.json()["allow_multi_bloc_membership"] is True
    world.home.refresh_from_db()
    assert world.home.allow_multi_bloc_membership is True


def test_province_history_lists_the_change(world, board):
    board.patch(f"/provinces/{world.home.pk}", {"allow_multi_bloc_membership": True})

    rows = board.get(f"/provinces/{world.home.pk}/history").json()

    assert rows[0]["reason"] == "province_update_settings"
    assert rows[0]["user"] == world.users["board"].username


def test_unit_list_filters_by_kind_and_folded_query(world, board):
    Unit.objects.filter(pk=world.spare.pk).update(
        name="Ủy ban Mặt trận Tổ quốc", kind="mass_org", search_key="uy ban mat tran to quoc"
    )
    Unit.objects.filter(pk=world.spare2.pk).update(
        name="Đoàn Thanh niên", kind="mass_org", search_key="doan thanh nien"
    )

    by_kind = board.get("/units", {"kind": "mass_org"}).json()
    by_query = board.get("/units", {"q": "DOAN THANH"}).json()
    by_accented = board.get("/units", {"q": "đoàn"}).json()

    assert by_kind["count"] == 2
    assert [u["id"] for u in by_query["items"]] == [world.spare2.pk]
    assert [u["id"] for u in by_accented["items"]] == [world.spare2.pk]


def test_unit_list_filters_by_active_year_and_province(world, board):
    Unit.objects.filter(pk=world.spare.pk).update(active_to="2019-12-31")

    active = board.get("/units", {"active_in_year": 2023, "province_id": world.home.pk}).json()

    assert world.spare.pk not in [u["id"] for u in active["items"]]
    assert active["count"] == 4


def test_unit_get_returns_fields(world, board):
    body = board.get(f"/units/{world.member.pk}").json()

    assert body["id"] == world.member.pk
    assert body["province_id"] == world.home.pk
    assert body["kind"] == "department"


def test_unit_post_creates_nfc_unit(world, board):
    expected = unicodedata.normalize("NFC", "Sở Nội vụ")
    response = board.post(
        "/units",
        {
            "province_id": world.home.pk,
            "code": "snv",
            "name": unicodedata.normalize("NFD", " Sở  Nội vụ "),
            "kind": "department",
            "parent_id": world.leader.pk,
            "active_from": "2020-01-01",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == expected
    assert body["parent_id"] == world.leader.pk
    assert Unit.objects.get(pk=body["id"]).search_key == "so noi vu snv"


def test_unit_patch_changes_only_sent_fields(world, board):
    response = board.patch(f"/units/{world.spare.pk}", {"short_name": "SDP", "parent_id": None})

    assert response.status_code == 200
    assert response.json()["short_name"] == "SDP"
    assert response.json()["name"] == world.spare.name


def test_unit_delete_removes_free_unit(world, board):
    response = board.delete(f"/units/{world.spare2.pk}")

    assert response.status_code == 204
    assert not Unit.objects.filter(pk=world.spare2.pk).exists()


def test_unit_delete_in_use_answers_conflict(world, board):
    response = board.delete(f"/units/{world.member.pk}")

    assert response.status_code == 409
    assert response.json()["code"] == "in_use"


def test_lineage_event_post_and_unit_lineage(world, board):
    response = board.post(
        "/lineage-events",
        {
            "province_id": world.home.pk,
            "kind": "merge",
            "date": "2025-07-01",
            "predecessor_ids": [world.spare.pk, world.spare2.pk],
            "successor_ids": [world.member.pk],
            "legal_basis": "Nghị quyết 202/2025/QH15",
        },
    )
    lineage = board.get(f"/units/{world.member.pk}/lineage").json()

    assert response.status_code == 201
    assert sorted(response.json()["predecessor_ids"]) == sorted([world.spare.pk, world.spare2.pk])
    assert LineageEvent.objects.count() == 1
    assert sorted(u["id"] for u in lineage["ancestors"]) == sorted(
        [world.spare.pk, world.spare2.pk]
    )
    assert lineage["descendants"] == []
    assert lineage["unit"]["id"] == world.member.pk
    assert [e["kind"] for e in lineage["events"]] == ["merge"]


def test_unit_history_lists_create_and_update(world, board):
    created = board.post(
        "/units",
        {"province_id": world.home.pk, "code": "moi", "name": "Đơn vị mới", "kind": "other"},
    ).json()
    board.patch(f"/units/{created['id']}", {"name": "Đơn vị mới đổi tên"})

    rows = board.get(f"/units/{created['id']}/history").json()

    assert [r["type_code"] for r in rows] == ["~", "+"]
    assert rows[0]["changes"] == [
        {"field": "name", "old": "Đơn vị mới", "new": "Đơn vị mới đổi tên"}
    ]


def test_person_list_filters(world, board):
    Person.objects.filter(pk=world.person.pk).update(
        full_name="Trần Thị Đào", search_key="tran thi dao"
    )

    by_unit = board.get("/people", {"unit_id": world.member.pk}).json()
    by_query = board.get("/people", {"q": "dao", "province_id": world.home.pk}).json()

    assert by_unit["count"] == 1
    assert [p["id"] for p in by_query["items"]] == [world.person.pk]


def test_person_get_post_patch_delete(world, board):
    created = board.post(
        "/people",
        {
            "unit_id": world.member.pk,
            "full_name": "Lê Văn Bình",
            "gender": "male",
            "birth_year": 1975,
            "position": "Chánh Văn phòng",
        },
    )
    pk = created.json()["id"]
    fetched = board.get(f"/people/{pk}")
    changed = board.patch(f"/people/{pk}", {"unit_id": world.spare.pk, "birth_year": None})
    history = board.get(f"/people/{pk}/history")
    removed = board.delete(f"/people/{pk}")

    assert created.status_code == 201
    assert fetched.json()["position"] == "Chánh Văn phòng"
    assert changed.json()["unit_id"] == world.spare.pk
    assert changed.json()["birth_year"] is None
    assert len(history.json()) == 2
    assert removed.status_code == 204
    assert not Person.objects.filter(pk=pk).exists()


def test_bloc_list_get_post_patch_delete(world, board):
    listed = board.get("/blocs", {"province_id": world.home.pk})
    created = board.post(
        "/blocs", {"province_id": world.home.pk, "name": "Cụm thi đua số 1", "kind": "cluster"}
    )
    pk = created.json()["id"]
    fetched = board.get(f"/blocs/{pk}")
    changed = board.patch(f"/blocs/{pk}", {"description": "Các xã phía nam"})
    history = board.get(f"/blocs/{pk}/history")
    removed = board.delete(f"/blocs/{pk}")

    assert listed.json()["count"] == 2
    assert {b["id"]: b["season_count"] for b in listed.json()["items"]}[world.bloc.pk] == 1
    assert created.status_code == 201
    assert fetched.json()["kind"] == "cluster"
    assert changed.json()["description"] == "Các xã phía nam"
    assert len(history.json()) == 2
    assert removed.status_code == 204
    assert not Bloc.objects.filter(pk=pk).exists()


def test_bloc_delete_with_seasons_answers_conflict(world, board):
    response = board.delete(f"/blocs/{world.bloc.pk}")

    assert response.status_code == 409
    assert response.json()["code"] == "in_use"


def test_season_list_filters(world, board):
    by_bloc = board.get("/seasons", {"bloc_id": world.bloc.pk, "year": 2023}).json()
    other_year = board.get("/seasons", {"year": 2022}).json()

    assert [s["id"] for s in by_bloc["items"]] == [world.season.pk]
    assert other_year["count"] == 0


def test_season_get_has_members_leader_deputy(world, board):
    body = board.get(f"/seasons/{world.season.pk}").json()

    assert body["leader"]["id"] == world.leader.pk
    assert body["deputy"]["id"] == world.deputy.pk
    assert sorted(m["id"] for m in body["members"]) == sorted(
        [world.leader.pk, world.deputy.pk, world.member.pk]
    )
    assert body["bloc_name"] == world.bloc.name
    assert body["province_id"] == world.home.pk


def test_season_post_creates_with_members_and_officers(world, board):
    response = board.post(
        "/seasons",
        {
            "bloc_id": world.empty_bloc.pk,
            "year": 2024,
            "member_ids": [world.spare.pk, world.spare2.pk],
            "leader_id": world.spare.pk,
            "deputy_id": world.spare2.pk,
            "note": "Bầu tại hội nghị tổng kết",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["leader"]["id"] == world.spare.pk
    assert len(body["members"]) == 2


def test_season_post_leader_not_member_answers_validation(world, board):
    response = board.post(
        "/seasons",
        {"bloc_id": world.empty_bloc.pk, "year": 2024, "leader_id": world.spare.pk},
    )

    assert response.status_code == 422
    assert response.json()["code"] == "leader_not_member"
    assert not Season.objects.filter(bloc=world.empty_bloc).exists()


def test_season_post_duplicate_year_answers_conflict(world, board):
    response = board.post("/seasons", {"bloc_id": world.bloc.pk, "year": 2023})

    assert response.status_code == 409
    assert response.json()["code"] == "season_exists"


def test_season_patch_swaps_leader_and_deputy(world, board):
    response = board.patch(
        f"/seasons/{world.season.pk}",
        {"leader_id": world.deputy.pk, "deputy_id": world.leader.pk, "note": "Bầu lại"},
    )

    assert response.status_code == 200
    assert response.json()["leader"]["id"] == world.deputy.pk
    assert response.json()["deputy"]["id"] == world.leader.pk
    assert response.json()["note"] == "Bầu lại"


def test_season_patch_clears_deputy(world, board):
    response = board.patch(f"/seasons/{world.season.pk}", {"deputy_id": None})

    assert response.status_code == 200
    assert response.json()["deputy"] is None
    assert response.json()["leader"]["id"] == world.leader.pk


def test_season_member_add_and_remove(world, board):
    added = board.post(f"/seasons/{world.season.pk}/members", {"unit_id": world.spare.pk})
    removed = board.delete(f"/seasons/{world.season.pk}/members/{world.member.pk}")

    assert added.status_code == 200
    assert world.spare.pk in [m["id"] for m in added.json()["members"]]
    assert removed.status_code == 204
    assert not SeasonMembership.objects.filter(season=world.season, unit=world.member).exists()


def test_season_member_remove_non_member_answers_not_found(world, board):
    response = board.delete(f"/seasons/{world.season.pk}/members/{world.spare.pk}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_season_member_remove_leader_answers_validation(world, board):
    response = board.delete(f"/seasons/{world.season.pk}/members/{world.leader.pk}")

    assert response.status_code == 422
    assert response.json()["code"] == "member_is_officer"


def test_season_member_add_to_second_bloc_answers_conflict(world, board):
    other = board.post(
        "/seasons", {"bloc_id": world.empty_bloc.pk, "year": 2023, "member_ids": []}
    ).json()

    response = board.post(f"/seasons/{other['id']}/members", {"unit_id": world.member.pk})

    assert response.status_code == 409
    assert response.json()["code"] == "unit_in_other_bloc"


def test_season_delete_removes_season_and_memberships(world, board):
    response = board.delete(f"/seasons/{world.season.pk}")
    history = board.get(f"/seasons/{world.away_season.pk}/history")

    assert response.status_code == 204
    assert not Season.objects.filter(pk=world.season.pk).exists()
    assert history.status_code == 404


def test_season_history_lists_rows(world, board):
    board.patch(f"/seasons/{world.season.pk}", {"note": "Ghi chú mới"})

    rows = board.get(f"/seasons/{world.season.pk}/history").json()

    assert rows[0]["reason"] == "season_update_note"
