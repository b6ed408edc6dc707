"""The covenants API: happy paths, permissions for every write, scoping and bad input."""

import datetime

import pytest

from tests.api.conftest import ApiClient
from tests.covenants.world import ROLES, build_world
from tests.factories.covenants import CovenantFactory, RegistrationFactory
from thidua.api.main import api
from thidua.covenants.enums import CovenantStatus, RegistrationStatus
from thidua.covenants.models import Covenant, CovenantItem, Movement, Registration

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


def _client(world, role):
    return ApiClient().login(world.user(role))


def test_api_covenant_full_cycle(world):
    leader, board, member = (
        _client(world, r) for r in ("leader_officer", "board", "member_officer")
    )
    season = world.season.pk

    created = leader.post(
        f"/seasons/{season}/covenant",
        {
            "title": "Giao ước 2024",
            "total_points": "100",
            "tie_breaks": ["more_bonus"],
            "bands": [{"code": "xs", "label": "Xuất sắc", "min_share": 0.9}],
        },
    )
    cid = created.json()["id"]
    group = leader.post(
        f"/covenants/{cid}/criteria",
        {"code": "I", "title": "Nhóm I", "kind": "group", "max_points": "100"},
    )
    leaf = leader.post(
        f"/covenants/{cid}/criteria",
        {"code": "I.1", "title": "Tiêu chí", "max_points": 90, "parent_id": group.json()["id"]},
    )
    invalid = leader.get(f"/covenants/{cid}/criteria/validation").json()
    leader.patch(f"/criteria/{leaf.json()['id']}", {"max_points": "100"})
    item = leader.post(f"/covenants/{cid}/items", {"text": "Hoàn thành nhiệm vụ"})
    opened = leader.post(f"/covenants/{cid}/open-signing")
    signed = member.post(f"/covenants/{cid}/sign")
    locked = board.post(f"/covenants/{cid}/lock")
    refused = leader.patch(f"/covenants/{cid}", {"title": "Khác"})
    unlocked = board.post(f"/covenants/{cid}/unlock", {"reason": "Điều chỉnh"})

    assert created.status_code == 201
    assert created.json()["bands"] == [
        {"code": "xs", "label": "Xuất sắc", "min_share": 0.9, "min_criterion_share": 0.0}
    ]
    assert (group.status_code, leaf.status_code, item.status_code) == (201, 201, 201)
    assert invalid["valid"] is False
    assert (
        invalid["problems"][0]
        == "Dòng “I”: điểm tối đa của nhóm là 100 nhưng tổng điểm các dòng con là 90."
    )
    assert opened.json()["status"] == "signing"
    assert signed.status_code == 201
    assert [r["signed"] for r in signed.json()].count(True) == 1
    assert (locked.json()["status"], locked.json()["locked_by"]) == (
        "locked",
        world.user("board").username,
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "covenant_locked")
    assert (unlocked.json()["status"], unlocked.json()["unlock_reason"]) == (
        "signing",
        "Điều chỉnh",
    )
    tree = leader.get(f"/covenants/{cid}/criteria").json()
    assert [(r["code"], r["depth"], r["children_total"]) for r in tree] == [
        ("I", 0, "100.00"),
        ("I.1", 1, None),
    ]


def test_api_open_signing_invalid_table_lists_problems(world):
    covenant = CovenantFactory(season=world.season)

    response = _client(world, "board").post(f"/covenants/{covenant.pk}/open-signing")

    assert (response.status_code, response.json()["code"]) == (422, "table_invalid")
    assert response.json()["details"] == ["Bảng điểm chưa có dòng nào."]


def test_api_registration_cycle_and_deadline(world):
    member, leader = _client(world, "member_officer"), _client(world, "leader_officer")
    CovenantFactory(season=world.season, registration_deadline=datetime.date(2000, 1, 1))

    created = member.post(
        f"/seasons/{world.season.pk}/registrations",
        {"targets": "Chỉ tiêu", "aimed_titles": ["Cờ thi đua của UBND tỉnh"]},
    )
    rid = created.json()["id"]
    late = member.post(f"/registrations/{rid}/submit")
    Covenant.objects.update(registration_deadline=None)
    submitted = member.post(f"/registrations/{rid}/submit")
    no_reason = leader.post(f"/registrations/{rid}/return", {"reason": ""})
    returned = leader.post(f"/registrations/{rid}/return", {"reason": "Bổ sung chỉ tiêu"})
    edited = member.patch(f"/registrations/{rid}", {"targets": "Chỉ tiêu mới"})
    member.post(f"/registrations/{rid}/submit")
    approved = leader.post(f"/registrations/{rid}/approve")
    listing = leader.get(f"/seasons/{world.season.pk}/registrations", {"status": "approved"})

    assert created.status_code == 201
    assert (late.status_code, late.json()["code"]) == (409, "deadline_passed")
    assert submitted.json()["status"] == "submitted"
    assert no_reason.status_code == 422
    assert (returned.json()["status"], returned.json()["return_reason"]) == (
        "returned",
        "Bổ sung chỉ tiêu",
    )
    assert edited.json()["targets"] == "Chỉ tiêu mới"
    assert approved.json()["status"] == "approved"
    assert listing.json()["count"] == 1


def test_api_movements_crud_and_filter(world):
    board = _client(world, "board")
    created = board.post(
        "/movements",
        {
            "province_id": world.province.pk,
            "name": "Xây dựng nông thôn mới",
            "kind": "thematic",
            "start_date": "2021-01-01",
            "bloc_ids": [world.season.bloc_id],
            "unit_ids": [world.member.pk],
        },
    )
    mid = created.json()["id"]
    patched = board.patch(f"/movements/{mid}", {"end_date": "2025-12-31", "unit_ids": []})
    listing = _client(world, "viewer").get("/movements", {"kind": "thematic", "q": "nong thon"})
    other = _client(world, "other_board").get(f"/movements/{mid}")
    deleted = board.delete(f"/movements/{mid}")

    assert created.status_code == 201
    assert created.json()["counts_toward_chains"] is False
    assert (patched.json()["end_date"], patched.json()["unit_ids"]) == ("2025-12-31", [])
    assert listing.json()["count"] == 1
    assert other.status_code == 404
    assert deleted.status_code == 204


# Permissions ----------------------------------------------------------------------------------

BOARD = {"board"}
DRAFTERS = {"board", "leader_officer"}


def _setup_covenant(world, status=CovenantStatus.DRAFT):
    covenant = world.covenant()
    Covenant.objects.filter(pk=covenant.pk).update(status=status)
    return covenant


def _reorder(world):
    covenant = _setup_covenant(world)
    ids = [CovenantItem.objects.create(covenant=covenant, text=t).pk for t in ("a", "b")]
    return ("post", f"/covenants/{covenant.pk}/items/order", {"item_ids": ids[::-1]})


# Every covenant write endpoint (tests/api/test_permissions.py checks the schema has no other).
COVERED_WRITES = {
    ("post", "/movements"),
    ("patch", "/movements/{movement_id}"),
    ("delete", "/movements/{movement_id}"),
    ("post", "/seasons/{season_id}/covenant"),
    ("patch", "/covenants/{covenant_id}"),
    ("post", "/covenants/{covenant_id}/open-signing"),
    ("post", "/covenants/{covenant_id}/sign"),
    ("post", "/covenants/{covenant_id}/lock"),
    ("post", "/covenants/{covenant_id}/unlock"),
    ("post", "/covenants/{covenant_id}/items"),
    ("post", "/covenants/{covenant_id}/items/order"),
    ("patch", "/covenant-items/{item_id}"),
    ("delete", "/covenant-items/{item_id}"),
    ("post", "/covenants/{covenant_id}/criteria"),
    ("patch", "/criteria/{criterion_id}"),
    ("delete", "/criteria/{criterion_id}"),
    ("post", "/seasons/{season_id}/registrations"),
    ("patch", "/registrations/{registration_id}"),
    ("post", "/registrations/{registration_id}/submit"),
    ("post", "/registrations/{registration_id}/approve"),
    ("post", "/registrations/{registration_id}/return"),
}

WRITES = {
    "movement_delete": (
        BOARD,
        lambda w: (
            "delete",
            f"/movements/{Movement.objects.create(province=w.province, name='M', kind='regular', start_date=datetime.date(2024, 1, 1)).pk}",
            None,
        ),
    ),
    "item_patch": (
        DRAFTERS,
        lambda w: (
            "patch",
            f"/covenant-items/{CovenantItem.objects.create(covenant=_setup_covenant(w), text='x').pk}",
            {"text": "y"},
        ),
    ),
    "item_reorder": (
        DRAFTERS,
        lambda w: _reorder(w),
    ),
    "movement_create": (
        BOARD,
        lambda w: (
            "post",
            "/movements",
            {
                "province_id": w.province.pk,
                "name": "X",
                "kind": "ad_hoc",
                "start_date": "2024-01-01",
            },
        ),
    ),
    "movement_update": (
        BOARD,
        lambda w: (
            "patch",
            f"/movements/{Movement.objects.create(province=w.province, name='M', kind='regular', start_date=datetime.date(2024, 1, 1)).pk}",
            {"name": "N"},
        ),
    ),
    "covenant_create": (
        DRAFTERS,
        lambda w: ("post", f"/seasons/{w.season.pk}/covenant", {"title": "G"}),
    ),
    "covenant_patch": (
        DRAFTERS,
        lambda w: ("patch", f"/covenants/{_setup_covenant(w).pk}", {"title": "G"}),
    ),
    "item_add": (
        DRAFTERS,
        lambda w: ("post", f"/covenants/{_setup_covenant(w).pk}/items", {"text": "Một"}),
    ),
    "item_delete": (
        DRAFTERS,
        lambda w: (
            "delete",
            f"/covenant-items/{CovenantItem.objects.create(covenant=_setup_covenant(w), text='x').pk}",
            None,
        ),
    ),
    "criterion_add": (
        DRAFTERS,
        lambda w: (
            "post",
            f"/covenants/{_setup_covenant(w).pk}/criteria",
            {"code": "Z", "title": "z", "kind": "bonus", "max_points": 1},
        ),
    ),
    "criterion_patch": (
        DRAFTERS,
        lambda w: (
            "patch",
            f"/criteria/{_setup_covenant(w).criteria.get(code='I.1').pk}",
            {"title": "t"},
        ),
    ),
    "criterion_delete": (
        DRAFTERS,
        lambda w: ("delete", f"/criteria/{_setup_covenant(w).criteria.get(code='B.1').pk}", None),
    ),
    "open_signing": (
        DRAFTERS,
        lambda w: ("post", f"/covenants/{_setup_covenant(w).pk}/open-signing", None),
    ),
    "sign": (
        {"leader_officer", "member_officer"},
        lambda w: (
            "post",
            f"/covenants/{_setup_covenant(w, CovenantStatus.SIGNING).pk}/sign",
            None,
        ),
    ),
    "lock": (
        BOARD,
        lambda w: (
            "post",
            f"/covenants/{_setup_covenant(w, CovenantStatus.SIGNING).pk}/lock",
            None,
        ),
    ),
    "unlock": (
        BOARD,
        lambda w: (
            "post",
            f"/covenants/{_setup_covenant(w, CovenantStatus.LOCKED).pk}/unlock",
            {"reason": "r"},
        ),
    ),
    "registration_create": (
        {"leader_officer", "member_officer"},
        lambda w: ("post", f"/seasons/{w.season.pk}/registrations", {"targets": "A"}),
    ),
    "registration_patch": (
        {"member_officer"},
        lambda w: (
            "patch",
            f"/registrations/{RegistrationFactory(season=w.season, unit=w.member).pk}",
            {"targets": "B"},
        ),
    ),
    "registration_submit": (
        {"member_officer"},
        lambda w: (
            "post",
            f"/registrations/{RegistrationFactory(season=w.season, unit=w.member).pk}/submit",
            None,
        ),
    ),
    "registration_approve": (
        DRAFTERS,
        lambda w: (
            "post",
            f"/registrations/{RegistrationFactory(season=w.season, unit=w.member, status=RegistrationStatus.SUBMITTED).pk}/approve",
            None,
        ),
    ),
    "registration_return": (
        DRAFTERS,
        lambda w: (
            "post",
            f"/registrations/{RegistrationFactory(season=w.season, unit=w.member, status=RegistrationStatus.SUBMITTED).pk}/return",
            {"reason": "r"},
        ),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", list(WRITES))
def test_api_write_permission(world, write, role):
    allowed, build = WRITES[write]
    method, path, body = build(world)
    client = _client(world, role)

    response = getattr(client, method)(path, body)

    if role in allowed:
        assert response.status_code in (200, 201, 204), response.content
    else:
        expected = 404 if role == "other_board" else 403
        assert response.status_code == expected, response.content
        assert response.json()["code"] in ("permission_denied", "not_found")


def test_api_covered_writes_are_the_covenant_write_endpoints():
    schema = api.get_openapi_schema(path_prefix="")
    writes = {
        (method, path)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method != "get" and "covenants" in op.get("tags", [])
    }

    assert writes == COVERED_WRITES
    assert len(WRITES) == len(COVERED_WRITES)


def test_api_anonymous_is_401(world):
    covenant = world.covenant()

    response = ApiClient().get(f"/covenants/{covenant.pk}/criteria")

    assert response.status_code == 401


def test_api_reads_out_of_scope_are_404(world):
    covenant = world.covenant()
    registration = RegistrationFactory(season=world.season, unit=world.member)
    client = _client(world, "other_board")

    statuses = [
        client.get(f"/seasons/{world.season.pk}/covenant").status_code,
        client.get(f"/covenants/{covenant.pk}/criteria").status_code,
        client.get(f"/covenants/{covenant.pk}/signatures").status_code,
        client.get(f"/registrations/{registration.pk}").status_code,
        client.get(f"/seasons/{world.season.pk}/registrations").status_code,
    ]

    assert statuses == [404] * 5


def test_api_season_without_covenant_is_404(world):
    response = _client(world, "viewer").get(f"/seasons/{world.season.pk}/covenant")

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


# Bad input ------------------------------------------------------------------------------------

BAD = [
    ("post", "/seasons/{season}/covenant", {"title": "x", "total_points": "NaN"}),
    ("post", "/seasons/{season}/covenant", {"title": "x", "total_points": "1e400"}),
    ("post", "/seasons/{season}/covenant", {"title": "x", "total_points": -5}),
    ("post", "/seasons/{season}/covenant", {"title": "x", "tie_breaks": ["coin"]}),
    (
        "post",
        "/seasons/{season}/covenant",
        {"title": "x", "bands": [{"code": "a", "label": "A", "min_share": 7}]},
    ),
    ("post", "/seasons/{season}/covenant", {"title": "x", "bands": "nope"}),
    ("post", "/seasons/{season}/covenant", {"title": "x\u0000"}),
    ("post", "/seasons/{season}/covenant", {"title": "x", "body": "a\u0000b"}),
    ("post", "/seasons/{season}/covenant", {"title": "x" * 300}),
    ("post", "/seasons/{season}/covenant", {"title": "x", "registration_deadline": "2024-13-45"}),
    (
        "post",
        "/seasons/{season}/covenant",
        {"title": "x", "registration_deadline": "2024-05-01", "scoring_deadline": "2024-01-01"},
    ),
    ("post", "/seasons/{season}/covenant", {"title": "x", "copy_previous": "yes"}),
    ("post", "/seasons/{season}/covenant", []),
    ("post", "/seasons/99999999999999999999/covenant", {"title": "x"}),
    ("patch", "/covenants/{covenant}", {"title": None}),
    ("patch", "/covenants/{covenant}", {"total_points": "12.345"}),
    ("post", "/covenants/{covenant}/criteria", {"code": "a b", "title": "x", "max_points": 1}),
    ("post", "/covenants/{covenant}/criteria", {"code": "", "title": "x", "max_points": 1}),
    ("post", "/covenants/{covenant}/criteria", {"code": "Q", "title": "x", "max_points": "abc"}),
    (
        "post",
        "/covenants/{covenant}/criteria",
        {"code": "Q", "title": "x", "max_points": 1, "kind": "weird"},
    ),
    (
        "post",
        "/covenants/{covenant}/criteria",
        {"code": "Q", "title": "x", "max_points": 1, "parent_id": 0},
    ),
    (
        "post",
        "/covenants/{covenant}/criteria",
        {"code": "Q", "title": "x", "max_points": 1, "parent_id": 9223372036854775807},
    ),
    ("post", "/covenants/{covenant}/criteria", {"code": "Q", "title": "x\u0000", "max_points": 1}),
    (
        "post",
        "/covenants/{covenant}/criteria",
        {"code": "Q", "title": "x", "max_points": 1, "order": 99999},
    ),
    ("post", "/covenants/{covenant}/items/order", {"item_ids": [1, 2, 3]}),
    ("post", "/covenants/{covenant}/items", {"text": ""}),
    ("post", "/covenants/{covenant}/unlock", {}),
    (
        "post",
        "/movements",
        {"province_id": 1, "name": "x", "kind": "x", "start_date": "2024-01-01"},
    ),
    (
        "post",
        "/movements",
        {
            "province_id": "{province}",
            "name": "x",
            "kind": "regular",
            "start_date": "2024-05-01",
            "end_date": "2024-01-01",
        },
    ),
    ("get", "/movements?limit=0", None),
    ("get", "/movements?kind=weird", None),
    ("post", "/seasons/{season}/registrations", {"targets": "x", "aimed_titles": "Cờ"}),
    ("post", "/seasons/{season}/registrations", {"targets": "x", "aimed_titles": ["a"] * 30}),
    ("post", "/seasons/{season}/registrations", {"targets": "a\u0000"}),
]


@pytest.mark.parametrize(("method", "path", "body"), BAD)
def test_api_bad_input_is_4xx_json(world, method, path, body):
    covenant = world.covenant()
    client = _client(world, "board" if "registrations" not in path else "member_officer")
    path = path.format(season=world.season.pk, covenant=covenant.pk, province=world.province.pk)
    if isinstance(body, dict) and body.get("province_id") == "{province}":
        body["province_id"] = world.province.pk

    response = (
        client.client.get(f"/api/v1{path}", headers=client._headers())
        if method == "get"
        else getattr(client, method)(path, body)
    )

    assert 400 <= response.status_code < 500, response.content
    assert set(response.json()) >= {"code", "message"}


def test_api_malformed_json_is_400(world):
    covenant = world.covenant()

    response = _client(world, "board").patch(f"/covenants/{covenant.pk}", raw=b"{not json")

    assert (response.status_code, response.json()["code"]) == (400, "malformed_body")


def test_api_schema_lists_covenant_paths(world):
    schema = ApiClient().get("/openapi.json").json()

    assert {
        "/api/v1/seasons/{season_id}/covenant",
        "/api/v1/covenants/{covenant_id}/criteria/validation",
        "/api/v1/registrations/{registration_id}/return",
        "/api/v1/movements",
    } <= set(schema["paths"])


def test_api_registration_not_member_list_empty(world):
    Registration.objects.all().delete()

    response = _client(world, "viewer").get(f"/seasons/{world.season.pk}/registrations")

    assert response.json() == {"count": 0, "items": []}
