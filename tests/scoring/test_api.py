"""The scoring API: endpoints, permissions per role, bad input (4xx, never 500), query counts."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import BASE, ApiClient
from tests.factories import SeasonMembershipFactory, UnitFactory, UserFactory
from tests.scoring.conftest import (
    ROLES,
    build_world,
    fill,
    in_objection,
    pdf_bytes,
    reviewed,
    submitted,
    upload,
)
from thidua.accounts.enums import Role
from thidua.api.main import api
from thidua.scoring import services
from thidua.scoring.models import Evidence, Exclusion, Objection

pytestmark = pytest.mark.integration


class ScoringApi(ApiClient):
    def put(self, path, data=None, **kw):
        return self.request("put", path, data, **kw)


def _client(world, role):
    user = world.users.get(role)
    return ScoringApi() if user is None else ScoringApi().login(user)


def _upload(api, path, name, content):
    return api.client.post(BASE + path, {"file": upload(name, content)}, headers=api._headers())


# Happy path ----------------------------------------------------------------------------------------


def test_api_scoring_flow_leader_review(db, media):
    w = build_world()
    own = _client(w, "own_officer")
    leader = _client(w, "leader_officer")

    created = own.post(f"/seasons/{w.season.pk}/scorecards/own")
    card = created.json()
    again = own.post(f"/seasons/{w.season.pk}/scorecards/own")
    rows = {s["criterion"]["code"]: s for s in card["scores"]}
    for code, points in {"I.1": 28, "I.2": "25.5", "II.1": 40, "B.1": 10, "D.1": 2}.items():
        assert own.patch(f"/scores/{rows[code]['id']}", {"points": points}).status_code == 200
    assert (
        own.patch(f"/scores/{rows['I.1']['id']}", {"comment": "Đạt"}).json()["self_comment"]
        == "Đạt"
    )
    uploaded = _upload(own, f"/scores/{rows['I.2']['id']}/evidence", "bc.pdf", pdf_bytes())
    submit = own.post(f"/scorecards/{card['id']}/submit")
    review = leader.put(
        f"/scores/{rows['I.1']['id']}/review", {"points": 20, "reason": "Thiếu báo cáo"}
    )
    marked = leader.post(f"/scorecards/{card['id']}/mark-reviewed")
    opened = leader.post(f"/seasons/{w.season.pk}/open-objections")
    objection = own.post(
        f"/scorecards/{card['id']}/objections",
        {"criterion_id": rows["I.1"]["criterion"]["id"], "text": "Đã nộp báo cáo quý IV"},
    )
    answer = leader.post(
        f"/objections/{objection.json()['id']}/answer",
        {"answer": "Chấp nhận", "points": 28, "reason": "Đã kiểm tra"},
    )
    final = leader.post(f"/scorecards/{card['id']}/finalize")
    detail = own.get(f"/scorecards/{card['id']}").json()

    assert (created.status_code, again.status_code) == (201, 200)
    assert uploaded.status_code == 201, uploaded.content
    assert submit.json()["status"] == "submitted"
    assert review.json()["review_score"] == "20.00"
    assert marked.json()["status"] == "reviewed"
    assert [c["status"] for c in opened.json()] == ["objection"]
    assert objection.status_code == 201
    assert answer.json()["status"] == "answered"
    assert final.json()["status"] == "final"
    assert detail["agreed_total"] == "101.50"
    assert {s["criterion"]["code"]: s["agreed_points"] for s in detail["scores"]}["I.1"] == "28.00"


def test_api_scorecard_list_per_season(db, media):
    w = build_world()
    submitted(w, w.a)
    w.card(w.b)

    body = _client(w, "board").get(f"/seasons/{w.season.pk}/scorecards").json()

    assert body["count"] == 2
    assert {i["unit"]["id"] for i in body["items"]} == {w.a.pk, w.b.pk}
    assert {i["self_total"] for i in body["items"]} == {"101.50", "0"}


def test_api_scorecard_list_status_filter(db, media):
    w = build_world()
    submitted(w, w.a)
    w.card(w.b)

    body = (
        _client(w, "viewer").get(f"/seasons/{w.season.pk}/scorecards", {"status": "draft"}).json()
    )

    assert [i["unit"]["id"] for i in body["items"]] == [w.b.pk]


def test_api_scorecard_own_missing_404(db, media):
    w = build_world()

    response = _client(w, "own_officer").get(f"/seasons/{w.season.pk}/scorecards/own")

    assert response.status_code == 404


def test_api_scorecard_own_covenant_not_ready_409(db, media):
    w = build_world(status="draft")

    response = _client(w, "own_officer").post(f"/seasons/{w.season.pk}/scorecards/own")

    assert response.status_code == 409
    assert response.json()["code"] == "covenant_not_ready"


def test_api_review_hidden_from_unit_until_reviewed(db, media):
    w = build_world()
    card = submitted(w)
    services.score_set_review(
        actor=w.users["leader_officer"], score=w.score(card, "I.1"), points="20", reason="x"
    )
    own, leader = _client(w, "own_officer"), _client(w, "leader_officer")

    mine = {s["criterion"]["code"]: s for s in own.get(f"/scorecards/{card.pk}").json()["scores"]}
    theirs = {
        s["criterion"]["code"]: s for s in leader.get(f"/scorecards/{card.pk}").json()["scores"]
    }

    assert mine["I.1"]["review_score"] is None
    assert theirs["I.1"]["review_score"] == "20.00"


def test_api_submit_missing_evidence_details(db, media):
    w = build_world()
    card = fill(w, w.card(), evidence=False)

    response = _client(w, "own_officer").post(f"/scorecards/{card.pk}/submit")

    assert response.status_code == 422
    assert response.json()["code"] == "evidence_missing"
    assert response.json()["details"] == {"criteria": ["I.2"]}


def test_api_review_without_reason_422(db, media):
    w = build_world()
    card = submitted(w)

    response = _client(w, "leader_officer").put(
        f"/scores/{w.score(card, 'I.1').pk}/review", {"points": 10}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "reason_required"


def test_api_cross_score_and_withdraw(db, media):
    w = build_world(mode="cross_scoring")
    card = submitted(w)
    row = w.score(card, "I.1")
    api = _client(w, "member_officer")

    put = api.put(f"/scores/{row.pk}/cross", {"points": 25, "reason": "Thiếu"})
    withdrawn = api.put(f"/scores/{row.pk}/cross", {"points": None})

    assert put.status_code == 200
    assert put.json()["scorer_unit_id"] == w.b.pk
    assert withdrawn.status_code == 204


def test_api_cross_score_own_card_403_code(db, media):
    w = build_world(mode="cross_scoring")
    card = submitted(w)

    response = _client(w, "own_officer").put(
        f"/scores/{w.score(card, 'I.1').pk}/cross", {"points": 1}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "cannot_score_self"


def test_api_evidence_list_and_delete(db, media):
    w = build_world()
    card = fill(w, w.card())
    row = w.score(card, "I.2")
    api = _client(w, "own_officer")

    listed = api.get(f"/scores/{row.pk}/evidence").json()
    deleted = api.delete(f"/evidence/{listed[0]['id']}")

    assert listed[0]["original_name"] == "bao-cao.pdf"
    assert listed[0]["download_url"] == f"/minh-chung/{listed[0]['id']}/"
    assert deleted.status_code == 204
    assert Evidence.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100, "evidence_type"),
        ("trang.png", b"<html><script>alert(1)</script></html>", "evidence_type"),
        ("lon.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), "evidence_too_large"),
    ],
)
def test_api_evidence_bad_file_422(db, media, name, content, code):
    w = build_world()
    row = w.score(w.card(), "I.2")

    response = _upload(_client(w, "own_officer"), f"/scores/{row.pk}/evidence", name, content)

    assert response.status_code == 422
    assert response.json()["code"] == code


def test_api_evidence_missing_file_422(db, media):
    w = build_world()
    row = w.score(w.card(), "I.2")
    api = _client(w, "own_officer")

    response = api.client.post(BASE + f"/scores/{row.pk}/evidence", {}, headers=api._headers())

    assert response.status_code == 422


def test_api_evidence_traversal_name_sanitised(db, media):
    w = build_world()
    row = w.score(w.card(), "I.2")

    response = _upload(
        _client(w, "own_officer"), f"/scores/{row.pk}/evidence", "../../etc/passwd", pdf_bytes()
    )

    assert response.status_code == 201
    assert response.json()["original_name"] == "passwd.pdf"


def test_api_objections_list_and_exclusions(db, media):
    w = build_world()
    card = in_objection(w)
    services.objection_file(actor=w.users["own_officer"], scorecard=card, text="Ý kiến")
    board = _client(w, "board")

    objections = board.get(f"/seasons/{w.season.pk}/objections", {"status": "open"}).json()
    created = board.post(
        f"/seasons/{w.season.pk}/exclusions", {"unit_id": w.b.pk, "reason": "Đang xem xét kỷ luật"}
    )
    listed = board.get(f"/seasons/{w.season.pk}/exclusions").json()
    deleted = board.delete(f"/exclusions/{created.json()['id']}", {"reason": "Đã có kết luận"})

    assert objections["count"] == 1
    assert created.status_code == 201
    assert (listed[0]["rule_id"], listed[0]["unit"]["id"]) == ("GEN-03", w.b.pk)
    assert deleted.status_code == 204
    assert Exclusion.objects.count() == 0


def test_api_reopen_needs_reason(db, media):
    w = build_world()
    card = in_objection(w)
    services.scorecard_finalize(actor=w.users["board"], scorecard=card)
    board = _client(w, "board")

    empty = board.post(f"/scorecards/{card.pk}/reopen", {"reason": ""})
    done = board.post(f"/scorecards/{card.pk}/reopen", {"reason": "Sai sót cộng điểm"})

    assert empty.json()["code"] == "reason_required"
    assert done.json()["status"] == "reviewed"


# Permissions: every write, every role ---------------------------------------------------------------


def _objection(w):
    card = in_objection(w)
    return services.objection_file(actor=w.users["own_officer"], scorecard=card, text="x").pk


WRITES = {
    "scorecard_own": (
        lambda w: w.season.pk,
        lambda api, x: api.post(f"/seasons/{x}/scorecards/own"),
        {"own_officer": 201, "member_officer": 201, "leader_officer": 201},
    ),
    "score_patch": (
        lambda w: w.score(w.card(), "I.1").pk,
        lambda api, x: api.patch(f"/scores/{x}", {"points": 1}),
        {"own_officer": 200},
    ),
    "evidence_upload": (
        lambda w: w.score(w.card(), "I.2").pk,
        lambda api, x: _upload(api, f"/scores/{x}/evidence", "a.pdf", pdf_bytes()),
        {"own_officer": 201},
    ),
    "evidence_delete": (
        lambda w: fill(w, w.card()).scores.get(criterion__code="I.2").evidence.get().pk,
        lambda api, x: api.delete(f"/evidence/{x}"),
        {"own_officer": 204},
    ),
    "submit": (
        lambda w: fill(w, w.card()).pk,
        lambda api, x: api.post(f"/scorecards/{x}/submit"),
        {"own_officer": 200},
    ),
    "review": (
        lambda w: w.score(submitted(w), "I.1").pk,
        lambda api, x: api.put(f"/scores/{x}/review", {"points": 20, "reason": "Thiếu"}),
        {"board": 200, "leader_officer": 200},
    ),
    "mark_reviewed": (
        lambda w: submitted(w).pk,
        lambda api, x: api.post(f"/scorecards/{x}/mark-reviewed"),
        {"board": 200, "leader_officer": 200},
    ),
    "open_objections": (
        lambda w: reviewed(w).pk,
        lambda api, x: api.post(f"/scorecards/{x}/open-objections"),
        {"board": 200, "leader_officer": 200},
    ),
    "season_open_objections": (
        lambda w: reviewed(w).season_id,
        lambda api, x: api.post(f"/seasons/{x}/open-objections"),
        {"board": 200, "leader_officer": 200},
    ),
    "objection_file": (
        lambda w: in_objection(w).pk,
        lambda api, x: api.post(f"/scorecards/{x}/objections", {"text": "Xem lại"}),
        {"own_officer": 201},
    ),
    "objection_answer": (
        _objection,
        lambda api, x: api.post(f"/objections/{x}/answer", {"answer": "Giữ nguyên"}),
        {"board": 200, "leader_officer": 200},
    ),
    "finalize": (
        lambda w: in_objection(w).pk,
        lambda api, x: api.post(f"/scorecards/{x}/finalize"),
        {"board": 200, "leader_officer": 200},
    ),
    "reopen": (
        lambda w: services.scorecard_finalize(actor=w.users["board"], scorecard=in_objection(w)).pk,
        lambda api, x: api.post(f"/scorecards/{x}/reopen", {"reason": "Sai sót"}),
        {"board": 200},
    ),
    "exclusion_delete": (
        lambda w: (
            services.exclusion_create(
                actor=w.users["board"], season=w.season, unit=w.b, reason="x"
            ).pk
        ),
        lambda api, x: api.delete(f"/exclusions/{x}", {"reason": "Xong"}),
        {"board": 204},
    ),
}


# Every scoring write endpoint, each covered by a permission test in this module (the API's
# matrix in tests/api/test_permissions.py checks the union covers the whole schema).
COVERED_WRITES = {
    ("post", "/seasons/{season_id}/scorecards/own"),
    ("patch", "/scores/{score_id}"),
    ("post", "/scores/{score_id}/evidence"),
    ("delete", "/evidence/{evidence_id}"),
    ("post", "/scorecards/{scorecard_id}/submit"),
    ("put", "/scores/{score_id}/review"),
    ("put", "/scores/{score_id}/cross"),
    ("post", "/scorecards/{scorecard_id}/mark-reviewed"),
    ("post", "/scorecards/{scorecard_id}/open-objections"),
    ("post", "/seasons/{season_id}/open-objections"),
    ("post", "/scorecards/{scorecard_id}/objections"),
    ("post", "/objections/{objection_id}/answer"),
    ("post", "/scorecards/{scorecard_id}/finalize"),
    ("post", "/scorecards/{scorecard_id}/reopen"),
    ("post", "/seasons/{season_id}/exclusions"),
    ("delete", "/exclusions/{exclusion_id}"),
}


def test_api_scoring_writes_all_covered():
    schema = api.get_openapi_schema(path_prefix="")
    writes = {
        (method, path)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method != "get" and "scoring" in op.get("tags", [])
    }

    assert writes == COVERED_WRITES


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
@pytest.mark.parametrize("action", list(WRITES))
def test_api_write_permission_by_role(db, media, action, role):
    w = build_world()
    setup, call, allowed = WRITES[action]
    target = setup(w)

    response = call(_client(w, role), target)

    if role in allowed:
        assert response.status_code == allowed[role], response.content
    elif role == "anonymous":
        assert response.status_code == 401
    elif role == "other_board" or (action, role) == ("objection_answer", "member_officer"):
        # Out of scope, or another unit's objection: the same "not found" as a missing one.
        assert response.status_code == 404
    else:
        assert response.status_code == 403, response.content


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_api_exclusion_create_permission_by_role(db, media, role):
    w = build_world()

    response = _client(w, role).post(
        f"/seasons/{w.season.pk}/exclusions", {"unit_id": w.b.pk, "reason": "Kỷ luật"}
    )

    expected = {"board": 201, "anonymous": 401, "other_board": 404}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_api_cross_permission_by_role(db, media, role):
    w = build_world(mode="cross_scoring")
    row = w.score(submitted(w), "I.1")

    response = _client(w, role).put(f"/scores/{row.pk}/cross", {"points": 1})

    expected = {
        "leader_officer": 200,
        "member_officer": 200,
        "anonymous": 401,
        "other_board": 404,
    }.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_api_scorecard_read_by_role(db, media, role):
    w = build_world()
    card = w.card()

    response = _client(w, role).get(f"/scorecards/{card.pk}")

    expected = {"anonymous": 401, "other_board": 404}.get(role, 200)
    assert response.status_code == expected


def test_api_officer_cannot_patch_own_after_submit(db, media):
    w = build_world()
    card = submitted(w)

    response = _client(w, "own_officer").patch(f"/scores/{w.score(card, 'I.1').pk}", {"points": 1})

    assert response.status_code == 409
    assert response.json()["code"] == "scorecard_locked"


# Bad input: 4xx JSON, never 500 ------------------------------------------------------------------------

BAD_BODIES = [
    {"points": "abc"},
    {"points": "NaN"},
    {"points": "Infinity"},
    {"points": 1e300},
    {"points": -1},
    {"points": 31},
    {"points": "1.234"},
    {"points": [1]},
    {"points": {"a": 1}},
    {"points": True},
    {"comment": "a\x00b"},
    {"comment": "x" * 5000},
    {"comment": None},
]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_api_score_patch_bad_input_4xx(db, media, body):
    w = build_world()
    row = w.score(w.card(), "I.1")

    response = _client(w, "own_officer").patch(f"/scores/{row.pk}", body)

    assert 400 <= response.status_code < 500, response.content
    if response.status_code != 200:
        assert "code" in response.json()


@pytest.mark.parametrize("raw", [b"", b"not json", b"[]", b"null", b'"x"', b"{"])
def test_api_malformed_json_400(db, media, raw):
    w = build_world()
    card = submitted(w)

    response = _client(w, "leader_officer").put(
        f"/scores/{w.score(card, 'I.1').pk}/review", raw=raw
    )

    assert response.status_code in (400, 422)
    assert "code" in response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/scorecards/0",
        "/scorecards/99999999",
        "/scorecards/9223372036854775808",
        "/scorecards/-1",
        "/scorecards/abc",
        "/seasons/99999999/scorecards",
        "/scores/99999999/evidence",
        "/seasons/abc/objections",
    ],
)
def test_api_bad_ids_4xx(db, media, path):
    w = build_world()

    response = _client(w, "board").get(path)

    assert response.status_code in (404, 422)


@pytest.mark.parametrize(
    "body",
    [
        {"unit_id": 0, "reason": "x"},
        {"unit_id": 2**70, "reason": "x"},
        {"unit_id": "a", "reason": "x"},
        {"reason": "x"},
        {"unit_id": 1, "reason": "x", "rule_id": "R" * 30},
        {"unit_id": 1, "reason": "\x00"},
    ],
)
def test_api_exclusion_bad_input_4xx(db, media, body):
    w = build_world()
    if body.get("unit_id") == 1:
        body = {**body, "unit_id": w.b.pk}

    response = _client(w, "board").post(f"/seasons/{w.season.pk}/exclusions", body)

    assert 400 <= response.status_code < 500, response.content


def test_api_objection_criterion_of_other_covenant_404(db, media):
    w = build_world()
    other = build_world()
    card = in_objection(w)
    foreign = other.covenant.criteria.get(code="I.1")

    response = _client(w, "own_officer").post(
        f"/scorecards/{card.pk}/objections", {"criterion_id": foreign.pk, "text": "x"}
    )

    assert response.status_code == 404
    assert Objection.objects.count() == 0


# Query counts ----------------------------------------------------------------------------------------


def test_api_scorecard_list_queries_constant_for_1_and_3(db, media):
    counts = []
    for n in (1, 3):
        w = build_world()
        for _ in range(n):
            unit = UnitFactory(province=w.season.bloc.province)
            SeasonMembershipFactory(season=w.season, unit=unit)
            officer = UserFactory(role=Role.UNIT_OFFICER, unit=unit, province=unit.province)
            services.scorecard_get_or_create(actor=officer, season=w.season, unit=unit)
        api = _client(w, "board")
        with CaptureQueriesContext(connection) as ctx:
            response = api.get(f"/seasons/{w.season.pk}/scorecards")
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))

    assert counts[0] == counts[1]


def test_api_openapi_lists_scoring_paths(client, db):
    schema = json.loads(client.get("/api/v1/openapi.json").content)

    assert "/api/v1/scores/{score_id}/evidence" in schema["paths"]
    assert "multipart/form-data" in json.dumps(
        schema["paths"]["/api/v1/scores/{score_id}/evidence"]
    )
